import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { Store, isHolderDead, pidStartTime } from '../../src/adapters/store';
import type { LockHolder } from '../../src/domain/types';

const HOST = os.hostname();

function tempStore(): { store: Store; file: string; dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reprise-lock-'));
  const file = path.join(dir, 'state.db');
  return { store: Store.open(file), file, dir };
}

function holder(over: Partial<LockHolder> = {}): LockHolder {
  return {
    project: 'p',
    pid: process.pid,
    host: HOST,
    user: 'ops',
    command: 'deploy abc1234',
    message: null,
    since: '2025-01-27T10:30:00Z',
    pidStart: pidStartTime(process.pid),
    bootId: null,
    pidNs: null,
    ...over,
  };
}

/** The pid of a process that has exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', ''], { stdio: 'ignore' });
  assert.equal(r.status, 0);
  assert.ok(r.pid && r.pid > 0);
  return r.pid;
}

const isDead = (h: LockHolder): boolean => isHolderDead(h, HOST);

test('pidStartTime: a live process has one, an exited one has none', () => {
  const mine = pidStartTime(process.pid);
  assert.match(mine ?? '', /^\d+$/);
  assert.equal(pidStartTime(process.pid), mine);
  assert.equal(pidStartTime(deadPid()), null);
  assert.equal(pidStartTime(-1), null);
});

test('isHolderDead: manual, other host, live, dead, reused pid', () => {
  const gone = deadPid();
  assert.equal(isHolderDead(holder(), HOST), false);
  assert.equal(isHolderDead(holder({ pid: gone }), HOST), true);
  assert.equal(isHolderDead(holder({ pid: null, pidStart: null }), HOST), false);
  assert.equal(isHolderDead(holder({ pid: gone, host: 'another-host' }), HOST), false);
  assert.equal(isHolderDead(holder({ pidStart: '1' }), HOST), true, 'same pid, other start time: reused pid');
  assert.equal(isHolderDead(holder({ pid: gone, pidStart: null }), HOST), true, 'gone, start time unknown');
  assert.equal(isHolderDead(holder({ pidStart: null }), HOST), false, 'alive, start time unknown');
});

test('acquire a free lock, refuse while held, release by pid only', (t) => {
  const { store, dir } = tempStore();
  t.after(() => { store.close(); fs.rmSync(dir, { recursive: true, force: true }); });
  assert.equal(store.getLock('p'), null);
  const first = store.acquireLock(holder({ message: 'CI deploy' }), isDead);
  assert.deepEqual(first, { acquired: true, takenOver: null });
  assert.equal(store.getLock('p')?.message, 'CI deploy');

  const second = store.acquireLock(holder({ command: 'rollback' }), isDead);
  assert.equal(second.acquired, false);
  assert.equal(second.acquired === false && second.holder.command, 'deploy abc1234');

  // another project is independent
  assert.equal(store.acquireLock(holder({ project: 'q' }), isDead).acquired, true);

  assert.equal(store.releaseLock('p', process.pid + 1), false);
  assert.equal(store.releaseLock('p', null), false);
  assert.notEqual(store.getLock('p'), null);
  assert.equal(store.releaseLock('p', process.pid), true);
  assert.equal(store.getLock('p'), null);
  assert.equal(store.releaseLock('p', process.pid), false);
  assert.notEqual(store.getLock('q'), null);
});

test('a dead holder is taken over and reported', (t) => {
  const { store, dir } = tempStore();
  t.after(() => { store.close(); fs.rmSync(dir, { recursive: true, force: true }); });
  const gone = deadPid();
  const crashed = holder({ pid: gone, pidStart: '12345', command: 'deploy crashed' });
  assert.equal(store.acquireLock(crashed, () => false).acquired, true);

  const r = store.acquireLock(holder(), isDead);
  assert.equal(r.acquired, true);
  assert.deepEqual(r.acquired && r.takenOver, crashed);
  assert.equal(store.getLock('p')?.pid, process.pid);
});

test('a manual lock is never taken over; only released with pid null or forced', (t) => {
  const { store, dir } = tempStore();
  t.after(() => { store.close(); fs.rmSync(dir, { recursive: true, force: true }); });
  const manual = holder({ pid: null, pidStart: null, command: 'lock acquire', message: 'maintenance' });
  assert.equal(store.acquireLock(manual, isDead).acquired, true);
  const r = store.acquireLock(holder(), isDead);
  assert.equal(r.acquired, false);
  assert.equal(r.acquired === false && r.holder.message, 'maintenance');
  assert.equal(store.releaseLock('p', process.pid), false);
  assert.equal(store.releaseLock('p', null), true);
  assert.equal(store.acquireLock(manual, isDead).acquired, true);
  assert.equal(store.forceReleaseLock('p'), true);
  assert.equal(store.getLock('p'), null);
  assert.equal(store.forceReleaseLock('p'), false);
});

test('acquireLock holds the write lock while it decides (BEGIN IMMEDIATE)', (t) => {
  const { store, file, dir } = tempStore();
  const other = new Database(file);
  other.pragma('busy_timeout = 0');
  t.after(() => { other.close(); store.close(); fs.rmSync(dir, { recursive: true, force: true }); });
  store.acquireLock(holder({ pid: deadPid() }), () => false);
  let blocked: boolean | null = null;
  const r = store.acquireLock(holder(), () => {
    try {
      other.exec('BEGIN IMMEDIATE');
      other.exec('ROLLBACK');
      blocked = false;
    } catch (err) {
      blocked = (err as { code?: string }).code === 'SQLITE_BUSY';
    }
    return true;
  });
  assert.equal(blocked, true, 'another writer must be blocked while the holder is checked');
  assert.equal(r.acquired, true);
});

test('a holder on another host is never taken over', (t) => {
  const { store, dir } = tempStore();
  t.after(() => { store.close(); fs.rmSync(dir, { recursive: true, force: true }); });
  store.acquireLock(holder({ host: 'ci-runner', pid: deadPid() }), isDead);
  assert.equal(store.acquireLock(holder(), isDead).acquired, false);
});

test('processes racing for the lock: exactly one acquires it', async (t) => {
  const { store, file, dir } = tempStore();
  t.after(() => { store.close(); fs.rmSync(dir, { recursive: true, force: true }); });
  const storeModule = path.join(__dirname, '../../src/adapters/store');
  const script = `
    const { Store, isHolderDead } = require(${JSON.stringify(storeModule)});
    const s = Store.open(process.argv[1]);
    const h = JSON.parse(process.argv[2]);
    h.command = 'racer ' + process.pid;
    const r = s.acquireLock(h, (x) => isHolderDead(x, h.host));
    s.close();
    process.stdout.write(r.acquired ? 'yes' : 'no');
  `;
  // every racer claims the lock for this (live) test process, so no one can take it over
  const claim = JSON.stringify(holder());
  const runs = Array.from({ length: 6 }, () =>
    new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ['-e', script, file, claim], { stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`racer exited ${code}`))));
    }),
  );
  const results = await Promise.all(runs);
  assert.equal(results.filter((r) => r === 'yes').length, 1);
  assert.equal(results.filter((r) => r === 'no').length, 5);
  assert.match(store.getLock('p')?.command ?? '', /^racer \d+$/);
});
