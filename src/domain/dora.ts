// The four-keys figures (DORA) computed from the release history. Pure: releases in, figures out.
import type { Release } from './types';

export interface DoraFigures {
  /** the period the figures cover, ending now */
  windowDays: number;
  /** successful deploys in the window */
  deployments: number;
  deploymentsPerWeek: number;
  /** deploy attempts that finished (success, failed, rolled back, interrupted) */
  changes: number;
  /** changes that failed or that were rolled back away from afterwards */
  failedChanges: number;
  /** failedChanges / changes; null without changes */
  changeFailureRate: number | null;
  /** failed changes that a later successful release restored */
  restores: number;
  /** median and newest time to restore (failed release → healthy again), seconds; null without restores */
  timeToRestoreMedianSeconds: number | null;
  timeToRestoreLastSeconds: number | null;
  /** rollbacks (manual, automatic, dashboard, emergency) that succeeded, median duration, seconds */
  rollbackMedianSeconds: number | null;
}

const FINISHED_CHANGE = new Set(['success', 'failed', 'rolled_back', 'interrupted']);
const BACK = new Set(['rollback', 'emergency']);

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * A deploy is a failed change when it did not succeed, or when a later rollback took the stack away from its
 * version before another deploy succeeded. It is restored when a later release succeeds: time to restore runs from
 * the moment the failure began (the start of a failed deploy, the end of a deploy later rolled back away
 * from) to the end of that successful release.
 */
export function doraFigures(releases: Release[], now: Date, windowDays = 30): DoraFigures {
  const since = now.getTime() - windowDays * 86_400_000;
  const all = [...releases].sort((a, b) => a.id - b.id);
  const inWindow = all.filter((r) => Date.parse(r.startedAt) >= since);
  const changes = inWindow.filter((r) => r.kind === 'deploy' && FINISHED_CHANGE.has(r.outcome));
  const restores: Array<{ seconds: number; at: number }> = [];
  let failedChanges = 0;
  for (const d of changes) {
    const later = all.filter((r) => r.id > d.id);
    // the version stays live until a deploy succeeds: a failed deploy rolled back to it does not end its life
    const nextDeploy = later.find((r) => r.kind === 'deploy' && r.outcome === 'success');
    const rolledAway = later.find((r) => BACK.has(r.kind) && r.outcome === 'success' && r.fromVersion === d.version && (!nextDeploy || r.id < nextDeploy.id));
    const failed = d.outcome !== 'success';
    if (!failed && !rolledAway) continue;
    failedChanges++;
    // a deploy that failed before changing any service never degraded what ran: nothing to restore
    if (failed && d.outcome === 'failed' && Object.keys(d.services).length === 0) continue;
    const began = failed ? Date.parse(d.startedAt) : Date.parse(d.finishedAt ?? d.startedAt);
    const restoredBy = failed ? later.find((r) => r.outcome === 'success' && r.finishedAt) : rolledAway;
    if (restoredBy?.finishedAt) restores.push({ seconds: Math.max(0, (Date.parse(restoredBy.finishedAt) - began) / 1000), at: Date.parse(restoredBy.finishedAt) });
  }
  restores.sort((a, b) => a.at - b.at);
  const restoreTimes = restores.map((r) => r.seconds);
  const deployments = changes.filter((r) => r.outcome === 'success').length;
  const rollbacks = inWindow.filter((r) => BACK.has(r.kind) && r.outcome === 'success' && r.durationSeconds !== null).map((r) => r.durationSeconds as number);
  return {
    windowDays,
    deployments,
    deploymentsPerWeek: round2((deployments * 7) / windowDays),
    changes: changes.length,
    failedChanges,
    changeFailureRate: changes.length ? round2(failedChanges / changes.length) : null,
    restores: restoreTimes.length,
    timeToRestoreMedianSeconds: restoreTimes.length ? round2(median(restoreTimes) as number) : null,
    timeToRestoreLastSeconds: restoreTimes.length ? round2(restoreTimes[restoreTimes.length - 1]) : null,
    rollbackMedianSeconds: rollbacks.length ? round2(median(rollbacks) as number) : null,
  };
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
