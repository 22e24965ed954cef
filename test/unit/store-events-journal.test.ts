import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Store } from '../../src/adapters/store';
import type { JournalEntry } from '../../src/domain/types';

function tempStore(now?: () => Date): { store: Store; dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reprise-store-'));
  return { store: Store.open(path.join(dir, 'state.db'), { now }), dir };
}

test('events: stored with details and release id, newest first, per project, limit', (t) => {
  let clock = Date.parse('2025-01-27T10:30:00Z');
  const { store, dir } = tempStore(() => new Date((clock += 1000)));
  t.after(() => { store.close(); fs.rmSync(dir, { recursive: true, force: true }); });
  const e1 = store.addEvent('p', 'lock_taken_over', 'took over lock of pid 42', { pid: 42, host: 'box' });
  const e2 = store.addEvent('p', 'auto_rollback', 'rolled back', {}, 7);
  store.addEvent('q', 'other', 'elsewhere');

  assert.equal(e1.type, 'lock_taken_over');
  assert.deepEqual(e1.details, { pid: 42, host: 'box' });
  assert.equal(e1.releaseId, null);
  assert.equal(e1.at, '2025-01-27T10:30:01.000Z');
  assert.equal(e2.releaseId, 7);
  assert.deepEqual(e2.details, {});

  const listed = store.listEvents('p');
  assert.deepEqual(listed.map((e) => e.id), [e2.id, e1.id]);
  assert.deepEqual(listed[1], e1);
  assert.deepEqual(store.listEvents('p', { limit: 1 }).map((e) => e.type), ['auto_rollback']);
  assert.deepEqual(store.listEvents('q').map((e) => e.message), ['elsewhere']);
  assert.deepEqual(store.listEvents('none'), []);
});

function entry(over: Partial<JournalEntry> = {}): JournalEntry {
  return {
    project: 'p',
    releaseId: 3,
    kind: 'rollback',
    version: 'abc1234',
    fromVersion: 'def5678',
    planned: ['api-migrations', 'api', 'bot'],
    done: [],
    step: 'planned',
    pid: 1234,
    host: 'box',
    startedAt: '2025-01-27T10:30:00Z',
    updatedAt: '2025-01-27T10:30:00Z',
    ...over,
  };
}

test('journal: write, update progress, replace, clear; one per project', (t) => {
  const { store, dir } = tempStore(() => new Date('2025-01-27T11:00:00Z'));
  t.after(() => { store.close(); fs.rmSync(dir, { recursive: true, force: true }); });
  assert.equal(store.getJournal('p'), null);
  assert.equal(store.updateJournal('p', { step: 'x' }), null);

  store.writeJournal(entry());
  assert.deepEqual(store.getJournal('p'), entry());

  const updated = store.updateJournal('p', { done: ['api-migrations'], step: 'apply api' });
  assert.deepEqual(updated?.done, ['api-migrations']);
  assert.equal(updated?.step, 'apply api');
  assert.deepEqual(updated?.planned, ['api-migrations', 'api', 'bot']);
  assert.equal(updated?.updatedAt, '2025-01-27T11:00:00.000Z');
  assert.deepEqual(store.getJournal('p'), updated);

  store.updateJournal('p', { planned: ['api'] });
  assert.deepEqual(store.getJournal('p')?.planned, ['api']);
  assert.deepEqual(store.getJournal('p')?.done, ['api-migrations']);

  store.writeJournal(entry({ project: 'q', version: 'qqq' }));
  store.writeJournal(entry({ releaseId: 4, version: 'new1234' }));
  assert.equal(store.getJournal('p')?.releaseId, 4);
  assert.deepEqual(store.getJournal('p')?.done, []);
  assert.equal(store.getJournal('q')?.version, 'qqq');

  store.clearJournal('p');
  assert.equal(store.getJournal('p'), null);
  assert.equal(store.getJournal('q')?.version, 'qqq');
});

test('journal survives closing the store (as after a crash)', (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reprise-store-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'state.db');
  const a = Store.open(file);
  a.writeJournal(entry());
  a.close();
  const b = Store.open(file);
  assert.deepEqual(b.getJournal('p'), entry());
  b.close();
});
