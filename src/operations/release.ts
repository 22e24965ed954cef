// Step 3 (apply) and 4 (verify) of a release: each changed service in dependency order, health-gated;
// on failure, the services already changed are put back so the stack never stays mixed.
import type { Plan, PlanStep } from '../domain/plan';
import type { VersionedService } from '../domain/types';
import { RunError } from '../adapters/process/run';
import { say, warn, type OpContext } from './context';
import { tagsFor } from './resolve';
import { waitCompleted, waitHealthy, type GateResult } from './health-gate';

export interface StepFailure {
  service: string;
  version: string;
  code: 'HEALTH_CHECK_FAILED' | 'OPERATION_FAILED';
  reason: string;
}

export interface ApplyOutcome {
  ok: boolean;
  /** seconds per service for the steps that were applied */
  services: Record<string, number>;
  failure: StepFailure | null;
  /** on failure: services put back, and whether that worked */
  reverted: { services: Record<string, number>; ok: boolean; failure: StepFailure | null; seconds: number } | null;
}

function serviceOf(ctx: OpContext, name: string): VersionedService {
  const s = ctx.project.versioned.find((v) => v.name === name);
  if (!s) throw new Error(`unknown service ${name}`);
  return s;
}

/** Applies one step and waits for it; returns the failure or null. */
async function applyStep(ctx: OpContext, step: { service: string; version: string }, tolerateOneShotFailure = false): Promise<StepFailure | null> {
  const svc = serviceOf(ctx, step.service);
  const image = `${svc.repository}:${step.version}`;
  say(ctx, 'serviceUpdating', { service: step.service, version: step.version });
  try {
    await ctx.engine.apply({ service: step.service, tags: tagsFor(ctx.project, step.version) });
  } catch (e) {
    const reason = e instanceof RunError ? e.message : (e as Error).message;
    return { service: step.service, version: step.version, code: 'OPERATION_FAILED', reason };
  }
  await ctx.checkpoint(`applied:${step.service}`);
  const gate: GateResult = svc.oneShot
    ? await waitCompleted(ctx.engine, svc, ctx.project.health, image)
    : await waitHealthy(ctx.engine, svc, ctx.project.health, image);
  if (!gate.ok) {
    if (svc.oneShot && tolerateOneShotFailure) {
      warn(ctx, 'serviceFailed', { service: step.service, reason: gate.reason ?? '' });
      return null;
    }
    return { service: step.service, version: step.version, code: 'HEALTH_CHECK_FAILED', reason: gate.reason ?? 'unknown' };
  }
  return null;
}

async function runSteps(
  ctx: OpContext,
  steps: Array<{ service: string; version: string }>,
  onDone: (service: string) => void,
  tolerateOneShotFailure: boolean,
): Promise<{ services: Record<string, number>; failure: StepFailure | null; attempted: string[] }> {
  const services: Record<string, number> = {};
  const attempted: string[] = [];
  for (const step of steps) {
    const started = Date.now();
    attempted.push(step.service);
    const failure = await applyStep(ctx, step, tolerateOneShotFailure);
    const seconds = Math.round((Date.now() - started) / 100) / 10;
    services[step.service] = seconds;
    if (failure) {
      say(ctx, 'serviceFailed', { service: step.service, reason: failure.reason });
      return { services, failure, attempted };
    }
    say(ctx, serviceOf(ctx, step.service).oneShot ? 'serviceCompleted' : 'serviceHealthy', { service: step.service, version: step.version, seconds });
    onDone(step.service);
  }
  return { services, failure: null, attempted };
}

/** Infrastructure services the versioned ones depend on (transitively). */
export function infrastructureDeps(ctx: OpContext): string[] {
  const infra = new Set(ctx.project.infrastructure);
  const seen = new Set<string>();
  const stack = ctx.project.versioned.flatMap((v) => v.dependsOn);
  while (stack.length) {
    const n = stack.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    stack.push(...(ctx.project.compose.services.get(n)?.dependsOn ?? []));
  }
  return [...seen].filter((n) => infra.has(n));
}

/**
 * Starts the infrastructure the versioned services need when some of it is not running (first deploy,
 * or after a crash). Running infrastructure is never touched.
 */
async function ensureInfrastructure(ctx: OpContext): Promise<StepFailure | null> {
  const needed = infrastructureDeps(ctx);
  if (needed.length === 0) return null;
  const containers = await ctx.engine.containers();
  const missing = needed.filter((n) => !containers.some((c) => c.service === n && c.state === 'running'));
  if (missing.length === 0) return null;
  for (const service of missing) {
    say(ctx, 'serviceUpdating', { service, version: '(infra)' });
    try {
      await ctx.engine.apply({ service, tags: {} });
    } catch (e) {
      return { service, version: '-', code: 'OPERATION_FAILED', reason: (e as Error).message };
    }
  }
  for (const service of missing) {
    const gate = await waitHealthy(ctx.engine, { name: service, repository: '', tagVariable: '', imageTemplate: '', dependsOn: [], oneShot: false, healthUrl: null, healthTimeoutMs: null }, ctx.project.health, null);
    if (!gate.ok) return { service, version: '-', code: 'HEALTH_CHECK_FAILED', reason: gate.reason ?? 'unknown' };
  }
  return null;
}

/** Applies the plan; the journal records each service done so a crash can be finished or undone. */
export async function applyPlan(ctx: OpContext, plan: Plan, revertOnFailure = true): Promise<ApplyOutcome> {
  const infra = await ensureInfrastructure(ctx);
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
  );
  if (!forward.failure) return { ok: true, services: forward.services, failure: null, reverted: null };
  if (!revertOnFailure) return { ok: false, services: forward.services, failure: forward.failure, reverted: null };

  // Put back every service touched (the failing one included), newest change first.
  const touched = new Set(forward.attempted);
  const back: Array<{ service: string; version: string }> = plan.steps
    .filter((s: PlanStep) => touched.has(s.service) && s.fromVersion !== null)
    .reverse()
    .map((s) => ({ service: s.service, version: s.fromVersion as string }));
  // dependencies first again when going back (one-shots before what needs them)
  back.sort((a, b) => orderIndex(plan, a.service) - orderIndex(plan, b.service));
  if (back.length === 0) return { ok: false, services: forward.services, failure: forward.failure, reverted: null };
  say(ctx, 'revertingChanged', { services: back.map((b) => `${b.service} → ${b.version}`) });
  ctx.store.updateJournal(ctx.project.name, { step: 'reverting' });
  const started = Date.now();
  const rev = await runSteps(ctx, back, () => undefined, true);
  return {
    ok: false,
    services: forward.services,
    failure: forward.failure,
    reverted: { services: rev.services, ok: rev.failure === null, failure: rev.failure, seconds: (Date.now() - started) / 1000 },
  };
}

function orderIndex(plan: Plan, service: string): number {
  return plan.steps.findIndex((s) => s.service === service);
}
