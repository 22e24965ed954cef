// Errors of SPEC §5: exact code and exit code with --json, and nothing changed
// (containers, images, metrics file).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import {
  baseEnv,
  cleanupAll,
  expectCode,
  metricsCount,
  readMetrics,
  newVersion,
  portAllocator,
  reprise,
  rid,
  snapshot,
  stackOnTwoVersions,
  type RunResult,
} from './harness';

const ports = portAllocator(3);
after(() => cleanupAll());

function assertError(r: RunResult, code: string, exit: number, what: string): { code: string; message: string; details: Record<string, unknown> } {
  expectCode(r, exit, what);
  assert.ok(r.json, `${what}: stdout is one JSON document:\n${r.stdout}\n${r.stderr}`);
  assert.equal(r.json.ok, false, what);
  assert.equal(r.json.error?.code, code, `${what}: ${JSON.stringify(r.json.error)}`);
  assert.equal(typeof r.json.error.message, 'string');
  return r.json.error;
}

describe('errors on a running stack change nothing', () => {
  const { p, A, B, I } = stackOnTwoVersions({
    label: 'errors',
    ports: ports(0),
    versions: { A: 'a', B: 'b', I: { prefix: 'i', only: 'api,bot' } }, // I: incomplete, only api and bot
    deploy: ['A'],
    healthy: true,
  });
  let before0: string[];
  let metrics0: number;

  /** a refused rollback is never silent (SPEC §9): one rollback_failed entry naming the error; a deploy adds none */
  const refusedRollback = (code: string): void => {
    metrics0 += 1;
    const last = readMetrics(p).at(-1)!;
    assert.equal(last.event, 'rollback_failed');
    assert.equal(last.status, 'failed');
    assert.equal(last.error?.code, code);
  };
  const unchanged = (what: string): void => {
    assert.deepEqual(snapshot(p), before0, `${what}: containers (ids, images, states) unchanged`);
    assert.equal(metricsCount(p), metrics0, `${what}: metrics entries as expected`);
    const s = expectCode(reprise(p, ['status', '--json']), 0, 'status');
    assert.equal(s.json.version, A);
    assert.equal(s.json.lock, null, `${what}: lock released`);
    assert.equal(s.json.interrupted, null, `${what}: no interrupted operation left behind`);
  };

  test('capture the stack', () => {
    before0 = snapshot(p);
    metrics0 = metricsCount(p);
    assert.ok(before0.length >= 6, before0.join('\n'));
  });

  test('unknown version → VERSION_NOT_FOUND, exit 2, lists the available versions', () => {
    const missing = newVersion('n');
    for (const cmd of [['deploy', missing, '--yes'], ['rollback', missing, '--yes']]) {
      const e = assertError(reprise(p, [...cmd, '--json']), 'VERSION_NOT_FOUND', 2, cmd.join(' '));
      assert.ok(e.message.includes(missing), e.message);
      assert.ok(e.message.includes(B), `message lists available version ${B}: ${e.message}`);
      assert.ok(!e.message.includes(I), `message must not offer the incomplete ${I} as available: ${e.message}`);
      if (cmd[0] === 'rollback') refusedRollback('VERSION_NOT_FOUND');
      unchanged(cmd.join(' '));
    }
    const fr = reprise(p, ['deploy', missing, '--yes', '--json', '--lang', 'fr']);
    assert.ok(fr.json.error.message.includes(`La version ${missing} n'existe pas ou est incomplète`), fr.json.error.message);
  });

  test('incomplete version → VERSION_INCOMPLETE naming the missing images', () => {
    for (const cmd of [['deploy', I, '--yes'], ['rollback', I, '--yes']]) {
      const e = assertError(reprise(p, [...cmd, '--json']), 'VERSION_INCOMPLETE', 2, cmd.join(' '));
      assert.ok(e.message.includes(`recyclic-frontend:${I}`), `names recyclic-frontend:${I}: ${e.message}`);
      assert.ok(e.message.includes(`recyclic-api-migrations:${I}`), `names recyclic-api-migrations:${I}: ${e.message}`);
      assert.ok(!e.message.includes(`recyclic-api:${I}`), `recyclic-api:${I} exists, it is not missing: ${e.message}`);
      if (cmd[0] === 'rollback') refusedRollback('VERSION_INCOMPLETE');
      unchanged(cmd.join(' '));
    }
  });

  test("invalid version 'abc;touch /tmp/x' → INVALID_VERSION, exit 2, no file created", () => {
    const marker = join(tmpdir(), `x-${rid(10)}`);
    const bad = [`abc;touch ${marker}`, `$(touch ${marker})`, `\`touch ${marker}\``, '-rf', `../${rid()}`, 'a b', 'x'.repeat(129)];
    for (const v of bad) {
      for (const cmd of [['deploy', v], ['rollback', v, '--yes']]) {
        const r = reprise(p, [...cmd, '--json']);
        const e = assertError(r, v === '-rf' && r.json?.error?.code === 'USAGE' ? 'USAGE' : 'INVALID_VERSION', 2, `${cmd[0]} ${JSON.stringify(v)}`);
        assert.ok(e, 'error');
      }
    }
    assert.equal(existsSync(marker), false, `${marker} was created: user input reached a shell`);
    unchanged('invalid versions');
  });

  test('rollback to the running version → ALREADY_CURRENT, exit 2', () => {
    const e = assertError(reprise(p, ['rollback', A, '--yes', '--json']), 'ALREADY_CURRENT', 2, `rollback ${A}`);
    assert.ok(e.message.includes(A), e.message);
    refusedRollback('ALREADY_CURRENT');
    unchanged('rollback to current');
  });

  test('compose missing (PATH without docker-compose, REPRISE_COMPOSE=v1) → COMPOSE_UNAVAILABLE, nothing changed', () => {
    const bin = mkdtempSync(join(tmpdir(), 'reprise-it-path-'));
    try {
      for (const tool of ['node', 'git', 'docker']) {
        const which = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
        assert.ok(which, `${tool} on PATH`);
        symlinkSync(which, join(bin, tool));
      }
      const env = baseEnv(p, { PATH: bin, REPRISE_COMPOSE: 'v1' });
      const r = reprise(p, ['deploy', B, '--yes', '--json'], { fullEnv: env });
      assertError(r, 'COMPOSE_UNAVAILABLE', 1, `deploy ${B} without compose`);
      unchanged('compose missing');
      const rb = reprise(p, ['rollback', B, '--yes', '--json'], { fullEnv: env });
      assertError(rb, 'COMPOSE_UNAVAILABLE', 1, `rollback ${B} without compose`);
      // a rollback that cannot even start is still an attempt: one rollback_failed entry naming the error
      refusedRollback('COMPOSE_UNAVAILABLE');
      unchanged('compose missing (rollback)');
      // no failed release was left in the history as if something had been attempted on the stack
      const h = expectCode(reprise(p, ['history', '--json']), 0, 'history');
      assert.equal(h.json.releases[0].version, A, `newest release is still the deploy of ${A}: ${JSON.stringify(h.json.releases[0])}`);
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  });
});

describe('errors without a running stack', () => {
  const { p: q } = stackOnTwoVersions({ label: 'nostack', ports: ports(1), versions: { A: 'a' }, deploy: [] });

  test('rollback with nothing running → NO_CURRENT_VERSION (seed wording in French)', () => {
    const e = assertError(reprise(q, ['rollback', '--yes', '--json']), 'NO_CURRENT_VERSION', 1, 'rollback');
    assert.ok(e.message.length > 0);
    const fr = assertError(reprise(q, ['rollback', '--yes', '--json', '--lang', 'fr']), 'NO_CURRENT_VERSION', 1, 'rollback --lang fr');
    assert.ok(fr.message.includes('Impossible de déterminer la version actuellement déployée'), fr.message);
    const human = reprise(q, ['rollback', '--yes', '--lang', 'fr']);
    assert.equal(human.code, 1);
    assert.ok(human.stderr.includes('Impossible de déterminer la version actuellement déployée'), human.stderr);
    assert.equal(human.stdout, '', 'human output goes to stderr');
    assert.deepEqual(snapshot(q), [], 'nothing was started');
    // never silent (SPEC §9): each refused attempt left a rollback_failed entry naming the error
    const m = readMetrics(q);
    assert.equal(m.length, 3);
    assert.ok(m.every((x) => x.event === 'rollback_failed' && x.error?.code === 'NO_CURRENT_VERSION'));
  });

  test('deploy without VERSION outside a git repository → GIT_UNAVAILABLE', () => {
    const env = { GIT_CEILING_DIRECTORIES: tmpdir() };
    const metricsBefore = metricsCount(q);
    const e = assertError(reprise(q, ['deploy', '--yes', '--json'], { env }), 'GIT_UNAVAILABLE', 1, 'deploy (no git)');
    assert.ok(e.message.length > 0);
    const fr = assertError(reprise(q, ['deploy', '--yes', '--json', '--lang', 'fr'], { env }), 'GIT_UNAVAILABLE', 1, 'deploy --lang fr');
    assert.ok(fr.message.includes("Impossible d'accéder à l'historique Git"), fr.message);
    assert.deepEqual(snapshot(q), [], 'nothing was started');
    assert.equal(metricsCount(q), metricsBefore, 'a deploy refused before anything changed writes no rollback metrics');
  });
});

describe('invalid configuration → CONFIG_INVALID, exit 2, file and line', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'reprise-it-config-'));
    writeFileSync(join(dir, 'docker-compose.yml'), readFileSync(join(__dirname, '..', '..', '..', 'examples', 'recyclic', 'docker-compose.yml')));
    writeFileSync(join(dir, '.env'), 'POSTGRES_PASSWORD=pw-config\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const cases: Array<{ name: string; yaml: string; line: number; key: RegExp }> = [
    { name: 'unknown key', yaml: 'project: cfg-test\nlang: en\nhealthz:\n  timeout: 5s\n', line: 3, key: /healthz/ },
    { name: 'wrong type', yaml: 'project: cfg-test\nlang: en\n\nkeep_versions: "five"\n', line: 4, key: /keep_versions/ },
    { name: 'nested wrong type', yaml: 'project: cfg-test\nhealth:\n  timeout: 30s\n  interval: [1, 2]\n', line: 4, key: /interval/ },
  ];
  for (const c of cases) {
    test(c.name, () => {
      writeFileSync(join(dir, 'reprise.yml'), c.yaml);
      for (const cmd of [['status'], ['deploy', 'v1234', '--yes'], ['rollback', '--yes']]) {
        const r = reprise(null, [...cmd, '--json'], { cwd: dir, env: { REPRISE_COMPOSE: 'v1' } });
        const e = assertError(r, 'CONFIG_INVALID', 2, `${cmd[0]} with ${c.name}`);
        assert.ok(e.message.includes(join(dir, 'reprise.yml')) || e.message.includes('reprise.yml'), `names the file: ${e.message}`);
        assert.match(e.message, new RegExp(`\\b${c.line}\\b`), `names line ${c.line}: ${e.message}`);
        assert.match(e.message, c.key, `names the key: ${e.message}`);
        assert.equal(e.details.line, c.line, `details.line: ${JSON.stringify(e.details)}`);
      }
    });
  }
  test('both an unknown key and a wrong type: reported with file and line', () => {
    writeFileSync(join(dir, 'reprise.yml'), 'project: cfg-test\nunknown_key: 1\nkeep_versions: nope\n');
    const r = reprise(null, ['status', '--json'], { cwd: dir, env: { REPRISE_COMPOSE: 'v1' } });
    const e = assertError(r, 'CONFIG_INVALID', 2, 'status');
    assert.ok(e.message.includes('reprise.yml'), e.message);
    assert.ok([2, 3].includes(e.details.line as number), `line 2 or 3: ${JSON.stringify(e.details)}`);
    const human = reprise(null, ['status'], { cwd: dir, env: { REPRISE_COMPOSE: 'v1' } });
    assert.equal(human.code, 2);
    assert.match(human.stderr, /CONFIG_INVALID/);
    assert.match(human.stderr, /reprise\.yml/);
  });
});
