// monitor / deploy --watch: samples every versioned service's health at the health interval, feeds the
// rollback criteria (domain/criteria.ts) and, when one is met, reports it or rolls back (trigger auto).
//
// Traffic is bounded: at most one probe in flight per health URL, a probe timeout of min(2 s, 2 × interval),
// at most ceil(duration / interval) probes per URL, only to the URLs the operator configured (127.0.0.1 in
// the demo). A container that is not running is not probed: it counts as a sample without an answer.
// The watch never holds the project lock (the rollback takes it); while another live operation or a manual
// lock (`reprise lock acquire`) holds it, sampling pauses and starts afresh when it is released.
import { isHolderDead } from '../adapters/store';
import { probeHttp, type ProbeResult } from '../adapters/probe/http-probe';
import { Criteria, DEFAULT_CRITERIA, describe, type CriteriaSettings, type Finding, type LogHit, type Sample, type ServiceCondition } from '../domain/criteria';
import { RepriseError } from '../domain/errors';
import { t, type MessageKey } from '../domain/messages';
import type { ServiceContainer } from '../engines/engine';
import { say, warn, type OpContext } from '../release/context';
import { scanLogs } from '../release/verify/log-scan';
import { resolveState } from '../release/resolve/resolve';

export interface WatchOptions {
  durationMs: number;
  autoRollback: boolean;
  signal?: AbortSignal;
  /** tests: replaces the HTTP probe */
  probe?: (url: string, timeoutMs: number) => Promise<ProbeResult>;
  /** tests: period of the log scan (default 5 s) */
  logScanMs?: number;
}

export interface WatchResult {
  ok: boolean;
  project: string;
  version: string | null;
  durationMs: number;
  samples: number;
  /** why the watch ended */
  stoppedBy: 'duration' | 'signal' | 'criterion';
  criterion: (Finding & { text: string }) | null;
  rolledBack: { version: string; releaseId: number | null } | null;
  /** when ok is false: what failed (criterion met, or the rollback that followed it) */
  error?: { code: string; message: string; details?: Record<string, unknown> };
}

export const LOG_SCAN_MS = 5000;
const LOG_MAX_LINES = 2000;

interface Target {
  service: string;
  /** the health URL, or `container:<service>` when the service has none (container state only) */
  key: string;
  url: string | null;
}

/** Probe timeout: at most 2 s, at most two intervals. */
export function probeTimeoutMs(intervalMs: number): number {
  return Math.max(100, Math.min(2000, intervalMs * 2));
}

function criteriaSettings(ctx: OpContext, baselines: Record<string, number | null>): CriteriaSettings {
  const th = ctx.project.thresholds;
  return {
    ...DEFAULT_CRITERIA,
    errorRatePercent: th.errorRatePercent,
    degradationPercent: th.degradationPercent,
    baselineMedianMs: baselines,
    // a log burst counts within a window of at least 30 s, longer with a slow interval
    logWindowMs: Math.max(DEFAULT_CRITERIA.logWindowMs, ctx.project.health.intervalMs * DEFAULT_CRITERIA.windowSize),
  };
}

/** Baseline of each URL: the one recorded before the release that put `version` in place (seed §2.1). */
function baselinesFor(ctx: OpContext, version: string | null, targets: Target[]): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  const releases = ctx.store.listReleases(ctx.project.name);
  const rel = releases.filter((r) => r.version === version && r.outcome === 'success').sort((a, b) => b.id - a.id)[0];
  for (const tg of targets) {
    if (!tg.url) continue;
    out[tg.url] = rel ? (ctx.store.previousBaseline(ctx.project.name, tg.url, rel.id)?.medianMs ?? null) : null;
  }
  return out;
}

export function criterionText(ctx: Pick<OpContext, 'lang'>, f: Finding): string {
  const name = t(ctx.lang, `criterion_${f.criterion}` as MessageKey);
  const detail = t(ctx.lang, `detail_${f.criterion}` as MessageKey, f.facts);
  const unit = f.unit === 'probes' || f.unit === 'lines' ? '' : ` ${f.unit}`;
  return t(ctx.lang, 'monitorCriterion', { criterion: name, service: f.service, measured: f.measured, threshold: f.threshold, unit, detail });
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, Math.max(0, ms));
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

