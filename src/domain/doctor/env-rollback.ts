// env_rollback: the file of the manual emergency command (seed §4.2), kept by reprise.
import type { EnvRollbackTarget } from '../env-rollback';
import type { Judgement, Msg } from './check';

export interface EnvRollbackFacts {
  /** its name in the project directory (.env.rollback, .env.rollback-ENV) */
  file: string;
  exists: boolean;
  /** the version its tag variables name (null: absent, or they disagree) */
  names: string | null;
  /** what it should hold after the last successful release; null when nothing was released successfully */
  expected: EnvRollbackTarget | null;
  /** the version of the last successful release */
  current: string | null;
}

/**
 * warn: missing while there is a previous good version (an old script deleted it: the manual emergency
 * command would fail), or naming another version than it should (rewritten by someone else); ok otherwise.
 */
export function judgeEnvRollback(f: EnvRollbackFacts): Judgement {
  const details = { file: f.file, exists: f.exists, names: f.names, expected: f.expected?.version ?? null, previousGood: f.expected?.previous ?? null, current: f.current };
  const fix: Msg = ['doctorEnvRollbackFix', { file: f.file, current: f.current ?? 'VERSION' }];
  if (!f.expected) return { status: 'ok', summary: ['doctorEnvRollbackNothing', { file: f.file }], fix: null, details };
  const version = f.expected.version;
  if (!f.exists) {
    if (f.expected.previous) return { status: 'warn', summary: ['doctorEnvRollbackMissing', { file: f.file, version }], fix, details };
    return { status: 'ok', summary: ['doctorEnvRollbackMissingNoPrevious', { file: f.file, version }], fix: null, details };
  }
  if (f.names !== version) return { status: 'warn', summary: ['doctorEnvRollbackStale', { file: f.file, names: f.names ?? '-', version }], fix, details };
  return { status: 'ok', summary: [f.expected.previous ? 'doctorEnvRollbackOkPrevious' : 'doctorEnvRollbackOkRunning', { file: f.file, version }], fix: null, details };
}
