// The release gate runs the container's own healthcheck at reprise's pace (issue 17): with an engine whose
// Docker verdict stays `starting` (Docker's next run is far away), a ready version passes on the gate's own
// runs, a broken one fails after its start period and `retries` runs with the command's exit code and output
// (secrets masked), Docker's own verdict still decides when it comes first, and a container without a
// healthcheck is gated as before. The engine is the shared in-memory fake (fake-engine.ts): what the gate
// asks, what it answers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { HealthStatus } from '../../src/engines/engine';
import type { HealthcheckDefinition, HealthcheckRun } from '../../src/domain/healthcheck';
import type { VersionedService } from '../../src/domain/types';
import { waitHealthy } from '../../src/release/verify/health-gate';
import { FakeEngine } from './fake-engine';

const IMAGE = 'recyclic-api:v2';
const CHECK: HealthcheckDefinition = {
  test: ['CMD-SHELL', 'wget -qO- http://127.0.0.1:8000/health?token=hunter2-secret | grep -q ok'],
  command: ['/bin/sh', '-c', 'wget -qO- http://127.0.0.1:8000/health?token=hunter2-secret | grep -q ok'],
  intervalMs: 30_000,
  timeoutMs: 2_000,
  startPeriodMs: 150,
  retries: 2,
};

/** One running container; Docker's own verdict is `health` (it never runs its check in these tests). */
function fakeEngine(o: { check: HealthcheckDefinition | null; health: HealthStatus; answer: (n: number) => HealthcheckRun }): FakeEngine {
  const engine = new FakeEngine([]);
  engine.run('api', IMAGE, { id: 'c1', name: 'demo-api-1', health: o.health, startedAt: new Date().toISOString(), createdAt: new Date().toISOString() });
  if (o.check) engine.healthchecks.set('c1', o.check);
  engine.answerHealthcheck = () => o.answer(engine.healthcheckRuns);
  return engine;
}

const svc: VersionedService = { name: 'api', repository: 'recyclic-api', tagVariable: 'API_IMAGE_TAG', imageTemplate: '', dependsOn: [], oneShot: false, healthUrl: null, healthTimeoutMs: null };
const settings = { timeoutMs: 10_000, intervalMs: 10, readinessDelayMs: 0 };
const ok: HealthcheckRun = { exitCode: 0, output: '', durationMs: 3 };
const failing = (n: number): HealthcheckRun => ({ exitCode: 1, output: `attempt ${n}: wget: server returned error: HTTP/1.1 503 token=hunter2-secret`, durationMs: 3 });

test('a ready version passes on the gate\'s own run while Docker still says starting', async () => {
  const f = fakeEngine({ check: CHECK, health: 'starting', answer: (n) => (n < 4 ? failing(n) : ok) });
  const gate = await waitHealthy(f, svc, settings, IMAGE);
  assert.equal(gate.ok, true, gate.reason ?? '');
  assert.equal(gate.container?.health, 'starting', "Docker's own verdict had not come");
  assert.equal(f.healthcheckRuns, 4, 'it passed on the first success, after three failures');
});

test('a broken version fails after its start period and `retries` runs, with the exit code and output, secrets masked', async () => {
  const f = fakeEngine({ check: CHECK, health: 'starting', answer: failing });
  const gate = await waitHealthy(f, svc, settings, IMAGE, null, ['hunter2-secret']);
  assert.equal(gate.ok, false);
  assert.match(gate.reason!, /^healthcheck `wget -qO- http:\/\/127\.0\.0\.1:8000\/health\?token=\*\*\* \| grep -q ok` failed 2 times in a row after its 0\.2 s start period \(exit code 1: attempt \d+: wget: server returned error: HTTP\/1\.1 503 token=\*\*\*\)$/);
  assert.ok(!gate.reason!.includes('hunter2'), 'no secret in the reason');
  assert.ok(f.healthcheckRuns >= 3, `failures inside the start period did not count (${f.healthcheckRuns} runs)`);
});

test("Docker's own verdict stays a second source: unhealthy fails at once, healthy passes", async () => {
  const sick = fakeEngine({ check: CHECK, health: 'unhealthy', answer: failing });
  const a = await waitHealthy(sick, svc, settings, IMAGE);
  assert.deepEqual([a.ok, a.reason], [false, 'Docker healthcheck reports unhealthy']);

  const well = fakeEngine({ check: CHECK, health: 'healthy', answer: failing });
  const b = await waitHealthy(well, svc, settings, IMAGE);
  assert.equal(b.ok, true, 'Docker says healthy: it passes even while the own runs still fail in the start period');
});

test('a container without a healthcheck is gated as before (running for readiness_delay), nothing is run in it', async () => {
  const f = fakeEngine({ check: null, health: null, answer: () => assert.fail('no healthcheck to run') });
  const gate = await waitHealthy(f, svc, settings, IMAGE);
  assert.equal(gate.ok, true);
  assert.equal(f.healthcheckRuns, 0);
});

test('a run the engine cannot make (container stopped for a moment) counts as nothing; the gate goes on', async () => {
  let n = 0;
  const f = fakeEngine({ check: { ...CHECK, startPeriodMs: 0 }, health: 'starting', answer: () => ok });
  f.answerHealthcheck = () => (++n < 3 ? null : ok);
  const gate = await waitHealthy(f, svc, settings, IMAGE);
  assert.equal(gate.ok, true);
  assert.equal(n, 3);
});
