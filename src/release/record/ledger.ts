// The record step, owned by one object per release: its row → configuration → journal → finish → metrics
// entry → .env.rollback and env files → latency baselines → incident folder → notification. Every
// operation that changes the stack (deploy, its automatic rollback, rollback, emergency, monitor's
// rollback, promote) records through a Ledger, so each record is written the same way and in the same
// order whoever asks.
import type { DataRestoreRecord, NewRelease, ReleaseOutcome } from '../../domain/types';
import { isRepriseError } from '../../domain/errors';
import { t } from '../../domain/messages';
import type { Plan } from '../../domain/plan';
import { syncEnvFile } from '../apply/env-sync';
import { say, type OpContext } from '../context';
import { journalStart } from '../guard';
import { recordBaselines } from '../verify/baseline';
import { runIncidentClock } from './incident-clock';
import { recordSchemaHead } from './schema-record';
import { recordImages } from './image-record';
import { recordReleaseConfig } from './config-record';
import type { IncidentRecorder, IncidentSummary } from './incident';
import { notifyEvent, type NotifyFields } from './notify';
import { recordRollbackMetrics, refreshEnvRollback } from './record';
import { snapshot } from './snapshot';

export interface RecordedError {
  code: string;
  message: string;
}

export interface Closed {
  finishedAt: Date;
  seconds: number;
}

/** Any error as a record: a RepriseError's code and message, anything else OPERATION_FAILED with its message. */
export function recordedError(ctx: Pick<OpContext, 'lang'>, e: unknown): RecordedError {
  if (isRepriseError(e)) return { code: e.code, message: t(ctx.lang, e.key, e.params) };
  return { code: 'OPERATION_FAILED', message: (e as Error)?.message ?? String(e) };
}

export class Ledger {
  /** the release row, once opened */
  id: number | null = null;
  private closed = false;

  constructor(
    private readonly ctx: OpContext,
    readonly base: Omit<NewRelease, 'startedAt'>,
    readonly startedAt: Date = ctx.now(),
  ) {}

  /** The release row (outcome `running` until closed). */
  open(): number {
    this.id = this.ctx.store.startRelease({ ...this.base, startedAt: this.startedAt.toISOString() }).id;
    return this.id;
  }

  /** The configuration this release uses (compose files, reprise.yml, env file hash), or the same snapshot as another release. */
  config(snapshotId: number | null = null): number | null {
    return recordReleaseConfig(this.ctx, this.row(), snapshotId);
  }

  /** The plan journaled before anything changes (then the `journaled` test checkpoint). */
  async journal(plan: Plan): Promise<void> {
    await journalStart(this.ctx, this.row(), plan, this.startedAt);
  }

  /** Opened and not closed yet: an error thrown now leaves a release that must still be closed as failed. */
  get running(): boolean {
    return this.id !== null && !this.closed;
  }

  /**
   * The row's outcome, and the journal cleared: the operation is over, whatever comes next is a record.
   * `keepJournal`: an error stopped the apply part-way — what it changed is unknown here, so the journal stays
   * for the next `rollback --yes` (or `deploy`) to finish or undo, as after a crash.
   */
  close(outcome: Exclude<ReleaseOutcome, 'running'>, services: Record<string, number>, error: RecordedError | null, finishedAt: Date = this.ctx.now(), seconds = (finishedAt.getTime() - this.startedAt.getTime()) / 1000, keepJournal = false): Closed {
    this.ctx.store.finishRelease(this.row(), {
      outcome,
      finishedAt: finishedAt.toISOString(),
      durationSeconds: seconds,
      services,
      errorCode: error?.code ?? null,
      errorMessage: error?.message ?? null,
    });
    if (!keepJournal) this.ctx.store.clearJournal(this.ctx.project.name);
    this.closed = true;
    return { finishedAt, seconds };
  }

  /** An attempt that stopped before changing anything (cancelled, refused by a hook): row, configuration, outcome, metrics entry. */
  async stopped(outcome: 'cancelled' | 'failed', error: RecordedError | null): Promise<number> {
    const id = this.open();
    this.config();
    const at = this.ctx.now();
    this.ctx.store.finishRelease(id, { outcome, finishedAt: at.toISOString(), durationSeconds: (at.getTime() - this.startedAt.getTime()) / 1000, services: {}, errorCode: error?.code ?? null, errorMessage: error?.message ?? null });
    await this.metrics(outcome, {}, error, at);
    return id;
  }

  /** The rollback metrics file entry (every rollback attempt, SPEC §7); never fails the operation. */
  async metrics(outcome: 'success' | 'failed' | 'cancelled', services: Record<string, number>, error: RecordedError | null, finishedAt: Date, startedAt: Date = this.startedAt, dataRestored: DataRestoreRecord[] | null = null): Promise<void> {
    await recordRollbackMetrics(this.ctx, { trigger: this.base.trigger, outcome, version: this.base.version, fromVersion: this.base.fromVersion, startedAt, finishedAt, services, error, dataRestored });
  }

  /**
   * The stack runs `version` and it is good: .env.rollback names the version to go back to, and the env
   * files say what runs (`envVersion`: the one version the stack runs, null when it is mixed).
   */
  async good(version: string, envVersion: string | null = version): Promise<string | null> {
    const envRollback = refreshEnvRollback(this.ctx, version);
    if (envVersion) syncEnvFile(this.ctx, envVersion);
    // the image each service runs, by ID and digest: a rollback to this version runs it, whatever its tag says later
    await recordImages(this.ctx, this.row(), version);
    // the schema head it runs with (data.schema): what a rollback to it is compared with; not on the emergency
    // path, whose every second counts
    if (this.base.trigger !== 'emergency') await recordSchemaHead(this.ctx, this.row());
    return envRollback;
  }

  /** The health endpoints' latency on the version now running, for `verify` to compare with later. */
  async baselines(version: string): Promise<void> {
    await recordBaselines(this.ctx, this.row(), version);
  }

  /** The incident folder (status snapshot, captured logs, report); its path, or null when none was written. */
  async incident(recorder: IncidentRecorder, summary: Omit<IncidentSummary, 'kind' | 'trigger'>, announce = true): Promise<string | null> {
    const path = await recorder.write({ kind: this.base.kind, trigger: this.base.trigger, version: this.base.version, fromVersion: this.base.fromVersion ?? null, ...summary }, await snapshot(this.ctx));
    if (path && announce) say(this.ctx, 'incidentWritten', { path });
    // the escalation's first level is due at once (after: 0m): sent now, whether `reprise serve` runs or not
    if (recorder.incidentId !== null) await runIncidentClock(this.ctx, { only: recorder.incidentId });
    return path;
  }

  /** The notification of this release's outcome, through every configured channel. */
  async notify(fields: NotifyFields): Promise<void> {
    await notifyEvent(this.ctx, fields, this.id);
  }

  private row(): number {
    if (this.id === null) throw new Error('ledger: the release row is not open');
    return this.id;
  }
}
