// monitor: a healthy stack passes (exit 0); a version that starts answering 500 after a while is detected
// (exit 1 without --auto-rollback) and rolled back with --auto-rollback (exit 3, trigger auto, metrics entry).
// Detection times are printed, never asserted (DESIGN: no wall-clock assertions in tests).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertSeedKeys,
  cleanupAll,
  containerOf,
  deployOk,
  docker,
  expectCode,
  expectedImages,
  infraIds,
  portAllocator,
  reprisBackground,
  readMetrics,
  reprise,
  versionedImages,
  waitStackOn,
  stackOnTwoVersions,
} from './harness';

const ports = portAllocator(9);
after(() => cleanupAll());

/** Seconds after which the late500 api breaks; long enough for the deploy (and its checks) to succeed. */
const BREAK_AFTER_S = 12;

describe('monitor [--for DURATION] [--auto-rollback]', () => {
  const { p, G, L } = stackOnTwoVersions({
    label: 'monitor',
    ports: ports(0),
    versions: { G: 'g', L: { prefix: 'l', broken: 'late500', breakAfter: BREAK_AFTER_S } },
    deploy: ['G'],
    healthy: true,
    // this file is about failures (500s, a lock held by hand); a latency verdict is the unit tests' (criteria,
    // degradation-noise): with the other lane running, the api's /health (a SELECT 1 and a Redis PING) can
    // stay several times its baseline for seconds, which would be reported before the 500s it waits for
    extraConfig: 'thresholds: { degradation_min_ms: 1000 }',
  });
  let infra: Record<string, string | undefined>;

  before(() => {
    infra = infraIds(p);
  });

  test('a healthy stack: monitor --for 5s exits 0 after the period, nothing changed', () => {
    const t0 = Date.now();
    const r = expectCode(reprise(p, ['monitor', '--for', '5s', '--json']), 0, 'monitor --for 5s');
    const seconds = (Date.now() - t0) / 1000;
    console.log(`# monitor --for 5s on a healthy stack: exit 0 after ${seconds.toFixed(1)} s (${r.json?.samples} samples)`);
    assert.equal(r.json?.ok, true);
    assert.equal(r.json?.criterion, null);
    assert.equal(r.json?.version, G);
    assert.ok(r.json?.samples > 0);
    assert.deepEqual(versionedImages(p), expectedImages(G));
    // human form: one start line, one end line, no line per probe
    const h = expectCode(reprise(p, ['monitor', '--for', '2s']), 0, 'monitor --for 2s (human)');
    assert.match(h.stderr, /no rollback criterion met/);
    assert.ok(h.stderr.trim().split('\n').length <= 4, h.stderr);
  });

  test('a version that answers 500 after a while: detected (exit 1), then rolled back with --auto-rollback (exit 3)', async () => {
    deployOk(p, L);
    const api = containerOf(p, 'api');
    assert.ok(api && api.image === `recyclic-api:${L}`);
    const startedAt = docker(['inspect', '-f', '{{.State.StartedAt}}', api.id]).stdout.trim();
    const onset = Date.parse(startedAt) + BREAK_AFTER_S * 1000;
    assert.ok(Number.isFinite(onset), `StartedAt of the api: ${startedAt}`);

    // without --auto-rollback: the criterion is reported, nothing changes
    const r1 = reprise(p, ['monitor', '--for', '60s', '--json']);
    expectCode(r1, 1, 'monitor --for 60s on late500');
    assert.equal(r1.json?.ok, false);
    assert.equal(r1.json?.rolledBack, null);
    assert.equal(r1.json?.criterion?.service, 'api', JSON.stringify(r1.json?.criterion));
    assert.ok(['error_rate', 'not_answering', 'critical_logs'].includes(r1.json?.criterion?.criterion), JSON.stringify(r1.json?.criterion));
    assert.equal(r1.json?.error?.code, 'HEALTH_CHECK_FAILED');
    const detection = (r1.json.criterion.at - onset) / 1000;
    console.log(`# late500: ${r1.json.criterion.criterion} detected ${detection.toFixed(1)} s after the onset (health interval 200 ms): ${r1.json.criterion.text}`);
    assert.deepEqual(versionedImages(p), expectedImages(L), 'nothing rolled back without --auto-rollback');

    // a lock taken by hand (maintenance): the watch pauses and never fights it — no rollback attempted, no
    // auto_rollback_failed entry, although the api is answering 500 all along
    expectCode(reprise(p, ['lock', 'acquire', '-m', 'maintenance']), 0, 'lock acquire');
    const countLocked = readMetrics(p).length;
    const held = reprise(p, ['monitor', '--for', '6s', '--auto-rollback', '--json']);
    expectCode(reprise(p, ['lock', 'release']), 0, 'lock release');
    expectCode(held, 0, 'monitor --auto-rollback while the lock is held by hand');
    assert.equal(held.json?.rolledBack, null);
    assert.match(held.stderr, /lock is held by hand .*maintenance.*watch paused/);
    assert.equal(readMetrics(p).length, countLocked, 'no rollback attempt recorded');
    assert.deepEqual(versionedImages(p), expectedImages(L), 'nothing changed while the lock was held');

    // with --auto-rollback: rolled back to G (trigger auto), exit 3
    const metricsBefore = readMetrics(p).length;
    const t0 = Date.now();
    const r2 = reprise(p, ['monitor', '--for', '60s', '--auto-rollback', '--json']);
    expectCode(r2, 3, 'monitor --for 60s --auto-rollback on late500');
    console.log(`# late500: monitor --auto-rollback → back on the previous version in ${((Date.now() - t0) / 1000).toFixed(1)} s (${r2.json?.criterion?.criterion})`);
    assert.equal(r2.json?.rolledBack?.version, G);
    assert.equal(typeof r2.json?.rolledBack?.releaseId, 'number');
    assert.equal(await waitStackOn(p, G, 30_000), null);
    assert.deepEqual(versionedImages(p), expectedImages(G));
    assert.deepEqual(infraIds(p), infra, 'db and cache keep their ids');

    const metrics = readMetrics(p);
    assert.equal(metrics.length, metricsBefore + 1);
    const last = metrics.at(-1)!;
    assert.equal(last.event, 'auto_rollback_success');
    assert.equal(last.trigger, 'auto');
    assert.equal(last.version, G);
    assert.equal(last.from_version, L);
    assertSeedKeys(last, assert.fail);

    const h = expectCode(reprise(p, ['history', '--json']), 0, 'history');
    const rel = (h.json.releases as Array<{ id: number; kind: string; trigger: string; version: string; outcome: string; message: string | null }>).find((x) => x.id === r2.json.rolledBack.releaseId);
    assert.ok(rel, 'the rollback release is in the history');
    assert.equal(rel.kind, 'rollback');
    assert.equal(rel.trigger, 'auto');
    assert.equal(rel.outcome, 'success');
    assert.ok(rel.message && rel.message.length > 0, 'the criterion is recorded as the reason');
  });

  test('reprise serve watches a release deployed without --watch and rolls it back; started again, it does not watch it twice', async () => {
    deployOk(p, L);
    const lRelease = (expectCode(reprise(p, ['history', '--json']), 0, 'history').json.releases as Array<{ id: number; version: string }>)[0];
    assert.equal(lRelease.version, L);
    const s1 = reprisBackground(p, ['serve', '--port', '0', '--watch', '90s']);
    let rolledBack: string | null;
    try {
      rolledBack = await waitStackOn(p, G, 90_000);
    } finally {
      s1.child.kill('SIGTERM');
    }
    assert.equal((await s1.exited).code, 0, `serve exits 0 on SIGTERM:\n${s1.stderr()}`);
    assert.equal(rolledBack, null, `serve rolled ${L} back to ${G}:\n${s1.stderr()}`);
    assert.match(s1.stderr(), new RegExp(`watching release #${lRelease.id} \\(${L}\\)`));
    assert.deepEqual(versionedImages(p), expectedImages(G));
    assert.deepEqual(infraIds(p), infra, 'db and cache keep their ids');
    const h = expectCode(reprise(p, ['history', '--json']), 0, 'history').json;
    const last = h.releases[0] as { kind: string; trigger: string; version: string; outcome: string };
    assert.deepEqual({ kind: last.kind, trigger: last.trigger, version: last.version, outcome: last.outcome }, { kind: 'rollback', trigger: 'auto', version: G, outcome: 'success' });
    assert.ok((h.events as Array<{ type: string; details: { release?: number } }>).some((e) => e.type === 'serve_watch_done' && e.details.release === lRelease.id), 'the watch is recorded as done');
    const [incident] = expectCode(reprise(p, ['incident', 'list', '--json']), 0, 'incident list').json.incidents;
    assert.deepEqual({ kind: incident.kind, version: incident.version, from_version: incident.from_version }, { kind: 'auto_rollback', version: G, from_version: L }, JSON.stringify(incident));

    // started again inside the same window: the watch of L is over, nothing is watched, nothing changes
    const s2 = reprisBackground(p, ['serve', '--port', '0', '--watch', '90s']);
    await new Promise((r) => setTimeout(r, 4_000));
    s2.child.kill('SIGTERM');
    assert.equal((await s2.exited).code, 0, s2.stderr());
    assert.doesNotMatch(s2.stderr(), /watching release/, s2.stderr());
    assert.deepEqual(versionedImages(p), expectedImages(G));
  });

  test('usage: an invalid --for is exit 2', () => {
    const r = reprise(p, ['monitor', '--for', 'soon', '--json']);
    expectCode(r, 2, 'monitor --for soon');
    assert.equal(r.json?.error?.code, 'USAGE');
  });
});
