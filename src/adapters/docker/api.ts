// A minimal Docker Engine API client over HTTP on the daemon's socket.
// Measured: requiring dockerode costs ~280 ms at start-up (grpc/ssh stack) against ~40 ms for this,
// and `versions`/`status` have a start-up budget; see README "Architecture".
import { request } from 'node:http';
import { RepriseError } from '../../domain/errors';

export interface DockerEndpoint {
  socketPath?: string;
  host?: string;
  port?: number;
}

export function endpointFromEnv(env: NodeJS.ProcessEnv): DockerEndpoint {
  const h = env.DOCKER_HOST;
  if (!h) return { socketPath: '/var/run/docker.sock' };
  if (h.startsWith('unix://')) return { socketPath: h.slice('unix://'.length) };
  const m = /^tcp:\/\/([^:/]+)(?::(\d+))?/.exec(h);
  if (m) return { host: m[1], port: Number(m[2] ?? 2375) };
  return { socketPath: '/var/run/docker.sock' };
}

export class DockerApi {
  constructor(
    private readonly endpoint: DockerEndpoint,
    private readonly timeoutMs = 30_000,
  ) {}

  get<T>(path: string): Promise<T> {
    return this.call<T>('GET', path);
  }

  /** Raw body (for logs). */
  getRaw(path: string): Promise<Buffer> {
    return this.send('GET', path).then((r) => r.body);
  }

  async call<T>(method: string, path: string, json?: unknown, timeoutMs = this.timeoutMs): Promise<T> {
    const body = json === undefined ? undefined : { data: Buffer.from(JSON.stringify(json)), type: 'application/json' };
    const r = await this.send(method, path, body, timeoutMs);
    const text = r.body.toString('utf8');
    return (text ? JSON.parse(text) : null) as T;
  }

  /** PUT of a tar archive (files into a container). */
  async putArchive(path: string, tar: Buffer): Promise<void> {
    await this.send('PUT', path, { data: tar, type: 'application/x-tar' });
  }

  /** 304 (already stopped / already started) counts as success. */
  private send(method: string, path: string, body?: { data: Buffer; type: string }, timeoutMs = this.timeoutMs): Promise<{ status: number; body: Buffer }> {
    return new Promise((resolvePromise, reject) => {
      const headers: Record<string, string | number> = { Host: 'docker' };
      if (body) {
        headers['Content-Type'] = body.type;
        headers['Content-Length'] = body.data.length;
      }
      const req = request(
        { ...this.endpoint, method, path: `/v1.41${path}`, headers, timeout: timeoutMs },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
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
    return this.endpoint.socketPath ?? `${this.endpoint.host}:${this.endpoint.port}`;
  }
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
