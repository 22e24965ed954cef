// deploy [VERSION]: resolve → plan → apply (health-gated) → record; automatic rollback on failure.
import { RepriseError, EXIT, isRepriseError } from '../domain/errors';
import { recordWatchIntent } from '../release/record/watch-intent';
import { IncidentRecorder } from '../release/record/incident';
import { runHooks } from '../release/apply/hooks';
import { linkSnapshots, takeSnapshots } from '../release/apply/data-snapshot';
import { makePlan, type Plan } from '../domain/plan';
import { assertValidVersion } from '../domain/version';
import { currentGitVersion } from '../adapters/git/git';
import { say, warn, type OpContext } from '../release/context';
import { interruptedOperation, takeInterrupted, withLock } from '../release/guard';
import { healingPlan } from '../release/plan/healing-plan';
import { assertComplete, withObtainable } from '../release/resolve/preflight';
import { assertObtainable, fetchImages, needsFetch, planImages } from '../release/apply/provide-images';
import { applyPlan } from '../release/apply/release';
import { recoverStartFirst } from '../release/apply/start-first';
import { ensureEnvRollback } from '../release/record/record';
import { Ledger, recordedError } from '../release/record/ledger';
import type { ReleaseResult } from '../release/record/release-result';
import { resolveState, tagsFor } from '../release/resolve/resolve';
import { completePlan, printPlan } from '../release/plan/plan-output';

export interface DeployOptions {
  version?: string;
  build?: boolean;
  pull?: boolean;
  noRollback?: boolean;
  /** deploy --watch: this process watches the release after it (reprise serve leaves it the watch) */
  watching?: boolean;
  message?: string | null;
  dryRun?: boolean;
  /** release without the data snapshot `data:` asks for (recorded) */
  noSnapshot?: boolean;
}

export interface DeployResult extends ReleaseResult {
  dryRun?: boolean;
  /** the prune run after the deploy when keep_versions is set (commands/prune.ts) */
  prune?: import('./prune').PruneResult | { ok: false; error: string };
}

export async function deploy(ctx: OpContext, opts: DeployOptions): Promise<DeployResult> {
  let version = opts.version;
  if (version !== undefined) assertValidVersion(version);
  else {
    version = assertValidVersion(await currentGitVersion(ctx.project.dir));
    say(ctx, 'versionFromGit', { version });
  }
  const target = version;
  if (opts.dryRun) {
    const images = await planImages(ctx, target, Boolean(opts.pull), false);
    assertObtainable(images);
    const state = withObtainable(await resolveState(ctx), target, images.unavailable.map((u) => u.service));
    assertComplete(ctx.project, state, target);
    const plan = completePlan(ctx, makePlan('deploy', target, state.current, ctx.project.versioned, state.running));
    printPlan(ctx, plan);
    say(ctx, 'dryRunDone');
    return { ok: true, version: target, fromVersion: state.current, changed: plan.steps.map((s) => s.service), unchanged: plan.unchanged, releaseId: null, durationSeconds: 0, envRollback: null, dryRun: true, strategies: plan.strategies, order: plan.order };
  }
  await ctx.engine.prepare();
  return withLock(ctx, 'deploy', opts.message ?? null, () => deployLocked(ctx, target, opts));
}

