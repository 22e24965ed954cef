// rollback [VERSION]: to VERSION or to the previous good version from the release history.
import { RepriseError, isRepriseError } from '../domain/errors';
import { IncidentRecorder } from '../release/record/incident';
import { runHooks, type HookEnv } from '../release/apply/hooks';
import { notifyEvent } from '../release/record/notify';
import { makePlan, type Plan } from '../domain/plan';
import { assertValidVersion } from '../domain/version';
import type { ReleaseTrigger } from '../domain/types';
import { t } from '../domain/messages';
import { say, type OpContext } from '../release/context';
import { interruptedOperation, takeInterrupted, withLock } from '../release/guard';
import { applyPlan } from '../release/apply/release';
import { recoverStartFirst } from '../release/apply/start-first';
import { recordRollbackMetrics } from '../release/record/record';
import { Ledger, recordedError } from '../release/record/ledger';
import type { ReleaseResult } from '../release/record/release-result';
import { resolveState, type ResolvedState } from '../release/resolve/resolve';
import { chooseTarget, type ChosenBy, type EmergencyFallback, type Target } from '../release/resolve/rollback-target';
import { planFor } from '../release/plan/rollback-plan';
import { completePlan, printPlan, type ReleasePlan } from '../release/plan/plan-output';
import { withOwnCatalogue } from '../release/resolve/project-versions';
import { planConfigRestore, planWithConfig, printConfigRestore, summary, type ConfigRestore, type ConfigRestoreSummary } from '../release/plan/config-restore-plan';
import { applyConfigRestore, applyWithConfig, putConfigBack } from '../release/apply/config-restore';

export interface RollbackOptions {
  version?: string;
  yes?: boolean;
  dryRun?: boolean;
  reason?: string | null;
  /** who asked: a person (manual), the monitor (auto), the emergency path, the dashboard */
  trigger?: ReleaseTrigger;
  /**
   * The emergency path (seed §4.2): no prompt, no pre_rollback hooks, no latency baseline; works when no
   * versioned service runs at all; `fallbackVersion` (from .env.rollback) is used when the history has no
   * previous good version.
   */
  emergency?: EmergencyFallback;
  /** also restore the compose file(s) of the target version's latest successful release (configuration history) */
  withConfig?: boolean;
}

export interface RollbackResult extends ReleaseResult {
  status: 'success' | 'cancelled' | 'dry_run';
  incident?: string | null;
  chosenBy: ChosenBy;
  /** with --with-config: what was (or, on a dry run, would be) restored */
  config?: ConfigRestoreSummary;
}

export async function rollback(ctx: OpContext, opts: RollbackOptions): Promise<RollbackResult> {
  if (opts.version !== undefined) assertValidVersion(opts.version);
  if (opts.dryRun) {
    const state = await withOwnCatalogue(ctx, await resolveState(ctx));
    const target = chooseTarget(ctx, state, opts.version, interruptedOperation(ctx), opts.emergency);
    const withConfig = opts.withConfig ? await withConfigPlan(ctx, state, target, Boolean(opts.emergency)) : null;
    const plan = withConfig?.plan ?? planFor(ctx, state, target, Boolean(opts.emergency));
    printPlan(ctx, plan);
    if (withConfig) printConfigRestore(ctx, withConfig.restore, true);
    say(ctx, 'dryRunDone');
    return { ...result(plan, 'dry_run', null, 0, null, target), strategies: plan.strategies, order: plan.order, ...(withConfig ? { config: summary(withConfig.restore) } : {}) };
  }
  try {
    await ctx.engine.prepare();
  } catch (e) {
    // the engine or compose is missing: a rollback that cannot even start is still an attempt (SPEC §9)
    await recordRefusal(ctx, opts, null, e);
    throw e;
  }
  try {
    return await withLock(ctx, 'rollback', opts.reason ?? null, () => rollbackLocked(ctx, opts));
  } catch (e) {
    // a rollback that could not even take the lock is still an attempt: recorded (metrics entry, event);
    // announced when no person asked for it (a person, at the prompt or on the dashboard, sees it at once)
    if (isRepriseError(e) && e.code === 'LOCKED') {
      await recordRefusal(ctx, opts, null, e, opts.trigger === 'auto' || opts.trigger === 'emergency');
    }
    throw e;
  }
}

