// A minimal Docker Engine API client over HTTP on the daemon's socket.
// Measured: requiring dockerode costs ~280 ms at start-up (grpc/ssh stack) against ~40 ms for this,
// and `versions`/`status` have a start-up budget; see README "Architecture".
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { RepriseError } from '../../domain/errors';
import { describeEndpoint, type DockerEndpoint } from './endpoint';
import { dockerRequest } from './transport';
import { CLIENT_MAX_API, CLIENT_MIN_API, compareApiVersions, isApiVersion, negotiate, overrideOf, tooNewMaximum, tooOldMinimum, type DaemonVersion, type Negotiation } from './api-version';

/** Each endpoint's unversioned `GET /version`, asked once per process (a failed ask is forgotten). */
const daemonVersions = new Map<string, Promise<DaemonVersion>>();

// which engine (DOCKER_HOST, contexts: resolveEndpoint) is endpoint.ts; how a request reaches it (unix, tcp,
// TLS, ssh) is transport.ts
export type { DockerEndpoint } from './endpoint';

export class DockerApi {
  constructor(
    private readonly endpoint: DockerEndpoint,
    private readonly timeoutMs = 30_000,
    /** DOCKER_API_VERSION, spoken as is without negotiation (like the docker CLI); null: negotiate */
    private readonly apiVersionOverride: string | null = overrideOf(process.env),
  ) {}

  /** What the daemon offers and what reprise speaks to it (for doctor); DOCKER_UNAVAILABLE when it does not answer. */
  async versions(): Promise<Negotiation> {
    return negotiate(await this.daemonVersion(), this.apiVersionOverride);
  }

  get<T>(path: string): Promise<T> {
    return this.call<T>('GET', path);
  }

  /** Raw body (for logs). */
  getRaw(path: string): Promise<Buffer> {
    return this.versioned('GET', path).then((r) => r.body);
  }

  async call<T>(method: string, path: string, json?: unknown, timeoutMs = this.timeoutMs): Promise<T> {
    const body = json === undefined ? undefined : { data: Buffer.from(JSON.stringify(json)), type: 'application/json' };
    const r = await this.versioned(method, path, body, timeoutMs);
    const text = r.body.toString('utf8');
    return (text ? JSON.parse(text) : null) as T;
  }

  /**
   * A request whose 2xx body is handed over as it arrives (exec output: Docker streams it until the command
   * ends, then closes the connection). `signal` aborts it; the request then rejects.
   */
  async stream(method: string, path: string, json: unknown, o: { timeoutMs: number; signal?: AbortSignal; onData: (chunk: Buffer) => void; headers?: Record<string, string> }): Promise<void> {
    const body = json === undefined ? undefined : { data: Buffer.from(JSON.stringify(json)), type: 'application/json' };
    await this.versioned(method, path, body, o.timeoutMs, { onData: o.onData, signal: o.signal, headers: o.headers });
  }

