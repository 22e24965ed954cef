// Step 3 (apply) and 4 (verify) of a release: each changed service in dependency order, health-gated;
// on failure, the services already changed are put back so the stack never stays mixed.
import { tagOf, type Plan, type PlanStep } from '../../domain/plan';
import { RunError } from '../../adapters/process/run';
import { say, type OpContext } from '../context';
import { t } from '../../domain/messages';
import { tagsFor } from '../resolve/resolve';
import { releaseLevels } from '../plan/plan-output';
import type { IncidentRecorder } from '../record/incident';
import { isRepriseError, RepriseError } from '../../domain/errors';
import { dependenciesOf } from '../resolve/dependencies';
import { ensureDependents, ensureInfrastructure } from './infrastructure';
import { gateStep, gateUnit, serviceOf, type Step, type StepFailure } from '../verify/gate-step';
import { abandon, pinOld, prePin, resetPins, startBeside, switchOver } from './start-first';
import { behindProxy, splitByStrategy, type StartFirstUnit, type StrategySplit } from './strategy-split';

export type { StepFailure } from '../verify/gate-step';

export interface ApplyOutcome {
  ok: boolean;
  /** seconds per service for the steps that were applied */
  services: Record<string, number>;
  failure: StepFailure | null;
  /** on failure: services put back, and whether that worked */
  reverted: { services: Record<string, number>; ok: boolean; failure: StepFailure | null; seconds: number } | null;
}

/**
 * Applies steps level by level: the services of a level (which do not depend on each other) are recreated by
 * one compose call and gated concurrently; the next level starts only when the whole level is healthy.
 */
