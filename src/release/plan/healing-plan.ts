// Healing an interrupted operation: when every service already runs the target, the services the
// interrupted operation changed towards it without confirming them healthy (planned, not done in its
// journal) are released again — applied (compose leaves an up-to-date container as it is) and gated like
// any release, recorded, and put back if they fail. Nothing is ever called healed unchecked.
import type { Plan } from '../../domain/plan';
import type { JournalEntry, VersionedService } from '../../domain/types';

export function healingPlan(plan: Plan, journal: JournalEntry | null, versioned: VersionedService[]): Plan | null {
  if (!journal || plan.steps.length > 0 || journal.version !== plan.version) return null;
  const unconfirmed = new Set(journal.planned.filter((s) => !journal.done.includes(s)));
  const steps = versioned
    .filter((v) => unconfirmed.has(v.name))
    .map((v) => ({ service: v.name, fromVersion: journal.fromVersion, version: plan.version, oneShot: v.oneShot }));
  if (steps.length === 0) return null;
  // what they ran before the interrupted operation is what a failure puts them back on
  return { ...plan, fromVersion: journal.fromVersion, steps, unchanged: plan.unchanged.filter((s) => !unconfirmed.has(s)) };
}
