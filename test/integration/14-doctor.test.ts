// reprise doctor against the real engine: a stopped engine (a DOCKER_HOST socket that does not exist; the
// shared engine itself is never stopped), incomplete versions and an incomplete rollback target, a fixed
// container_name, a world-readable env file, a lock held by a killed process (and its interrupted operation).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import {
  composeCmd,
  assertNoSecrets,
  cleanupAll,
  cleanupProject,
  docker,
  makeProject,
  portAllocator,
  reprisBackground,
  reprise,
  rid,
  waitForStderr,
  stackOnTwoVersions,
  type Project,
  type RunResult,
} from './harness';

const ports = portAllocator(14);
after(() => cleanupAll());

interface Check {
  id: string;
  status: 'ok' | 'warn' | 'fail' | 'skipped';
  summary: string;
  details: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  fix: string | null;
}

/** doctor --json: one JSON document on stdout, exit code 1 exactly when a check failed. */
function doctorJson(p: Project, env: NodeJS.ProcessEnv = {}): { r: RunResult; checks: Map<string, Check>; ok: boolean } {
  const r = reprise(p, ['doctor', '--json'], { env });
  assert.ok(r.json && typeof r.json === 'object', `doctor --json prints one JSON document:\n${r.stdout}\n${r.stderr}`);
  assert.equal(typeof r.json.ok, 'boolean');
  const list = r.json.checks as Check[];
  assert.ok(Array.isArray(list) && list.length >= 10, `checks listed: ${r.stdout}`);
  for (const c of list) {
    assert.ok(['ok', 'warn', 'fail', 'skipped'].includes(c.status), `status of ${c.id}: ${c.status}`);
    assert.equal(typeof c.summary, 'string');
    if (c.status === 'fail') assert.ok(c.fix, `a failed check says what to do: ${JSON.stringify(c)}`);
  }
  const failed = list.filter((c) => c.status === 'fail');
  assert.equal(r.json.ok, failed.length === 0);
  assert.equal(r.code, failed.length === 0 ? 0 : 1, `exit code follows the failed checks (${failed.map((c) => c.id).join(', ')}):\n${r.stderr}`);
  assertNoSecrets(p, r, 'doctor --json');
  return { r, checks: new Map(list.map((c) => [c.id, c])), ok: r.json.ok as boolean };
}

function get(checks: Map<string, Check>, id: string): Check {
  const c = checks.get(id);
  assert.ok(c, `check ${id} present: ${[...checks.keys()].join(', ')}`);
  return c;
}

/** The project's .env as an operator keeps it (mode 0600: doctor warns otherwise). */
function envFilePrivate(p: Project): void {
  chmodSync(join(p.dir, '.env'), 0o600);
}

