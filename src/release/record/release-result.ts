// What every release operation answers (its --json document): the versions, what changed, the release
// recorded, and on a dry run the plan's order and strategies.
import type { ReleasePlan } from '../plan/plan-output';

export interface ReleaseResult {
  ok: true;
  version: string;
  fromVersion: string | null;
  changed: string[];
  unchanged: string[];
  releaseId: number | null;
  durationSeconds: number;
  envRollback: string | null;
  /** dry run: how each changed service would be replaced (start-first or recreate, and why) */
  strategies?: ReleasePlan['strategies'];
  /** dry run: the services in the order they would be applied, level by level (one level healthy or completed before the next) */
  order?: ReleasePlan['order'];
}
