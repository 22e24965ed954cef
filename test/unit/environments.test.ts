import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProject } from '../../src/config/project';
import { isRepriseError } from '../../src/domain/errors';
import type { HistoryEvent, Release, ReleaseKind, ReleaseOutcome } from '../../src/domain/types';
import { verificationOf, verifiedVersions } from '../../src/release/resolve/environments';
import { envRollbackVersion } from '../../src/commands/emergency';

let id = 0;
function rel(kind: ReleaseKind, version: string, fromVersion: string | null, outcome: ReleaseOutcome): Release {
  id += 1;
  const at = new Date(1_700_000_000_000 + id * 1000).toISOString();
  return { id, project: 'p', kind, trigger: 'manual', version, fromVersion, outcome, startedAt: at, finishedAt: at, durationSeconds: 1, user: 'u', host: 'h', message: null, errorCode: null, errorMessage: null, services: {} };
}
const hist = (...rs: Release[]): Release[] => rs.reverse();
function verifyEvent(version: string, passed: boolean): HistoryEvent {
  id += 1;
  return { id, project: 'p', at: new Date(1_700_000_000_000 + id * 1000).toISOString(), type: passed ? 'verify_passed' : 'verify_failed', releaseId: null, message: '', details: { version } };
}

test('a version released healthy is verified; never released, failed, or rolled back away from is not, each with its reason', () => {
  const h = hist(rel('deploy', 'A', null, 'success'), rel('deploy', 'B', 'A', 'success'), rel('deploy', 'X', 'B', 'rolled_back'), rel('rollback', 'B', 'X', 'success'), rel('deploy', 'C', 'B', 'success'), rel('rollback', 'B', 'C', 'success'));
  assert.equal(verificationOf(h, [], 'A').verified, true);
  assert.equal(verificationOf(h, [], 'B').verified, true);
  assert.deepEqual(pick(verificationOf(h, [], 'Z')), 'never_released');
  assert.deepEqual(pick(verificationOf(h, [], 'X')), 'last_release_failed');
  assert.deepEqual(pick(verificationOf(h, [], 'C')), 'rolled_back_from');
  assert.deepEqual(verifiedVersions(h, []).sort(), ['A', 'B']);
});

test('a failed verify after the release withdraws the verification; a later pass restores it', () => {
  const h = hist(rel('deploy', 'A', null, 'success'));
  const failed = [verifyEvent('A', false)];
  assert.equal(pick(verificationOf(h, failed, 'A')), 'verify_failed');
  const passedAgain = [verifyEvent('A', true), ...failed];
  const v = verificationOf(h, passedAgain, 'A');
  assert.equal(v.verified, true);
  assert.equal(v.verified && v.by, 'verify');
});

test('a cancelled rollback attempt does not count as a release of the version', () => {
  const h = hist(rel('deploy', 'A', null, 'success'), rel('rollback', 'Q', 'A', 'cancelled'));
  assert.equal(pick(verificationOf(h, [], 'Q')), 'never_released');
});

function pick(v: ReturnType<typeof verificationOf>): string {
  return v.verified ? 'verified' : v.reason;
}

const compose = 'services:\n  api:\n    image: recyclic-api:${API_IMAGE_TAG:-latest}\n  bot:\n    image: recyclic-bot:${BOT_IMAGE_TAG:-latest}\n';

test('.env.rollback names a version only when every tag variable agrees on a valid one', () => {
  const d = mkdtempSync(join(tmpdir(), 'reprise-envrb-'));
  const versioned = [
    { name: 'api', repository: 'recyclic-api', tagVariable: 'API_IMAGE_TAG', imageTemplate: '', dependsOn: [], oneShot: false, healthUrl: null, healthTimeoutMs: null },
    { name: 'bot', repository: 'recyclic-bot', tagVariable: 'BOT_IMAGE_TAG', imageTemplate: '', dependsOn: [], oneShot: false, healthUrl: null, healthTimeoutMs: null },
  ];
  const file = join(d, '.env.rollback');
  assert.equal(envRollbackVersion({ envRollbackFile: file, versioned }), null, 'missing file');
  writeFileSync(file, 'SECRET=x\nAPI_IMAGE_TAG=abc1234\nBOT_IMAGE_TAG=abc1234\n');
  assert.equal(envRollbackVersion({ envRollbackFile: file, versioned }), 'abc1234');
  writeFileSync(file, 'API_IMAGE_TAG=abc1234\nBOT_IMAGE_TAG=def5678\n');
  assert.equal(envRollbackVersion({ envRollbackFile: file, versioned }), null, 'services disagree');
  writeFileSync(file, 'API_IMAGE_TAG="$(touch /tmp/x)"\nBOT_IMAGE_TAG="$(touch /tmp/x)"\n');
  assert.equal(envRollbackVersion({ envRollbackFile: file, versioned }), null, 'not a valid version');
});

test('an environment without its own project gets <base>-<env>; two environments sharing one are refused', () => {
  const d = mkdtempSync(join(tmpdir(), 'reprise-envs-'));
  writeFileSync(join(d, 'docker-compose.yml'), compose);
  writeFileSync(join(d, 'reprise.yml'), 'project: shop\nenvironments:\n  staging: {}\n  production: { project: shop-prod }\n');
  assert.equal(loadProject({ projectDir: d, env: 'staging' }, {}).name, 'shop-staging');
  assert.equal(loadProject({ projectDir: d, env: 'production' }, {}).name, 'shop-prod');
  assert.equal(loadProject({ projectDir: d }, {}).name, 'shop');
  assert.equal(loadProject({ projectDir: d, env: 'staging' }, {}).envRollbackFile, join(d, '.env.rollback-staging'));
  // COMPOSE_PROJECT_NAME in the environment's own env file is taken as it is (the manual §4.2 command agrees)
  writeFileSync(join(d, '.env.production'), 'COMPOSE_PROJECT_NAME=recyclic-prod\nSECRET_KEY=abcdefgh\n');
  writeFileSync(join(d, 'reprise.yml'), 'project: shop\nenvironments:\n  staging: {}\n  production: { env_file: .env.production }\n');
  assert.equal(loadProject({ projectDir: d, env: 'production' }, {}).name, 'recyclic-prod');
  assert.equal(loadProject({ projectDir: d, env: 'staging' }, { COMPOSE_PROJECT_NAME: 'shared' }).name, 'shop-staging', 'not from the shared process environment');
  writeFileSync(join(d, 'reprise.yml'), 'environments:\n  staging: { project: shop }\n  production: { project: shop }\n');
  try {
    loadProject({ projectDir: d, env: 'production' }, {});
    assert.fail('expected CONFIG_INVALID');
  } catch (e) {
    assert.ok(isRepriseError(e));
    assert.equal(e.code, 'CONFIG_INVALID');
    assert.equal(e.details.line, 3);
  }
  try {
    loadProject({ projectDir: d, env: 'qa' }, {});
    assert.fail('expected CONFIG_INVALID');
  } catch (e) {
    assert.ok(isRepriseError(e));
    assert.match(String(e.params.problem), /unknown environment/);
  }
});
