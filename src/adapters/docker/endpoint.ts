// Which Docker engine reprise talks to, chosen exactly like the docker CLI chooses it: DOCKER_HOST wins;
// else DOCKER_CONTEXT; else the `currentContext` of the CLI configuration ($DOCKER_CONFIG/config.json,
// default ~/.docker/config.json); else unix:///var/run/docker.sock. The context "default" is DOCKER_HOST or
// that socket. A named context is the docker CLI's own store: contexts/meta/<sha256 of the name>/meta.json
// (Endpoints.docker.Host, Endpoints.docker.SkipTLSVerify) and contexts/tls/<sha256>/docker/{ca,cert,key}.pem.
//
// Reads (Engine API, transport.ts) and writes (compose, `docker stack deploy`: childEnv below) go to the
// engine resolved here. Anything reprise cannot reach (npipe://, fd://, http://, a malformed value, a
// context that does not exist or cannot be read) is one clear DOCKER_UNAVAILABLE error naming the value and
// where it came from, never a silent fall-back to the default socket while compose deploys elsewhere.
import { createHash } from 'node:crypto';
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { RepriseError } from '../../domain/errors';
import { DEFAULT_SOCKET, parseHost } from './endpoint-address';
export { DEFAULT_SOCKET } from './endpoint-address';


/** How the engine was chosen. */
export type EndpointSource = 'DOCKER_HOST' | 'DOCKER_CONTEXT' | 'currentContext' | 'default';

/** TLS towards a tcp:// engine. Paths only: key material is read by the transport, never kept here. */
export interface EndpointTls {
  /** check the server's certificate (against `ca` when given, else the system's authorities) */
  verify: boolean;
  /** the folder holding ca.pem, cert.pem and key.pem (DOCKER_CERT_PATH, or the context's tls folder) */
  dir: string | null;
  ca: string | null;
  cert: string | null;
  key: string | null;
}

export interface EndpointBase {
  /** the engine's address as DOCKER_HOST spells it (what child processes are pinned to) */
  url: string;
  source: EndpointSource;
  /** the docker context it comes from (null: DOCKER_HOST or the default) */
  context: string | null;
  /** the engine's socket is a file on this machine (its files, /proc, its data root are here) */
  local: boolean;
  /** the engine runs on another machine: not a unix socket, not a loopback address */
  remote: boolean;
  /** for messages: the address and how it was chosen; never a secret */
  description: string;
}

export interface UnixEndpoint extends EndpointBase {
  kind: 'unix';
  socketPath: string;
}

export interface TcpEndpoint extends EndpointBase {
  kind: 'tcp';
  host: string;
  port: number;
  tls: EndpointTls | null;
}

export interface SshEndpoint extends EndpointBase {
  kind: 'ssh';
  host: string;
  user: string | null;
  port: number | null;
  /** the engine's socket on the remote machine (`ssh://host/run/user/1000/docker.sock`), else its default */
  remoteSocket: string | null;
}

export type ResolvedEndpoint = UnixEndpoint | TcpEndpoint | SshEndpoint;

/** What DockerApi accepts: a resolved endpoint, or just a socket path (tests, tools). */
export type DockerEndpoint = ResolvedEndpoint | { socketPath: string };

/** The environment variables that choose the engine of a docker/compose child process. */
export const ENGINE_VARIABLES = ['DOCKER_HOST', 'DOCKER_CONTEXT', 'DOCKER_TLS_VERIFY', 'DOCKER_TLS', 'DOCKER_CERT_PATH'] as const;

/** Where a value came from, for the error that names it. */
export interface Origin {
  source: EndpointSource;
  context: string | null;
  /** e.g. "DOCKER_HOST", "context staging (/root/.docker/contexts/meta/…/meta.json)" */
  label: string;
}

/** The engine the environment points at; DOCKER_UNAVAILABLE naming the value when reprise cannot use it. */
export function resolveEndpoint(env: NodeJS.ProcessEnv): ResolvedEndpoint {
  const configDir = env.DOCKER_CONFIG || join(env.HOME || homedir(), '.docker');
  if (env.DOCKER_HOST) return parseHost(env.DOCKER_HOST, { source: 'DOCKER_HOST', context: null, label: 'DOCKER_HOST' }, () => envTls(env, configDir));
  if (env.DOCKER_CONTEXT) return fromContext(env.DOCKER_CONTEXT, 'DOCKER_CONTEXT', 'DOCKER_CONTEXT', configDir);
  const configFile = join(configDir, 'config.json');
  const current = currentContext(configFile);
  if (current) return fromContext(current, 'currentContext', `currentContext in ${configFile}`, configDir);
  return parseHost(`unix://${DEFAULT_SOCKET}`, { source: 'default', context: null, label: 'default' }, () => null);
}

/** A plain `{ socketPath }` is a local unix socket given directly. */
export function normalizeEndpoint(e: DockerEndpoint): ResolvedEndpoint {
  if ('kind' in e) return e;
  const url = `unix://${e.socketPath}`;
  return { kind: 'unix', socketPath: e.socketPath, url, source: 'default', context: null, local: true, remote: false, description: url };
}

export function describeEndpoint(e: DockerEndpoint): string {
  return normalizeEndpoint(e).description;
}

