// Configuration history (issue 5, item 5), real engine: every release records its compose file(s),
// reprise.yml and env file hash; `history --show` tells what changed (env keys only, secrets masked);
// `rollback --with-config` puts the target's compose definition back, and a plain rollback does not.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  buildImages,
  cleanupAll,
  containerOf,
  deployOk,
  docker,
  expectCode,
  infraIds,
  makeProject,
  newVersion,
  portAllocator,
  reprise,
  rid,
  snapshot,
  stackProblem,
  type Project,
  type RunResult,
} from './harness';

const ports = portAllocator(16);
after(() => cleanupAll());

interface Scenario {
  p: Project;
  extraPort: number;
  secrets: string[];
  composeA: string;
  composeB: string;
}

/** Host ports the api container publishes for its port 8000, as Docker reports them (none: the demo's proxy publishes them). */
function apiHostPorts(p: Project): number[] {
  const c = containerOf(p, 'api');
  assert.ok(c, 'api container exists');
  const r = docker(['port', c.id, '8000/tcp']);
  if (r.status !== 0 && /No public port/.test(r.stderr)) return [];
  assert.equal(r.status, 0, r.stderr);
  return r.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => Number(l.trim().split(':').pop()))
    .sort((a, b) => a - b);
}

function apiEnv(p: Project): string[] {
  return containerOf(p, 'api')?.env ?? [];
}

function assertNoSecret(s: Scenario, r: RunResult, what: string): void {
  for (const v of s.secrets) {
    assert.ok(!r.stdout.includes(v) && !r.stderr.includes(v), `${what}: a secret value appears in the output`);
  }
}

function composeFile(p: Project): string {
  return readFileSync(join(p.dir, 'docker-compose.yml'), 'utf8');
}

/**
 * Release A's configuration: the demo compose file, .env with a recognisable secret. Release B: a
 * published port on api (the demo's api publishes none: the proxy does), a new variable (and env key), a literal token, the secret's value changed.
 */
function scenario(label: string, slot: number, extraPort: number): Scenario {
  const p = makeProject({ label, ports: ports(slot) });
  const tag = rid(8);
  const secrets = [p.secrets.POSTGRES_PASSWORD, p.secrets.SECRET_KEY, `s3cr3t-${tag}-one`, `s3cr3t-${tag}-two`, `hard-coded-${tag}`];
  writeFileSync(join(p.dir, '.env'), `${readFileSync(join(p.dir, '.env'), 'utf8')}DB_PASSWORD=${secrets[2]}\n`);
  const composeA = composeFile(p);
  const portLine = '    image: recyclic-api:${API_IMAGE_TAG:-latest}\n';
  const envLine = '      CORS_ORIGINS: ${CORS_ORIGINS:-http://localhost:4444}\n';
  assert.equal(composeA.split(portLine).length, 2, 'the demo compose file has the api image line once');
  assert.equal(composeA.split(envLine).length, 2, 'the demo compose file has the CORS line once');
  const composeB = composeA
    .replace(portLine, `${portLine}    ports:\n      - "127.0.0.1:${extraPort}:8000"\n`)
    .replace(envLine, `${envLine}      FEATURE_FLAG: \${FEATURE_FLAG:-off}\n      STATIC_API_TOKEN: ${secrets[4]}\n`);
  return { p, extraPort, secrets, composeA, composeB };
}

function switchToB(s: Scenario): void {
  writeFileSync(join(s.p.dir, 'docker-compose.yml'), s.composeB);
  const env = readFileSync(join(s.p.dir, '.env'), 'utf8').replace(s.secrets[2], s.secrets[3]);
  writeFileSync(join(s.p.dir, '.env'), `${env}FEATURE_FLAG=on\n`);
}

function stateDbText(p: Project): string {
  const base = join(p.dir, '.reprise', 'state.db');
  return [base, `${base}-wal`].filter(existsSync).map((f) => readFileSync(f).toString('latin1')).join('\n');
}

