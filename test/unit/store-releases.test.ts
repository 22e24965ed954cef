import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { Store, STORE_BUSY_TIMEOUT_MS } from '../../src/adapters/store';
import { MIGRATIONS } from '../../src/adapters/store/schema';
import type { NewRelease } from '../../src/domain/types';

function tempStore(): { store: Store; file: string; dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reprise-store-'));
  const file = path.join(dir, '.reprise', 'state.db');
  return { store: Store.open(file), file, dir };
}

function rel(project: string, version: string, over: Partial<NewRelease> = {}): NewRelease {
  return {
    project,
    kind: 'deploy',
    trigger: 'manual',
    version,
    fromVersion: null,
    startedAt: '2025-01-27T10:30:00Z',
    user: 'ops',
    host: 'box',
    message: null,
    ...over,
  };
}

test('open creates the folder, WAL mode, busy timeout and schema version', (t) => {
  const { store, file, dir } = tempStore();
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  assert.ok(fs.existsSync(file));
  assert.equal(store.db.pragma('journal_mode', { simple: true }), 'wal');
  assert.equal(store.db.pragma('busy_timeout', { simple: true }), STORE_BUSY_TIMEOUT_MS);
  assert.equal(Store.open(':memory:', { busyTimeoutMs: 1500 }).db.pragma('busy_timeout', { simple: true }), 1500);
  assert.equal(store.db.pragma('user_version', { simple: true }), MIGRATIONS.length);
  store.close();
  // reopening does not re-run migrations (they would fail on existing tables)
  const again = Store.open(file);
  assert.equal(again.db.pragma('user_version', { simple: true }), MIGRATIONS.length);
  again.close();
});

test('a database from a newer reprise is refused', (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reprise-store-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'state.db');
  const raw = new Database(file);
  raw.pragma('user_version = 99');
  raw.close();
  assert.throws(() => Store.open(file), /newer/);
});

test('release lifecycle: start running, finish with outcome, services and error', (t) => {
  const { store, dir } = tempStore();
  t.after(() => { store.close(); fs.rmSync(dir, { recursive: true, force: true }); });
  const started = store.startRelease(rel('p', 'abc1234', { fromVersion: 'def5678', message: 'hotfix' }));
  assert.equal(started.outcome, 'running');
  assert.equal(started.finishedAt, null);
  assert.equal(started.durationSeconds, null);
  assert.deepEqual(started.services, {});
  assert.equal(started.fromVersion, 'def5678');
  assert.equal(started.message, 'hotfix');

  const done = store.finishRelease(started.id, {
    outcome: 'failed',
    finishedAt: '2025-01-27T10:31:00Z',
    durationSeconds: 60.5,
    services: { api: 12.3, bot: 4 },
    errorCode: 'HEALTH_CHECK_FAILED',
    errorMessage: 'api unhealthy',
  });
  assert.equal(done.outcome, 'failed');
  assert.equal(done.finishedAt, '2025-01-27T10:31:00Z');
  assert.equal(done.durationSeconds, 60.5);
  assert.deepEqual(done.services, { api: 12.3, bot: 4 });
  assert.equal(done.errorCode, 'HEALTH_CHECK_FAILED');
  assert.equal(done.errorMessage, 'api unhealthy');
  assert.deepEqual(store.getRelease(started.id), done);
  assert.equal(store.getRelease(9999), null);
  assert.throws(() => store.finishRelease(9999, { outcome: 'success', finishedAt: 'x', durationSeconds: 1, services: {} }), /not found/);
});

test('markRelease sets the outcome of an interrupted release and keeps an existing finish time', (t) => {
  const { store, dir } = tempStore();
  t.after(() => { store.close(); fs.rmSync(dir, { recursive: true, force: true }); });
  const r = store.startRelease(rel('p', 'v1'));
  const marked = store.markRelease(r.id, 'interrupted');
  assert.equal(marked.outcome, 'interrupted');
  assert.ok(marked.finishedAt);

  const ok = store.startRelease(rel('p', 'v2'));
  store.finishRelease(ok.id, { outcome: 'success', finishedAt: '2025-01-01T00:00:00Z', durationSeconds: 3, services: {} });
  const rolled = store.markRelease(ok.id, 'rolled_back');
  assert.equal(rolled.outcome, 'rolled_back');
  assert.equal(rolled.finishedAt, '2025-01-01T00:00:00Z');
  assert.throws(() => store.markRelease(12345, 'interrupted'), /not found/);
});

test('listReleases: newest first, per project, limit and kinds', (t) => {
  const { store, dir } = tempStore();
  t.after(() => { store.close(); fs.rmSync(dir, { recursive: true, force: true }); });
  store.startRelease(rel('a', 'v1'));
  store.startRelease(rel('b', 'other'));
  store.startRelease(rel('a', 'v2', { kind: 'rollback' }));
  store.startRelease(rel('a', 'v3', { kind: 'emergency', trigger: 'emergency' }));
  store.startRelease(rel('a', 'v4'));

  assert.deepEqual(store.listReleases('a').map((r) => r.version), ['v4', 'v3', 'v2', 'v1']);
  assert.deepEqual(store.listReleases('b').map((r) => r.version), ['other']);
  assert.deepEqual(store.listReleases('none'), []);
  assert.deepEqual(store.listReleases('a', { limit: 2 }).map((r) => r.version), ['v4', 'v3']);
  assert.deepEqual(store.listReleases('a', { kinds: ['rollback', 'emergency'] }).map((r) => r.version), ['v3', 'v2']);
  assert.deepEqual(store.listReleases('a', { kinds: ['deploy'], limit: 1 }).map((r) => r.version), ['v4']);
  assert.deepEqual(store.listReleases('a', { kinds: [] }).length, 4);
});

test('1,000 releases are all listed in order, and the listing uses the (project, id) index', (t) => {
  const { store, dir } = tempStore();
  t.after(() => { store.close(); fs.rmSync(dir, { recursive: true, force: true }); });
  store.db.transaction(() => {
    for (let i = 0; i < 1000; i++) {
      store.startRelease(rel(i % 2 === 0 ? 'big' : 'noise', `v${i}`));
      store.startRelease(rel('big', `w${i}`));
    }
  })();
  const all = store.listReleases('big');
  assert.equal(all.length, 1500);
  for (let i = 1; i < all.length; i++) assert.ok(all[i - 1].id > all[i].id);
  assert.equal(all[0].version, 'w999');
  assert.equal(store.listReleases('big', { limit: 20 }).length, 20);

  const plan = store.db
    .prepare('EXPLAIN QUERY PLAN SELECT * FROM releases WHERE project = ? ORDER BY id DESC LIMIT 20')
    .all('big') as { detail: string }[];
  const text = plan.map((p) => p.detail).join('\n');
  assert.match(text, /USING INDEX releases_project_id/);
  assert.doesNotMatch(text, /TEMP B-TREE/);
});

test('two handles on the same file see each other (WAL, concurrent processes)', (t) => {
  const { store, file, dir } = tempStore();
  const other = Store.open(file);
  t.after(() => { store.close(); other.close(); fs.rmSync(dir, { recursive: true, force: true }); });
  const r = store.startRelease(rel('p', 'v1'));
  assert.equal(other.getRelease(r.id)?.version, 'v1');
});
