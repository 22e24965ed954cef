// The operation lock and the journal of interrupted operations (SPEC §8).
import { RepriseError } from '../domain/errors';
import type { JournalEntry, LockHolder } from '../domain/types';
import type { Plan } from '../domain/plan';
import { bootId, isHolderDead, pidNamespace, pidStartTime } from '../adapters/store';
import { warn, type OpContext } from './context';
import { notifyEvent } from './record/notify';
import { recordRollbackMetrics } from './record/record';

export function lockParams(h: LockHolder): Record<string, string> {
  return {
    holder: h.command,
    pid: h.pid === null ? 'manual' : String(h.pid),
    host: h.host,
    user: h.user,
    since: h.since,
    message: h.message ? ` — "${h.message}"` : '',
  };
}

export function acquireOrFail(ctx: OpContext, command: string, message: string | null, manual = false, project = ctx.project.name): void {
  const holder: LockHolder = {
    project,
    pid: manual ? null : ctx.pid,
    host: ctx.host,
    user: ctx.user,
    command,
    message,
    since: ctx.now().toISOString(),
    pidStart: manual ? null : pidStartTime(ctx.pid),
    bootId: manual ? null : bootId(),
    pidNs: manual ? null : pidNamespace(),
  };
  const r = ctx.store.acquireLock(holder, (h) => isHolderDead(h, ctx.host));
  if (!r.acquired) {
    throw new RepriseError('LOCKED', 'locked', lockParams(r.holder), { holder: r.holder });
  }
  if (r.takenOver) {
    warn(ctx, 'lockTakenOver', lockParams(r.takenOver));
    ctx.store.addEvent(project, 'lock_taken_over', `took over the lock of dead pid ${r.takenOver.pid}`, { previous: r.takenOver });
  }
}

/** Runs fn holding the project's lock; always releases it. */
export async function withLock<T>(ctx: OpContext, command: string, message: string | null, fn: () => Promise<T>): Promise<T> {
  acquireOrFail(ctx, command, message);
  try {
    return await fn();
  } finally {
    ctx.store.releaseLock(ctx.project.name, ctx.pid);
  }
}

/** Journals a release's plan before anything changes, then pauses at the `journaled` test checkpoint. */
export async function journalStart(ctx: OpContext, releaseId: number, plan: Plan, startedAt: Date): Promise<void> {
  ctx.store.writeJournal({
    project: ctx.project.name,
    releaseId,
    kind: plan.kind,
    version: plan.version,
    fromVersion: plan.fromVersion,
    planned: plan.steps.map((s) => s.service),
    done: [],
    step: 'journaled',
    pid: ctx.pid,
    host: ctx.host,
    startedAt: startedAt.toISOString(),
    updatedAt: startedAt.toISOString(),
  });
  await ctx.checkpoint('journaled');
}

/** A journal left by a process that is no longer running it. */
export function interruptedOperation(ctx: Pick<OpContext, 'store' | 'project' | 'host'>): JournalEntry | null {
  const j = ctx.store.getJournal(ctx.project.name);
  if (!j) return null;
  const lock = ctx.store.getLock(ctx.project.name);
  if (lock && lock.pid === j.pid && lock.host === j.host && !isHolderDead(lock, ctx.host)) return null;
  return j;
}

export function interruptedParams(j: JournalEntry): Record<string, string> {
  return {
    kind: j.kind,
    version: j.version,
    from: j.fromVersion ?? '-',
    since: j.startedAt,
    pid: String(j.pid),
    done: j.done.length ? j.done.join(', ') : '-',
  };
}

/**
 * Inside a locked operation: closes an interrupted operation's records (release marked interrupted,
 * event, journal cleared) and returns it so the caller can finish or undo it.
 */
export async function takeInterrupted(ctx: OpContext): Promise<JournalEntry | null> {
  const j = interruptedOperation(ctx);
  if (!j) return null;
  warn(ctx, 'interruptedFound', interruptedParams(j));
  const rel = ctx.store.getRelease(j.releaseId);
  // a release an error ended (marked failed, its attempt already recorded) keeps its outcome and metrics entry
  const wasRunning = rel?.outcome === 'running';
  if (rel && wasRunning) ctx.store.markRelease(j.releaseId, 'interrupted');
  ctx.store.addEvent(ctx.project.name, 'interrupted_operation', `${j.kind} to ${j.version} was interrupted at step ${j.step}`, { ...j }, j.releaseId);
  ctx.store.clearJournal(ctx.project.name);
  // an interrupted rollback never wrote its metrics entry: the attempt is recorded now, as failed
  if (rel && rel.kind !== 'deploy' && wasRunning) {
    await recordRollbackMetrics(ctx, {
      trigger: rel.trigger,
      outcome: 'failed',
      version: j.version,
      fromVersion: j.fromVersion,
      startedAt: new Date(rel.startedAt),
      finishedAt: new Date(j.updatedAt),
      services: {},
      error: { code: 'INTERRUPTED_OPERATION', message: `${j.kind} interrupted at step ${j.step}; services changed: ${j.done.join(', ') || '-'}` },
    });
  }
  await notifyEvent(ctx, { type: 'interrupted_operation', version: j.version, fromVersion: j.fromVersion, cause: `${j.kind} interrupted at step ${j.step}; services changed: ${j.done.join(', ') || '-'}` }, j.releaseId);
  return j;
}
