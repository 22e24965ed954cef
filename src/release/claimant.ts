// A process as a claim records it — pid, host, pid start time, boot and PID namespace — and whether it still
// runs: for work one process takes on and another must take over if it dies (an incident message being sent,
// a release being watched).
import { bootId, isHolderDead, pidNamespace, pidStartTime } from '../adapters/store';
import type { OpContext } from './context';

/** This process, as a JSON claim. */
export function claimant(ctx: Pick<OpContext, 'host' | 'pid'>): string {
  return JSON.stringify({ pid: ctx.pid, host: ctx.host, pidStart: pidStartTime(ctx.pid), bootId: bootId(), pidNs: pidNamespace() });
}

/** True when the process of `claimedBy` is known to have stopped (unknown, or unreadable: false). */
export function claimantDead(ctx: Pick<OpContext, 'host'>, claimedBy: string): boolean {
  try {
    const c = JSON.parse(claimedBy) as { pid: number; host: string; pidStart: string | null; bootId: string | null; pidNs: string | null };
    if (typeof c.pid !== 'number' || typeof c.host !== 'string') return false;
    return isHolderDead({ pid: c.pid, host: c.host, pidStart: c.pidStart, bootId: c.bootId, pidNs: c.pidNs }, ctx.host);
  } catch {
    return false;
  }
}
