import type { Plan, PlanStep } from '../../domain/plan';
import type { Project } from '../../config/project';
import { composeDeps, planLevels } from '../../domain/levels';
import type { ServiceStrategy } from '../../domain/strategy';
import type { MessageKey } from '../../domain/messages';
import { t } from '../../domain/messages';
import { say, type OpContext } from '../context';

const REASONS: Record<NonNullable<ServiceStrategy['reason']>, MessageKey> = {
  configured: 'reasonConfigured',
  one_shot: 'reasonOneShot',
  container_name: 'reasonContainerName',
  published_ports: 'reasonPublishedPorts',
  no_proxy: 'reasonNoProxy',
  not_behind_proxy: 'reasonNotBehindProxy',
};

/** Why a service is recreated, in the user's language. */
export function reasonText(ctx: Pick<OpContext, 'lang'>, s: ServiceStrategy): string {
  // a stop-first order written in the compose file (Swarm) is quoted as it is
  if (s.reason === 'configured' && s.detail) return s.detail;
  return s.reason ? t(ctx.lang, REASONS[s.reason], { detail: s.detail ?? '' }).trim() : '';
}

/**
 * " — start-first (zero downtime)" or " — recreate: <why>" (nothing for a one-shot, already marked); on
 * Swarm, Swarm's own update order: " — start-first (…)" or " — stop-first: <why>".
 */
export function strategyText(ctx: Pick<OpContext, 'lang'> & { project?: { engine: string } }, s: ServiceStrategy | undefined): string {
  if (!s || s.reason === 'one_shot') return '';
  if (ctx.project?.engine === 'swarm') return s.strategy === 'start-first' ? t(ctx.lang, 'strategySwarmStartFirst') : t(ctx.lang, 'strategySwarmStopFirst', { why: reasonText(ctx, s) });
  return s.strategy === 'start-first' ? t(ctx.lang, 'strategyStartFirst') : t(ctx.lang, 'strategyRecreate', { why: reasonText(ctx, s) });
}

export type PlannedStrategies = Record<string, { strategy: string; via: string | null; reason: string | null; detail: string | null }>;

/**
 * The plan as complete data, made once before anything changes: the steps, the order they are applied in
 * (levels), and how each changed service is replaced. `--dry-run`, `--json` and the release print and run
 * this same object; apply can only fall back from start-first to recreate, for a reason it prints.
 */
export interface ReleasePlan extends Plan {
  order: string[][];
  strategies: PlannedStrategies;
}

export function completePlan(ctx: Pick<OpContext, 'project'>, plan: Plan): ReleasePlan {
  return { ...plan, order: planOrder(ctx, plan), strategies: planStrategies(ctx, plan) };
}

/** The strategies of the plan's steps. */
function planStrategies(ctx: Pick<OpContext, 'project'>, plan: Plan): PlannedStrategies {
  const out: PlannedStrategies = {};
  for (const step of plan.steps) {
    const s = ctx.project.strategies.get(step.service);
    if (s) out[step.service] = { strategy: s.strategy, via: s.via ?? null, reason: s.reason, detail: s.detail };
  }
  return out;
}

/** The order a release applies steps in: levels as compose orders them, one-shots first within a level. */
export function releaseLevels<T extends Pick<PlanStep, 'service'>>(project: Pick<Project, 'compose' | 'versioned'>, steps: T[]): T[][] {
  return planLevels(steps, project.versioned, composeDeps(project.compose.services));
}

/** The plan's order as data: each level's services, applied one level after the other. */
function planOrder(ctx: Pick<OpContext, 'project'>, plan: Plan): string[][] {
  return releaseLevels(ctx.project, plan.steps).map((l) => l.map((s) => s.service));
}

export function printPlan(ctx: OpContext, plan: ReleasePlan): void {
  say(ctx, 'planHeader', { kind: plan.kind, from: plan.fromVersion ?? '-', version: plan.version, project: ctx.project.name, engine: ctx.engine.name });
  if (plan.steps.length === 0) {
    say(ctx, 'planNothing', { version: plan.version });
    return;
  }
  // steps in the order they will be applied, then that order level by level
  const byName = new Map(plan.steps.map((s) => [s.service, s]));
  const levels = plan.order.map((l) => l.map((name) => byName.get(name) as PlanStep));
  for (const s of levels.flat()) {
    say(ctx, 'planService', {
      service: s.service,
      fromVersion: s.fromVersion ?? '-',
      version: s.version,
      oneShot: s.oneShot ? ' (one-shot)' : '',
      strategy: strategyText(ctx, ctx.project.strategies.get(s.service)),
    });
  }
  if (levels.length > 1) say(ctx, 'planOrder', { levels: levels.map((l) => l.map((s) => s.service + (s.oneShot ? ' (one-shot)' : '')).join(' + ')).join(' → ') });
  if (plan.unchanged.length) say(ctx, 'planUnchanged', { services: plan.unchanged });
}
