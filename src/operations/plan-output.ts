import type { Plan } from '../domain/plan';
import { say, type OpContext } from './context';

export function printPlan(ctx: OpContext, plan: Plan): void {
  say(ctx, 'planHeader', { kind: plan.kind, from: plan.fromVersion ?? '-', version: plan.version, project: ctx.project.name, engine: ctx.engine.name });
  if (plan.steps.length === 0) {
    say(ctx, 'planNothing', { version: plan.version });
    return;
  }
  for (const s of plan.steps) {
    say(ctx, 'planService', { service: s.service, fromVersion: s.fromVersion ?? '-', version: s.version, oneShot: s.oneShot ? ' (one-shot)' : '' });
  }
  if (plan.unchanged.length) say(ctx, 'planUnchanged', { services: plan.unchanged });
}
