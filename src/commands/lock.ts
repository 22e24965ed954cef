// lock status | acquire | release: the operation lock, by hand.
import { RepriseError } from '../domain/errors';
import type { LockHolder } from '../domain/types';
import { isHolderDead } from '../adapters/store';
import { say, type OpContext } from '../release/context';
import { t } from '../domain/messages';
import { acquireOrFail, lockParams } from '../release/guard';

export interface LockResult {
  ok: true;
  project: string;
  held: boolean;
  holder: (LockHolder & { stale: boolean }) | null;
}

export function lockStatus(ctx: OpContext): LockResult {
  const h = ctx.store.getLock(ctx.project.name);
  return { ok: true, project: ctx.project.name, held: Boolean(h), holder: h ? { ...h, stale: isHolderDead(h, ctx.host) } : null };
}

/** A manual lock has no pid: it holds until `lock release`, and is never taken over. */
export function lockAcquire(ctx: OpContext, message: string | null): LockResult {
  acquireOrFail(ctx, 'lock acquire', message, true);
  return lockStatus(ctx);
}

/**
 * `lock release --force`: any holder — a live one in another pid namespace, one on a host that no longer
 * exists — after a confirmation (or --yes); recorded as a `lock_forced` event naming who forced it.
 */
export async function lockForceRelease(ctx: OpContext, yes: boolean): Promise<LockResult & { released: boolean; cancelled: boolean }> {
  const h = ctx.store.getLock(ctx.project.name);
  if (!h) return { ...lockStatus(ctx), released: false, cancelled: false };
  if (!yes && !(await ctx.confirm(t(ctx.lang, 'lockForceConfirm', lockParams(h))))) {
    say(ctx, 'lockForceCancelled');
    return { ...lockStatus(ctx), released: false, cancelled: true };
  }
  const released = ctx.store.forceReleaseLock(ctx.project.name);
  if (released) {
    ctx.store.addEvent(ctx.project.name, 'lock_forced', `lock of ${h.command} (pid ${h.pid ?? 'manual'} on ${h.host}) released by force by ${ctx.user}@${ctx.host}`, { previous: h, by: { user: ctx.user, host: ctx.host } });
    say(ctx, 'lockForced', lockParams(h));
  }
  return { ...lockStatus(ctx), released, cancelled: false };
}

export function lockRelease(ctx: OpContext): LockResult & { released: boolean } {
  const h = ctx.store.getLock(ctx.project.name);
  if (h && h.pid !== null && !isHolderDead(h, ctx.host)) {
    // a running operation's lock is not released by hand
    throw new RepriseError('LOCKED', 'locked', lockParams(h), { holder: h });
  }
  const released = h ? ctx.store.forceReleaseLock(ctx.project.name) : false;
  if (released) ctx.store.addEvent(ctx.project.name, 'lock_released', 'lock released by hand', { previous: h });
  return { ...lockStatus(ctx), released };
}