async function deployLocked(ctx: OpContext, version: string, opts: DeployOptions): Promise<DeployResult> {
  const services = ctx.project.versioned.map((s) => s.name);
  if (opts.build) {
    // a version tag is never overwritten (SPEC §9: a staging build must not change what production runs):
    // only the services without an image for this version are built
    const present = new Set((await ctx.engine.images(ctx.project.versioned.map((s) => s.repository))).filter((i) => i.tag === version).map((i) => i.repository));
    const missing = ctx.project.versioned.filter((s) => !present.has(s.repository)).map((s) => s.name);
    const kept = services.filter((s) => !missing.includes(s));
    if (kept.length) say(ctx, 'buildKeepsExisting', { version, services: kept });
    if (missing.length) {
      say(ctx, 'building', { version });
      await ctx.engine.build(missing, tagsFor(ctx.project, version));
      // built here, for this project: `versions` lists it as this project's (compose v1 labels nothing)
      ctx.store.addEvent(ctx.project.name, 'build', `built ${version}: ${missing.join(', ')}`, { version, services: missing });
    }
  }
  // every image is on the engine before anything changes: the one a release of this version ran (named again,
  // or pulled by digest), else what the tag names (pulled with --pull, or when only in its registry)
  const images = await planImages(ctx, version, Boolean(opts.pull), false);
  assertObtainable(images);
  if (needsFetch(images)) {
    if (opts.pull) say(ctx, 'pulling', { version });
    await fetchImages(ctx, images, process.stderr.isTTY === true);
  }
  // what a start-first release killed part-way left is put right first, so the state read next is true
  await recoverStartFirst(ctx);
  const state = await resolveState(ctx);
  assertComplete(ctx.project, state, version);
  const made = makePlan('deploy', version, state.current, ctx.project.versioned, state.running);
  // an interrupted deploy of this version left services it did not confirm healthy: they are gated again
  const plan = completePlan(ctx, healingPlan(made, interruptedOperation(ctx), ctx.project.versioned) ?? made);
  printPlan(ctx, plan);
  if (plan.steps.length === 0) {
    // every service already runs the target: an interrupted operation that got this far is finished
    await takeInterrupted(ctx);
    // nothing to release, but .env.rollback is put back if an old script deleted or rewrote it
    const envRollback = ensureEnvRollback(ctx, version);
    return { ok: true, version, fromVersion: state.current, changed: [], unchanged: plan.unchanged, releaseId: null, durationSeconds: 0, envRollback };
  }
  const hookEnv = { version, fromVersion: state.current, command: 'deploy' as const, trigger: 'manual' as const };
  await runHooks(ctx, 'pre_deploy', hookEnv);
  // the data `data:` names, before the first container changes: a failed snapshot stops here, nothing changed
  const snapshots = await takeSnapshots(ctx, plan, opts.noSnapshot);
  // closed only now: a deploy refused before this point leaves the interrupted operation reported
  await takeInterrupted(ctx);
  const recorder = new IncidentRecorder(ctx);
  recorder.note(`deploy ${state.current ?? '-'} → ${version} started by ${ctx.user}@${ctx.host}`);
  const ledger = new Ledger(ctx, { project: ctx.project.name, kind: 'deploy', trigger: 'manual', version: plan.version, fromVersion: plan.fromVersion, user: ctx.user, host: ctx.host, message: opts.message ?? null });
  try {
    const result = await executeRelease(ctx, plan, ledger, !opts.noRollback, plan.fromVersion, recorder, opts.watching === true).finally(() => {
      if (ledger.id !== null) linkSnapshots(ctx, snapshots, ledger.id);
    });
    await Promise.all([
      runHooks(ctx, 'post_deploy', hookEnv, result.releaseId),
      ledger.notify({ type: 'deploy_success', version, fromVersion: state.current, durationSeconds: result.durationSeconds }),
    ]);
    // keep_versions set in reprise.yml: prune now, still holding the lock (a problem is only a warning)
    const pruned = await (await import('./prune')).pruneAfterDeploy(ctx);
    if (pruned) result.prune = pruned;
    return result;
  } catch (e) {
    // an error thrown while the release was applied (the engine gone, an API timeout): still a release that
    // started, so it ends failed and is reported like any failed deploy; its journal stays, so the next
    // `rollback --yes` undoes what it changed
    const thrown = ledger.running ? recordedError(ctx, e) : null;
    if (thrown) ledger.close('failed', {}, thrown, undefined, undefined, true);
    const reported = isRepriseError(e) && e.details.releaseId !== undefined;
    if (reported || thrown) {
      const releaseId = reported ? (e.details.releaseId as number) : ledger.id!;
      await runHooks(ctx, 'on_failure', hookEnv, releaseId);
      const restored = reported && e.exitCode === EXIT.ROLLED_BACK;
      const restoredVersion = restored ? ((e.details.rolledBackTo as string) ?? null) : null;
      const cause = reported ? `${String(e.details.service ?? '')}: ${String(e.details.reason ?? e.code)}` : `${thrown!.code}: ${thrown!.message}`;
      const ids = reported ? [e.details.releaseId, e.details.rollbackReleaseId].filter((x): x is number => typeof x === 'number') : [releaseId];
      const path = await ledger.incident(recorder, { failedVersion: version, restoredVersion, cause, restored, releaseIds: ids, durationSeconds: (ctx.now().getTime() - recorder.startedAt.getTime()) / 1000, services: {} });
      if (path && isRepriseError(e)) e.details.incident = path;
      await ledger.notify({ type: 'deploy_failed', version, fromVersion: state.current, restoredVersion, cause, durationSeconds: (ctx.now().getTime() - recorder.startedAt.getTime()) / 1000, incident: path, outcomeOk: restored });
    }
    throw e;
  }
}

