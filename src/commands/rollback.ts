// rollback [VERSION]: to VERSION or to the previous good version from the release history.
import { RepriseError, isRepriseError } from '../domain/errors';
import { IncidentRecorder } from '../release/record/incident';
import { runHooks } from '../release/apply/hooks';
import { linkSnapshots, takeSnapshots } from '../release/apply/data-snapshot';
import { restoreAfterRollback, snapshotsBefore } from '../release/apply/data-restore';
import { printSchema, schemaFor } from '../release/record/schema-record';
import type { SchemaChange } from '../domain/schema-head';
import { assertObtainable, fetchImages, needsFetch, planImages, type ImagePlan } from '../release/apply/provide-images';
import { makePlan, type Plan } from '../domain/plan';
import { assertValidVersion } from '../domain/version';
import type { DataRestoreRecord, DataSnapshot, JournalEntry, ReleaseTrigger } from '../domain/types';
import { t } from '../domain/messages';
import { say, warn, type OpContext } from '../release/context';
import { interruptedOperation, takeInterrupted, withLock } from '../release/guard';
import { applyPlan } from '../release/apply/release';
import { recoverStartFirst } from '../release/apply/start-first';
import { Ledger } from '../release/record/ledger';
import { recordRefusal, recordThrown } from '../release/record/refusal';
import type { ReleaseResult } from '../release/record/release-result';
import { resolveState, type ResolvedState } from '../release/resolve/resolve';
import { withObtainable } from '../release/resolve/preflight';
import { chooseTarget, type ChosenBy, type EmergencyFallback, type Target } from '../release/resolve/rollback-target';
import { planFor } from '../release/plan/rollback-plan';
import { healingPlan } from '../release/plan/healing-plan';
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
  /** roll back without the data snapshot `data:` asks for (recorded) */
  noSnapshot?: boolean;
  /** also restore the data snapshot taken before the release being undone (after a safety snapshot) */
  restoreData?: boolean;
}

export interface RollbackResult extends ReleaseResult {
  status: 'success' | 'cancelled' | 'dry_run';
  incident?: string | null;
  chosenBy: ChosenBy;
  /** with --with-config: what was (or, on a dry run, would be) restored */
  config?: ConfigRestoreSummary;
  /** with data.schema: the schema head before the rollback and the one recorded with the target */
  schema?: SchemaChange;
  /** with --restore-data: the snapshot restored, since when writes are lost, and the safety snapshot taken just before */
  dataRestored?: DataRestoreRecord[];
}

