// One operation at a time: a manual lock and a running operation both make a second one exit 4 (LOCKED,
// naming the holder); the lock of a process killed with -9 is taken over with a warning.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { hostname } from 'node:os';
import {
  cleanupAll,
  expectCode,
  portAllocator,
  reprisBackground,
  reprise,
  snapshot,
  stackProblem,
  waitForStderr,
  stackOnTwoVersions,
} from './harness';

const ports = portAllocator(5);
after(() => cleanupAll());

describe('operation lock', () => {
  const { p, B } = stackOnTwoVersions({ label: 'lock', ports: ports(0), deploy: ['A'], healthy: true });

  test('manual lock: deploy exits 4 with LOCKED naming the holder and message; release frees it', () => {
    expectCode(reprise(p, ['lock', 'acquire', '-m', 'maintenance window']), 0, 'lock acquire');
    const ls = expectCode(reprise(p, ['lock', 'status', '--json']), 0, 'lock status');
    assert.ok(JSON.stringify(ls.json).includes('maintenance window'), ls.stdout);
    const before0 = snapshot(p);
    for (const cmd of [['deploy', B, '--yes'], ['rollback', '--yes']]) {
      const r = reprise(p, [...cmd, '--json']);
      expectCode(r, 4, `${cmd[0]} while locked`);
      assert.equal(r.json?.error?.code, 'LOCKED');
      assert.ok(r.json.error.message.includes('maintenance window'), `message names the lock message: ${r.json.error.message}`);
      assert.ok(r.json.error.message.includes(hostname()), `message names the holder's host: ${r.json.error.message}`);
      assert.match(r.json.error.message, /20\d\d-\d\d-\d\dT/, 'message says since when');
    }
    const human = reprise(p, ['deploy', B, '--yes']);
    assert.equal(human.code, 4);
    assert.match(human.stderr, /maintenance window/);
    assert.deepEqual(snapshot(p), before0, 'nothing changed while locked');
    expectCode(reprise(p, ['lock', 'release']), 0, 'lock release');
    const free = expectCode(reprise(p, ['status', '--json']), 0, 'status');
    assert.equal(free.json.lock, null);
  });

  test('a running operation holds the lock; after kill -9 the next command takes it over with a warning', async () => {
    const bg = reprisBackground(p, ['deploy', B, '--yes'], { REPRISE_TEST_PAUSE_AT: 'journaled' });
    try {
      await waitForStderr(bg, 'reprise-test-paused:journaled');
      const r = reprise(p, ['deploy', B, '--yes', '--json']);
      expectCode(r, 4, 'second deploy during the first');
      assert.equal(r.json?.error?.code, 'LOCKED');
      assert.ok(r.json.error.message.includes('deploy'), `names the holder's command: ${r.json.error.message}`);
      assert.ok(r.json.error.message.includes(String(bg.child.pid)), `names the holder's pid ${bg.child.pid}: ${r.json.error.message}`);
      const rb = reprise(p, ['rollback', '--yes', '--json']);
      expectCode(rb, 4, 'rollback during the deploy');
      assert.equal(rb.json?.error?.code, 'LOCKED');
    } finally {
      bg.child.kill('SIGKILL');
      await bg.exited;
    }
    const r = reprise(p, ['deploy', B, '--yes', '--json']);
    expectCode(r, 0, 'deploy after the holder was killed');
    assert.match(r.stderr, /took over the lock/);
    assert.equal(stackProblem(p, B), null);
    const s = expectCode(reprise(p, ['status', '--json']), 0, 'status');
    assert.equal(s.json.lock, null);
    assert.equal(s.json.interrupted, null);
    assert.equal(s.json.version, B);
  });
});