async function runSteps(
  ctx: OpContext,
  steps: Step[],
  onDone: (service: string) => void,
  tolerateOneShotFailure: boolean,
  recorder: IncidentRecorder | null,
): Promise<{ services: Record<string, number>; failure: StepFailure | null; attempted: string[]; keptOld: string[] }> {
  const services: Record<string, number> = {};
  const attempted: string[] = [];
  // start-first services whose new container was given up: the old one never stopped serving
  const keptOld: string[] = [];
  // A service waits for the whole previous level only when compose itself would (depends_on with
  // condition service_healthy / service_completed_successfully); a plain dependency (service_started) is
  // recreated in the same compose call, which starts it after what it depends on. Within a level, the
  // one-shots (migrations) complete first unless the compose file says otherwise (see oneShotsFirst).
  const levels = releaseLevels(ctx.project, steps);
  const startFirst = (name: string): boolean => behindProxy(ctx, name);
  const later = levels.slice(1).flat().map((s) => s.service).filter(startFirst);
  // the start-first services of later levels are pinned to their running containers while the first level
  // (normally the migrations) runs, so their own level starts the new containers at once
  const prePinned = levels.length > 1 && !levels[0].some((s) => startFirst(s.service)) && later.length ? prePin(ctx, later) : Promise.resolve(new Map<string, string>());
  try {
    for (const level of levels) {
      // one compose call per version within the level (normally a single one)
      const versions = [...new Set(level.map((s) => s.version))];
      const started = Date.now();
      const splits: StrategySplit[] = [];
      const unitOf = new Map<string, StartFirstUnit>();
      const giveUp = async (): Promise<void> => {
        // the new containers are about to be removed: their logs and state go to the incident first
        const fresh = splits.flatMap((sp) => sp.startFirst.filter((u) => u.newId));
        if (fresh.length) await recorder?.captureBeforeReplace(fresh.map((u) => u.service), fresh.map((u) => u.newId!));
        for (const sp of splits) {
          await abandon(ctx, sp);
          for (const u of sp.startFirst) {
            keptOld.push(u.service);
            say(ctx, 'startFirstAbandoned', { service: u.service });
          }
        }
      };
      for (const version of versions) {
        const names = level.filter((s) => s.version === version).map((s) => s.service);
        // an image removed since the plan (prune, `docker rmi`) would make compose try a registry: stop here
        const missing = await missingImages(ctx, names, version);
        if (missing.length) {
          await giveUp().catch(() => undefined);
          const reason = `image(s) ${missing.join(', ')} no longer on this machine (removed since the plan); nothing was pulled`;
          say(ctx, 'serviceFailed', { service: names.join(', '), reason });
          return { services, failure: { service: names.join(', '), version, code: 'OPERATION_FAILED', reason }, attempted, keptOld };
        }
        const split = await splitByStrategy(ctx, names, version);
        await recorder?.captureBeforeReplace(names);
        const recreate = split.recreate;
        if (split.startFirst.length) {
          splits.push(split);
          for (const u of split.startFirst) say(ctx, 'serviceStartingBeside', { service: u.service, version });
          recorder?.note(`start-first ${split.startFirst.map((u) => u.service).join(', ')} on ${version}`);
        }
        for (const service of recreate) say(ctx, 'serviceUpdating', { service, version });
        attempted.push(...recreate);
        if (recreate.length) recorder?.note(`${ctx.engine.name === 'swarm' ? 'docker stack deploy:' : 'compose up'} ${recreate.join(', ')} on ${version}`);
        const settle = (p: () => Promise<unknown>): Promise<PromiseSettledResult<unknown>> => p().then((value) => ({ status: 'fulfilled', value }) as const, (reason: unknown) => ({ status: 'rejected', reason }) as const);
        const pre = await prePinned;
        const alreadyPinned = split.startFirst.every((u) => pre.get(u.service) === u.oldId);
        const startFirstCall = (): Promise<unknown> => (split.startFirst.length ? (alreadyPinned ? Promise.resolve() : pinOld(ctx, split)).then(() => startBeside(ctx, split, tagsFor(ctx.project, version))) : Promise.resolve());
        const dependencies = dependenciesOf(ctx, recreate);
        const recreateCall = async (): Promise<unknown> => (recreate.length ? ctx.engine.apply({ services: recreate, tags: { ...tagsFor(ctx.project, version), ...(await runningTags(ctx, dependencies, recreate)) }, dependencies }) : undefined);
        // the recreated services first: compose is called while every service they depend on still has one
        // container, so it labels them as a plain `up -d` would (see ComposeEngine.apply); then the new
        // containers of the start-first services, beside the running ones
        // (one compose call at a time on a project: two at once race with compose v1, "No such container")
        const rc = await settle(recreateCall);
        const sf: PromiseSettledResult<unknown> = rc.status === 'fulfilled' ? await settle(startFirstCall) : { status: 'fulfilled', value: null };
        const problem = [sf, rc].find((x): x is PromiseRejectedResult => x.status === 'rejected');
        if (problem) {
          await giveUp().catch(() => undefined);
          const e = problem.reason as Error;
          if (isRepriseError(e)) throw e;
          const reason = e instanceof RunError ? e.message : e.message;
          const service = (sf.status === 'rejected' ? split.startFirst.map((u) => u.service) : recreate).join(', ');
          say(ctx, 'serviceFailed', { service, reason });
          return { services, failure: { service, version, code: 'OPERATION_FAILED', reason }, attempted, keptOld };
        }
        for (const u of split.startFirst) unitOf.set(u.service, u);
        for (const service of names) await ctx.checkpoint(`applied:${service}`);
      }
      const gate = async (step: Step): Promise<StepFailure | null> => {
        const unit = unitOf.get(step.service);
        // an engine error while waiting (daemon gone, API error) is a failed step, so the revert still runs
        const failure = await (unit ? gateUnit(ctx, step, unit) : gateStep(ctx, step, tolerateOneShotFailure)).catch(
          (e: Error): StepFailure => ({ service: step.service, version: step.version, code: 'OPERATION_FAILED', reason: e instanceof RepriseError ? e.code : e.message }),
        );
        const seconds = Math.round((Date.now() - started) / 100) / 10;
        services[step.service] = seconds;
        recorder?.note(failure ? `${step.service} failed on ${step.version}: ${failure.reason}` : `${step.service} healthy on ${step.version} (${seconds} s)`);
        if (failure) say(ctx, 'serviceFailed', { service: step.service, reason: failure.reason });
        else {
          say(ctx, serviceOf(ctx, step.service).oneShot ? 'serviceCompleted' : 'serviceHealthy', { service: step.service, version: step.version, seconds });
          if (!unit) {
            onDone(step.service);
            await ctx.checkpoint(`done:${step.service}`);
          }
        }
        return failure;
      };
      // the recreated services are gated while the start-first ones are gated and, once all of those are
      // healthy, switched: a switch does not wait for the slowest recreated service (if one of them fails
      // afterwards, the switched services are put back like any other changed service)
      const recreated = Promise.all(level.filter((s) => !unitOf.has(s.service)).map(gate));
      const startFirstResults = await Promise.all(level.filter((s) => unitOf.has(s.service)).map(gate));
      let failure: StepFailure | null = startFirstResults.find((f) => f !== null) ?? null;
      if (failure) await giveUp().catch(() => undefined);
      for (const split of failure ? [] : [...splits]) {
        try {
          await switchOver(ctx, split);
        } catch (e) {
          await giveUp().catch(() => undefined);
          if (isRepriseError(e)) {
            await recreated.catch(() => undefined);
            throw e;
          }
          const service = split.startFirst.map((u) => u.service).join(', ');
          const reason = t(ctx.lang, 'proxyFailed', { reason: (e as Error).message });
          say(ctx, 'serviceFailed', { service, reason });
          failure = { service, version: split.startFirst[0].version, code: 'OPERATION_FAILED', reason };
          break;
        }
        splits.splice(splits.indexOf(split), 1); // switched: nothing left to give up for it
        for (const u of split.startFirst) {
          attempted.push(u.service);
          services[u.service] = Math.round((Date.now() - started) / 100) / 10;
          onDone(u.service);
          await ctx.checkpoint(`done:${u.service}`);
        }
      }
      // every gate of the level is over before anything else happens (a revert must not race them)
      const recreatedResults = await recreated;
      failure ??= recreatedResults.find((f) => f !== null) ?? null;
      if (failure) return { services, failure, attempted, keptOld };
    }
  } finally {
    // never leave the early pinning running behind the caller's back
    await prePinned;
  }
  return { services, failure: null, attempted, keptOld };
}

