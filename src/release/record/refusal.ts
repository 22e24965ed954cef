// A rollback refused before any change, or stopped by an error while it was applied: never silent.
import type { ReleaseTrigger } from '../../domain/types';
import { runHooks, type HookEnv } from '../apply/hooks';
import type { OpContext } from '../context';
import type { ResolvedState } from '../resolve/resolve';
import type { IncidentRecorder } from './incident';
import { recordedError, type Ledger } from './ledger';
import { notifyEvent } from './notify';
import { recordRollbackMetrics } from './record';

/**
 * A rollback refused before any change (no such or incomplete version, no previous or current version,
 * already current, lock held) is never silent (SPEC §9): a metrics entry, an event and (but for a person
 * refused by the lock, who sees it at once) a notification say so. No release is recorded, so the refused version's own history is unchanged.
 */
export async function recordRefusal(ctx: OpContext, opts: { version?: string; trigger?: ReleaseTrigger }, state: Pick<ResolvedState, 'previous' | 'current'> | null, e: unknown, announce = true): Promise<void> {
  const at = ctx.now();
  // any error: a RepriseError's code and message, anything else OPERATION_FAILED with its message
  const { code, message } = recordedError(ctx, e);
  const version = opts.version ?? state?.previous ?? '-';
  const trigger = opts.trigger ?? 'manual';
  await recordRollbackMetrics(ctx, { trigger, outcome: 'failed', version, fromVersion: state?.current ?? null, startedAt: at, finishedAt: at, services: {}, error: { code, message } });
  ctx.store.addEvent(ctx.project.name, 'rollback_refused', `${code}: ${message}`, { code, version, trigger });
  if (announce) await notifyEvent(ctx, { type: 'rollback_failed', version, fromVersion: state?.current ?? null, cause: `${code}: ${message}`, outcomeOk: false }, null);
}

/**
 * An error thrown while the rollback was applied (the engine gone, an API timeout): the attempt started, so
 * it ends failed like any failed rollback — compose files of --with-config back, release failed and journal
 * closed, metrics entry, incident, on_failure hooks and the failure notification — whatever the error.
 */
export async function recordThrown(ctx: OpContext, ledger: Ledger, recorder: IncidentRecorder, hookEnv: HookEnv, e: unknown, putBack: () => unknown): Promise<void> {
  try {
    putBack();
  } catch {
    // the backup the journal names is still there (config-backups/)
  }
  const error = recordedError(ctx, e);
  // the journal stays: the next `rollback --yes` finishes what this one changed part-way
  const { finishedAt, seconds } = ledger.close('failed', {}, error, undefined, undefined, true);
  await ledger.metrics('failed', {}, error, finishedAt);
  const cause = ledger.base.message ?? `${error.code}: ${error.message}`;
  const incident = await ledger.incident(recorder, { failedVersion: ledger.base.fromVersion ?? 'mixed', restoredVersion: null, cause, restored: false, releaseIds: [ledger.id!], durationSeconds: seconds, services: {} });
  const type = ledger.base.trigger === 'emergency' ? 'emergency_rollback' : 'rollback_failed';
  await Promise.all([runHooks(ctx, 'on_failure', hookEnv, ledger.id), ledger.notify({ type, version: ledger.base.version, fromVersion: ledger.base.fromVersion, restoredVersion: null, cause, durationSeconds: seconds, incident, outcomeOk: false })]);
}
