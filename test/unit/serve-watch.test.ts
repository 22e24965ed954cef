// Which release `reprise serve` watches (commands/serve releaseToWatch), on a real SQLite store: the newest
// successful deploy inside the window, once — not one deployed with --no-rollback, not one a live
// `deploy --watch` is watching (taken over if that process died), not one whose watch is over.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hostname } from 'node:os';
import { Store } from '../../src/adapters/store';
import { releaseToWatch } from '../../src/commands/serve';
import { recordWatchIntent } from '../../src/release/record/watch-intent';
import type { OpContext } from '../../src/release/context';

const T0 = Date.parse('2026-12-01T10:00:00Z');
const WINDOW = 15 * 60_000;

function setup(): { ctx: OpContext; deploy: (version: string, at: number) => number; at: (ms: number) => void } {
  const store = Store.open(':memory:');
  let now = T0;
  const ctx = { store, project: { name: 'p' }, host: hostname(), pid: process.pid, now: () => new Date(now) } as unknown as OpContext;
  const deploy = (version: string, start: number): number => {
    const r = store.startRelease({ project: 'p', kind: 'deploy', trigger: 'manual', version, fromVersion: null, startedAt: new Date(start).toISOString(), user: 'u', host: 'h', message: null });
    store.finishRelease(r.id, { outcome: 'success', finishedAt: new Date(start + 10_000).toISOString(), durationSeconds: 10, services: {} });
    return r.id;
  };
  return { ctx, deploy, at: (ms) => (now = ms) };
}

test('a plain deploy is watched for the rest of the window; not after it, not with --watch 0', () => {
  const { ctx, deploy, at } = setup();
  const id = deploy('b2', T0);
  at(T0 + 70_000);
  assert.deepEqual(releaseToWatch(ctx, WINDOW), { releaseId: id, version: 'b2', remainingMs: WINDOW - 60_000 });
  assert.equal(releaseToWatch(ctx, 0), null);
  at(T0 + 10_000 + WINDOW);
  assert.equal(releaseToWatch(ctx, WINDOW), null);
  ctx.store.close();
});

test('deploy --no-rollback: serve never watches (so never rolls back) that release', () => {
  const { ctx, deploy, at } = setup();
  const id = deploy('b2', T0);
  recordWatchIntent(ctx, id, { autoRollback: false, watching: false });
  at(T0 + 20_000);
  assert.equal(releaseToWatch(ctx, WINDOW), null);
  // the next deploy, a plain one, is watched again
  const next = deploy('c3', T0 + 30_000);
  at(T0 + 50_000);
  assert.equal(releaseToWatch(ctx, WINDOW)?.releaseId, next);
  ctx.store.close();
});

test('deploy --watch: left to it while its process runs and once it ended; taken over if its process died', () => {
  const { ctx, deploy, at } = setup();
  const id = deploy('b2', T0);
  at(T0 + 20_000);
  recordWatchIntent(ctx, id, { autoRollback: true, watching: true });
  assert.equal(releaseToWatch(ctx, WINDOW), null, 'this process (the deploy) watches it');
  recordWatchIntent(ctx, id, { autoRollback: true, watching: true, done: true });
  assert.equal(releaseToWatch(ctx, WINDOW), null, 'its watch ended: not watched again');

  const killed = deploy('c3', T0 + 30_000);
  at(T0 + 60_000);
  // a deploy --watch killed -9: a pid that does not run, on this host
  const dead = { ...ctx, pid: 2 ** 22 + 11 } as OpContext;
  recordWatchIntent(dead, killed, { autoRollback: true, watching: true });
  assert.equal(releaseToWatch(ctx, WINDOW)?.releaseId, killed, 'serve takes the watch over');
  ctx.store.close();
});