export async function rollback(ctx: OpContext, opts: RollbackOptions): Promise<RollbackResult> {
  if (opts.version !== undefined) assertValidVersion(opts.version);
  if (opts.dryRun) {
    const state = await withOwnCatalogue(ctx, await resolveState(ctx));
    const target = chooseTarget(ctx, state, opts.version, interruptedOperation(ctx), opts.emergency);
    // what the real run would say: the target's images planned (nothing is pulled or named on a dry run)
    const withConfig = opts.withConfig ? await withConfigPlan(ctx, state, target, Boolean(opts.emergency)) : null;
    const plan = withConfig?.plan ?? planFor(ctx, (await obtainable(ctx, state, target.version)).state, target, Boolean(opts.emergency));
    printPlan(ctx, plan);
    const schema = await schemaFor(ctx, plan.version);
    printSchema(ctx, schema, plan.version, Boolean(opts.restoreData));
    // --restore-data: what would be restored, or the refusal the real run would give
    if (opts.restoreData) snapshotsToRestore(ctx, plan.fromVersion);
    if (withConfig) printConfigRestore(ctx, withConfig.restore, true);
    say(ctx, 'dryRunDone');
    return { ...result(plan, 'dry_run', null, 0, null, target), strategies: plan.strategies, order: plan.order, ...(withConfig ? { config: summary(withConfig.restore) } : {}), ...(schema ? { schema } : {}) };
  }
  try {
    await ctx.engine.prepare();
  } catch (e) {
    // the engine or compose is missing: a rollback that cannot even start is still an attempt (SPEC §9)
    await recordRefusal(ctx, opts, null, e);
    throw e;
  }
  let asked: string | null = null;
  if (!opts.yes && !opts.emergency) {
    const answer = await ask(ctx, opts);
    if ('cancelled' in answer) return answer.cancelled;
    asked = answer.yes;
  }
  try {
    return await withLock(ctx, 'rollback', opts.reason ?? null, () => rollbackLocked(ctx, opts, asked));
  } catch (e) {
    // a rollback that could not even take the lock is still an attempt: recorded (metrics entry, event);
    // announced when no person asked for it (a person, at the prompt or on the dashboard, sees it at once)
    if (isRepriseError(e) && e.code === 'LOCKED') {
      await recordRefusal(ctx, opts, null, e, opts.trigger === 'auto' || opts.trigger === 'emergency');
    }
    throw e;
  }
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
async function withConfigPlan(ctx: OpContext, state: ResolvedState, target: Target, emergency: boolean): Promise<{ restore: ConfigRestore; plan: ReleasePlan; images: ImagePlan }> {
  // an unknown, incomplete or already running version is refused as without --with-config
  if (!ctx.store.latestSuccessfulConfig(ctx.project.name, target.version)) planFor(ctx, state, target, emergency);
  const restore = planConfigRestore(ctx, target.version);
  const tctx: OpContext = { ...ctx, project: restore.project };
  // the target's images as its own compose files name them (pulled or named again before anything changes)
  const images = await planImages(tctx, target.version);
  assertObtainable(images);
  const tstate = withObtainable(await resolveState(tctx), target.version, images.unavailable.map((u) => u.service));
  return { restore, plan: completePlan(ctx, planWithConfig(planFor(tctx, tstate, target, emergency), restore)), images };
}

/** The target's images (issue 21) and the state with the target complete when they can all be had. */
async function obtainable(ctx: OpContext, state: ResolvedState, version: string): Promise<{ state: ResolvedState; images: ImagePlan }> {
  const images = await planImages(ctx, version);
  assertObtainable(images);
  return { state: withObtainable(state, version, images.unavailable.map((u) => u.service)), images };
}

/** What a rollback would do: the state read, the target, the plan (and the configuration to restore). */
interface Decision {
  state: ResolvedState;
  target: Target;
  plan: ReleasePlan;
  restore: ConfigRestore | null;
  /** the interrupted operation had already put every service on its target: nothing left to do */
  finished: boolean;
  /** where the target's images come from (absent when finishing an interrupted operation) */
  images?: ImagePlan;
}

/**
 * Resolve and plan a rollback; a refusal (no target, already current, incomplete, the engine not
 * answering) is recorded before it is thrown. Read-only but for `repair` (under the lock only): what a
 * start-first release killed part-way left is put right first, so the state read next is true.
 */
async function decide(ctx: OpContext, opts: RollbackOptions, interrupted: JournalEntry | null, repair: boolean, announce: boolean): Promise<Decision> {
  let state: ResolvedState;
  try {
    if (repair) await recoverStartFirst(ctx);
    state = await withOwnCatalogue(ctx, await resolveState(ctx));
  } catch (e) {
    // e.g. the engine stopped answering: the attempt is still recorded (SPEC §9)
    await recordRefusal(ctx, opts, null, e);
    throw e;
  }
  try {
    // how the target was chosen is said once (when the plan is asked about, not again under the lock)
    const target = chooseTarget(announce ? ctx : { ...ctx, out: { line: () => undefined, warn: ctx.out.warn } }, state, opts.version, interrupted, opts.emergency);
    const rest = interrupted && !state.mixed && state.current === target.version ? completePlan(ctx, makePlan('rollback', target.version, state.current, ctx.project.versioned, state.running)) : null;
    if (rest && rest.steps.length === 0) {
      // every service runs the target: those the interrupted operation did not confirm healthy are gated again
      const heal = healingPlan(rest, interrupted, ctx.project.versioned);
      return heal ? { state, target, plan: completePlan(ctx, heal), restore: null, finished: false } : { state, target, plan: rest, restore: null, finished: true };
    }
    // what is left of an interrupted one, e.g. the migrations it ran on its version: run the target's again
    if (rest) return { state, target, plan: rest, restore: null, finished: false };
    if (opts.withConfig) return { state, target, ...(await withConfigPlan(ctx, state, target, Boolean(opts.emergency))), finished: false };
    // the target's images: those its release ran (named again, or pulled by digest), or only in a registry
    const { state: able, images } = await obtainable(ctx, state, target.version);
    return { state: able, target, plan: planFor(ctx, able, target, Boolean(opts.emergency)), restore: null, finished: false, images };
  } catch (e) {
    await recordRefusal(ctx, opts, state, e);
    throw e;
  }
}

/**
 * rollback --restore-data: the snapshot taken before the release being undone (the one that put the current
 * version in place); refused (nothing changed) when there is none. Says what will be lost.
 */
async function dataToRestore(ctx: OpContext, opts: RollbackOptions, d: Decision, announce = true): Promise<DataSnapshot[]> {
  if (!opts.restoreData) return [];
  try {
    return snapshotsToRestore(ctx, d.plan.fromVersion, announce);
  } catch (e) {
    await recordRefusal(ctx, opts, d.state, e);
    throw e;
  }
}

/** The snapshots `--restore-data` restores when `fromVersion` is undone, each announced with what it loses; USAGE when there is none. */
function snapshotsToRestore(ctx: OpContext, fromVersion: string | null, announce = true): DataSnapshot[] {
  const snapshots = snapshotsBefore(ctx, fromVersion);
  if (!snapshots.length) throw new RepriseError('USAGE', 'restoreNoSnapshot', { version: fromVersion ?? '-' });
  if (announce) for (const s of snapshots) warn(ctx, 'restoreLoses', { service: s.service, id: s.id, at: s.createdAt });
  return snapshots;
}

/** What a person said yes to: the versions and every service's step. */
function planSignature(plan: ReleasePlan): string {
  return `${plan.fromVersion ?? '-'} → ${plan.version} (${plan.steps.map((s) => `${s.service} ${s.fromVersion ?? '-'}→${s.version}`).join(', ')})`;
}

function printDecision(ctx: OpContext, d: Decision): void {
  printPlan(ctx, d.plan);
  if (d.restore) printConfigRestore(ctx, d.restore, false);
}

function ledgerFor(ctx: OpContext, opts: RollbackOptions, plan: ReleasePlan): Ledger {
  return new Ledger(ctx, {
    project: ctx.project.name,
    kind: 'rollback',
    trigger: opts.trigger ?? 'manual',
    version: plan.version,
    fromVersion: plan.fromVersion,
    user: ctx.user,
    host: ctx.host,
    message: opts.reason ?? null,
  });
}

/**
 * The question is asked before the lock is taken (issue 20): a person who walks away from the prompt holds
 * nothing, so `emergency`, `lock release` and the monitor's rollback never wait behind it. What was asked
 * about is checked again once the lock is held. A "no" records the cancelled attempt.
 */
async function ask(ctx: OpContext, opts: RollbackOptions): Promise<{ cancelled: RollbackResult } | { yes: string | null }> {
  // read-only: a cancelled or refused attempt leaves the interrupted operation reported and resumable
  const d = await decide(ctx, opts, interruptedOperation(ctx), false, true);
  if (d.finished) return { yes: null };
  printDecision(ctx, d);
  printSchema(ctx, await schemaFor(ctx, d.plan.version), d.plan.version, Boolean(opts.restoreData));
  await dataToRestore(ctx, opts, d);
  const fine = await ctx.confirm(t(ctx.lang, 'confirmRollback', { project: ctx.project.name, from: d.plan.fromVersion ?? '-', version: d.plan.version }));
  if (fine) return { yes: planSignature(d.plan) };
  const ledger = ledgerFor(ctx, opts, d.plan);
  const id = await ledger.stopped('cancelled', null);
  say(ctx, 'cancelled');
  await ledger.notify({ type: 'rollback_cancelled', version: d.plan.version, fromVersion: d.plan.fromVersion, cause: opts.reason ?? null });
  return { cancelled: result(d.plan, 'cancelled', id, 0, null, d.target) };
}

/** `asked`: the plan a person said yes to (null when no question was asked: --yes, emergency, monitor). */
async function rollbackLocked(ctx: OpContext, opts: RollbackOptions, asked: string | null): Promise<RollbackResult> {
  const interrupted = interruptedOperation(ctx);
  const d = await decide(ctx, opts, interrupted, true, asked === null);
  const { target, plan, restore } = d;
  if (d.finished) {
    // the interrupted operation had already put every service on its target: close it, nothing to do
    await takeInterrupted(ctx);
    printPlan(ctx, plan);
    return result(plan, 'success', null, 0, null, target);
  }
  if (asked !== null && planSignature(plan) !== asked) {
    const e = new RepriseError('OPERATION_FAILED', 'planChangedWhileAsked', { planned: asked, now: planSignature(plan) });
    await recordRefusal(ctx, opts, d.state, e);
    throw e;
  }
  if (asked === null) printDecision(ctx, d);
  // the schema the database has and the one the target ran with (data.schema): said, and part of the result
  // (not on the emergency path, whose every second counts; read quietly when the question already said it)
  const schema = d.plan.steps.length && !opts.emergency ? await schemaFor(ctx, d.plan.version, asked !== null) : null;
  if (asked === null) printSchema(ctx, schema, d.plan.version, Boolean(opts.restoreData));
  const dataSnapshots = await dataToRestore(ctx, opts, d, asked === null);
  if (d.images && needsFetch(d.images)) {
    try {
      // pulled and named before anything changes: a failed pull leaves the stack as it is
      await fetchImages(ctx, d.images, process.stderr.isTTY === true);
    } catch (e) {
      await recordRefusal(ctx, opts, d.state, e);
      throw e;
    }
  }
  const ledger = ledgerFor(ctx, opts, plan);
  const trigger = ledger.base.trigger;

  const hookEnv = { version: plan.version, fromVersion: plan.fromVersion, command: 'rollback' as const, trigger };
  let snapshots: Awaited<ReturnType<typeof takeSnapshots>> = [];
  try {
    // the emergency path skips pre_rollback hooks (e.g. a backup): the fastest way back comes first
    if (!opts.emergency) await runHooks(ctx, 'pre_rollback', hookEnv);
  } catch (e) {
    // an attempt that stopped before changing anything is still recorded
    await ledger.stopped('failed', { code: isRepriseError(e) ? e.code : 'OPERATION_FAILED', message: 'pre_rollback hook failed' });
    throw e;
  }
  try {
    // the data `data:` names, before the first container changes (not on the emergency path: speed first)
    if (!opts.emergency) snapshots = await takeSnapshots(ctx, plan, opts.noSnapshot);
  } catch (e) {
    await ledger.stopped('failed', { code: isRepriseError(e) ? e.code : 'OPERATION_FAILED', message: isRepriseError(e) ? e.message : 'data snapshot failed' });
    throw e;
  }
  if (interrupted) await takeInterrupted(ctx);
  const recorder = new IncidentRecorder(ctx);
  recorder.note(`rollback ${plan.fromVersion ?? '-'} → ${plan.version} (${trigger}) started by ${ctx.user}@${ctx.host}${opts.reason ? `: ${opts.reason}` : ''}`);
  const releaseId = ledger.open();
  linkSnapshots(ctx, snapshots, releaseId);
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
  // --restore-data: the data goes back too, once the code that goes with it runs (never automatic); part of
  // this rollback's records (metrics entry, incident report, result), its failure raised once they are written
  const data = dataSnapshots.length && !failure ? await restoreAfterRollback(ctx, dataSnapshots, plan.version, opts.reason ?? `rollback to ${plan.version} with --restore-data`) : null;
  if (dataSnapshots.length && failure) {
    // the data stays as it was; the way out when the target's code failed on the newer schema is data first
    const services = dataSnapshots.map((s) => s.service).join(', ');
    warn(ctx, 'restoreNotAfterFailure', { services, version: plan.version, commands: dataSnapshots.map((s) => `reprise snapshots restore ${s.id}`).join(', ') });
    recorder.note(`data of ${services} not restored: the rollback failed before it (snapshots ${dataSnapshots.map((s) => `#${s.id}`).join(', ')} are still there)`);
  }
  for (const r of data?.records ?? []) recorder.note(r.ok ? `${r.service} restored from data snapshot #${r.snapshot} (taken ${r.lost_since})` : `restoring ${r.service} from data snapshot #${r.snapshot} failed: ${r.error}`);
  const error = failure ? { code: failure.code, message: `${failure.service}: ${failure.reason}` } : null;
  const { finishedAt, seconds } = ledger.close(outcome.ok ? 'success' : 'failed', outcome.services, error);
  const envRollback = failure ? null : await ledger.good(plan.version);
  const restoredVersion = failure ? (outcome.reverted?.ok ? plan.fromVersion : null) : plan.version;
  // the records are independent: metrics entry, incident folder and latency baseline are made together
  const [, incident] = await Promise.all([
    ledger.metrics(outcome.ok ? 'success' : 'failed', outcome.services, error, finishedAt, undefined, data?.records),
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
        dataRestored: data?.records,
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
    ledger.notify({
      type,
      version: plan.version,
      fromVersion: plan.fromVersion,
      restoredVersion,
      cause: opts.reason ?? (failure ? `${failure.service}: ${failure.reason}` : null),
      durationSeconds: seconds,
      incident,
      outcomeOk: !failure,
      // a data restore that failed is not a plain success: the message says which data did not come back
      dataNotRestored: (data?.records ?? []).filter((r) => !r.ok).map((r) => r.service),
    }),
  ]);
  if (!failure) {
    say(ctx, 'rollbackDone', { version: plan.version, seconds: seconds.toFixed(1) });
    if (data?.error) {
      // the code rollback stands: the records ride with the error (--json shows them), exit 1
      const e = data.error;
      if (isRepriseError(e)) throw new RepriseError(e.code, e.key, e.params, { ...e.details, releaseId, version: plan.version, codeRolledBack: true, dataRestored: data.records }, e.exitCode);
      throw e;
    }
    const dataRestored = data ? { dataRestored: data.records } : {};
    return { ...result(plan, 'success', releaseId, seconds, envRollback, target), incident, ...config, ...dataRestored, ...(schema ? { schema } : {}) };
  }
  throw new RepriseError(failure.code, failure.code === 'HEALTH_CHECK_FAILED' ? 'healthCheckFailed' : 'composeFailed', { service: failure.service, version: plan.version, reason: failure.reason }, {
    version: plan.version,
    releaseId,
    incident,
    reverted: outcome.reverted ? { ok: outcome.reverted.ok, services: outcome.reverted.services } : null,
    ...config,
  });
}
