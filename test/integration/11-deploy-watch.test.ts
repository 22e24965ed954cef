// deploy --watch: a release that starts healthy and begins answering 500 a few seconds later is still
// rolled back automatically (exit 3, auto_rollback_success with trigger auto, incident with its logs).
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  cleanupAll,
  expectCode,
  expectedImages,
  portAllocator,
  readMetrics,
  reprise,
  versionedImages,
  waitStackOn,
  stackOnTwoVersions,
} from './harness';

const ports = portAllocator(11);
after(() => cleanupAll());

describe('deploy --watch', () => {
  const { p, G, L } = stackOnTwoVersions({ label: 'watch', ports: ports(0), versions: { G: 'g', L: { prefix: 'l', broken: 'late500', breakAfter: 6 } }, deploy: ['G'] });

  test('a version that breaks after it passed its health gate is rolled back: exit 3, metrics, incident', async () => {
    const started = Date.now();
    const r = expectCode(reprise(p, ['deploy', L, '--watch', '90s', '--json'], { timeoutMs: 200_000 }), 3, 'deploy --watch of a late-breaking version');
    const seconds = (Date.now() - started) / 1000;
    console.log(`deploy --watch: broken after 6 s, back on the previous version after ${seconds.toFixed(1)} s in all`);
    assert.equal(r.json.ok, false);
    assert.equal(r.json.error.code, 'HEALTH_CHECK_FAILED');
    assert.equal(r.json.error.details.deploy.version, L, 'the deploy itself succeeded first');
    assert.equal(r.json.error.details.watch.rolledBack.version, G);
    assert.ok(r.json.error.details.watch.criterion, 'the criterion that fired is reported');
    assert.equal(await waitStackOn(p, G), null);
    assert.deepEqual(versionedImages(p), expectedImages(G));

    const last = readMetrics(p).at(-1)!;
    assert.equal(last.event, 'auto_rollback_success');
    assert.equal(last.trigger, 'auto');
    assert.equal(last.version, G);
    assert.equal(last.from_version, L);

    const dir = join(p.dir, 'logs', 'incidents');
    assert.ok(existsSync(dir));
    const incident = readdirSync(dir).find((d) => d.endsWith(`-${L}`));
    assert.ok(incident, 'an incident folder for the broken version');
    const files = readdirSync(join(dir, incident));
    const apiLog = files.find((f) => f.startsWith(`api-${L}-`) && f.endsWith('.log'));
    assert.ok(apiLog, `the failing api container's logs were kept (${files.join(', ')})`);
    assert.match(readFileSync(join(dir, incident, apiLog), 'utf8'), /Internal Server Error/, 'its last lines, from after the break, are there');
    const report = readFileSync(join(dir, incident, 'report.md'), 'utf8');
    assert.match(report, /🚨 ROLLBACK EFFECTUÉ/);
    assert.match(report, new RegExp(`- Version précédente : ${G}`));

    const h = reprise(p, ['history', '--json']).json;
    const auto = h.releases.find((x: { kind: string; trigger: string }) => x.kind === 'rollback' && x.trigger === 'auto');
    assert.ok(auto, 'the automatic rollback is in the history');
    assert.ok(auto.incident, 'with its incident path');
  });
});