/**
 * A rollback refused before any change (no such or incomplete version, no previous or current version,
 * already current, lock held) is never silent (SPEC §9): a metrics entry, an event and (but for a person
 * refused by the lock, who sees it at once) a notification say so. No release is recorded, so the refused version's own history is unchanged.
 */
async function recordRefusal(ctx: OpContext, opts: RollbackOptions, state: ResolvedState | null, e: unknown, announce = true): Promise<void> {
  const at = ctx.now();
  // any error: a RepriseError's code and message, anything else OPERATION_FAILED with its message
  const { code, message } = recordedError(ctx, e);
  const version = opts.version ?? state?.previous ?? '-';
  const trigger = opts.trigger ?? 'manual';
  await recordRollbackMetrics(ctx, { trigger, outcome: 'failed', version, fromVersion: state?.current ?? null, startedAt: at, finishedAt: at, services: {}, error: { code, message } });
  ctx.store.addEvent(ctx.project.name, 'rollback_refused', `${code}: ${message}`, { code, version, trigger });
  if (announce) await notifyEvent(ctx, { type: 'rollback_failed', version, fromVersion: state?.current ?? null, cause: `${code}: ${message}`, outcomeOk: false }, null);
}

function result(plan: Plan, status: RollbackResult['status'], releaseId: number | null, seconds: number, envRollback: string | null, target: Target): RollbackResult {
  return {
    ok: true,
    status,
    version: plan.version,
    fromVersion: plan.fromVersion,
    changed: plan.steps.map((s) => s.service),
    unchanged: plan.unchanged,
    releaseId,
    durationSeconds: seconds,
    envRollback,
    chosenBy: target.chosenBy,
  };
}

/** rollback --with-config: the target's configuration, and the plan made against its compose model. */
async function withConfigPlan(ctx: OpContext, state: ResolvedState, target: Target, emergency: boolean): Promise<{ restore: ConfigRestore; plan: ReleasePlan }> {
  // an unknown, incomplete or already running version is refused as without --with-config
  if (!ctx.store.latestSuccessfulConfig(ctx.project.name, target.version)) planFor(ctx, state, target, emergency);
  const restore = planConfigRestore(ctx, target.version);
  const tctx: OpContext = { ...ctx, project: restore.project };
  return { restore, plan: completePlan(ctx, planWithConfig(planFor(tctx, await resolveState(tctx), target, emergency), restore)) };
}

