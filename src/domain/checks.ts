// Pure: the checks of `reprise verify` (seed §3.3), each built from measured values and the thresholds.
import { compareToBaseline, withinThreshold, type Bound, type Thresholds } from './thresholds';

export type CheckId =
  | 'service_running'
  | 'health_url'
  | 'log_errors'
  | 'error_rate'
  | 'availability'
  | 'cpu'
  | 'memory'
  | 'latency_degradation';

export interface Check {
  id: CheckId;
  /** compose service the check is about */
  service?: string;
  ok: boolean;
  /** the measured value (ms, %, line count) or a state */
  value: number | string | null;
  unit?: 'ms' | '%' | 'lines';
  threshold?: number;
  /** max: value must be ≤ threshold; min: value must be ≥ threshold */
  bound?: Bound;
  /** technical detail (URL, container, reason, first matching line): not translated */
  detail: string;
  /** nothing to measure against (e.g. no baseline yet): counts as passed */
  skipped?: boolean;
}

/** What the service check needs to know about a container. */
export interface ContainerView {
  name: string;
  state: string;
  health: 'healthy' | 'unhealthy' | 'starting' | null;
  exitCode: number | null;
  restartCount: number;
}

/** (a) a long-running service is running and not unhealthy/starting; a one-shot exited 0. */
export function serviceCheck(service: string, oneShot: boolean, c: ContainerView | null): Check {
  if (!c) return { id: 'service_running', service, ok: false, value: 'missing', detail: 'no container' };
  if (oneShot) {
    const ok = c.state === 'exited' && c.exitCode === 0;
    const value = c.exitCode !== null ? `${c.state} (${c.exitCode})` : c.state;
    return { id: 'service_running', service, ok, value, detail: c.name };
  }
  const ok = c.state === 'running' && (c.health === 'healthy' || c.health === null);
  const value = c.state === 'running' ? (c.health ? `running, ${c.health}` : 'running') : c.exitCode !== null ? `${c.state} (${c.exitCode})` : c.state;
  const restarts = c.restartCount > 0 ? `, ${c.restartCount} restarts` : '';
  return { id: 'service_running', service, ok, value, detail: `${c.name}${restarts}` };
}

/** What one health probe measured. */
export interface ProbeView {
  url: string;
  ok: boolean;
  status: number | null;
  latencyMs: number;
  reason: string | null;
}

/**
 * (b) the health URL passes the health rule (one probe), and answers within the response time threshold.
 * `latencyMs` is the typical response time (the median of a burst) when known, else the probe's own.
 */
export function healthUrlCheck(service: string, p: ProbeView, t: Thresholds, latencyMs: number | null = null): Check {
  const value = latencyMs ?? p.latencyMs;
  const fast = withinThreshold(value, t.responseTimeMs, 'max');
  const detail = !p.ok ? `${p.url}: ${p.reason ?? 'failed'}` : fast ? `${p.url}: HTTP ${p.status}` : `${p.url}: HTTP ${p.status}, too slow`;
  return { id: 'health_url', service, ok: p.ok && fast, value, unit: 'ms', threshold: t.responseTimeMs, bound: 'max', detail };
}

/** (c) no critical line in a service's logs. */
export function logCheck(service: string, hits: ReadonlyArray<{ line: string; pattern: string }>, since: string): Check {
  const first = hits[0];
  const detail = first ? `/${first.pattern}/: ${first.line}` : `since ${since}`;
  return { id: 'log_errors', service, ok: hits.length === 0, value: hits.length, unit: 'lines', threshold: 0, bound: 'max', detail };
}

/** What a probe burst measured. */
export interface BurstView {
  url: string;
  samples: number;
  errorRatePercent: number;
  availabilityPercent: number;
  statuses: Record<string, number>;
}

/** (d) error rate and availability over a burst. */
export function burstChecks(service: string, b: BurstView, t: Thresholds): Check[] {
  const statuses = Object.entries(b.statuses)
    .map(([k, n]) => `${k}×${n}`)
    .join(' ');
  const detail = `${b.url}: ${b.samples} probes (${statuses})`;
  return [
    { id: 'error_rate', service, ok: withinThreshold(b.errorRatePercent, t.errorRatePercent, 'max'), value: b.errorRatePercent, unit: '%', threshold: t.errorRatePercent, bound: 'max', detail },
    { id: 'availability', service, ok: withinThreshold(b.availabilityPercent, t.availabilityPercent, 'min'), value: b.availabilityPercent, unit: '%', threshold: t.availabilityPercent, bound: 'min', detail },
  ];
}

/** (e) CPU and memory of one container. */
export function resourceChecks(service: string, container: string, u: { cpuPercent: number; memoryPercent: number; memoryBytes: number }, t: Thresholds): Check[] {
  const mib = Math.round((u.memoryBytes / 1048576) * 10) / 10;
  return [
    { id: 'cpu', service, ok: withinThreshold(u.cpuPercent, t.cpuPercent, 'max'), value: u.cpuPercent, unit: '%', threshold: t.cpuPercent, bound: 'max', detail: container },
    { id: 'memory', service, ok: withinThreshold(u.memoryPercent, t.memoryPercent, 'max'), value: u.memoryPercent, unit: '%', threshold: t.memoryPercent, bound: 'max', detail: `${container}: ${mib} MiB` },
  ];
}

/** (f) median latency against the previous release's baseline; skipped when either is missing. */
export function degradationCheck(
  service: string,
  url: string,
  currentMedianMs: number | null,
  baseline: { medianMs: number; version: string } | null,
  t: Thresholds,
): Check {
  if (currentMedianMs === null || !baseline) {
    const why = !baseline ? 'no baseline of a previous release' : 'no answer to measure';
    return { id: 'latency_degradation', service, ok: true, skipped: true, value: currentMedianMs, unit: 'ms', detail: `${url}: ${why}` };
  }
  const d = compareToBaseline(currentMedianMs, baseline.medianMs, t.degradationPercent, t.degradationMinMs);
  const sign = d.changePercent >= 0 ? '+' : '';
  return {
    id: 'latency_degradation',
    service,
    ok: !d.degraded,
    value: currentMedianMs,
    unit: 'ms',
    threshold: d.limitMs,
    bound: 'max',
    detail: `${url}: median ${currentMedianMs} ms vs ${baseline.medianMs} ms on ${baseline.version} (${sign}${d.changePercent} %)`,
  };
}

export function allPassed(checks: readonly Check[]): boolean {
  return checks.every((c) => c.ok);
}
