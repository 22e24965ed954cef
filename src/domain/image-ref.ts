// An image repository's name read as Docker reads it: which registry it lives on, and its path there.
//   127.0.0.1:5000/rit/api → registry 127.0.0.1:5000, path rit/api
//   ghcr.io/org/api        → registry ghcr.io,        path org/api
//   recyclic-api           → Docker Hub (null),       path library/recyclic-api

export interface RepositoryParts {
  /** the registry's host (with its port when written), null for Docker Hub */
  registry: string | null;
  /** the repository's path on that registry */
  path: string;
}

/** Names Docker gives Docker Hub itself: an image written with them is a Hub image. */
const DOCKER_HUB = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

/** Where Docker Hub's Registry API answers (a null registry); its credentials are filed under `docker.io`'s. */
export const DOCKER_HUB_API_HOST = 'registry-1.docker.io';

/**
 * Docker's rule (distribution's `splitDockerDomain`): the first `/`-separated component is a registry host
 * when it holds a `.` or a `:`, is `localhost`, or has an upper-case letter (a path component never has);
 * otherwise the name is on Docker Hub, where a name without `/` is an official image under `library/`.
 */
export function splitRepository(repository: string): RepositoryParts {
  const slash = repository.indexOf('/');
  const first = slash === -1 ? '' : repository.slice(0, slash);
  const isHost = slash !== -1 && (/[.:]/.test(first) || first === 'localhost' || first !== first.toLowerCase());
  if (isHost && !DOCKER_HUB.has(first)) return { registry: first, path: repository.slice(slash + 1) };
  const path = isHost ? repository.slice(slash + 1) : repository;
  return { registry: null, path: path.includes('/') ? path : `library/${path}` };
}

/** A host and its optional port: `[::1]:5000`, `::1`, `127.0.0.1:5000`, `localhost`. */
export function splitHostPort(host: string): { hostname: string; port: string | null } {
  const bracketed = /^\[([^\]]*)\](?::(\d*))?$/.exec(host);
  if (bracketed) return { hostname: bracketed[1], port: bracketed[2] ?? null };
  const colons = host.split(':').length - 1;
  if (colons !== 1) return { hostname: host, port: null }; // a name, an IPv4 address, or a bare IPv6 one
  const [hostname, port] = host.split(':');
  return { hostname, port };
}

/**
 * A registry on this machine's loopback: `localhost`, 127.0.0.0/8 or `::1`, with or without a port. Docker
 * treats 127.0.0.0/8 as an insecure registry by default (plain http allowed).
 */
export function isLoopbackRegistry(host: string): boolean {
  const name = splitHostPort(host.trim()).hostname.toLowerCase();
  if (name === 'localhost' || name === '::1' || name === '0:0:0:0:0:0:0:1') return true;
  const v4 = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(name);
  return v4 !== null && v4.slice(1).every((n) => Number(n) <= 255);
}

/** A repository path as the registry API accepts it: lower-case components joined by `/` (distribution's grammar). */
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;

export function isValidRepositoryPath(path: string): boolean {
  return path.length > 0 && path.length <= 255 && path.split('/').every((c) => PATH_COMPONENT.test(c));
}

/** A tag (`1.4.2`, `latest`) or a digest (`sha256:…`): what may follow a repository's path in a manifest URL. */
export function isValidReference(reference: string): boolean {
  return /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(reference) || /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-fA-F0-9]{32,}$/.test(reference);
}