async function rollbackLocked(ctx: OpContext, opts: RollbackOptions): Promise<RollbackResult> {
  // read-only until the rollback really starts: a cancelled or refused attempt leaves the interrupted
  // operation reported and resumable
  const interrupted = interruptedOperation(ctx);
  // (the one repair made first: what a start-first release killed part-way left, so the state read next is true)
  let state: ResolvedState;
  try {
    await recoverStartFirst(ctx);
    state = await withOwnCatalogue(ctx, await resolveState(ctx));
  } catch (e) {
    // e.g. the engine stopped answering: the attempt is still recorded (SPEC §9)
    await recordRefusal(ctx, opts, null, e);
    throw e;
  }
  let target: Target;
  let plan: ReleasePlan;
  let restore: ConfigRestore | null = null;
  try {
    target = chooseTarget(ctx, state, opts.version, interrupted, opts.emergency);
    const rest = interrupted && !state.mixed && state.current === target.version ? completePlan(ctx, makePlan('rollback', target.version, state.current, ctx.project.versioned, state.running)) : null;
    if (rest && rest.steps.length === 0) {
      // the interrupted operation had already put every service on its target: close it, nothing to do
      await takeInterrupted(ctx);
      printPlan(ctx, rest);
      return result(rest, 'success', null, 0, null, target);
    }
    // what is left of an interrupted one, e.g. the migrations it ran on its version: run the target's again
    if (rest) plan = rest;
    else if (opts.withConfig) ({ restore, plan } = await withConfigPlan(ctx, state, target, Boolean(opts.emergency)));
    else plan = planFor(ctx, state, target, Boolean(opts.emergency));
  } catch (e) {
    await recordRefusal(ctx, opts, state, e);
    throw e;
  }
  printPlan(ctx, plan);
  if (restore) printConfigRestore(ctx, restore, false);
  const ledger = new Ledger(ctx, {
    project: ctx.project.name,
    kind: 'rollback',
    trigger: opts.trigger ?? 'manual',
    version: plan.version,
    fromVersion: plan.fromVersion,
    user: ctx.user,
    host: ctx.host,
    message: opts.reason ?? null,
  });
  const trigger = ledger.base.trigger;

  if (!opts.yes && !opts.emergency) {
    const fine = await ctx.confirm(t(ctx.lang, 'confirmRollback', { project: ctx.project.name, from: plan.fromVersion ?? '-', version: plan.version }));
    if (!fine) {
      const id = await ledger.stopped('cancelled', null);
      say(ctx, 'cancelled');
      await ledger.notify({ type: 'rollback_cancelled', version: plan.version, fromVersion: plan.fromVersion, cause: opts.reason ?? null });
      return result(plan, 'cancelled', id, 0, null, target);
    }
  }

  const hookEnv = { version: plan.version, fromVersion: plan.fromVersion, command: 'rollback' as const, trigger };
  try {
    // the emergency path skips pre_rollback hooks (e.g. a backup): the fastest way back comes first
    if (!opts.emergency) await runHooks(ctx, 'pre_rollback', hookEnv);
  } catch (e) {
    // an attempt that stopped before changing anything is still recorded
    await ledger.stopped('failed', { code: isRepriseError(e) ? e.code : 'OPERATION_FAILED', message: 'pre_rollback hook failed' });
    throw e;
  }
  if (interrupted) await takeInterrupted(ctx);
  const recorder = new IncidentRecorder(ctx);
  recorder.note(`rollback ${plan.fromVersion ?? '-'} → ${plan.version} (${trigger}) started by ${ctx.user}@${ctx.host}${opts.reason ? `: ${opts.reason}` : ''}`);
  const releaseId = ledger.open();
  // journaled before anything changes, the compose files of --with-config included (SPEC §8)
  await ledger.journal(plan);
  let applied: ReturnType<typeof applyConfigRestore> | null = null;
  if (restore) {
    try {
      // the target's compose files are written (the replaced ones kept in a backup the journal names)
      applied = applyConfigRestore(ctx, restore);
      ctx.store.updateJournal(ctx.project.name, { step: `config-restored:${applied.backupDir ?? '-'}` });
    } catch (e) {
      ledger.close('failed', {}, { code: 'OPERATION_FAILED', message: (e as Error).message });
      throw e;
    }
  }
  ledger.config();
  let released: Awaited<ReturnType<typeof applyWithConfig>>;
  try {
    released = restore && applied ? await applyWithConfig(ctx, plan, restore, applied, recorder) : { outcome: await applyPlan(ctx, plan, true, recorder), putBack: false };
  } catch (e) {
    await recordThrown(ctx, ledger, recorder, hookEnv, e, () => applied && putConfigBack(ctx, applied));
    throw e;
  }
  const { outcome, putBack } = released;
  await ctx.checkpoint('applied');
  const config = restore ? { config: summary(restore, applied, putBack) } : {};
  const failure = outcome.failure;
  const error = failure ? { code: failure.code, message: `${failure.service}: ${failure.reason}` } : null;
  const { finishedAt, seconds } = ledger.close(outcome.ok ? 'success' : 'failed', outcome.services, error);
  const envRollback = failure ? null : ledger.good(plan.version);
  const restoredVersion = failure ? (outcome.reverted?.ok ? plan.fromVersion : null) : plan.version;
  // the records are independent: metrics entry, incident folder and latency baseline are made together
  const [, incident] = await Promise.all([
    ledger.metrics(outcome.ok ? 'success' : 'failed', outcome.services, error, finishedAt),
    ledger.incident(
      recorder,
      {
        failedVersion: plan.fromVersion ?? 'mixed',
        restoredVersion,
        cause: opts.reason ?? (failure ? `${failure.service}: ${failure.reason}` : `${trigger} rollback`),
        restored: !failure,
        releaseIds: [releaseId],
        durationSeconds: seconds,
        services: outcome.services,
      },
      false,
    ),
    failure || opts.emergency ? Promise.resolve() : ledger.baselines(plan.version),
  ]);
  if (incident) say(ctx, 'incidentWritten', { path: incident });
  // the emergency alert goes out whatever the outcome ("Rollback d'urgence échoué" when it failed)
  const type = trigger === 'emergency' ? 'emergency_rollback' : failure ? 'rollback_failed' : trigger === 'auto' ? 'auto_rollback' : 'rollback_success';
  await Promise.all([
    runHooks(ctx, failure ? 'on_failure' : 'post_rollback', hookEnv, releaseId),
    ledger.notify({ type, version: plan.version, fromVersion: plan.fromVersion, restoredVersion, cause: opts.reason ?? (failure ? `${failure.service}: ${failure.reason}` : null), durationSeconds: seconds, incident, outcomeOk: !failure }),
  ]);
  if (!failure) {
    say(ctx, 'rollbackDone', { version: plan.version, seconds: seconds.toFixed(1) });
    return { ...result(plan, 'success', releaseId, seconds, envRollback, target), incident, ...config };
  }
  throw new RepriseError(failure.code, failure.code === 'HEALTH_CHECK_FAILED' ? 'healthCheckFailed' : 'composeFailed', { service: failure.service, version: plan.version, reason: failure.reason }, {
    version: plan.version,
    releaseId,
    incident,
    reverted: outcome.reverted ? { ok: outcome.reverted.ok, services: outcome.reverted.services } : null,
    ...config,
  });
}

