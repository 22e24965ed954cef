// A Docker engine address (unix://, tcp://, ssh://) read into a resolved endpoint, or one clear
// DOCKER_UNAVAILABLE error naming the value and where it came from (endpoint.ts chooses which value).
import { RepriseError } from '../../domain/errors';
import type { EndpointBase, EndpointTls, Origin, ResolvedEndpoint } from './endpoint';

export const DEFAULT_SOCKET = '/var/run/docker.sock';

const HOST = String.raw`(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9_][A-Za-z0-9_.-]*)`;
const PORT = String.raw`(?::(\d{1,5}))?`;
const TCP = new RegExp(`^tcp://${HOST}${PORT}/?$`);
const SSH = new RegExp(String.raw`^ssh://(?:([A-Za-z0-9_][A-Za-z0-9_.-]*)@)?${HOST}${PORT}(/[A-Za-z0-9_./-]*)?$`);

/** `tlsOf`: asked for tcp:// only (TLS variables and files mean nothing to a unix socket or ssh). */
export function parseHost(raw: string, origin: Origin, tlsOf: () => EndpointTls | null): ResolvedEndpoint {
  const value = raw.trim();
  const base = (url: string, local: boolean, remote: boolean, shown: string = url): EndpointBase => ({
    url,
    source: origin.source,
    context: origin.context,
    local,
    remote,
    description: describe(origin, shown),
  });
  if (value.startsWith('unix://')) {
    const socketPath = value.slice('unix://'.length) || DEFAULT_SOCKET;
    return { kind: 'unix', socketPath, ...base(`unix://${socketPath}`, true, false) };
  }
  const tcp = TCP.exec(value);
  if (tcp) {
    const host = unbracket(tcp[1]);
    const tls = tlsOf();
    const port = portOf(tcp[2], raw, origin) ?? (tls ? 2376 : 2375);
    const url = `tcp://${tcp[1]}:${port}`;
    return { kind: 'tcp', host, port, tls, ...base(url, false, !isLoopback(host), tls ? `${url}, TLS${tls.verify ? '' : ' unverified'}` : url) };
  }
  const ssh = SSH.exec(value);
  if (ssh) {
    const [, user, rawHost, rawPort, path] = ssh;
    const host = unbracket(rawHost);
    const port = portOf(rawPort, raw, origin);
    const remoteSocket = path && path !== '/' ? path : null;
    const url = `ssh://${user ? `${user}@` : ''}${rawHost}${port !== null ? `:${port}` : ''}${remoteSocket ?? ''}`;
    return { kind: 'ssh', host, user: user ?? null, port, remoteSocket, ...base(url, false, !isLoopback(host)) };
  }
  throw unsupported(raw, origin);
}

function portOf(text: string | undefined, raw: string, origin: Origin): number | null {
  if (text === undefined) return null;
  const port = Number(text);
  if (port < 1 || port > 65535) throw unsupported(raw, origin);
  return port;
}

/** The address alone for DOCKER_HOST and the default (`source` tells them apart), else the context too. */
function describe(origin: Origin, shown: string): string {
  if (origin.source === 'default' || origin.source === 'DOCKER_HOST') return shown;
  if (origin.source === 'DOCKER_CONTEXT') return `DOCKER_CONTEXT=${origin.context} (${shown})`;
  return `context ${origin.context} (${shown})`;
}

function unbracket(host: string): string {
  return host.startsWith('[') ? host.slice(1, -1) : host;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function unsupported(raw: string, origin: Origin): RepriseError {
  // a password in the address (ssh://user:secret@host) is never repeated
  const value = raw.trim().replace(/\/\/([^/@:]*):[^/@]*@/, '//$1:***@');
  return new RepriseError('DOCKER_UNAVAILABLE', 'dockerEndpointUnsupported', { value, origin: origin.label }, { value, source: origin.source, context: origin.context });
}

