// monitor / deploy --watch: samples every versioned service's health at the health interval, feeds the
// rollback criteria (domain/criteria.ts; the sampling itself is release/verify/watch-window.ts) and, when
// one is met, reports it or rolls back (trigger auto).
//
// Traffic is bounded: at most one probe in flight per health URL, a probe timeout of min(2 s, 2 × interval),
// at most ceil(duration / interval) probes per URL, only to the URLs the operator configured (127.0.0.1 in
// the demo). A container that is not running is not probed: it counts as a sample without an answer.
// The watch never holds the project lock (the rollback takes it); while another live operation or a manual
// lock (`reprise lock acquire`) holds it, sampling pauses and starts afresh when it is released.

import type { ProbeResult } from '../adapters/probe/http-probe';
import { Criteria, type Finding } from '../domain/criteria';
import { RepriseError } from '../domain/errors';
import { t, type MessageKey } from '../domain/messages';
import { projectSecrets, say, type OpContext } from '../release/context';
import { redact } from '../domain/redact';
import { resolveState } from '../release/resolve/resolve';
export interface WatchOptions {
  durationMs: number;
  autoRollback: boolean;
  signal?: AbortSignal;
  /** tests: replaces the HTTP probe */
  probe?: (url: string, timeoutMs: number) => Promise<ProbeResult>;
  /** tests: period of the log scan (default 5 s) */
  logScanMs?: number;
  /** the release watched (serve): a newer one found when the watch resumes after a pause ends it */
  releaseId?: number;
  /** the process also runs other operations (serve's dashboard): a lock held by this very pid pauses the watch */
  sharedProcess?: boolean;
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
import { baselinesFor, criteriaSettings, LOG_SCAN_MS, observe, probeTimeoutMs, type Target } from '../release/verify/watch-window';
export { LOG_SCAN_MS, probeTimeoutMs } from '../release/verify/watch-window';

export function criterionText(ctx: Pick<OpContext, 'lang'>, f: Finding): string {
  const name = t(ctx.lang, `criterion_${f.criterion}` as MessageKey);
  const detail = t(ctx.lang, `detail_${f.criterion}` as MessageKey, f.facts);
  const unit = f.unit === 'probes' || f.unit === 'lines' ? '' : ` ${f.unit}`;
  return t(ctx.lang, 'monitorCriterion', { criterion: name, service: f.service, measured: f.measured, threshold: f.threshold, unit, detail });
}

export async function watch(ctx: OpContext, opts: WatchOptions): Promise<WatchResult> {
  const intervalMs = Math.max(50, ctx.project.health.intervalMs);
  const timeoutMs = probeTimeoutMs(intervalMs);
  const probe = opts.probe ?? ctx.probe;
  const logScanMs = opts.logScanMs ?? LOG_SCAN_MS;
  const maxProbes = Math.max(1, Math.ceil(opts.durationMs / intervalMs));
  const clock = (): number => ctx.now().getTime();

  const state = await resolveState(ctx);
  if (!state.current && !state.mixed) throw new RepriseError('NO_CURRENT_VERSION', 'noCurrentVersion');
  let version = state.current ?? state.runningVersions.join('+');
  const targets: Target[] = ctx.project.versioned
    .filter((s) => !s.oneShot)
    .map((s) => ({ service: s.name, url: s.healthUrl, key: s.healthUrl ?? `container:${s.name}` }));

  const criteria = new Criteria(criteriaSettings(ctx, baselinesFor(ctx, state.current, targets)));
  const started = clock();
  say(ctx, 'monitorStarted', {
    project: ctx.project.name,
    version,
    seconds: Math.round(opts.durationMs / 100) / 10,
    interval: intervalMs,
    // a health URL may carry a token (`?token=${HEALTH_TOKEN}`): shown masked
    services: targets.map((x) => (x.url ? `${x.service} (${redact(x.url, [])})` : x.service)),
  });

  const seen = await observe(ctx, { ...opts, intervalMs, timeoutMs, maxProbes, probe, logScanMs }, { version, targets, criteria, started });
  version = seen.version;
  const offset = (): string => `+${((clock() - started) / 1000).toFixed(1)}s`;
  const finding = seen.finding;
  const samples = seen.samples;

  const durationMs = clock() - started;
  const base = { project: ctx.project.name, version, durationMs, samples };
  const met = finding as Finding | null;
  if (!met) {
    // superseded by a newer release: stopped from outside, like a signal (its caller watches the new one)
    const stoppedBy = opts.signal?.aborted || seen.superseded ? 'signal' : 'duration';
    say(ctx, stoppedBy === 'signal' ? 'monitorStopped' : 'monitorPassed', { seconds: (durationMs / 1000).toFixed(1), samples });
    return { ok: true, ...base, stoppedBy, criterion: null, rolledBack: null };
  }

  // a matching log line may quote a secret: the reason goes to the history, the metrics file and the chat masked
  const text = redact(criterionText(ctx, met), projectSecrets(ctx));
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
