// Trends from the history: DORA figures, release and rollback durations, latency baselines per release.
import { doraFigures, type DoraFigures } from '../domain/dora';
import type { ReleaseKind, ReleaseOutcome, ReleaseTrigger } from '../domain/types';
import type { OpContext } from '../release/context';

/** The seed's goal for a rollback (§5.3: "2 à 5 minutes"). */
export const ROLLBACK_TARGET_SECONDS = { min: 120, max: 300 } as const;

export interface InsightsResult {
  ok: true;
  project: string;
  environment: string | null;
  generatedAt: string;
  dora: DoraFigures;
  rollbackTargetSeconds: { min: number; max: number };
  /** every finished release, oldest first: the points of the duration charts */
  releases: Array<{ id: number; kind: ReleaseKind; trigger: ReleaseTrigger; outcome: ReleaseOutcome; version: string; fromVersion: string | null; startedAt: string; durationSeconds: number | null }>;
  /** latency baselines measured after each successful release, oldest first */
  latency: Array<{ releaseId: number; version: string; url: string; medianMs: number; p95Ms: number; samples: number; recordedAt: string }>;
}

export function insights(ctx: Pick<OpContext, 'store' | 'project' | 'now'>, windowDays = 30): InsightsResult {
  const all = ctx.store.listReleases(ctx.project.name);
  return {
    ok: true,
    project: ctx.project.name,
    environment: ctx.project.environment,
    generatedAt: ctx.now().toISOString(),
    dora: doraFigures(all, ctx.now(), windowDays),
    rollbackTargetSeconds: { ...ROLLBACK_TARGET_SECONDS },
    releases: all
      .filter((r) => r.outcome !== 'running')
      .reverse()
      .map((r) => ({ id: r.id, kind: r.kind, trigger: r.trigger, outcome: r.outcome, version: r.version, fromVersion: r.fromVersion, startedAt: r.startedAt, durationSeconds: r.durationSeconds })),
    latency: ctx.store.listBaselines(ctx.project.name).map((b) => ({ releaseId: b.releaseId, version: b.version, url: b.url, medianMs: b.medianMs, p95Ms: b.p95Ms, samples: b.samples, recordedAt: b.recordedAt })),
  };
}
