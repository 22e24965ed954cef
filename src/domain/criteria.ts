// Rollback criteria of the seed (§2.1) over a sliding window of health samples: pure, no I/O.
//
// Rules, per health URL (each service's samples are kept apart):
// - not_answering: the last `consecutiveFailures` samples all failed WITHOUT an HTTP answer (refused,
//   timeout, container exited/restarting). Detection happens at the N-th such sample, i.e. at most
//   N × interval (+ one probe timeout) after the service stopped: 3 × 1 s + 2 s with the defaults.
// - error_rate: over the last `windowSize` samples, the share of failed ones (non-2xx, a JSON status
//   unhealthy/down/error, no answer) is above `errorRatePercent`, AND at least `consecutiveFailures`
//   samples failed, AND either the window holds `minSamples` samples or the last `consecutiveFailures`
//   all failed. With a 1 % threshold and a 20-sample window, one failure is already 5 %: the minimum
//   count is what keeps a single blip (or two) from ever rolling back.
// - latency_degradation: only with a baseline median for the URL and a full window (`windowSize`) of
//   answered samples: the window's median latency is above baseline × (1 + degradationPercent/100)
//   AND at least `minDegradationMs` above the baseline (a 2 ms → 4 ms "degradation" is noise, not a
//   100 % regression). A slow service is not an emergency the way a failing one is: a median of five
//   probes taken while the host is busy (9 ms → 68 ms for a second on a loaded 2-core machine) is not a
//   reason to roll back, a median of twenty is.
// - critical_logs: at least `logLines` lines matching the log patterns for one service within
//   `logWindowMs` (one stray line is not a reason to roll back; a stream of them is).
// The first criterion met wins; `Criteria` stays fired afterwards (it is a one-shot detector).

export type CriterionName = 'not_answering' | 'error_rate' | 'latency_degradation' | 'critical_logs';

export interface Sample {
  /** when the probe started (ms, any monotonic-enough clock) */
  at: number;
  service: string;
  url: string;
  ok: boolean;
  /** HTTP status; null when nothing answered (refused, timeout, container not running) */
  status: number | null;
  latencyMs: number;
  /** why it failed, for the detail text */
  reason?: string | null;
}

export interface LogHit {
  at: number;
  service: string;
  line: string;
  pattern: string;
}

export interface CriteriaSettings {
  consecutiveFailures: number;
  windowSize: number;
  errorRatePercent: number;
  degradationPercent: number;
  /** health URL → median latency of the baseline it is compared with; absent/null: no latency criterion */
  baselineMedianMs: Readonly<Record<string, number | null>>;
  minSamples: number;
  minDegradationMs: number;
  logLines: number;
  logWindowMs: number;
}

export const DEFAULT_CRITERIA: Omit<CriteriaSettings, 'errorRatePercent' | 'degradationPercent' | 'baselineMedianMs'> = {
  consecutiveFailures: 3,
  windowSize: 20,
  minSamples: 5,
  minDegradationMs: 50,
  logLines: 3,
  logWindowMs: 30_000,
};

export interface Finding {
  criterion: CriterionName;
  service: string;
  url: string | null;
  /** the measured value: failed probes in a row, %, ms or log lines */
  measured: number;
  threshold: number;
  unit: 'probes' | '%' | 'ms' | 'lines';
  /** English description (JSON, records); `facts` carries its figures for messages in other languages */
  detail: string;
  facts: Record<string, string | number>;
  at: number;
}

/** Condition of one service as a person would describe it; a change is worth one output line. */
export type ServiceCondition = 'ok' | 'failing' | 'slow';

export interface WindowStats {
  samples: number;
  failed: number;
  errorRatePercent: number;
  medianMs: number | null;
  streak: number;
}

interface UrlState {
  service: string;
  window: Sample[];
  /** failed samples in a row, newest last */
  streak: Sample[];
}

export function settingsWithDefaults(partial: Partial<CriteriaSettings> & Pick<CriteriaSettings, 'errorRatePercent' | 'degradationPercent'>): CriteriaSettings {
  return { ...DEFAULT_CRITERIA, baselineMedianMs: {}, ...partial };
}

export class Criteria {
  private readonly urls = new Map<string, UrlState>();
  private readonly logs: LogHit[] = [];
  private fired: Finding | null = null;

  constructor(readonly settings: CriteriaSettings) {
    if (settings.consecutiveFailures < 1 || settings.windowSize < 1) throw new Error('consecutiveFailures and windowSize must be at least 1');
  }

  get finding(): Finding | null {
    return this.fired;
  }

  /** Forgets every sample (e.g. after another operation changed the stack); keeps a finding. */
  reset(): void {
    this.urls.clear();
    this.logs.length = 0;
  }

  addSample(s: Sample): Finding | null {
    if (this.fired) return this.fired;
    let st = this.urls.get(s.url);
    if (!st) {
      st = { service: s.service, window: [], streak: [] };
      this.urls.set(s.url, st);
    }
    st.window.push(s);
    if (st.window.length > this.settings.windowSize) st.window.shift();
    if (s.ok) st.streak = [];
    else st.streak.push(s);
    this.fired = this.check(s.url, st, s.at);
    return this.fired;
  }

