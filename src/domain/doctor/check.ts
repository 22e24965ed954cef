// What a doctor check is: its id, its status, and a finding with its fix. The judgements of this folder
// return message keys (Msg) that the caller translates; a few take the language to build one line of several.
import type { Params } from '../errors';
import type { MessageKey } from '../messages';

export type CheckStatus = 'ok' | 'warn' | 'fail' | 'skipped';

export type DoctorCheckId =
  | 'config'
  | 'engine'
  | 'remote_engine'
  | 'compose'
  | 'services'
  | 'stats'
  | 'versions'
  | 'drift'
  | 'env_tags'
  | 'side_by_side'
  | 'swarm'
  | 'env_file'
  | 'env_rollback'
  | 'permissions'
  | 'lock'
  | 'interrupted'
  | 'disk'
  | 'memory';

/** A message to translate: key and parameters. */
export type Msg = [MessageKey, Params];

export interface Judgement {
  status: CheckStatus;
  summary: Msg;
  fix: Msg | null;
  details: Record<string, unknown>;
}

/** A check as `reprise doctor` reports it (translated). */
export interface DoctorCheck {
  id: DoctorCheckId;
  status: CheckStatus;
  summary: string;
  details: Record<string, unknown>;
  fix: string | null;
}

export interface DoctorResult {
  /** false when any check failed (warnings and skipped checks do not count) */
  ok: boolean;
  project: string | null;
  projectDir: string;
  checks: DoctorCheck[];
}

/** The worse of two statuses. */
export const worst = (a: CheckStatus, b: CheckStatus): CheckStatus => {
  const rank: Record<CheckStatus, number> = { skipped: 0, ok: 1, warn: 2, fail: 3 };
  return rank[b] > rank[a] ? b : a;
};
