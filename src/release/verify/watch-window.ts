// The watch window (verify, after a release): samples every versioned service's health at the health
// interval and scans their logs, feeding the rollback criteria (domain/criteria.ts) until one is met, the
// period ends or the caller aborts. Bounded traffic, and paused while another operation holds the lock:
// see commands/monitor.ts.
import { isHolderDead } from '../../adapters/store';
import { sleepUnlessAborted } from '../sleep';
import type { ProbeResult } from '../../adapters/probe/http-probe';
import { Criteria, DEFAULT_CRITERIA, describe, type CriteriaSettings, type Finding, type LogHit, type Sample, type ServiceCondition } from '../../domain/criteria';
import type { ServiceContainer } from '../../engines/engine';
import { projectSecrets, say, warn, type OpContext } from '../context';
import { redact } from '../../domain/redact';
import { resolveState } from '../resolve/resolve';
import { scanLogs } from './log-scan';
import { baselineKey } from './baseline';

export const LOG_SCAN_MS = 5000;
const LOG_MAX_LINES = 2000;

export interface Target {
  service: string;
  /** the health URL, or `container:<service>` when the service has none (container state only) */
  key: string;
  url: string | null;
}

/**
 * Probe timeout: two intervals, between 1 s and 2 s. A probe is never sent while the previous one to the
 * same URL is in flight, so a longer timeout only thins the samples. Below 1 s a busy machine (a 2-core
 * server under a build) made a healthy service's slower answers count as failures: with a 200 ms interval
 * the timeout was 400 ms, and three late answers in twenty samples were "15 % errors" on the frontend.
 */
export function probeTimeoutMs(intervalMs: number): number {
  return Math.max(1000, Math.min(2000, intervalMs * 2));
}

export function criteriaSettings(ctx: OpContext, baselines: Record<string, number | null>): CriteriaSettings {
  const th = ctx.project.thresholds;
  return {
    ...DEFAULT_CRITERIA,
    errorRatePercent: th.errorRatePercent,
    degradationPercent: th.degradationPercent,
    minDegradationMs: th.degradationMinMs,
    baselineMedianMs: baselines,
    // a log burst counts within a window of at least 30 s, longer with a slow interval
    logWindowMs: Math.max(DEFAULT_CRITERIA.logWindowMs, ctx.project.health.intervalMs * DEFAULT_CRITERIA.windowSize),
  };
}

/** Baseline of each URL: the one recorded before the release that put `version` in place (seed §2.1). */
export function baselinesFor(ctx: OpContext, version: string | null, targets: Target[]): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  const releases = ctx.store.listReleases(ctx.project.name);
  const rel = releases.filter((r) => r.version === version && r.outcome === 'success').sort((a, b) => b.id - a.id)[0];
  for (const tg of targets) {
    if (!tg.url) continue;
    out[tg.url] = rel ? (ctx.store.previousBaseline(ctx.project.name, baselineKey(tg.url), rel.id)?.medianMs ?? null) : null;
  }
  return out;
}

export interface WindowOptions {
  durationMs: number;
  intervalMs: number;
  timeoutMs: number;
  maxProbes: number;
  logScanMs: number;
  signal?: AbortSignal;
  probe: (url: string, timeoutMs: number) => Promise<ProbeResult>;
  /** the release watched: a newer one found on resuming after a pause ends the watch (superseded) */
  releaseId?: number;
  /** a lock held by this very process is another operation's (serve's dashboard): pause for it too */
  sharedProcess?: boolean;
}

export interface Observation {
  finding: Finding | null;
  samples: number;
  /** the version running at the end (sampling starts afresh on the version found after a pause) */
  version: string;
  /** ended because a newer release than opts.releaseId was found on resuming */
  superseded: boolean;
}

export async function observe(ctx: OpContext, opts: WindowOptions, start: { version: string; targets: Target[]; criteria: Criteria; started: number }): Promise<Observation> {
  const { intervalMs, timeoutMs, maxProbes, probe, logScanMs, targets, started } = { ...opts, ...start };
  let { version, criteria } = start;
  const clock = (): number => ctx.now().getTime();
  // a log line may quote a secret: shown masked
  const secrets = projectSecrets(ctx);

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
  let superseded = false;
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
      for (const h of hits) say(ctx, 'monitorLogLine', { at: offset(), service: h.service, line: redact(h.line.slice(0, 200), secrets) });
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
    const busy = Boolean(holder && (holder.pid !== ctx.pid || opts.sharedProcess) && (holder.pid === null || !isHolderDead(holder, ctx.host)));
    if (busy && !paused) {
      paused = true;
      epoch++;
      if (holder!.pid === null) say(ctx, 'monitorPausedManual', { at: offset(), user: holder!.user, host: holder!.host, message: holder!.message ? ` — "${holder!.message}"` : '' });
      else say(ctx, 'monitorPaused', { at: offset(), holder: holder!.command, pid: holder!.pid });
    }
    if (paused && !busy) {
      paused = false;
      epoch++;
      // the operation that held the lock made a newer release: this watch is over (its caller watches that one)
      if (opts.releaseId !== undefined && ctx.store.listReleases(ctx.project.name, { limit: 1 })[0]?.id !== opts.releaseId) {
        superseded = true;
        wake.abort();
        return;
      }
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
      await sleepUnlessAborted(next - clock(), wake.signal);
    }
    // a last log scan covers the end of the period
    if (!finding && !wake.signal.aborted && !paused) {
      const containers = await ctx.engine.containers().catch(() => null);
      if (containers) await scanTheLogs(containers, epoch);
    }
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
  }

  return { finding, samples, version, superseded };
}