describe('configuration history: history --show, rollback --with-config', () => {
  const A = newVersion('a');
  const B = newVersion('b');
  const extra = ports(2);
  let s: Scenario; // rolled back with --with-config
  let q: Scenario; // rolled back without it
  let releaseB = 0;

  before(() => {
    s = scenario('cfg', 0, extra.api);
    q = scenario('cfgplain', 1, extra.frontend);
    buildImages(s.p, [A, B]);
  });

  test('deploy A, then B with an added port and env key: B publishes the extra port', () => {
    for (const x of [s, q]) {
      assertNoSecret(x, deployOk(x.p, A), 'deploy A');
      assert.deepEqual(apiHostPorts(x.p), [], 'A: api publishes no port (the proxy does)');
      switchToB(x);
      assertNoSecret(x, deployOk(x.p, B), 'deploy B');
      assert.equal(stackProblem(x.p, B), null);
      assert.deepEqual(apiHostPorts(x.p), [x.extraPort], 'B publishes the extra port');
      assert.ok(apiEnv(x.p).includes('FEATURE_FLAG=on'), 'B passes the new variable');
    }
    const h = expectCode(reprise(s.p, ['history', '--json']), 0, 'history');
    const newest = h.json.releases[0] as { id: number; kind: string; version: string; outcome: string };
    assert.deepEqual([newest.kind, newest.version, newest.outcome], ['deploy', B, 'success']);
    releaseB = newest.id;
  });

  test('history --show B: the added port line and env key changes, never a secret value', () => {
    const r = expectCode(reprise(s.p, ['history', '--show', String(releaseB)]), 0, 'history --show');
    assertNoSecret(s, r, 'history --show');
    assert.equal(r.stdout, '', 'human output goes to stderr');
    assert.ok(r.stderr.includes(`+      - "127.0.0.1:${s.extraPort}:8000"`), `the added port line is shown:\n${r.stderr}`);
    assert.ok(r.stderr.includes('+      FEATURE_FLAG: ${FEATURE_FLAG:-off}'), r.stderr);
    assert.ok(r.stderr.includes('+      STATIC_API_TOKEN: ***'), `the literal token is masked:\n${r.stderr}`);
    assert.match(r.stderr, /keys added: FEATURE_FLAG; removed: -; value changed: DB_PASSWORD/);
    assert.match(r.stderr, /reprise\.yml: unchanged/);

    const j = expectCode(reprise(s.p, ['history', '--show', String(releaseB), '--json']), 0, 'history --show --json');
    assertNoSecret(s, j, 'history --show --json');
    assert.equal(j.json.ok, true);
    assert.equal(j.json.release.id, releaseB);
    assert.equal(j.json.previous.version, A);
    assert.equal(j.json.changed, true);
    const compose = (j.json.files as Array<{ path: string; status: string; diff: string }>).find((f) => f.path === 'docker-compose.yml')!;
    assert.equal(compose.status, 'changed');
    assert.ok(compose.diff.includes(`+      - "127.0.0.1:${s.extraPort}:8000"`));
    assert.deepEqual(j.json.env, { path: '.env', previousPath: '.env', status: 'changed', added: ['FEATURE_FLAG'], removed: [], changed: ['DB_PASSWORD'] });
    assert.deepEqual(j.json.services.changed, ['api']);

    // the env file's content is kept only in 0600 files of a 0700 directory, never in the database
    const dir = join(s.p.dir, '.reprise', 'env-snapshots');
    assert.equal(statSync(dir).mode & 0o777, 0o700);
    const files = readdirSync(dir);
    assert.equal(files.length, 2, `one env snapshot per distinct env file: ${files.join(', ')}`);
    for (const f of files) assert.equal(statSync(join(dir, f)).mode & 0o777, 0o600, `${f} has mode 0600`);
    const db = stateDbText(s.p);
    assert.ok(db.includes('FEATURE_FLAG'), 'the snapshot is in the database (sanity check of the probe)');
    for (const v of s.secrets) assert.ok(!db.includes(v), 'no secret in .reprise/state.db: the env file\'s values and the token written inline in the compose file');
  });

  test('history --show of an unknown release: one-line error, exit 2, nothing changed', () => {
    const before = snapshot(s.p);
    const r = expectCode(reprise(s.p, ['history', '--show', '99999']), 2, 'history --show 99999');
    assert.match(r.stderr, /^USAGE: No release #99999 in project /);
    const j = expectCode(reprise(s.p, ['history', '--show', '99999', '--json']), 2, 'history --show 99999 --json');
    assert.equal(j.json.ok, false);
    assert.equal(j.json.error.code, 'USAGE');
    expectCode(reprise(s.p, ['history', '--show', 'abc']), 2, 'history --show abc');
    assert.deepEqual(snapshot(s.p), before);
  });

  test('rollback --with-config --dry-run: names the file and services, changes nothing', () => {
    const before = snapshot(s.p);
    const r = expectCode(reprise(s.p, ['rollback', '--with-config', '--dry-run', '--json']), 0, 'rollback --with-config --dry-run');
    assertNoSecret(s, r, 'dry run');
    assert.equal(r.json.status, 'dry_run');
    assert.equal(r.json.version, A);
    assert.deepEqual(r.json.config.files, ['docker-compose.yml']);
    assert.deepEqual(r.json.config.services, ['api']);
    assert.deepEqual(r.json.config.infrastructure, []);
    assert.ok(r.stderr.includes(`-      - "127.0.0.1:${s.extraPort}:8000"`), `the dry run shows the diff:\n${r.stderr}`);
    assert.equal(composeFile(s.p), s.composeB, 'compose file untouched');
    assert.deepEqual(snapshot(s.p), before, 'no container changed');
  });

  test('rollback --yes --with-config: the compose file is A again and api no longer publishes the port', () => {
    const infraBefore = infraIds(s.p);
    const r = expectCode(reprise(s.p, ['rollback', '--yes', '--with-config', '--json']), 0, 'rollback --with-config');
    assertNoSecret(s, r, 'rollback --with-config');
    assert.equal(r.json.version, A);
    assert.equal(composeFile(s.p), s.composeA, "A's compose file is back on disk");
    assert.equal(stackProblem(s.p, A), null);
    assert.deepEqual(apiHostPorts(s.p), [], 'the extra port is no longer published');
    assert.ok(!apiEnv(s.p).some((e) => e.startsWith('FEATURE_FLAG=')), "A's definition has no FEATURE_FLAG");
    assert.deepEqual(infraIds(s.p), infraBefore, 'db and cache (definitions unchanged) were not recreated');
    // the replaced file is recoverable where the output says
    assert.equal(r.json.config.putBack, false);
    const backup = join(s.p.dir, r.json.config.backup as string, 'docker-compose.yml');
    assert.equal(readFileSync(backup, 'utf8'), s.composeB);
    assert.equal(statSync(backup).mode & 0o777, 0o600);
    assert.ok(r.stderr.includes(r.json.config.backup as string), 'the output says where the replaced file is');
    // the rollback's own release records A's compose file: --show tells the port line went away
    const h = expectCode(reprise(s.p, ['history', '--json']), 0, 'history');
    const rb = h.json.releases[0] as { id: number; kind: string };
    assert.equal(rb.kind, 'rollback');
    const show = expectCode(reprise(s.p, ['history', '--show', String(rb.id), '--json']), 0, 'history --show rollback');
    const diff = (show.json.files as Array<{ path: string; diff: string | null }>).find((f) => f.path === 'docker-compose.yml')!.diff ?? '';
    assert.ok(diff.includes(`-      - "127.0.0.1:${s.extraPort}:8000"`), diff);
    assert.equal(show.json.env.status, 'unchanged', 'the env file is not restored');
  });

  test('a plain rollback (no --with-config) keeps the compose file of B and the extra port', () => {
    const r = expectCode(reprise(q.p, ['rollback', '--yes', '--json']), 0, 'plain rollback');
    assertNoSecret(q, r, 'plain rollback');
    assert.equal(r.json.version, A);
    assert.equal(r.json.config, undefined);
    assert.equal(stackProblem(q.p, A), null);
    assert.equal(composeFile(q.p), q.composeB, 'compose file unchanged');
    assert.deepEqual(apiHostPorts(q.p), [q.extraPort], 'the extra port is still published');
  });

  test('rollback --with-config without a snapshot for the target: clear error, exit 2, nothing changed', () => {
    // releases made before configuration history existed have no snapshot
    const db = new Database(join(q.p.dir, '.reprise', 'state.db'));
    db.prepare('UPDATE releases SET config_snapshot_id = NULL').run();
    db.close();
    const before = snapshot(q.p);
    const r = expectCode(reprise(q.p, ['rollback', B, '--yes', '--with-config']), 2, 'rollback --with-config without snapshot');
    assert.match(r.stderr, new RegExp(`^USAGE: No configuration snapshot is recorded for version ${B}`));
    assert.equal(composeFile(q.p), q.composeB);
    assert.deepEqual(snapshot(q.p), before);
  });

  test('a failed rollback --with-config puts the compose file back and the services as they were', () => {
    // last: A's images are rebuilt broken (api /health answers 500), which also breaks project q's view of A
    // B again, with its extra port
    writeFileSync(join(s.p.dir, 'docker-compose.yml'), s.composeB);
    deployOk(s.p, B);
    assert.deepEqual(apiHostPorts(s.p), [s.extraPort]);
    buildImages(s.p, [A], ['--broken', 'health500']);
    // A's releases as an older reprise recorded them, without the images they ran (issue 21): the rollback runs
    // what A's tags name now — the broken build — instead of naming A's recorded images again
    const db = new Database(join(s.p.dir, '.reprise', 'state.db'));
    try {
      db.prepare("DELETE FROM release_images WHERE release_id IN (SELECT id FROM releases WHERE version = ?)").run(A);
    } finally {
      db.close();
    }
    const r = expectCode(reprise(s.p, ['rollback', A, '--yes', '--with-config', '--json']), 1, 'rollback --with-config to a broken version');
    assertNoSecret(s, r, 'failed rollback --with-config');
    assert.equal(r.json.ok, false);
    assert.equal(r.json.error.code, 'HEALTH_CHECK_FAILED');
    assert.equal(r.json.error.details.config.putBack, true);
    assert.equal(r.json.error.details.reverted.ok, true);
    assert.equal(composeFile(s.p), s.composeB, "B's compose file is back on disk");
    assert.equal(stackProblem(s.p, B), null, 'the stack is back on B, healthy');
    assert.deepEqual(apiHostPorts(s.p), [s.extraPort], "api runs B's definition again (extra port)");
    assert.ok(apiEnv(s.p).includes('FEATURE_FLAG=on'));
  });
});