export async function watch(ctx: OpContext, opts: WatchOptions): Promise<WatchResult> {
  const intervalMs = Math.max(50, ctx.project.health.intervalMs);
  const timeoutMs = probeTimeoutMs(intervalMs);
  const probe = opts.probe ?? probeHttp;
  const logScanMs = opts.logScanMs ?? LOG_SCAN_MS;
  const maxProbes = Math.max(1, Math.ceil(opts.durationMs / intervalMs));
  const clock = (): number => ctx.now().getTime();

  const state = await resolveState(ctx);
  if (!state.current && !state.mixed) throw new RepriseError('NO_CURRENT_VERSION', 'noCurrentVersion');
  let version = state.current ?? state.runningVersions.join('+');
  const targets: Target[] = ctx.project.versioned
    .filter((s) => !s.oneShot)
    .map((s) => ({ service: s.name, url: s.healthUrl, key: s.healthUrl ?? `container:${s.name}` }));

  let criteria = new Criteria(criteriaSettings(ctx, baselinesFor(ctx, state.current, targets)));
  const started = clock();
  say(ctx, 'monitorStarted', {
    project: ctx.project.name,
    version,
    seconds: Math.round(opts.durationMs / 100) / 10,
    interval: intervalMs,
    services: targets.map((x) => (x.url ? `${x.service} (${x.url})` : x.service)),
  });

  // Wakes the tick loop early: a criterion was met, or the caller aborted.
  const wake = new AbortController();
  const onAbort = (): void => wake.abort();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  if (opts.signal?.aborted) wake.abort();

  const sent = new Map<string, number>();
  const inFlight = new Set<string>();
  const conditions = new Map<string, ServiceCondition>();
  let samples = 0;
  let paused = false;
  let epoch = 0; // bumps when sampling restarts: late answers of an older epoch are dropped
  let finding: Finding | null = null;
  // per container: the moment its logs are read from, and how many matching lines of that read were already seen
  const logCursor = new Map<string, { since: Date; seen: number }>();
  let lastLogScan = started;
  let logScanBusy = false;

  const offset = (): string => `+${((clock() - started) / 1000).toFixed(1)}s`;

  const feed = (s: Sample, ep: number): void => {
    if (ep !== epoch || finding || paused) return;
    samples++;
    const f = criteria.addSample(s);
    const now = criteria.condition(s.url);
    const before = conditions.get(s.url) ?? 'ok';
    if (now !== before && !f) {
      conditions.set(s.url, now);
      const st = criteria.stats(s.url);
      if (now === 'failing') say(ctx, 'monitorFailing', { at: offset(), service: s.service, reason: describe(s) });
      else if (now === 'slow') say(ctx, 'monitorSlow', { at: offset(), service: s.service, median: st?.medianMs ?? '-' });
      else say(ctx, 'monitorRecovered', { at: offset(), service: s.service });
    }
    if (f) {
      finding = f;
      wake.abort();
    }
  };

  const scanTheLogs = async (containers: ServiceContainer[], ep: number): Promise<void> => {
    if (logScanBusy || ctx.project.logPatterns.length === 0) return;
    logScanBusy = true;
    lastLogScan = clock();
    try {
      const hits: LogHit[] = [];
      const at = clock();
      for (const tg of targets) {
        const c = containers.find((x) => x.service === tg.service && x.state === 'running');
        if (!c) continue;
        // Docker's `since` has a one-second granularity: read from the cursor, skip the matches already
        // seen, then move the cursor to now and count the matches of its (partial) second as seen. A line
        // written between the two reads may be missed, never counted twice.
        const cur = logCursor.get(c.id) ?? { since: new Date(started), seen: 0 };
        const found = await scanLogs(ctx.engine, [{ name: tg.service, containerId: c.id }], cur.since, ctx.project.logPatterns, LOG_MAX_LINES);
        for (const h of found.slice(cur.seen)) hits.push({ at, service: h.service, line: h.line, pattern: h.pattern });
        const since = ctx.now();
        const seen = (await scanLogs(ctx.engine, [{ name: tg.service, containerId: c.id }], since, ctx.project.logPatterns, LOG_MAX_LINES)).length;
        logCursor.set(c.id, { since, seen });
      }
      if (ep !== epoch || finding || paused || hits.length === 0) return;
      for (const h of hits) say(ctx, 'monitorLogLine', { at: offset(), service: h.service, line: h.line.slice(0, 200) });
      const f = criteria.addLogHits(hits);
      if (f) {
        finding = f;
        wake.abort();
      }
    } catch (e) {
      warn(ctx, 'monitorReadFailed', { what: 'logs', reason: (e as Error).message });
    } finally {
      logScanBusy = false;
    }
  };

  const sampleTarget = (tg: Target, c: ServiceContainer | undefined, known: boolean, ep: number): void => {
    const at = clock();
    if (known && !c) {
      feed({ at, service: tg.service, url: tg.key, ok: false, status: null, latencyMs: 0, reason: 'container not running' }, ep);
      return;
    }
    const unhealthy = c?.health === 'unhealthy';
    if (!tg.url) {
      feed({ at, service: tg.service, url: tg.key, ok: !unhealthy, status: null, latencyMs: 0, reason: unhealthy ? 'Docker healthcheck: unhealthy' : null }, ep);
      return;
    }
    const url = tg.url;
    if (inFlight.has(url) || (sent.get(url) ?? 0) >= maxProbes) return;
    inFlight.add(url);
    sent.set(url, (sent.get(url) ?? 0) + 1);
    void probe(url, timeoutMs)
      .then(
        (r) => {
          const ok = r.ok && !unhealthy;
          const reason = r.ok && unhealthy ? 'Docker healthcheck: unhealthy' : r.reason;
          feed({ at, service: tg.service, url, ok, status: r.status, latencyMs: r.latencyMs, reason }, ep);
        },
        (e: unknown) => feed({ at, service: tg.service, url, ok: false, status: null, latencyMs: 0, reason: (e as Error).message }, ep),
      )
      .finally(() => inFlight.delete(url));
  };

  let containersBusy = false;
  const tick = async (): Promise<void> => {
    // another live operation (deploy, rollback) is changing the stack, or someone holds the lock by hand
    // (`reprise lock acquire`, maintenance): do not judge the stack meanwhile, never fight the lock
    const holder = ctx.store.getLock(ctx.project.name);
    const busy = Boolean(holder && holder.pid !== ctx.pid && (holder.pid === null || !isHolderDead(holder, ctx.host)));
    if (busy && !paused) {
      paused = true;
      epoch++;
      if (holder!.pid === null) say(ctx, 'monitorPausedManual', { at: offset(), user: holder!.user, host: holder!.host, message: holder!.message ? ` — "${holder!.message}"` : '' });
      else say(ctx, 'monitorPaused', { at: offset(), holder: holder!.command, pid: holder!.pid });
    }
    if (paused && !busy) {
      paused = false;
      epoch++;
      const s = await resolveState(ctx);
      version = s.current ?? s.runningVersions.join('+');
      criteria = new Criteria(criteriaSettings(ctx, baselinesFor(ctx, s.current, targets)));
      conditions.clear();
      say(ctx, 'monitorResumed', { at: offset(), version });
    }
    if (paused || containersBusy) return;
    const ep = epoch;
    containersBusy = true;
    let containers: ServiceContainer[] | null = null;
    try {
      containers = await ctx.engine.containers();
    } catch (e) {
      warn(ctx, 'monitorReadFailed', { what: 'containers', reason: (e as Error).message });
    } finally {
      containersBusy = false;
    }
    if (ep !== epoch || finding) return;
    for (const tg of targets) {
      const c = containers?.find((x) => x.service === tg.service && x.state === 'running');
      sampleTarget(tg, c, containers !== null, ep);
    }
    if (containers && clock() - lastLogScan >= logScanMs) void scanTheLogs(containers, ep);
  };

  const deadline = started + opts.durationMs;
  let n = 0;
  try {
    while (!finding && !wake.signal.aborted && clock() < deadline) {
      await tick();
      n++;
      const next = Math.min(deadline, started + n * intervalMs);
      await sleep(next - clock(), wake.signal);
    }
    // a last log scan covers the end of the period
    if (!finding && !wake.signal.aborted && !paused) {
      const containers = await ctx.engine.containers().catch(() => null);
      if (containers) await scanTheLogs(containers, epoch);
    }
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
  }

  const durationMs = clock() - started;
  const base = { project: ctx.project.name, version, durationMs, samples };
  const met = finding as Finding | null;
  if (!met) {
    const stoppedBy = opts.signal?.aborted ? 'signal' : 'duration';
    say(ctx, stoppedBy === 'signal' ? 'monitorStopped' : 'monitorPassed', { seconds: (durationMs / 1000).toFixed(1), samples });
    return { ok: true, ...base, stoppedBy, criterion: null, rolledBack: null };
  }

  const text = criterionText(ctx, met);
  ctx.out.line(`✗ ${offset()} ${text}`);
  const criterion = { ...met, text };
  const stopped = (rolledBack: WatchResult['rolledBack'], error: NonNullable<WatchResult['error']>): WatchResult => ({
    ok: false,
    ...base,
    stoppedBy: 'criterion',
    criterion,
    rolledBack,
    error,
  });
  if (!opts.autoRollback) {
    return stopped(null, { code: 'HEALTH_CHECK_FAILED', message: t(ctx.lang, 'monitorCriterionMet', { criterion: text }), details: { criterion } });
  }

  say(ctx, 'monitorRollingBack');
  try {
    const { rollback } = await import('./rollback');
    const r = await rollback(ctx, { yes: true, reason: text, trigger: 'auto' });
    const message = t(ctx.lang, 'monitorRolledBack', { version: r.version, criterion: text });
    ctx.out.line(message);
    const rolledBack = { version: r.version, releaseId: r.releaseId };
    return stopped(rolledBack, { code: 'HEALTH_CHECK_FAILED', message, details: { criterion, rolledBack } });
  } catch (e) {
    const code = e instanceof RepriseError ? e.code : 'OPERATION_FAILED';
    const reason = e instanceof RepriseError ? t(ctx.lang, e.key, e.params) : (e as Error).message;
    say(ctx, 'monitorRollbackFailed', { reason: `${code}: ${reason}` });
    return stopped(null, { code, message: t(ctx.lang, 'monitorRollbackFailed', { reason: `${code}: ${reason}` }), details: { criterion, ...(e instanceof RepriseError ? e.details : {}) } });
  }
}