/**
 * The environment of a docker / docker-compose / `docker stack` child process, pinned to the engine reprise
 * reads: DOCKER_HOST set to it, DOCKER_CONTEXT removed (DOCKER_HOST wins over contexts anyway), and its TLS
 * spelled the way the docker CLI, compose v2 and compose v1 read it: DOCKER_TLS_VERIFY=1 + DOCKER_CERT_PATH
 * (ca.pem, cert.pem, key.pem: the names a context's tls folder uses too), or DOCKER_TLS=1 without
 * verification (compose v1 does not know DOCKER_TLS; it turns TLS on from DOCKER_CERT_PATH).
 */
export function childEnv(endpoint: ResolvedEndpoint, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...env };
  for (const k of ENGINE_VARIABLES) delete out[k];
  out.DOCKER_HOST = endpoint.url;
  if (endpoint.kind === 'tcp' && endpoint.tls) {
    if (endpoint.tls.verify) out.DOCKER_TLS_VERIFY = '1';
    else out.DOCKER_TLS = '1';
    if (endpoint.tls.dir) out.DOCKER_CERT_PATH = endpoint.tls.dir;
  }
  return out;
}

/**
 * `env` with the engine variables of `pinned` (a childEnv result) put back: for environments merged from
 * several sources (the project's env file first), so that none of them can move a child to another engine.
 */
export function withEngineOf(pinned: NodeJS.ProcessEnv, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...env };
  for (const k of ENGINE_VARIABLES) {
    if (pinned[k] === undefined) delete out[k];
    else out[k] = pinned[k];
  }
  return out;
}

// --- contexts ---

function fromContext(name: string, source: EndpointSource, named: string, configDir: string): ResolvedEndpoint {
  if (name === 'default') return parseHost(`unix://${DEFAULT_SOCKET}`, { source, context: 'default', label: named }, () => null);
  const id = createHash('sha256').update(name).digest('hex');
  const metaFile = join(configDir, 'contexts', 'meta', id, 'meta.json');
  let text: string;
  try {
    text = readFileSync(metaFile, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new RepriseError('DOCKER_UNAVAILABLE', 'dockerContextMissing', { name, origin: named, file: metaFile });
    throw unreadable(metaFile, `context ${name}`, (e as Error).message);
  }
  let meta: { Endpoints?: { docker?: { Host?: unknown; SkipTLSVerify?: unknown } } };
  try {
    meta = JSON.parse(text) as typeof meta;
  } catch {
    throw unreadable(metaFile, `context ${name}`, 'not valid JSON');
  }
  const docker = meta?.Endpoints?.docker;
  if (typeof docker?.Host !== 'string' || !docker.Host) throw unreadable(metaFile, `context ${name}`, 'no Endpoints.docker.Host');
  const origin: Origin = { source, context: name, label: `context ${name} (${metaFile})` };
  return parseHost(docker.Host, origin, () => contextTls(join(configDir, 'contexts', 'tls', id, 'docker'), docker.SkipTLSVerify === true));
}

/** config.json's currentContext; null when the file does not exist or names none. */
function currentContext(configFile: string): string | null {
  let text: string;
  try {
    text = readFileSync(configFile, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw unreadable(configFile, 'DOCKER_CONFIG', (e as Error).message);
  }
  if (!text.trim()) return null;
  let config: { currentContext?: unknown };
  try {
    config = JSON.parse(text) as typeof config;
  } catch {
    // never the parser's message: it quotes the file, which may hold registry credentials
    throw unreadable(configFile, 'DOCKER_CONFIG', 'not valid JSON');
  }
  return typeof config?.currentContext === 'string' && config.currentContext ? config.currentContext : null;
}

// --- TLS ---

/** DOCKER_TLS_VERIFY (verify) or DOCKER_TLS (no verification), with the files of DOCKER_CERT_PATH. */
function envTls(env: NodeJS.ProcessEnv, configDir: string): EndpointTls | null {
  const verify = Boolean(env.DOCKER_TLS_VERIFY);
  if (!verify && !env.DOCKER_TLS) return null;
  const dir = env.DOCKER_CERT_PATH || configDir;
  if (env.DOCKER_CERT_PATH && !isDirectory(dir)) throw unreadable(dir, 'DOCKER_CERT_PATH', 'no such folder');
  return { verify, dir, ...tlsFiles(dir, 'DOCKER_CERT_PATH') };
}

/** A context's TLS: its tls folder (any of the three files) or SkipTLSVerify; none → plain tcp. */
function contextTls(dir: string, skipVerify: boolean): EndpointTls | null {
  const files = isDirectory(dir) ? tlsFiles(dir, 'context') : { ca: null, cert: null, key: null };
  if (!files.ca && !files.cert && !skipVerify) return null;
  return { verify: !skipVerify, dir: files.ca || files.cert ? dir : null, ...files };
}

/** ca.pem when present; cert.pem and key.pem as a pair (a lone one is ignored, like the docker CLI does). */
function tlsFiles(dir: string, origin: string): Pick<EndpointTls, 'ca' | 'cert' | 'key'> {
  const present = (name: string): string | null => {
    const path = join(dir, name);
    try {
      statSync(path);
    } catch {
      return null;
    }
    try {
      accessSync(path, constants.R_OK);
    } catch (e) {
      throw unreadable(path, origin, (e as NodeJS.ErrnoException).code ?? 'not readable');
    }
    return path;
  };
  const ca = present('ca.pem');
  const cert = present('cert.pem');
  const key = present('key.pem');
  return cert && key ? { ca, cert, key } : { ca, cert: null, key: null };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function unreadable(file: string, origin: string, reason: string): RepriseError {
  return new RepriseError('DOCKER_UNAVAILABLE', 'dockerEndpointUnreadable', { file, origin, reason });
}
