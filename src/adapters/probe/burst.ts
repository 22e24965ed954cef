// A short, bounded burst of HTTP health probes: sequential per URL, URLs in parallel.
// Used by `verify` (error rate, availability), baselines (median/p95) and `monitor`.
import { probeHttp, type ProbeResult } from './http-probe';

export interface BurstOptions {
  /** probes per URL; clamped to 1..MAX_BURST_COUNT */
  count: number;
  /** pause between two probes of one URL; at least MIN_BURST_INTERVAL_MS */
  intervalMs: number;
  /** per-probe timeout */
  timeoutMs: number;
}

export interface BurstStats {
  url: string;
  samples: number;
  /** probes that passed the health rule (2xx, JSON status not unhealthy/down/error) */
  ok: number;
  failed: number;
  /** share of probes answered with HTTP 5xx or not answered at all (refused, timeout) */
  errorRatePercent: number;
  /** share of probes that passed the health rule */
  availabilityPercent: number;
  /** latency statistics over the probes that got an HTTP answer; null when none did */
  medianMs: number | null;
  p95Ms: number | null;
  maxMs: number | null;
  /** HTTP status → count; "none" for probes without an HTTP answer */
  statuses: Record<string, number>;
}

export type ProbeFn = (url: string, timeoutMs: number) => Promise<ProbeResult>;

/** Bounds on the traffic a burst may send (per URL): total and rate. */
export const MAX_BURST_COUNT = 100;
export const MIN_BURST_INTERVAL_MS = 10;

export async function probeBurst(urls: string[], opts: BurstOptions, probe: ProbeFn = probeHttp): Promise<Map<string, BurstStats>> {
  const count = Math.min(MAX_BURST_COUNT, Math.max(1, Math.floor(opts.count)));
  const intervalMs = Math.max(MIN_BURST_INTERVAL_MS, opts.intervalMs);
  const timeoutMs = Math.max(1, opts.timeoutMs);
  const unique = [...new Set(urls)];
  const entries = await Promise.all(
    unique.map(async (url) => {
      const results: ProbeResult[] = [];
      for (let i = 0; i < count; i++) {
        if (i > 0) await sleep(intervalMs);
        results.push(await probe(url, timeoutMs));
      }
      return [url, burstStats(url, results)] as const;
    }),
  );
  return new Map(entries);
}

/** Pure: statistics of a list of probe results for one URL. */
export function burstStats(url: string, results: readonly ProbeResult[]): BurstStats {
  const samples = results.length;
  const ok = results.filter((r) => r.ok).length;
  const errors = results.filter((r) => r.status === null || r.status >= 500).length;
  const statuses: Record<string, number> = {};
  for (const r of results) {
    const k = r.status === null ? 'none' : String(r.status);
    statuses[k] = (statuses[k] ?? 0) + 1;
  }
  const latencies = results.filter((r) => r.status !== null).map((r) => r.latencyMs);
  return {
    url,
    samples,
    ok,
    failed: samples - ok,
    errorRatePercent: percent(errors, samples),
    availabilityPercent: percent(ok, samples),
    medianMs: median(latencies),
    p95Ms: percentile(latencies, 95),
    maxMs: latencies.length ? round1(Math.max(...latencies)) : null,
    statuses,
  };
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return round1(s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2);
}

/** Nearest-rank percentile (p in 0..100). */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * s.length));
  return round1(s[Math.min(s.length, rank) - 1]);
}

function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 10000) / 100;
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
