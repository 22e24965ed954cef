// How one HTTP request reaches a resolved Docker endpoint (endpoint.ts): a unix socket, plain tcp, https with
// the CA / client certificate / key of DOCKER_CERT_PATH or of the context (rejectUnauthorized per the verify
// setting), or ssh like the docker CLI does it (ssh-connection.ts: `ssh … docker system dial-stdio`, HTTP
// over its stdin/stdout). node:https and the ssh code are loaded only for an endpoint that needs them: the
// read-only commands have a start-up budget and most engines are a unix socket.
//
// Connections are kept alive and reused. Measured against one ssh per request: an ssh handshake plus the
// remote `docker system dial-stdio` start costs 100-300 ms while the health gate polls the API several times
// per second, so a request per ssh would spend its time connecting. The cost of reuse is an idle connection:
// like every keep-alive socket of node's Agent, an idle one is unref()'d — for ssh, the child and its three
// pipes too — so it never keeps the process alive (the CLI ends when its event loop is empty); an idle ssh is
// closed after SSH_IDLE_MS, and every ssh still running is killed when the process exits. A failed or
// timed-out request destroys its connection, which ends its ssh. At most SSH_MAX_CONNECTIONS run at once
// (more concurrent requests wait for a free one): a burst of reads does not start a burst of ssh sessions.
import { readFileSync } from 'node:fs';
import { Agent, request as httpRequest, type ClientRequest, type ClientRequestArgs, type IncomingMessage, type RequestOptions } from 'node:http';
import { isIP } from 'node:net';
import type { Duplex } from 'node:stream';
import { normalizeEndpoint, type DockerEndpoint, type SshEndpoint, type TcpEndpoint } from './endpoint';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const https = (): typeof import('node:https') => require('node:https') as typeof import('node:https');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ssh = (): typeof import('./ssh-connection') => require('./ssh-connection') as typeof import('./ssh-connection');

/** An idle ssh connection is closed after this long. */
export const SSH_IDLE_MS = 15_000;
/** ssh connections to one endpoint at the same time. */
export const SSH_MAX_CONNECTIONS = 4;

/** One agent per TLS endpoint (its certificates) and per ssh endpoint, for the life of the process. */
const agents = new Map<string, Agent>();

/** An HTTP request to the endpoint; `options` carries method, path, headers and timeout. */
export function dockerRequest(endpoint: DockerEndpoint, options: RequestOptions, onResponse: (res: IncomingMessage) => void): ClientRequest {
  const e = normalizeEndpoint(endpoint);
  if (e.kind === 'unix') return httpRequest({ ...options, socketPath: e.socketPath }, onResponse);
  if (e.kind === 'ssh') return httpRequest({ ...options, agent: sshAgent(e) }, onResponse);
  if (!e.tls) return httpRequest({ ...options, host: e.host, port: e.port }, onResponse);
  // servername: the certificate is checked against the engine's name, not the Host header's "docker";
  // an IP address is checked as such (no SNI for an IP)
  return https().request({ ...options, host: e.host, port: e.port, servername: isIP(e.host) ? '' : e.host, agent: tlsAgent(e) }, onResponse);
}

/** Closes every kept connection (and so every idle ssh); the next request opens new ones. */
export function closeConnections(): void {
  for (const a of agents.values()) a.destroy();
  agents.clear();
}

function tlsAgent(e: TcpEndpoint): Agent {
  const tls = e.tls!;
  const key = JSON.stringify(['tls', e.host, e.port, tls.verify, tls.ca, tls.cert, tls.key]);
  let agent = agents.get(key);
  if (!agent) {
    // read when first used; only the paths are kept anywhere else (never in a message)
    agent = new (https().Agent)({
      keepAlive: true,
      rejectUnauthorized: tls.verify,
      ...(tls.ca ? { ca: readFileSync(tls.ca) } : {}),
      ...(tls.cert && tls.key ? { cert: readFileSync(tls.cert), key: readFileSync(tls.key) } : {}),
    });
    agents.set(key, agent);
  }
  return agent;
}

function sshAgent(e: SshEndpoint): Agent {
  const key = JSON.stringify(['ssh', e.url]);
  let agent = agents.get(key);
  if (!agent) {
    // `timeout`: how long a free (idle) connection is kept; a request's own timeout replaces it while it runs
    agent = new Agent({ keepAlive: true, maxSockets: SSH_MAX_CONNECTIONS, maxFreeSockets: SSH_MAX_CONNECTIONS, timeout: SSH_IDLE_MS });
    agent.createConnection = (options: ClientRequestArgs): Duplex => {
      const c = new (ssh().SshConnection)(e);
      if (options.timeout) c.setTimeout(options.timeout);
      return c;
    };
    agents.set(key, agent);
  }
  return agent;
}
