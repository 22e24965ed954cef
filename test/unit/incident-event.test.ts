// Issue 17 ("Smaller"): the failed deploy's incident was recorded twice in the history (one event per
// release it covers: the failed deploy and its automatic rollback). One incident, one event.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Store } from '../../src/adapters/store';
import type { OpContext } from '../../src/release/context';
import { IncidentRecorder } from '../../src/release/record/incident';
import { history } from '../../src/commands/queries';

test('a failed deploy rolled back automatically: one incident event, both releases point at its folder', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reprise-incident-'));
  const store = Store.open(path.join(dir, 'state.db'));
  t.after(() => {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const project = { name: 'p', dir, environment: null, envVars: new Map<string, string>(), envFileVars: [], config: {} };
  const warnings: string[] = [];
  const ctx = { project, store, env: {}, lang: 'en', now: () => new Date('2025-03-01T10:00:00Z'), host: 'h', user: 'u', out: { line: () => undefined, warn: (x: string) => warnings.push(x) } } as unknown as OpContext;
  const base = { project: 'p', trigger: 'manual' as const, startedAt: '2025-03-01T09:59:00Z', user: 'u', host: 'h', message: null };
  const deploy = store.startRelease({ ...base, kind: 'deploy', version: 'b', fromVersion: 'a' });
  store.finishRelease(deploy.id, { outcome: 'rolled_back', finishedAt: '2025-03-01T09:59:30Z', durationSeconds: 30, services: {}, errorCode: 'HEALTH_CHECK_FAILED', errorMessage: 'api: 500' });
  const auto = store.startRelease({ ...base, kind: 'rollback', trigger: 'auto', version: 'a', fromVersion: 'b' });
  store.finishRelease(auto.id, { outcome: 'success', finishedAt: '2025-03-01T09:59:40Z', durationSeconds: 10, services: {} });

  const rel = await new IncidentRecorder(ctx).write(
    { kind: 'deploy', trigger: 'manual', failedVersion: 'b', restoredVersion: 'a', cause: 'api: 500', restored: true, releaseIds: [deploy.id, auto.id], durationSeconds: 40, services: {} },
    {},
  );
  assert.deepEqual(warnings, []);
  assert.equal(rel, path.join('logs', 'incidents', '20250301T100000Z-b'));
  const events = store.listEvents('p', { type: 'incident' });
  assert.equal(events.length, 1, `one incident event: ${JSON.stringify(events)}`);
  assert.equal(events[0].releaseId, deploy.id, 'attached to the failed deploy');
  assert.deepEqual(events[0].details, { path: rel, releases: [deploy.id, auto.id] });

  const h = history(ctx, 10);
  assert.equal(h.events.filter((e) => e.type === 'incident').length, 1, 'history lists it once');
  for (const r of h.releases) assert.equal(r.incident, rel, `release #${r.id} (${r.kind}) points at the incident`);
});

test('an incident event written before (one per release, no details.releases) still names its release', (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reprise-incident-'));
  const store = Store.open(path.join(dir, 'state.db'));
  t.after(() => {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const r = store.startRelease({ project: 'p', kind: 'rollback', trigger: 'manual', version: 'a', fromVersion: 'b', startedAt: '2025-03-01T09:59:00Z', user: 'u', host: 'h', message: null });
  store.addEvent('p', 'incident', 'logs/incidents/x-b', { path: 'logs/incidents/x-b' }, r.id);
  const h = history({ store, project: { name: 'p' } } as unknown as OpContext, 10);
  assert.equal(h.releases[0].incident, 'logs/incidents/x-b');
});
