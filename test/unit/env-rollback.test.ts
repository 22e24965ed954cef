// .env.rollback says what it holds (issue 17.7): after a manual rollback to the oldest version there is no
// previous good version, and the file (which then names the running version) used to say "previous good
// version" all the same.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { envRollbackAppendedComment, envRollbackHeader, envRollbackTarget } from '../../src/domain/env-rollback';
import { APPENDED_COMMENT, parseEnvFile, renderWithOverrides } from '../../src/adapters/env-file';
import type { Release, ReleaseKind, ReleaseOutcome } from '../../src/domain/types';

let id = 0;
function rel(kind: ReleaseKind, version: string, fromVersion: string | null, outcome: ReleaseOutcome = 'success'): Release {
  id += 1;
  return {
    id, project: 'p', kind, trigger: 'manual', version, fromVersion, outcome,
    startedAt: new Date(1_700_000_000_000 + id * 1000).toISOString(), finishedAt: null, durationSeconds: 1,
    user: 'u', host: 'h', message: null, errorCode: null, errorMessage: null, services: {},
  };
}
const hist = (...rs: Release[]): Release[] => rs.reverse();

test('deploy A then B: the file holds A, the previous good version to return to, and says so (en, fr)', () => {
  const target = envRollbackTarget(hist(rel('deploy', 'A', null), rel('deploy', 'B', 'A')), 'B');
  assert.deepEqual(target, { version: 'A', previous: true, excluded: [] });
  const [en] = envRollbackHeader('en', target, 'B', '.env.rollback');
  assert.match(en, /^# reprise: \.env\.rollback holds the previous good version to return to, A \(running now: B\)/);
  assert.match(en, /`docker compose --env-file \.env\.rollback up -d` brings it back/);
  const [fr] = envRollbackHeader('fr', target, 'B', '.env.rollback');
  assert.match(fr, /^# reprise : \.env\.rollback contient la version précédente valide vers laquelle revenir, A \(en service : B\)/);
  assert.equal(envRollbackAppendedComment('en', target), '# reprise: image tags of the previous good version (A)');
});

test('after a manual rollback B → A: no previous good version; the file holds the running A and says why (B was rolled back from)', () => {
  const h = hist(rel('deploy', 'A', null), rel('deploy', 'B', 'A'), rel('rollback', 'A', 'B'));
  const target = envRollbackTarget(h, 'A');
  assert.deepEqual(target, { version: 'A', previous: false, excluded: ['B'] });
  const lines = envRollbackHeader('en', target, 'A', '.env.rollback');
  assert.equal(lines.length, 1);
  assert.ok(!/holds the previous good version/.test(lines[0]), lines[0]);
  assert.match(lines[0], /^# reprise: no previous good version to return to \(the other versions released, B, were rolled back from or failed since/);
  assert.match(lines[0], /\.env\.rollback holds the running version, A, so that/);
  const [fr] = envRollbackHeader('fr', target, 'A', '.env.rollback');
  assert.match(fr, /aucune version précédente valide .* B, ont été quittées par un rollback .* contient la version en service, A,/);
  assert.equal(envRollbackAppendedComment('en', target), '# reprise: image tags of the running version (A): there is no previous good version');
});

test('first release: no other version yet; a failed one is not a way back either', () => {
  assert.match(envRollbackHeader('en', envRollbackTarget(hist(rel('deploy', 'A', null)), 'A'), 'A', '.env.rollback-production')[0], /^# reprise: no previous good version to return to \(no other version has been released successfully yet\): \.env\.rollback-production holds the running version, A,/);
  const failedOnly = envRollbackTarget(hist(rel('deploy', 'A', null), rel('deploy', 'X', 'A', 'rolled_back')), 'A');
  assert.deepEqual(failedOnly, { version: 'A', previous: false, excluded: [] });
});

test('the header is a comment: the file still reads as the env file with the tags of the target', () => {
  const target = envRollbackTarget(hist(rel('deploy', 'A', null), rel('deploy', 'B', 'A'), rel('rollback', 'A', 'B')), 'A');
  const body = renderWithOverrides('SECRET=s3\n', { API_IMAGE_TAG: target.version }, envRollbackAppendedComment('fr', target));
  const text = envRollbackHeader('fr', target, 'A', '.env.rollback').join('\n') + '\n' + body;
  assert.deepEqual([...parseEnvFile(text).entries()], [['SECRET', 's3'], ['API_IMAGE_TAG', 'A']]);
  assert.ok(text.includes('# reprise : tags d\'image de la version en service (A) : il n\'y a pas de version précédente valide\nAPI_IMAGE_TAG=A\n'), text);
  // without a comment given, the appended block keeps its former comment
  assert.ok(renderWithOverrides('', { T: 'v' }).startsWith(APPENDED_COMMENT));
});

test('doctor env_rollback: warns when the file is missing while there is a previous good version, or names another one', async () => {
  const { judgeEnvRollback } = await import('../../src/domain/doctor');
  const h = hist(rel('deploy', 'A', null), rel('deploy', 'B', 'A'));
  const expected = envRollbackTarget(h, 'B');
  const base = { file: '.env.rollback', exists: true, names: 'A', expected, current: 'B' };
  assert.equal(judgeEnvRollback(base).status, 'ok');
  assert.deepEqual(judgeEnvRollback(base).summary, ['doctorEnvRollbackOkPrevious', { file: '.env.rollback', version: 'A' }]);
  const missing = judgeEnvRollback({ ...base, exists: false, names: null });
  assert.equal(missing.status, 'warn');
  assert.deepEqual(missing.summary, ['doctorEnvRollbackMissing', { file: '.env.rollback', version: 'A' }]);
  assert.deepEqual(missing.fix, ['doctorEnvRollbackFix', { file: '.env.rollback', current: 'B' }]);
  const stale = judgeEnvRollback({ ...base, names: 'B' });
  assert.equal(stale.status, 'warn');
  assert.deepEqual(stale.summary, ['doctorEnvRollbackStale', { file: '.env.rollback', names: 'B', version: 'A' }]);
  // no previous good version: missing is said, not warned (it would only name the running version)
  const alone = envRollbackTarget(hist(rel('deploy', 'A', null)), 'A');
  assert.equal(judgeEnvRollback({ ...base, exists: false, names: null, expected: alone, current: 'A' }).status, 'ok');
  assert.deepEqual(judgeEnvRollback({ ...base, names: 'A', expected: alone, current: 'A' }).summary, ['doctorEnvRollbackOkRunning', { file: '.env.rollback', version: 'A' }]);
  // nothing released yet
  assert.deepEqual(judgeEnvRollback({ ...base, exists: false, names: null, expected: null, current: null }).summary, ['doctorEnvRollbackNothing', { file: '.env.rollback' }]);
});
