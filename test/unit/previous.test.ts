import { test } from 'node:test';
import assert from 'node:assert/strict';
import { previousGoodVersion, lastDeployedVersion } from '../../src/domain/previous';
import type { Release, ReleaseKind, ReleaseOutcome, ReleaseTrigger } from '../../src/domain/types';

let id = 0;
function rel(kind: ReleaseKind, version: string, fromVersion: string | null, outcome: ReleaseOutcome, trigger: ReleaseTrigger = 'manual'): Release {
  id += 1;
  return {
    id, project: 'p', kind, trigger, version, fromVersion, outcome,
    startedAt: new Date(1_700_000_000_000 + id * 1000).toISOString(), finishedAt: null, durationSeconds: 1,
    user: 'u', host: 'h', message: null, errorCode: null, errorMessage: null, services: {},
  };
}
/** builds newest-first history from oldest-first steps */
const hist = (...rs: Release[]): Release[] => rs.reverse();

test('after deploy A, B, C the previous good version is B', () => {
  const h = hist(rel('deploy', 'A', null, 'success'), rel('deploy', 'B', 'A', 'success'), rel('deploy', 'C', 'B', 'success'));
  assert.equal(previousGoodVersion(h, 'C'), 'B');
  assert.equal(lastDeployedVersion(h), 'C');
});

test('a version rolled back away from is never picked: rollback C→B then previous is A, not C', () => {
  const h = hist(rel('deploy', 'A', null, 'success'), rel('deploy', 'B', 'A', 'success'), rel('deploy', 'C', 'B', 'success'), rel('rollback', 'B', 'C', 'success'));
  assert.equal(previousGoodVersion(h, 'B'), 'A');
});

test('after rolling back to A there is no previous good version left', () => {
  const h = hist(
    rel('deploy', 'A', null, 'success'), rel('deploy', 'B', 'A', 'success'), rel('deploy', 'C', 'B', 'success'),
    rel('rollback', 'B', 'C', 'success'), rel('rollback', 'A', 'B', 'success'),
  );
  assert.equal(previousGoodVersion(h, 'A'), null);
});

test('a failed deploy and its automatic rollback do not make the failed version a candidate', () => {
  const h = hist(rel('deploy', 'A', null, 'success'), rel('deploy', 'B', 'A', 'success'), rel('deploy', 'X', 'B', 'rolled_back'), rel('rollback', 'B', 'X', 'success', 'auto'));
  assert.equal(previousGoodVersion(h, 'B'), 'A');
});

test('re-deploying a version rolled back from makes it a candidate again', () => {
  const h = hist(rel('deploy', 'A', null, 'success'), rel('deploy', 'B', 'A', 'success'), rel('rollback', 'A', 'B', 'success'), rel('deploy', 'B', 'A', 'success'), rel('deploy', 'C', 'B', 'success'));
  assert.equal(previousGoodVersion(h, 'C'), 'B');
});

test('cancelled and running releases are ignored', () => {
  const h = hist(rel('deploy', 'A', null, 'success'), rel('deploy', 'B', 'A', 'success'), rel('rollback', 'A', 'B', 'cancelled'), rel('deploy', 'C', 'B', 'running'));
  assert.equal(previousGoodVersion(h, 'B'), 'A');
});

test('empty history has no previous version', () => {
  assert.equal(previousGoodVersion([], 'A'), null);
  assert.equal(lastDeployedVersion([]), null);
});
