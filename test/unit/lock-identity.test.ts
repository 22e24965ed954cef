// Issue 20 item 3: the lock's holder is recognised by more than host name and pid. A live holder in another
// pid namespace of this machine (a container, `unshare --pid`) is never taken for dead and overtaken; a
// holder of an earlier boot is gone; and `lock release --force` clears any holder (a host that no longer
// exists), after a confirmation, recorded as an event.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bootId, isHolderDead, pidNamespace, pidStartTime } from '../../src/adapters/store';
import type { LockHolder } from '../../src/domain/types';
import { lockForceRelease } from '../../src/commands/lock';
import { acquireOrFail } from '../../src/release/guard';
import { isRepriseError } from '../../src/domain/errors';
import { fakeStack } from './fake-engine';

const here = { bootId: 'boot-now', pidNs: 'pid:[4026531836]' };
const holder = (o: Partial<LockHolder>): LockHolder => ({ project: 'p', pid: 2 ** 22 + 11, host: 'h1', user: 'u', command: 'rollback', message: null, since: '2024-06-01T12:00:00Z', pidStart: null, bootId: here.bootId, pidNs: here.pidNs, ...o });

test('a holder in another pid namespace of this machine is alive, even when its pid is not visible here', () => {
  assert.equal(isHolderDead(holder({ pidNs: 'pid:[4026532001]' }), 'h1', here), false);
  assert.equal(isHolderDead(holder({}), 'h1', here), true, 'the same namespace: a pid that does not run is dead');
});

test('a holder of an earlier boot is gone, even when a process of this boot now has its pid and start time', () => {
  const me = holder({ pid: process.pid, pidStart: pidStartTime(process.pid), bootId: 'boot-before' });
  assert.equal(isHolderDead(me, 'h1', here), true);
  assert.equal(isHolderDead({ ...me, bootId: here.bootId }, 'h1', here), false, 'this boot: the live process holds it');
});

test('this machine reports its boot and pid namespace, and the lock records them', () => {
  assert.match(bootId() ?? '', /^[0-9a-f-]{36}$/);
  assert.match(pidNamespace() ?? '', /^pid:\[\d+\]$/);
  const s = fakeStack();
  try {
    acquireOrFail(s.ctx, 'deploy', null);
    const h = s.ctx.store.getLock(s.ctx.project.name)!;
    assert.deepEqual([h.bootId, h.pidNs], [bootId(), pidNamespace()]);
    s.ctx.store.releaseLock(s.ctx.project.name, s.ctx.pid);
  } finally {
    s.close();
  }
});

test('a live holder in another pid namespace is not overtaken: LOCKED', () => {
  const s = fakeStack();
  try {
    const other = holder({ project: s.ctx.project.name, host: s.ctx.host, pidNs: 'pid:[1]', bootId: bootId() });
    s.ctx.store.acquireLock(other, () => false);
    assert.throws(() => acquireOrFail(s.ctx, 'deploy', null), (e: unknown) => isRepriseError(e) && e.code === 'LOCKED');
    assert.equal(s.ctx.store.getLock(s.ctx.project.name)?.pidNs, 'pid:[1]');
  } finally {
    s.close();
  }
});

test('lock release --force: asks first (no keeps it), then clears any holder and records who forced it', async () => {
  const s = fakeStack();
  try {
    const gone = holder({ project: s.ctx.project.name, host: 'ci-runner-8f3a2', pid: 4242 });
    s.ctx.store.acquireLock(gone, () => false);
    s.answer = false;
    const kept = await lockForceRelease(s.ctx, false);
    assert.deepEqual([kept.released, kept.cancelled, s.questions.length], [false, true, 1]);
    assert.match(s.questions[0], /ci-runner-8f3a2/);
    assert.notEqual(s.ctx.store.getLock(s.ctx.project.name), null, 'kept after "no"');
    s.answer = true;
    const r = await lockForceRelease(s.ctx, false);
    assert.equal(r.released, true);
    assert.equal(s.ctx.store.getLock(s.ctx.project.name), null);
    const [ev] = s.ctx.store.listEvents(s.ctx.project.name, { type: 'lock_forced' });
    assert.equal((ev.details as { previous: LockHolder }).previous.host, 'ci-runner-8f3a2');
    assert.equal((ev.details as { by: { user: string } }).by.user, 'test');
  } finally {
    s.close();
  }
});

test('doctor warns when the project directory is on a network file system (SQLite locking is not reliable there)', async () => {
  const { diskFromStatfs, judgeDisk } = await import('../../src/domain/doctor');
  const figures = { bsize: 4096, blocks: 10_000_000, bfree: 8_000_000, bavail: 8_000_000 };
  const local = judgeDisk('en', [diskFromStatfs('project', '/srv/recyclic', { ...figures, type: 0xef53 })], []);
  assert.equal(local.status, 'ok');
  const nfs = judgeDisk('en', [diskFromStatfs('project', '/mnt/share/recyclic', { ...figures, type: 0x6969 })], []);
  assert.equal(nfs.status, 'warn');
  assert.equal(nfs.summary[0], 'doctorDiskNetwork');
  assert.equal((nfs.summary[1] as { kind: string }).kind, 'NFS');
});
