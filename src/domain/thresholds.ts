// Thresholds of seed §5.3 / §2.1 (SPEC §7) and the pure decisions made against them.

export interface Thresholds {
  /** a health URL must answer within this */
  responseTimeMs: number;
  /** at most this share of probes answered 5xx or not at all */
  errorRatePercent: number;
  /** at least this share of probes healthy */
  availabilityPercent: number;
  cpuPercent: number;
  memoryPercent: number;
  /** latency more than this much worse than the previous release's baseline is a degradation */
  degradationPercent: number;
  /** …and more than this many milliseconds worse: below it, a change is noise (2 ms → 4 ms is +100 %) */
  degradationMinMs: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = {
  responseTimeMs: 500,
  errorRatePercent: 1,
  availabilityPercent: 99,
  cpuPercent: 80,
  memoryPercent: 80,
  degradationPercent: 50,
  degradationMinMs: 50,
};

export const DEFAULT_LOG_PATTERNS: readonly string[] = [
  '\\b500\\b',
  'Internal Server Error',
  'OperationalError',
  'could not connect to server',
  'FATAL',
  'Traceback',
];

/** Which way a threshold bounds its value. */
export type Bound = 'max' | 'min';

/** Pure: a measured value is within its threshold (max: value ≤ threshold; min: value ≥ threshold). */
export function withinThreshold(value: number, threshold: number, bound: Bound): boolean {
  return bound === 'max' ? value <= threshold : value >= threshold;
}

export interface DegradationDecision {
  degraded: boolean;
  /** the largest median latency still acceptable */
  limitMs: number;
  /** change of the median against the baseline, in percent (positive = slower) */
  changePercent: number;
}

/**
 * Pure (seed §2.1 "performances dégradées de plus de 50 %"): the current median latency is degraded when it
 * exceeds the previous release's baseline median × (1 + degradation_percent / 100) AND the baseline +
 * degradation_min_ms — on millisecond-scale latencies a percentage alone is noise (2 ms → 3.9 ms on a busy
 * 2-core machine is +95 %), while a real slowdown (a 300 ms sleep per request) clears both.
 */
export function compareToBaseline(currentMedianMs: number, baselineMedianMs: number, degradationPercent: number, degradationMinMs = 0): DegradationDecision {
  const limitMs = round1(Math.max(baselineMedianMs * (1 + degradationPercent / 100), baselineMedianMs + degradationMinMs));
  const changePercent = baselineMedianMs > 0 ? round1(((currentMedianMs - baselineMedianMs) / baselineMedianMs) * 100) : 0;
  return { degraded: currentMedianMs > limitMs, limitMs, changePercent };
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