/**
 * An error thrown while the rollback was applied (the engine gone, an API timeout): the attempt started, so
 * it ends failed like any failed rollback — compose files of --with-config back, release failed and journal
 * closed, metrics entry, incident, on_failure hooks and the failure notification — whatever the error.
 */
async function recordThrown(ctx: OpContext, ledger: Ledger, recorder: IncidentRecorder, hookEnv: HookEnv, e: unknown, putBack: () => unknown): Promise<void> {
  try {
    putBack();
  } catch {
    // the backup the journal names is still there (config-backups/)
  }
  const error = recordedError(ctx, e);
  const { finishedAt, seconds } = ledger.close('failed', {}, error);
  await ledger.metrics('failed', {}, error, finishedAt);
  const cause = ledger.base.message ?? `${error.code}: ${error.message}`;
  const incident = await ledger.incident(recorder, { failedVersion: ledger.base.fromVersion ?? 'mixed', restoredVersion: null, cause, restored: false, releaseIds: [ledger.id!], durationSeconds: seconds, services: {} });
  const type = ledger.base.trigger === 'emergency' ? 'emergency_rollback' : 'rollback_failed';
  await Promise.all([runHooks(ctx, 'on_failure', hookEnv, ledger.id), ledger.notify({ type, version: ledger.base.version, fromVersion: ledger.base.fromVersion, restoredVersion: null, cause, durationSeconds: seconds, incident, outcomeOk: false })]);
}
