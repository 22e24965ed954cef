// The checks of `reprise doctor`, in the order they are reported: each names the facts it needs (skipped, or
// failed for an unreadable store, without them) and turns the gathered facts into a judgement. A check whose
// facts cannot be gathered fails with the error as its finding; the others still run.
import { failedCheck, skippedCheck, storeUnreadableCheck, translated, type DoctorCheck, type DoctorCheckId, type Judgement } from '../../domain/doctor';
import type { DoctorContext } from './context';
import { configRow, engineRow, remoteEngineRow, sideBySideRow } from './rows-setup';
import { driftRow, servicesRow, statsRow, swarmRow, versionsRow } from './rows-engine';
import { envFileRow, envRollbackRow, envTagsRow, permissionsRow } from './rows-files';
import { diskRow, interruptedRow, lockRow, memoryRow } from './rows-host';

/** A context with a project (the checks that need one never run without it). */
export type WithProject = DoctorContext & { project: NonNullable<DoctorContext['project']> };

type Outcome = Promise<Judgement | DoctorCheck> | Judgement | DoctorCheck;

interface RowBase {
  id: DoctorCheckId;
  /** absent from the report when false (e.g. the swarm check on a compose project) */
  shown?: (c: DoctorContext) => boolean;
  /** skipped while the engine does not answer */
  engine?: true;
  /** without a readable store: skipped, or failed (the store itself is the problem) */
  store?: 'skip' | 'fail';
}

/** A check: skipped without a project when `project` is set, else run whatever the project. */
export type DoctorRow = (RowBase & { project: true; run: (c: WithProject) => Outcome }) | (RowBase & { project?: false; run: (c: DoctorContext) => Outcome });

export const DOCTOR_CHECKS: DoctorRow[] = [
  configRow,
  engineRow,
  remoteEngineRow,
  { id: 'compose', run: (c) => c.compose },
  servicesRow,
  statsRow,
  versionsRow,
  driftRow,
  envTagsRow,
  sideBySideRow,
  swarmRow,
  envFileRow,
  envRollbackRow,
  permissionsRow,
  lockRow,
  interruptedRow,
  diskRow,
  memoryRow,
];

/** Runs the rows one after the other (the compose check was started first and runs meanwhile). */
export async function runChecks(rows: DoctorRow[], c: DoctorContext): Promise<DoctorCheck[]> {
  const out: DoctorCheck[] = [];
  for (const row of rows) {
    if (row.shown && !row.shown(c)) continue;
    out.push(await runRow(row, c));
  }
  return out;
}

async function runRow(row: DoctorRow, c: DoctorContext): Promise<DoctorCheck> {
  const { id } = row;
  if (row.project && !hasProject(c)) return skippedCheck(c.lang, id, 'doctorSkippedConfig');
  if (row.engine && !c.engineUp) return skippedCheck(c.lang, id, 'doctorSkippedEngine');
  if (row.store && c.storeError) return row.store === 'skip' ? skippedCheck(c.lang, id, 'doctorSkippedStore') : storeUnreadableCheck(c.lang, id, c.project!.stateFile, c.storeError);
  try {
    const r = await (row.project ? row.run(c as WithProject) : row.run(c));
    return 'id' in r ? r : translated(c.lang, id, r);
  } catch (e) {
    return failedCheck(c.lang, id, e);
  }
}

function hasProject(c: DoctorContext): c is WithProject {
  return c.project !== null;
}
