import type { Plan } from '../domain/plan';
import type { ServiceStrategy } from '../domain/strategy';
import type { MessageKey } from '../domain/messages';
import { t } from '../domain/messages';
import { say, type OpContext } from './context';

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

/** The strategies of the plan's steps, for --json output. */
export function planStrategies(ctx: Pick<OpContext, 'project'>, plan: Plan): Record<string, { strategy: string; reason: string | null; detail: string | null }> {
  const out: Record<string, { strategy: string; reason: string | null; detail: string | null }> = {};
  for (const step of plan.steps) {
    const s = ctx.project.strategies.get(step.service);
    if (s) out[step.service] = { strategy: s.strategy, reason: s.reason, detail: s.detail };
  }
  return out;
}

export function printPlan(ctx: OpContext, plan: Plan): void {
  say(ctx, 'planHeader', { kind: plan.kind, from: plan.fromVersion ?? '-', version: plan.version, project: ctx.project.name, engine: ctx.engine.name });
  if (plan.steps.length === 0) {
    say(ctx, 'planNothing', { version: plan.version });
    return;
  }
  for (const s of plan.steps) {
    say(ctx, 'planService', {
      service: s.service,
      fromVersion: s.fromVersion ?? '-',
      version: s.version,
      oneShot: s.oneShot ? ' (one-shot)' : '',
      strategy: strategyText(ctx, ctx.project.strategies.get(s.service)),
    });
  }
  if (plan.unchanged.length) say(ctx, 'planUnchanged', { services: plan.unchanged });
}