  addLogHits(hits: readonly LogHit[]): Finding | null {
    if (this.fired) return this.fired;
    for (const h of hits) this.logs.push(h);
    if (hits.length === 0) return null;
    const newest = Math.max(...this.logs.map((h) => h.at));
    const recent = this.logs.filter((h) => h.at > newest - this.settings.logWindowMs);
    this.logs.splice(0, this.logs.length, ...recent);
    const byService = new Map<string, LogHit[]>();
    for (const h of recent) byService.set(h.service, [...(byService.get(h.service) ?? []), h]);
    for (const [service, list] of byService) {
      if (list.length >= this.settings.logLines) {
        const last = list[list.length - 1];
        const patterns = [...new Set(list.map((h) => h.pattern))].join(', ');
        this.fired = {
          criterion: 'critical_logs',
          service,
          url: null,
          measured: list.length,
          threshold: this.settings.logLines,
          unit: 'lines',
          detail: `${list.length} log lines matching ${patterns}; last: ${truncate(last.line, 160)}`,
          facts: { lines: list.length, patterns, last: truncate(last.line, 160) },
          at: newest,
        };
        return this.fired;
      }
    }
    return null;
  }

  stats(url: string): WindowStats | null {
    const st = this.urls.get(url);
    if (!st) return null;
    const failed = st.window.filter((x) => !x.ok).length;
    return {
      samples: st.window.length,
      failed,
      errorRatePercent: percent(failed, st.window.length),
      medianMs: median(st.window.filter((x) => x.status !== null).map((x) => x.latencyMs)),
      streak: st.streak.length,
    };
  }

  /** ok / failing (its last sample failed) / slow (window median above the latency limit). */
  condition(url: string): ServiceCondition {
    const st = this.urls.get(url);
    if (!st || st.window.length === 0) return 'ok';
    if (st.streak.length > 0) return 'failing';
    const limit = this.latencyLimit(url);
    const m = this.stats(url)?.medianMs ?? null;
    return limit !== null && m !== null && m > limit ? 'slow' : 'ok';
  }

  private latencyLimit(url: string): number | null {
    const base = this.settings.baselineMedianMs[url];
    if (base === undefined || base === null || !(base > 0)) return null;
    return Math.max(base * (1 + this.settings.degradationPercent / 100), base + this.settings.minDegradationMs);
  }

  private check(url: string, st: UrlState, at: number): Finding | null {
    const s = this.settings;
    const n = s.consecutiveFailures;
    const streak = st.streak;
    const window = st.window;
    const failed = window.filter((x) => !x.ok).length;
    const rate = percent(failed, window.length);
    const lastReason = streak.length ? describe(streak[streak.length - 1]) : '';

    if (streak.length >= n && streak.slice(-n).every((x) => x.status === null)) {
      return {
        criterion: 'not_answering',
        service: st.service,
        url,
        measured: streak.length,
        threshold: n,
        unit: 'probes',
        detail: `${streak.length} failed probes in a row (${lastReason})`,
        facts: { failed: streak.length, reason: lastReason },
        at,
      };
    }
    const enough = window.length >= s.minSamples || streak.length >= n;
    if (enough && failed >= n && rate > s.errorRatePercent) {
      return {
        criterion: 'error_rate',
        service: st.service,
        url,
        measured: rate,
        threshold: s.errorRatePercent,
        unit: '%',
        detail: `${failed} of the last ${window.length} probes failed${lastReason ? ` (last: ${lastReason})` : ''}`,
        facts: { failed, samples: window.length, reason: lastReason || '-' },
        at,
      };
    }
    const limit = this.latencyLimit(url);
    const answered = window.filter((x) => x.status !== null).map((x) => x.latencyMs);
    if (limit !== null && answered.length >= Math.max(s.minSamples, s.windowSize)) {
      const m = median(answered)!;
      if (m > limit) {
        const base = s.baselineMedianMs[url]!;
        const change = Math.round(((m - base) / base) * 100);
        return {
          criterion: 'latency_degradation',
          service: st.service,
          url,
          measured: m,
          threshold: round1(limit),
          unit: 'ms',
          detail: `median ${m} ms over ${answered.length} probes vs baseline ${base} ms (+${change} %, limit +${s.degradationPercent} %)`,
          facts: { median: m, samples: answered.length, baseline: base, change, limit: s.degradationPercent },
          at,
        };
      }
    }
    return null;
  }
}

/** Feeds a whole stream (samples and log hits, in time order) and returns the first criterion met. */
export function evaluateStream(samples: readonly Sample[], logHits: readonly LogHit[], settings: CriteriaSettings): Finding | null {
  const c = new Criteria(settings);
  const events = [...samples.map((s) => ({ at: s.at, s, h: null })), ...logHits.map((h) => ({ at: h.at, s: null, h }))].sort((a, b) => a.at - b.at);
  for (const e of events) {
    const f = e.s ? c.addSample(e.s) : c.addLogHits([e.h!]);
    if (f) return f;
  }
  return null;
}

/**
 * Upper bound of the time from a service's failure to its detection (ms), with probes started on ticks
 * every `intervalMs`, at most one in flight per URL: up to one interval until the first failing probe
 * starts, N - 1 more probe starts (a hanging probe delays the next one to the tick after its timeout),
 * and the last probe's timeout. Defaults: 1 s + 2 × 2 s + 2 s = 7 s; a refused connection or an exited
 * container (no timeout to wait for) is seen in 1 s + 2 × 1 s = 3 s.
 */
export function detectionBoundMs(intervalMs: number, consecutiveFailures: number, probeTimeoutMs: number): number {
  const stride = Math.max(intervalMs, Math.ceil(probeTimeoutMs / intervalMs) * intervalMs);
  return intervalMs + (consecutiveFailures - 1) * stride + probeTimeoutMs;
}

export function describe(s: Sample): string {
  if (s.reason) return s.reason;
  return s.status === null ? 'no answer' : `HTTP ${s.status}`;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const v = [...values].sort((a, b) => a - b);
  const mid = Math.floor(v.length / 2);
  return round1(v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2);
}

function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 10000) / 100;
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

function truncate(s: string, n: number): string {
  const t = s.trim();
  return t.length > n ? `${t.slice(0, n - 1)}…` : t;
}
