// A rollback's plan: refused when nothing runs (but on the emergency path), when the target already runs,
// or when one of its images is missing; otherwise every versioned service not on the target, in order.
import { RepriseError } from '../../domain/errors';
import { makePlan } from '../../domain/plan';
import type { OpContext } from '../context';
import { assertComplete } from '../resolve/preflight';
import type { ResolvedState } from '../resolve/resolve';
import type { Target } from '../resolve/rollback-target';
import { completePlan, type ReleasePlan } from './plan-output';

export function planFor(ctx: OpContext, state: ResolvedState, target: Target, emergency = false): ReleasePlan {
  // the emergency path also brings back a stack where nothing runs any more
  if (!state.current && !state.mixed && !emergency) throw new RepriseError('NO_CURRENT_VERSION', 'noCurrentVersion');
  if (target.version === state.current && !state.mixed) {
    throw new RepriseError('ALREADY_CURRENT', 'alreadyCurrent', { version: target.version }, { version: target.version });
  }
  assertComplete(ctx.project, state, target.version);
  return completePlan(ctx, makePlan('rollback', target.version, state.current, ctx.project.versioned, state.running));
}

