// Faults (issue 9): for each, the operation ends with a clear message and the right exit code, the stack is
// consistent (one version, healthy), and the history and the metrics file still parse and hold the attempt.
// The Docker engine "stops" by its socket going away: reprise and compose reach it through a socket relay on
// this machine that the test cuts (before, or in the middle of, a deploy), the real engine keeps running.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import {
  buildImages,
  cleanupAll,
  deployOk,
  expectCode,
  metricsPath,
  portAllocator,
  reprisBackground,
  reprise,
  rid,
  sleep,
  stackProblem,
  waitForStderr,
  stackOnTwoVersions,
  type Project,
} from './harness';

const ports = portAllocator(23);
after(() => cleanupAll());

/** A relay from a unix socket of ours to the engine's: cutting it is, for its clients, the engine stopping. */
async function engineRelay(): Promise<{ host: string; cut: () => Promise<void> }> {
  const path = join(tmpdir(), `reprise-engine-${rid(8)}.sock`);
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const engine = createConnection('/var/run/docker.sock');
    for (const s of [client, engine]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.pipe(engine).pipe(client);
  });
  await new Promise<void>((r) => server.listen(path, r));
  return {
    host: `unix://${path}`,
    cut: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

function historyOf(p: Project): { releases: Array<{ version: string; kind: string; outcome: string; errorCode: string | null }>; events: Array<{ type: string; message: string }> } {
  return expectCode(reprise(p, ['history', '--json', '--limit', '200']), 0, 'history').json;
}
function metricsOf(p: Project): Array<{ event: string; status: string; version: string; error?: { code: string } }> {
  if (!existsSync(metricsPath(p))) return [];
  const m = JSON.parse(readFileSync(metricsPath(p), 'utf8'));
  assert.ok(Array.isArray(m), 'the metrics file is one JSON array');
  return m;
}

describe('faults', () => {
  const { p, A, B } = stackOnTwoVersions({ label: 'faults', ports: ports(0), deploy: ['A'] });

  test('engine stopped before the operation: DOCKER_UNAVAILABLE, exit 1, nothing changed, the refused rollback recorded', () => {
    const gone = { DOCKER_HOST: `unix://${join(tmpdir(), `reprise-no-engine-${rid(6)}.sock`)}` };
    const releases0 = historyOf(p).releases.length;
    const metrics0 = metricsOf(p).length;
    const d = reprise(p, ['deploy', B, '--yes', '--json'], { env: gone, timeoutMs: 60_000 });
    assert.equal(d.code, 1, d.stderr);
    assert.equal(d.json.error.code, 'DOCKER_UNAVAILABLE');
    const human = reprise(p, ['rollback', '--yes'], { env: gone, timeoutMs: 60_000 });
    assert.equal(human.code, 1);
    assert.match(human.stderr, /^DOCKER_UNAVAILABLE: The Docker engine is not reachable: .+\n {2}→ Start it/);
    assert.equal(stackProblem(p, A), null, 'the stack still runs A, healthy');
    assert.equal(historyOf(p).releases.length, releases0, 'no release was started');
    const m = metricsOf(p);
    assert.equal(m.length, metrics0 + 1, 'the refused rollback is an entry');
    assert.equal(m.at(-1)!.error?.code, 'DOCKER_UNAVAILABLE');
  });

  test('engine gone in the middle of a deploy: exit 1, the operation is interrupted, the next rollback leaves one healthy version', async () => {
    const relay = await engineRelay();
    const bg = reprisBackground(p, ['deploy', B, '--yes', '--json'], { DOCKER_HOST: relay.host });
    try {
      // the migrations completed: api, bot and frontend are being replaced when the engine goes away
      await waitForStderr(bg, `✓ api-migrations: ${B} completed`);
      await relay.cut();
      const { code } = await bg.exited;
      assert.equal(code, 1, bg.stderr());
      assert.equal(JSON.parse(bg.stdout()).error.code, 'DOCKER_UNAVAILABLE');
    } finally {
      bg.child.kill('SIGKILL');
      await relay.cut().catch(() => undefined);
    }
    // the engine is back: status tells what happened, a rollback puts one version back
    const h = historyOf(p);
    const attempt = h.releases.find((r) => r.version === B && r.kind === 'deploy');
    assert.ok(attempt, 'the deploy attempt is in the history');
    assert.notEqual(attempt.outcome, 'success');
    const st0 = expectCode(reprise(p, ['status', '--json']), 0, 'status after the engine came back').json;
    if (st0.interrupted) {
      // the journal kept what was changed: `rollback --yes` undoes the interrupted deploy (README, seed §4)
      expectCode(reprise(p, ['rollback', '--yes', '--json'], { timeoutMs: 240_000 }), 0, 'rollback --yes after the interruption');
    } else if (stackProblem(p, A) !== null) {
      expectCode(reprise(p, ['rollback', A, '--yes', '--json'], { timeoutMs: 240_000 }), 0, `rollback ${A}`);
    }
    assert.equal(stackProblem(p, A), null, 'one version, A, healthy');
    const s = expectCode(reprise(p, ['status', '--json']), 0, 'status').json;
    assert.equal(s.interrupted, null);
    assert.equal(s.lock, null);
    metricsOf(p);
  });

  test('an image removed between the plan and the apply: nothing is pulled, the changed services go back, exit 3', async () => {
    const flag = join(tmpdir(), `reprise-pause-${rid(8)}`);
    writeFileSync(flag, '');
    const bg = reprisBackground(p, ['deploy', B, '--yes', '--json'], { REPRISE_TEST_PAUSE_AT: 'done:api-migrations', REPRISE_TEST_PAUSE_UNTIL_GONE: flag });
    try {
      // the plan was checked complete and the migrations ran on B: now api's image goes
      await waitForStderr(bg, 'reprise-test-paused:done:api-migrations');
      assert.equal(spawnSync('docker', ['rmi', `recyclic-api:${B}`], { encoding: 'utf8' }).status, 0);
      rmSync(flag);
      const { code } = await bg.exited;
      assert.equal(code, 3, bg.stderr());
      const out = JSON.parse(bg.stdout());
      assert.match(out.error.message, new RegExp(`recyclic-api:${B} no longer on this machine`));
      assert.doesNotMatch(bg.stderr(), /[Pp]ulling/, 'no registry was asked');
    } finally {
      rmSync(flag, { force: true });
      bg.child.kill('SIGKILL');
      buildImages(p, [B]); // B complete again, for the next faults
    }
    assert.equal(stackProblem(p, A), null, 'every service back on A (the migrations too), healthy');
    const h = historyOf(p);
    assert.equal(h.releases[0].kind, 'rollback');
    assert.equal(h.releases[0].version, A);
    assert.equal(h.releases[1].version, B);
    assert.equal(h.releases[1].outcome, 'rolled_back');
    assert.equal(metricsOf(p).at(-1)?.event, 'auto_rollback_success', 'the automatic rollback is a metrics entry');
  });

  test('the metrics file hand-edited into invalid JSON: kept aside as .corrupt-<ts>, a new array holds the next attempt', () => {
    mkdirSync(join(p.dir, 'logs'), { recursive: true });
    writeFileSync(metricsPath(p), '[{"event": "rollback_success", oops\n');
    deployOk(p, B);
    const r = expectCode(reprise(p, ['rollback', A, '--yes', '--json']), 0, 'rollback');
    assert.match(r.stderr, /rollback-metrics\.json\.corrupt-/, 'the warning names where the damaged file went');
    const kept = readdirSync(join(p.dir, 'logs')).filter((f) => f.startsWith('rollback-metrics.json.corrupt-'));
    assert.equal(kept.length, 1, 'the damaged file is kept aside');
    assert.equal(readFileSync(join(p.dir, 'logs', kept[0]), 'utf8'), '[{"event": "rollback_success", oops\n');
    const m = metricsOf(p);
    assert.equal(m.length, 1);
    assert.equal(m[0].event, 'rollback_success');
    assert.ok(historyOf(p).events.some((e) => e.type === 'metrics_file_reset'), 'an event says so');
  });

  test('a hook that hangs is stopped at hooks.timeout: exit 1 naming it, no process left, nothing changed', () => {
    const config = readFileSync(join(p.dir, 'reprise.yml'), 'utf8');
    // a hook with children of its own: the whole process group goes at the timeout
    writeFileSync(join(p.dir, 'hang.sh'), '#!/bin/sh\necho waiting for a backup that never ends\nsleep 287 &\nsleep 288\nwait\n', { mode: 0o755 });
    writeFileSync(join(p.dir, 'reprise.yml'), `${config}hooks: { pre_deploy: ["./hang.sh"], timeout: 2s }\n`);
    try {
      const releases0 = historyOf(p).releases.length;
      const before0 = stackProblem(p, A);
      const r = reprise(p, ['deploy', B, '--yes', '--json'], { timeoutMs: 60_000 });
      assert.equal(r.code, 1, r.stderr);
      assert.equal(r.json.error.code, 'OPERATION_FAILED');
      assert.match(r.json.error.message, /pre_deploy.*timed out after 2 s/s);
      for (let i = 0; i < 30 && spawnSync('pgrep', ['-f', 'sleep 28[78]']).status === 0; i++) spawnSync('sleep', ['0.1']);
      assert.equal(spawnSync('pgrep', ['-f', 'sleep 28[78]']).status, 1, 'the hook and its children were stopped');
      assert.equal(stackProblem(p, A), before0, 'the stack is unchanged');
      const h = historyOf(p);
      assert.equal(h.releases.length, releases0, 'no release started');
      assert.ok(h.events.some((e) => e.type === 'hook_failed'), 'the hook failure is an event');
    } finally {
      writeFileSync(join(p.dir, 'reprise.yml'), config);
      spawnSync('pkill', ['-f', 'sleep 28[78]']);
    }
  });

  test('logs/ on a full disk: the rollback still succeeds, the failed metrics write is reported and recorded', (t) => {
    const logs = join(p.dir, 'logs');
    rmSync(logs, { recursive: true, force: true });
    mkdirSync(logs);
    const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', logs], { encoding: 'utf8' });
    if (mount.status !== 0) {
      t.skip(`cannot mount a tmpfs here (${mount.stderr.trim()}): needs root`);
      return;
    }
    try {
      spawnSync('dd', ['if=/dev/zero', `of=${join(logs, 'filler')}`, 'bs=4k', 'count=64'], { stdio: 'ignore' });
      deployOk(p, B);
      const r = expectCode(reprise(p, ['rollback', A, '--yes', '--json']), 0, 'rollback with logs/ full');
      assert.equal(r.json.version, A);
      assert.match(r.stderr, /metrics file: .*(ENOSPC|no space)/i, r.stderr);
      assert.equal(stackProblem(p, A), null);
      const h = historyOf(p);
      assert.equal(h.releases[0].version, A);
      assert.equal(h.releases[0].outcome, 'success');
      assert.ok(h.events.some((e) => e.type === 'metrics_write_failed' && /ENOSPC|no space/i.test(e.message)), 'the failed write is an event');
    } finally {
      if (spawnSync('umount', [logs]).status !== 0) spawnSync('umount', ['-l', logs]);
    }
  });

  test('state.db locked by another process: a clear error after the wait, exit 1, nothing changed; reading still works', async () => {
    const wait = { REPRISE_STORE_BUSY_TIMEOUT: '3s' };
    const holder = spawn(process.execPath, ['-e', `const D=require(${JSON.stringify(require.resolve('better-sqlite3'))});const d=new D(${JSON.stringify(join(p.dir, '.reprise', 'state.db'))});d.exec('BEGIN EXCLUSIVE');process.stdout.write('locked\\n');setTimeout(()=>{},60000)`], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((r) => holder.stdout!.once('data', () => r()));
      const images = stackProblem(p, A);
      const d = reprise(p, ['deploy', B, '--yes', '--json'], { timeoutMs: 60_000, env: wait });
      assert.equal(d.code, 1, d.stderr);
      assert.equal(d.json.error.code, 'OPERATION_FAILED');
      assert.match(d.json.error.message, /state store \(\.reprise\/state\.db\) stayed locked by another process/);
      const human = reprise(p, ['deploy', B, '--yes'], { timeoutMs: 60_000, env: wait });
      assert.match(human.stderr, /→ .*fuser -v \.reprise\/state\.db/);
      assert.equal(stackProblem(p, A), images, 'the stack is unchanged');
      const st = expectCode(reprise(p, ['status', '--json']), 0, 'status while the store is locked');
      assert.equal(st.json.version, A);
    } finally {
      holder.kill('SIGKILL');
      await sleep(200);
    }
  });

  test('state.db corrupted: a clear error naming the fix, exit 1, nothing changed; emergency still works from .env.rollback', () => {
    deployOk(p, B); // .env.rollback now names A
    const file = join(p.dir, '.reprise', 'state.db');
    for (const f of [`${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
    writeFileSync(file, Buffer.alloc(8192, 0x5a));
    const d = reprise(p, ['deploy', B, '--yes', '--json']);
    assert.equal(d.code, 1, d.stderr);
    assert.equal(d.json.error.code, 'OPERATION_FAILED');
    assert.match(d.json.error.message, /state store \(\.reprise\/state\.db\) is damaged/);
    const human = reprise(p, ['status']);
    assert.equal(human.code, 1);
    assert.match(human.stderr, /→ Restore it from a backup, or move it aside/);
    assert.equal(stackProblem(p, B), null, 'the stack still runs B');
    // the seed's emergency path does not need the history: back to what .env.rollback names
    const e = expectCode(reprise(p, ['emergency', '--json'], { timeoutMs: 240_000 }), 0, 'emergency with the store damaged');
    assert.equal(e.json.version, A);
    assert.match(e.stderr, /state\.db cannot be read/, 'it says the history could not be read');
    assert.equal(stackProblem(p, A), null, 'back on A, healthy');
  });
});