/** deploy --watch is over (whatever it found): `reprise serve` does not watch the release again. A store error is a warning. */
export function deployWatchEnded(ctx: OpContext, releaseId: number, autoRollback: boolean): void {
  try {
    recordWatchIntent(ctx, releaseId, { autoRollback, watching: true, done: true });
  } catch (e) {
    warn(ctx, 'watchEndNotRecorded', { reason: (e as Error).message });
  }
}

/** Records, journals and applies a deploy plan; on failure, records the automatic rollback as its own release. */
async function executeRelease(ctx: OpContext, plan: Plan, ledger: Ledger, autoRollback: boolean, previous: string | null, recorder: IncidentRecorder, watching: boolean): Promise<DeployResult> {
  const releaseId = ledger.open();
  // before the release can be seen as successful: what `reprise serve` must leave to this deploy
  if (watching || !autoRollback) recordWatchIntent(ctx, releaseId, { autoRollback, watching });
  // configuration history: the compose file(s), reprise.yml and env file hash this release uses
  const configId = ledger.config();
  await ledger.journal(plan);
  const outcome = await applyPlan(ctx, plan, autoRollback, recorder);
  await ctx.checkpoint('applied');
  if (outcome.ok) {
    const { seconds } = ledger.close('success', outcome.services, null);
    const envRollback = await ledger.good(plan.version);
    await ledger.baselines(plan.version);
    say(ctx, 'deployDone', { version: plan.version, seconds: seconds.toFixed(1) });
    return { ok: true, version: plan.version, fromVersion: plan.fromVersion, changed: plan.steps.map((s) => s.service), unchanged: plan.unchanged, releaseId, durationSeconds: seconds, envRollback };
  }

  const failure = outcome.failure!;
  const { finishedAt } = ledger.close(outcome.reverted?.ok ? 'rolled_back' : 'failed', outcome.services, { code: failure.code, message: `${failure.service}: ${failure.reason}` });
  const details: Record<string, unknown> = { version: plan.version, releaseId, service: failure.service, reason: failure.reason };
  if (!outcome.reverted) {
    throw new RepriseError(failure.code, failure.code === 'HEALTH_CHECK_FAILED' ? 'healthCheckFailed' : 'composeFailed', { service: failure.service, version: plan.version, reason: failure.reason }, details);
  }

  // The services already changed were put back: that is the automatic rollback, recorded as its own release.
  const backTo = previous ?? plan.steps.find((s) => s.fromVersion)?.fromVersion ?? '-';
  const rbStarted = new Date(finishedAt.getTime() - outcome.reverted.seconds * 1000);
  const rb = new Ledger(ctx, { project: ctx.project.name, kind: 'rollback', trigger: 'auto', version: backTo, fromVersion: plan.version, user: ctx.user, host: ctx.host, message: `automatic rollback after failed deploy of ${plan.version}` }, rbStarted);
  rb.open();
  rb.config(configId);
  const rbError = outcome.reverted.failure ? { code: outcome.reverted.failure.code, message: `${outcome.reverted.failure.service}: ${outcome.reverted.failure.reason}` } : null;
  const rbOutcome = outcome.reverted.ok ? 'success' : 'failed';
  rb.close(rbOutcome, outcome.reverted.services, rbError, finishedAt, outcome.reverted.seconds);
  await rb.metrics(rbOutcome, outcome.reverted.services, rbError, finishedAt);
  details.rolledBackTo = backTo;
  details.rollbackReleaseId = rb.id;
  if (outcome.reverted.ok) {
    // the stack runs the version it ran before (when that was one version): the env files say so again
    await rb.good(backTo, previous);
    await rb.baselines(backTo);
    throw new RepriseError('HEALTH_CHECK_FAILED', 'deployRolledBack', { version: plan.version, reason: `${failure.service}: ${failure.reason}`, previous: backTo }, details, EXIT.ROLLED_BACK);
  }
  throw new RepriseError('HEALTH_CHECK_FAILED', 'autoRollbackFailed', { version: plan.version, reason: `${failure.service}: ${failure.reason}`, previous: backTo, rollbackReason: rbError?.message ?? '' }, details, EXIT.FAILED);
}
