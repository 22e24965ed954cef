// DORA figures from a release history (pure).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { doraFigures, median } from '../../src/domain/dora';
import type { Release, ReleaseKind, ReleaseOutcome, ReleaseTrigger } from '../../src/domain/types';

const NOW = new Date('2026-11-30T12:00:00Z');
let nextId = 1;
function rel(kind: ReleaseKind, version: string, fromVersion: string | null, outcome: ReleaseOutcome, startedAt: string, seconds: number, trigger: ReleaseTrigger = 'manual'): Release {
  const start = Date.parse(startedAt);
  return {
    id: nextId++, project: 'p', kind, trigger, version, fromVersion, outcome, startedAt, finishedAt: new Date(start + seconds * 1000).toISOString(),
    durationSeconds: seconds, user: 'u', host: 'h', message: null, errorCode: null, errorMessage: null, services: {},
  };
}

test('no history: zero deployments, no rates', () => {
  const d = doraFigures([], NOW);
  assert.equal(d.deployments, 0);
  assert.equal(d.deploymentsPerWeek, 0);
  assert.equal(d.changeFailureRate, null);
  assert.equal(d.timeToRestoreMedianSeconds, null);
  assert.equal(d.rollbackMedianSeconds, null);
});

test('deploy A, deploy B, rollback to A: one change of two failed, restored when the rollback ended', () => {
  nextId = 1;
  const h = [
    rel('deploy', 'A', null, 'success', '2026-11-30T10:00:00Z', 20),
    rel('deploy', 'B', 'A', 'success', '2026-11-30T10:01:00Z', 10), // live at 10:01:10
    rel('rollback', 'A', 'B', 'success', '2026-11-30T10:05:00Z', 12), // healthy again at 10:05:12
  ];
  const d = doraFigures(h, NOW);
  assert.equal(d.deployments, 2);
  assert.equal(d.changes, 2);
  assert.equal(d.failedChanges, 1);
  assert.equal(d.changeFailureRate, 0.5);
  assert.equal(d.restores, 1);
  assert.equal(d.timeToRestoreMedianSeconds, 242);
  assert.equal(d.rollbackMedianSeconds, 12);
  assert.equal(d.deploymentsPerWeek, 0.47);
});

test('a failed deploy restored by its automatic rollback counts from the start of the deploy', () => {
  nextId = 1;
  const h = [
    rel('deploy', 'A', null, 'success', '2026-11-30T10:00:00Z', 20),
    rel('deploy', 'B', 'A', 'rolled_back', '2026-11-30T11:00:00Z', 90),
    rel('rollback', 'A', 'B', 'success', '2026-11-30T11:01:00Z', 30, 'auto'),
  ];
  const d = doraFigures(h, NOW);
  assert.equal(d.deployments, 1, 'only successful deploys count as deployments');
  assert.equal(d.changes, 2);
  assert.equal(d.failedChanges, 1);
  assert.equal(d.timeToRestoreMedianSeconds, 90, 'from 11:00:00 to 11:01:30');
});

test('a rollback after a later deploy does not blame the earlier one; cancelled and running deploys are not changes', () => {
  nextId = 1;
  const h = [
    rel('deploy', 'A', null, 'success', '2026-11-30T09:00:00Z', 20),
    rel('deploy', 'B', 'A', 'success', '2026-11-30T09:10:00Z', 20),
    rel('deploy', 'C', 'B', 'success', '2026-11-30T09:20:00Z', 20),
    rel('rollback', 'B', 'C', 'success', '2026-11-30T09:30:00Z', 20),
    rel('deploy', 'D', 'B', 'cancelled', '2026-11-30T09:40:00Z', 1),
    rel('deploy', 'E', 'B', 'running', '2026-11-30T09:50:00Z', 1),
  ];
  const d = doraFigures(h, NOW);
  assert.equal(d.changes, 3);
  assert.equal(d.failedChanges, 1, 'C only: B was not rolled back away from');
});

test('the window leaves old releases out; a failed deploy never restored has no time to restore', () => {
  nextId = 1;
  const h = [rel('deploy', 'OLD', null, 'success', '2026-09-01T10:00:00Z', 20), { ...rel('deploy', 'B', 'OLD', 'failed', '2026-11-30T11:00:00Z', 60), services: { api: 12 } }];
  const d = doraFigures(h, NOW, 30);
  assert.equal(d.changes, 1);
  assert.equal(d.changeFailureRate, 1);
  assert.equal(d.restores, 0);
  assert.equal(d.timeToRestoreMedianSeconds, null);
});

test('median', () => {
  assert.equal(median([]), null);
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 3, 2]), 2.5);
});

test('the demo: v2 outlives the failed v3 (rolled back to v2), then is rolled back away from: two failed changes of three', () => {
  nextId = 1;
  const h = [
    rel('deploy', 'v1', null, 'success', '2026-11-30T10:00:00Z', 20),
    rel('deploy', 'v2', 'v1', 'success', '2026-11-30T10:01:00Z', 20),
    rel('deploy', 'v3', 'v2', 'rolled_back', '2026-11-30T10:02:00Z', 30),
    rel('rollback', 'v2', 'v3', 'success', '2026-11-30T10:02:20Z', 10, 'auto'),
    rel('rollback', 'v1', 'v2', 'success', '2026-11-30T10:04:00Z', 9),
  ];
  const d = doraFigures(h, NOW);
  assert.equal(d.changes, 3);
  assert.equal(d.failedChanges, 2);
  assert.equal(d.changeFailureRate, 0.67);
  assert.equal(d.restores, 2);
});

test('a deploy that failed before changing anything is a failed change with nothing to restore', () => {
  nextId = 1;
  const h = [
    rel('deploy', 'A', null, 'success', '2026-11-20T10:00:00Z', 20),
    rel('deploy', 'B', 'A', 'failed', '2026-11-21T10:00:00Z', 3), // e.g. refused at the pull step: services {}
    rel('deploy', 'C', 'A', 'success', '2026-11-28T10:00:00Z', 20),
  ];
  const d = doraFigures(h, NOW);
  assert.equal(d.failedChanges, 1);
  assert.equal(d.restores, 0, 'not a week of "restore"');
});
