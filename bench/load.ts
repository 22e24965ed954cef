// A bounded HTTP load on 127.0.0.1 for zero-downtime measurements (bench/rollback and the start-first
// integration test): a fixed request rate to a set of URLs for as long as it runs, with a hard cap on the
// request count; records each answer's time, status and latency.
import { request } from 'node:http';

export interface LoadSample {
  /** ms since the load started, when the request was sent */
  at: number;
  ok: boolean;
  status: number | null;
  latencyMs: number;
  error: string | null;
}

export interface LoadReport {
  requests: number;
  failed: number;
  /** longest time (ms) between two successful answers (or start/end and the nearest one) */
  longestGapMs: number;
  p50Ms: number;
  p99Ms: number;
  durationMs: number;
  /** first failures, for diagnostics */
  errors: string[];
}

export interface Load {
  stop(): Promise<LoadReport>;
  samples: LoadSample[];
}

function hit(url: string, timeoutMs: number): Promise<{ status: number | null; error: string | null }> {
  const u = new URL(url);
  if (u.hostname !== '127.0.0.1') throw new Error(`load only goes to 127.0.0.1 (${url})`);
  return new Promise((resolve) => {
    // a fresh connection per request (agent: false): a closed upstream shows up at once
    const req = request({ host: u.hostname, port: u.port, path: u.pathname + u.search, agent: false, timeout: timeoutMs }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? null, error: null }));
      res.on('error', (e) => resolve({ status: res.statusCode ?? null, error: e.message }));
    });
    req.on('timeout', () => req.destroy(new Error(`timeout after ${timeoutMs} ms`)));
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ status: null, error: e.code ?? e.message }));
    req.end();
  });
}

const percentile = (xs: number[], p: number): number => {
  if (xs.length === 0) return 0;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

export function summarise(samples: LoadSample[], durationMs: number): LoadReport {
  const done = samples.filter((s) => s.latencyMs >= 0);
  const okTimes = done.filter((s) => s.ok).map((s) => s.at + s.latencyMs).sort((a, b) => a - b);
  let gap = 0;
  let prev = 0;
  for (const t of okTimes) {
    gap = Math.max(gap, t - prev);
    prev = t;
  }
  gap = Math.max(gap, durationMs - prev);
  const failed = done.filter((s) => !s.ok);
  return {
    requests: done.length,
    failed: failed.length,
    longestGapMs: Math.round(gap),
    p50Ms: Math.round(percentile(done.map((s) => s.latencyMs), 50) * 10) / 10,
    p99Ms: Math.round(percentile(done.map((s) => s.latencyMs), 99) * 10) / 10,
    durationMs: Math.round(durationMs),
    errors: failed.slice(0, 5).map((s) => `+${Math.round(s.at)} ms: ${s.error ?? `HTTP ${s.status}`}`),
  };
}

/**
 * Starts `rate` requests per second, round-robin over `urls` (127.0.0.1 only), each bounded by
 * `timeoutMs`, at most `maxRequests` in all; `stop()` waits for the requests in flight.
 */
export function startLoad(urls: string[], rate = 50, opts: { timeoutMs?: number; maxRequests?: number } = {}): Load {
  const timeoutMs = opts.timeoutMs ?? 5000;
  const max = opts.maxRequests ?? 50_000;
  const samples: LoadSample[] = [];
  const pending = new Set<Promise<void>>();
  const t0 = performance.now();
  let sent = 0;
  const fire = (): void => {
    if (sent >= max) return;
    const url = urls[sent % urls.length];
    sent++;
    const sample: LoadSample = { at: performance.now() - t0, ok: false, status: null, latencyMs: -1, error: null };
    samples.push(sample);
    const p = hit(url, timeoutMs).then((r) => {
      sample.latencyMs = performance.now() - t0 - sample.at;
      sample.status = r.status;
      sample.error = r.error;
      sample.ok = r.error === null && r.status !== null && r.status >= 200 && r.status < 400;
    });
    pending.add(p);
    void p.finally(() => pending.delete(p));
  };
  const timer = setInterval(fire, 1000 / rate);
  fire();
  return {
    samples,
    async stop(): Promise<LoadReport> {
      clearInterval(timer);
      await Promise.all([...pending]);
      return summarise(samples, performance.now() - t0);
    },
  };
}
