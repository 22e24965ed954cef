// Crash consistency (issue 9): `kill -9` of reprise at every step of a deploy and of a rollback, through the
// hidden pause hook (REPRISE_TEST_PAUSE_AT). After each: status reports the interrupted operation, the next
// `rollback --yes` leaves one healthy version, and the history is complete (the killed release is marked
// interrupted, the recovery recorded).
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { cleanupAll, deployOk, expectCode, killAtStep, metricsPath, portAllocator, reprise, stackProblem, stackOnTwoVersions, type Project } from './harness';

const ports = portAllocator(24);
after(() => cleanupAll());

/**
 * The steps of a release of the demo stack, in order: the journal written (nothing changed yet), the
 * migrations run, api's new container started beside the old one, api switched over, every service in place
 * (not yet recorded). Other names: `applied:SERVICE` and `done:SERVICE` for every service.
 */
const STEPS = ['journaled', 'done:api-migrations', 'applied:api', 'done:api', 'applied'];

interface Release {
  id: number;
  kind: string;
  version: string;
  outcome: string;
}
const metrics = (p: Project): Array<{ event: string; error?: { code: string } }> => (existsSync(metricsPath(p)) ? JSON.parse(readFileSync(metricsPath(p), 'utf8')) : []);
const releases = (p: Project): Release[] => expectCode(reprise(p, ['history', '--json', '--limit', '500']), 0, 'history').json.releases;

describe('kill -9 at every step', () => {
  const { p, A, B } = stackOnTwoVersions({ label: 'crashwalk', ports: ports(0), deploy: ['A'] });

  /** after a kill: interrupted reported, `rollback --yes` brings back one healthy version, history complete */
  const recover = (what: string, killedVersion: string, expected: string): void => {
    const s = expectCode(reprise(p, ['status', '--json']), 0, `${what}: status`).json;
    assert.ok(s.interrupted, `${what}: status reports the interrupted operation`);
    assert.equal(s.interrupted.version, killedVersion);
    const killedId = s.interrupted.releaseId as number;
    const before0 = releases(p).length;
    const metrics0 = metrics(p);
    const r = expectCode(reprise(p, ['rollback', '--yes', '--json'], { timeoutMs: 240_000 }), 0, `${what}: rollback --yes`);
    assert.equal(r.json.version, expected, `${what}: back to ${expected}`);
    assert.equal(stackProblem(p, expected), null, `${what}: one version (${expected}), healthy`);
    const h = releases(p);
    const killed = h.find((x) => x.id === killedId);
    assert.equal(killed?.outcome, 'interrupted', `${what}: the killed release is in the history, marked interrupted`);
    assert.equal(killed?.version, killedVersion);
    // the recovery is a release when something was left to change; either way the take-over is an event
    assert.equal(h.length, before0 + (r.json.releaseId === null ? 0 : 1), `${what}: nothing lost or duplicated`);
    if (r.json.releaseId !== null) assert.equal(h[0].outcome, 'success', `${what}: the recovery is recorded`);
    const events = expectCode(reprise(p, ['history', '--json', '--limit', '500']), 0, 'history').json.events as Array<{ type: string; releaseId: number | null }>;
    assert.ok(events.some((e) => e.type === 'interrupted_operation' && e.releaseId === killedId), `${what}: the interruption is an event`);
    // the metrics file: the killed rollback is one failed entry (INTERRUPTED_OPERATION), the recovery one more
    // when it changed something; a killed deploy adds none of its own
    const added = metrics(p).slice(metrics0.length);
    const killedRollback = h.find((x) => x.id === killedId)?.kind === 'rollback';
    assert.equal(added.filter((e) => e.event === 'rollback_failed' && e.error?.code === 'INTERRUPTED_OPERATION').length, killedRollback ? 1 : 0, `${what}: ${JSON.stringify(added)}`);
    assert.equal(added.filter((e) => e.event === 'rollback_success').length, r.json.releaseId === null ? 0 : 1, `${what}: the recovery's entry`);
    assert.equal(added.length, (killedRollback ? 1 : 0) + (r.json.releaseId === null ? 0 : 1), `${what}: nothing else`);
    const after0 = expectCode(reprise(p, ['status', '--json']), 0, `${what}: status after`).json;
    assert.equal(after0.interrupted, null);
    assert.equal(after0.lock, null);
  };

  for (const step of STEPS) {
    test(`deploy killed at ${step}: rollback --yes undoes it`, async () => {
      await killAtStep(p, ['deploy', B, '--yes'], step);
      recover(`deploy at ${step}`, B, A);
    });
  }

  for (const step of STEPS) {
    test(`rollback killed at ${step}: rollback --yes finishes it`, async () => {
      deployOk(p, B);
      await killAtStep(p, ['rollback', A, '--yes'], step);
      recover(`rollback at ${step}`, A, A);
    });
  }
});