/**
 * The tag variables of the versioned services among `dependencies` (not being recreated themselves), set to
 * the version their running container runs: compose then finds them in sync and leaves them alone, whatever
 * the release's version (the recreated services' own variables keep the release's version).
 */
async function runningTags(ctx: OpContext, dependencies: string[], recreated: string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const deps = ctx.project.versioned.filter((v) => dependencies.includes(v.name) && !recreated.includes(v.name));
  if (!deps.length) return out;
  const all = await ctx.engine.containers();
  const own = new Set(recreated.map((r) => ctx.project.versioned.find((v) => v.name === r)?.tagVariable));
  for (const v of deps) {
    if (own.has(v.tagVariable)) continue; // a variable shared with a recreated service keeps the release's version
    const mine = all.filter((c) => c.service === v.name && c.state === 'running');
    const tag = mine.length === 1 ? tagOf(mine[0].image, v.repository) : null;
    if (tag) out[v.tagVariable] = tag;
  }
  return out;
}

/** A release that stopped before its start-first level leaves no pin behind (pins back on the names). */
async function prePinSettled(ctx: OpContext, forward: { failure: StepFailure | null }): Promise<void> {
  if (forward.failure && ctx.project.proxy) await resetPins(ctx).catch(() => undefined);
}

/** The local images `names` need for `version` that are not there (versioned services only). */
async function missingImages(ctx: OpContext, names: string[], version: string): Promise<string[]> {
  const repos = names.map((n) => ctx.project.versioned.find((v) => v.name === n)?.repository).filter((r): r is string => Boolean(r));
  if (repos.length === 0) return [];
  const have = new Set((await ctx.engine.images([...new Set(repos)])).map((i) => `${i.repository}:${i.tag}`));
  return repos.map((r) => `${r}:${version}`).filter((ref) => !have.has(ref));
}

export async function applyPlan(ctx: OpContext, plan: Plan, revertOnFailure = true, recorder: IncidentRecorder | null = null): Promise<ApplyOutcome> {
  const infra = await ensureInfrastructure(ctx, plan.version);
  if (infra) return { ok: false, services: {}, failure: infra, reverted: null };
  const done: string[] = [];
  const forward = await runSteps(
    ctx,
    plan.steps,
    (service) => {
      done.push(service);
      ctx.store.updateJournal(ctx.project.name, { done: [...done], step: `done:${service}` });
    },
    false,
    recorder,
  );
  await prePinSettled(ctx, forward);
  if (!forward.failure) {
    const dependents = await ensureDependents(ctx, plan.version);
    if (dependents) return { ok: false, services: forward.services, failure: dependents, reverted: null };
    return { ok: true, services: forward.services, failure: null, reverted: null };
  }
  if (!revertOnFailure) return { ok: false, services: forward.services, failure: forward.failure, reverted: null };

  // Put back every service touched (the failing one included), newest change first.
  const touched = new Set(forward.attempted);
  const back: Step[] = plan.steps
    .filter((s: PlanStep) => touched.has(s.service) && s.fromVersion !== null)
    .reverse()
    .map((s) => ({ service: s.service, version: s.fromVersion as string }));
  // dependencies first again when going back (one-shots before what needs them)
  back.sort((a, b) => orderIndex(plan, a.service) - orderIndex(plan, b.service));
  const orphanStep = plan.steps.find((s) => touched.has(s.service) && s.fromVersion === null && !s.oneShot);
  if (back.length === 0 && !orphanStep) {
    // only start-first services failed: their new containers are gone and the old ones never stopped
    // serving, so the stack is where it was — an automatic rollback that had nothing to recreate
    if (forward.keptOld.length) return { ok: false, services: forward.services, failure: forward.failure, reverted: { services: {}, ok: true, failure: null, seconds: 0 } };
    return { ok: false, services: forward.services, failure: forward.failure, reverted: null };
  }
  say(ctx, 'revertingChanged', { services: back.map((b) => `${b.service} → ${b.version}`) });
  ctx.store.updateJournal(ctx.project.name, { step: 'reverting' });
  const started = Date.now();
  recorder?.note(`putting back ${back.map((b) => `${b.service} → ${b.version}`).join(', ')}`);
  const rev = await runSteps(ctx, back, () => undefined, true, recorder);
  // a long-running service that did not run before has no version to go back to: it stays on the new
  // one, so the stack is not restored and the caller must not report it as such
  const orphan = plan.steps.find((s) => touched.has(s.service) && s.fromVersion === null && !s.oneShot);
  const revFailure: StepFailure | null =
    rev.failure ?? (orphan ? { service: orphan.service, version: orphan.version, code: 'HEALTH_CHECK_FAILED', reason: `${orphan.service} was not running before: no version to put back` } : null);
  return {
    ok: false,
    services: forward.services,
    failure: forward.failure,
    reverted: { services: rev.services, ok: revFailure === null, failure: revFailure, seconds: (Date.now() - started) / 1000 },
  };
}

function orderIndex(plan: Plan, service: string): number {
  return plan.steps.findIndex((s) => s.service === service);
}