describe('doctor: engine down, configuration and files', () => {
  let p: Project;
  before(() => {
    p = makeProject({ label: 'doctor', ports: ports(0) });
  });
  after(() => cleanupProject(p));

  test('a stopped engine is a failed check with its fix; the other checks still run; nothing is created', () => {
    const sock = `/tmp/reprise-doctor-${rid()}-nonexistent.sock`;
    const { r, checks } = doctorJson(p, { DOCKER_HOST: `unix://${sock}` });
    assert.equal(r.code, 1);
    const engine = get(checks, 'engine');
    assert.equal(engine.status, 'fail');
    assert.ok(engine.summary.includes(sock), `the finding names the socket tried: ${engine.summary}`);
    assert.match(engine.fix ?? '', /docker info/);
    for (const id of ['services', 'stats', 'versions', 'drift']) assert.equal(get(checks, id).status, 'skipped', `${id} skipped without an engine`);
    // independent checks still ran
    assert.equal(get(checks, 'config').status, 'ok');
    assert.notEqual(get(checks, 'memory').status, 'skipped');
    assert.ok(get(checks, 'disk').details.filesystems.some((f: { role: string }) => f.role === 'project'));
    assert.equal(existsSync(join(p.dir, '.reprise')), false, 'doctor never creates .reprise/');

    // human form: a checklist on stderr, the fix under the finding, nothing on stdout, no DOCKER_UNAVAILABLE crash
    const h = reprise(p, ['doctor'], { env: { DOCKER_HOST: `unix://${sock}` } });
    assert.equal(h.code, 1);
    assert.equal(h.stdout, '');
    assert.doesNotMatch(h.stderr, /^DOCKER_UNAVAILABLE/m);
    const lines = h.stderr.split('\n');
    const i = lines.findIndex((l) => /✗ engine/.test(l));
    assert.ok(i >= 0, h.stderr);
    assert.match(lines[i + 1], /→ .*docker info/);
    assert.match(h.stderr, /check\(s\) failed \(engine/);
    // French too
    const fr = reprise(p, ['doctor', '--lang', 'fr'], { env: { DOCKER_HOST: `unix://${sock}` } });
    assert.match(fr.stderr, /le moteur Docker ne répond pas/);
  });

  test('a world-readable env file holding secrets fails with `chmod 600 FILE`; after chmod 600 the check passes', () => {
    const env = join(p.dir, '.env');
    chmodSync(env, 0o644);
    const before = doctorJson(p);
    const c = get(before.checks, 'env_file');
    assert.equal(c.status, 'fail');
    assert.equal(c.fix, `chmod 600 ${env}`);
    assert.ok(c.summary.includes('POSTGRES_PASSWORD') && c.summary.includes('0644'), c.summary);
    assert.equal(before.r.code, 1);
    const h = reprise(p, ['doctor']);
    assertNoSecrets(p, h, 'doctor');
    assert.ok(h.stderr.includes(`→ chmod 600 ${env}`), h.stderr);

    chmodSync(env, 0o640);
    assert.equal(get(doctorJson(p).checks, 'env_file').status, 'warn', 'group-readable: a warning');

    chmodSync(env, 0o600);
    const afterFix = get(doctorJson(p).checks, 'env_file');
    assert.equal(afterFix.status, 'ok', JSON.stringify(afterFix));
    assert.equal(afterFix.fix, null);
  });

  test('a fixed container_name is reported: no two replicas side by side, with the fix', () => {
    const compose = join(p.dir, 'docker-compose.yml');
    const original = readFileSync(compose, 'utf8');
    const botPorts = '    ports:\n      - "127.0.0.1:${BOT_PORT:-8001}:8001"\n';
    assert.ok(original.includes(botPorts), 'the demo publishes the bot port');
    // without it: bot is reported for its fixed host port only
    const plain = get(doctorJson(p).checks, 'side_by_side');
    const plainBot = plain.details.blockers.find((b: { service: string }) => b.service === 'bot');
    assert.deepEqual([plainBot?.containerName, plainBot?.hostPorts], [null, [`127.0.0.1:${p.ports.bot}`]]);
    assert.doesNotMatch(plain.summary, /container_name/);

    const name = `rit-doctor-bot-${rid()}`;
    writeFileSync(compose, original.replace(botPorts, `    container_name: ${name}\n`));
    try {
      const c = get(doctorJson(p).checks, 'side_by_side');
      assert.equal(c.status, 'warn');
      const bot = c.details.blockers.find((b: { service: string }) => b.service === 'bot');
      assert.deepEqual([bot?.containerName, bot?.hostPorts], [name, []]);
      assert.ok(c.summary.includes(`bot (container_name: ${name})`), c.summary);
      assert.match(c.summary, /side by side/);
      assert.match(c.summary, /start-first/);
      assert.match(c.fix ?? '', /Remove `container_name:` from bot/);
      const h = reprise(p, ['doctor']);
      assert.ok(/! side_by_side .*container_name/.test(h.stderr) && /→ Remove `container_name:` from bot/.test(h.stderr), h.stderr);
    } finally {
      writeFileSync(compose, original);
    }
  });

  test('an invalid reprise.yml is a failed config check; engine, compose and host checks still run', () => {
    const cfg = join(p.dir, 'reprise.yml');
    const original = readFileSync(cfg, 'utf8');
    writeFileSync(cfg, `${original}bogus_key: 1\n`);
    try {
      const { checks, r } = doctorJson(p);
      assert.equal(r.code, 1);
      const c = get(checks, 'config');
      assert.equal(c.status, 'fail');
      assert.match(c.summary, /CONFIG_INVALID.*bogus_key/);
      assert.equal(get(checks, 'engine').status, 'ok');
      assert.notEqual(get(checks, 'compose').status, 'skipped');
      assert.notEqual(get(checks, 'disk').status, 'skipped');
      assert.equal(get(checks, 'lock').status, 'skipped');
    } finally {
      writeFileSync(cfg, original);
    }
  });
});

describe('doctor: versions, services, drift on a deployed stack', () => {
  const { p, A, B, C, D } = stackOnTwoVersions({ label: 'doctorv', ports: ports(1), versions: { A: 'a', B: 'b', C: 'c', D: 'd' }, prepare: envFilePrivate, deploy: ['A', 'B'] });

  test('a version missing one image is reported incomplete naming the service; an incomplete rollback target fails', () => {
    const first = doctorJson(p);
    assert.equal(get(first.checks, 'services').status, 'ok', get(first.checks, 'services').summary);
    assert.equal(get(first.checks, 'drift').status, 'ok', get(first.checks, 'drift').summary);
    assert.ok(get(first.checks, 'drift').summary.includes(B));
    const stats = get(first.checks, 'stats');
    assert.ok(stats.details.containers.length >= 5, `docker stats of every running container: ${JSON.stringify(stats.details)}`);
    const v0 = get(first.checks, 'versions');
    assert.ok(!JSON.stringify(v0.details.incomplete).includes(C), 'C complete at first');

    // recyclic-bot:C is used by no container
    assert.equal(docker(['rmi', `recyclic-bot:${C}`]).status, 0);
    const second = doctorJson(p);
    const v = get(second.checks, 'versions');
    assert.notEqual(v.status, 'ok');
    assert.deepEqual(v.details.incomplete.find((x: { version: string }) => x.version === C)?.missing, ['bot']);
    assert.ok(v.summary.includes(`${C} (bot)`), v.summary);
    assert.ok((v.fix ?? '').includes(`recyclic-bot:${C}`), v.fix ?? '');
    assert.notEqual(v.status, 'fail', 'an incomplete version nobody rolls back to is a warning');

    // the rollback target (A, previous good) loses an image: rollback would be refused → failure
    assert.equal(docker(['rmi', `recyclic-bot:${A}`]).status, 0);
    const third = doctorJson(p);
    const t = get(third.checks, 'versions');
    assert.equal(t.status, 'fail');
    assert.ok(t.summary.includes(A) && t.summary.includes('bot') && /rollback/.test(t.summary), t.summary);
    assert.equal(third.r.code, 1);
    const h = reprise(p, ['doctor']);
    assert.match(h.stderr, /✗ versions/);
    assert.match(h.stderr, new RegExp(`→ .*recyclic-bot:${A}`));
  });

  test('a service changed by hand behind reprise\'s back is reported as drift, with the fix', () => {
    // someone runs compose directly with another tag for bot
    const { program, prefix } = composeCmd(p.compose);
    const up = spawnSync(program, [...prefix, '-p', p.name, 'up', '-d', '--no-deps', 'bot'], { cwd: p.dir, env: { ...process.env, BOT_IMAGE_TAG: D, API_IMAGE_TAG: B, FRONTEND_IMAGE_TAG: B, API_MIGRATIONS_IMAGE_TAG: B }, encoding: 'utf8', timeout: 120_000 });
    assert.equal(up.status, 0, up.stderr);
    const r = doctorJson(p);
    const drift = get(r.checks, 'drift');
    assert.equal(drift.status, 'warn', drift.summary);
    assert.ok(drift.summary.includes(`bot → recyclic-bot:${D}`), drift.summary);
    assert.deepEqual(drift.details.drift.map((x: { service: string }) => x.service), ['bot']);
    assert.ok((drift.fix ?? '').includes(B), drift.fix ?? '');
  });
});

describe('doctor: a lock held by a killed process', () => {
  const { p, D } = stackOnTwoVersions({ label: 'doctorl', ports: ports(2), versions: { D: 'd' }, prepare: envFilePrivate, deploy: [] });

  test('the dead holder is reported with `reprise lock release`, the interrupted operation with its fix', async () => {
    const clean = doctorJson(p);
    assert.equal(get(clean.checks, 'lock').status, 'ok');
    assert.equal(get(clean.checks, 'interrupted').status, 'ok');

    const bg = reprisBackground(p, ['deploy', D, '--yes'], { REPRISE_TEST_PAUSE_AT: 'journaled' });
    try {
      await waitForStderr(bg, 'reprise-test-paused:journaled');
      // while it runs: the lock belongs to a live operation
      const live = get(doctorJson(p).checks, 'lock');
      assert.equal(live.status, 'ok');
      assert.equal(live.details.holder.pid, bg.child.pid);
    } finally {
      bg.child.kill('SIGKILL');
      await bg.exited;
    }
    const { checks, r } = doctorJson(p);
    const lock = get(checks, 'lock');
    assert.equal(lock.status, 'warn');
    assert.equal(lock.details.stale, true);
    assert.ok(lock.summary.includes(String(bg.child.pid)), lock.summary);
    assert.match(lock.fix ?? '', /reprise lock release/);
    const inter = get(checks, 'interrupted');
    assert.equal(inter.status, 'fail');
    assert.ok(inter.summary.includes(D), inter.summary);
    assert.match(inter.fix ?? '', /reprise rollback --yes/);
    assert.equal(r.code, 1);
    const h = reprise(p, ['doctor']);
    assert.match(h.stderr, /! lock .*gone/);
    assert.match(h.stderr, /→ `reprise lock release`/);

    // the fix works: after `reprise lock release`, the lock check passes
    assert.equal(reprise(p, ['lock', 'release']).code, 0);
    assert.equal(get(doctorJson(p).checks, 'lock').status, 'ok');
  });
});