  /**
   * A GET whose 2xx body is handed over as a stream, not read into memory (`docker save`: GET /images/get);
   * rejects with the engine's message on any other answer.
   */
  async download(path: string, timeoutMs: number): Promise<IncomingMessage> {
    const target = `/v${await this.apiVersion()}${path}`;
    return new Promise((resolvePromise, reject) => {
      const req = dockerRequest(this.endpoint, { method: 'GET', path: target, headers: { Host: 'docker' }, timeout: timeoutMs }, (res) => {
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 300) {
          resolvePromise(res);
          return;
        }
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => reject(new DockerApiError(status, extractMessage(Buffer.concat(chunks)))));
      });
      req.on('timeout', () => req.destroy(new Error(`Docker API GET ${path} timed out`)));
      req.on('error', (e: NodeJS.ErrnoException) => reject(new RepriseError('DOCKER_UNAVAILABLE', 'dockerUnavailable', { reason: e.code ? `${e.code} ${this.describe()}` : e.message })));
      req.end();
    });
  }

  /**
   * A POST whose body is streamed from `body` as it comes (`docker load`: POST /images/load), chunked; resolves
   * with the answer's body. Memory holds a chunk at a time, whatever the size of what is sent.
   */
  async upload(path: string, body: Readable, type: string, timeoutMs: number, method: 'POST' | 'PUT' = 'POST'): Promise<Buffer> {
    const target = `/v${await this.apiVersion()}${path}`;
    return new Promise((resolvePromise, reject) => {
      const req = dockerRequest(this.endpoint, { method, path: target, headers: { Host: 'docker', 'Content-Type': type, 'Transfer-Encoding': 'chunked' }, timeout: timeoutMs }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          const payload = Buffer.concat(chunks);
          if (status >= 200 && status < 300) resolvePromise(payload);
          else reject(new DockerApiError(status, extractMessage(payload)));
        });
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new Error(`Docker API ${method} ${path} timed out`)));
      req.on('error', (e: NodeJS.ErrnoException) => reject(new RepriseError('DOCKER_UNAVAILABLE', 'dockerUnavailable', { reason: e.code ? `${e.code} ${this.describe()}` : e.message })));
      body.on('error', (e) => req.destroy(e));
      body.pipe(req);
    });
  }

  /** PUT of a tar archive (files into a container). */
  async putArchive(path: string, tar: Buffer): Promise<void> {
    await this.versioned('PUT', path, { data: tar, type: 'application/x-tar' });
  }

  /**
   * A request on the version spoken to this endpoint: `/v{version}{path}`. A daemon refusing a negotiated
   * version changed since it was asked (restarted with another range): asked again, and the request made
   * once more on the new version. A refused DOCKER_API_VERSION is one clear DOCKER_UNAVAILABLE line.
   */
  private async versioned(method: string, path: string, body?: { data: Buffer; type: string }, timeoutMs = this.timeoutMs, sink?: Sink): Promise<{ status: number; body: Buffer }> {
    const version = await this.apiVersion();
    try {
      return await this.send(method, `/v${version}${path}`, body, timeoutMs, sink);
    } catch (e) {
      const message = e instanceof DockerApiError && e.status === 400 ? e.message : '';
      const old = tooOldMinimum(message);
      const young = tooNewMaximum(message);
      if (!old && !young) throw e;
      const override = this.apiVersionOverride;
      const client = { clientMin: CLIENT_MIN_API, clientMax: CLIENT_MAX_API };
      if (override && old) throw new RepriseError('DOCKER_UNAVAILABLE', 'dockerApiTooOld', { endpoint: this.describe(), version: override, daemonMin: old.min, ...client });
      if (override && young) throw new RepriseError('DOCKER_UNAVAILABLE', 'dockerApiTooNew', { endpoint: this.describe(), version: override, daemonMax: young.max, ...client });
      daemonVersions.delete(this.describe());
      const daemon = await this.daemonVersion();
      // the bound the refusal names wins over what /version said
      const retried = negotiate({
        ApiVersion: young && (!daemon.ApiVersion || compareApiVersions(young.max, daemon.ApiVersion) < 0) ? young.max : daemon.ApiVersion,
        MinAPIVersion: old && (!daemon.MinAPIVersion || compareApiVersions(old.min, daemon.MinAPIVersion) > 0) ? old.min : daemon.MinAPIVersion,
      });
      if (!retried.ok) throw this.refusal(retried);
      return this.send(method, `/v${retried.version}${path}`, body, timeoutMs, sink);
    }
  }

  /** DOCKER_API_VERSION when set, else the version negotiated with the daemon. */
  private async apiVersion(): Promise<string> {
    const override = this.apiVersionOverride;
    if (override) {
      if (!isApiVersion(override)) throw new RepriseError('DOCKER_UNAVAILABLE', 'dockerApiVersionInvalid', { value: override });
      return override;
    }
    const n = negotiate(await this.daemonVersion());
    if (!n.ok) throw this.refusal(n);
    return n.version;
  }

  /** The daemon's unversioned `GET /version`, once per process per endpoint; a failed ask may be made again. */
  private daemonVersion(): Promise<DaemonVersion> {
    const key = this.describe();
    const known = daemonVersions.get(key);
    if (known) return known;
    const asked = this.send('GET', '/version').then((r) => JSON.parse(r.body.toString('utf8') || '{}') as DaemonVersion);
    daemonVersions.set(key, asked);
    asked.catch(() => {
      if (daemonVersions.get(key) === asked) daemonVersions.delete(key);
    });
    return asked;
  }

  /** The clear DOCKER_UNAVAILABLE error for a failed negotiation (doctor shows it as its finding). */
  refusal(n: Negotiation & { ok: false }): RepriseError {
    if (n.reason === 'invalid-override') return new RepriseError('DOCKER_UNAVAILABLE', 'dockerApiVersionInvalid', { value: n.value });
    const params = { endpoint: this.describe(), daemonMin: n.daemon.min, daemonMax: n.daemon.max, clientMin: n.client.min, clientMax: n.client.max };
    return new RepriseError('DOCKER_UNAVAILABLE', 'dockerApiNoCommonVersion', params, { daemon: n.daemon, client: n.client });
  }

  /** 304 (already stopped / already started) counts as success. With a sink, a 2xx body goes to it, not into the result. */
  private send(method: string, path: string, body?: { data: Buffer; type: string }, timeoutMs = this.timeoutMs, sink?: Sink): Promise<{ status: number; body: Buffer }> {
    return new Promise((resolvePromise, reject) => {
      // extra headers (X-Registry-Auth) travel on the socket only: never in an argument, a log or an error
      const headers: Record<string, string | number> = { Host: 'docker', ...(sink?.headers ?? {}) };
      if (body) {
        headers['Content-Type'] = body.type;
        headers['Content-Length'] = body.data.length;
      }
      const req = dockerRequest(
        this.endpoint,
        { method, path, headers, timeout: timeoutMs, ...(sink?.signal ? { signal: sink.signal } : {}) },
        (res) => {
          const chunks: Buffer[] = [];
          const streamed = sink !== undefined && (res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300;
          res.on('data', (c: Buffer) => {
            if (!streamed) return void chunks.push(c);
            try {
              sink.onData(c);
            } catch (e) {
              // the sink could not take it (a full disk under a dump): the transfer stops with its error
              reject(e);
              req.destroy();
            }
          });
          res.on('end', () => {
            const payload = Buffer.concat(chunks);
            const status = res.statusCode ?? 0;
            if ((status >= 200 && status < 300) || status === 304) resolvePromise({ status, body: payload });
            else reject(new DockerApiError(status, extractMessage(payload)));
          });
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`Docker API ${method} ${path} timed out`)));
      req.on('error', (e: NodeJS.ErrnoException) => {
        reject(new RepriseError('DOCKER_UNAVAILABLE', 'dockerUnavailable', { reason: e.code ? `${e.code} ${this.describe()}` : e.message }));
      });
      req.end(body?.data);
    });
  }

  private describe(): string {
    return describeEndpoint(this.endpoint);
  }
}

/** Where a streamed body goes (DockerApi.stream). */
interface Sink {
  onData: (chunk: Buffer) => void;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

export class DockerApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(`Docker API ${status}: ${message}`);
    this.name = 'DockerApiError';
  }
}

function extractMessage(body: Buffer): string {
  try {
    return (JSON.parse(body.toString('utf8')) as { message?: string }).message ?? body.toString('utf8');
  } catch {
    return body.toString('utf8');
  }
}
