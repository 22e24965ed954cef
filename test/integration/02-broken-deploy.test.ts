// A deploy whose health gate fails rolls back automatically: exit 3, stack healthy on the previous version,
// history shows the failed deploy and the automatic rollback, metrics has an auto_rollback_success entry.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertSeedKeys,
  cleanupAll,
  docker,
  containerOf,
  expectCode,
  expectedImages,
  infraIds,
  portAllocator,
  readMetrics,
  reprise,
  stackProblem,
  versionedImages,
  stackOnTwoVersions,
} from './harness';

const ports = portAllocator(2);
after(() => cleanupAll());

describe('deploy of a broken version → automatic rollback, exit 3', () => {
  const { p, G, ...broken } = stackOnTwoVersions({
    label: 'broken',
    ports: ports(0),
    versions: {
      G: 'g',
      health500: { prefix: 'h', broken: 'health500' },
      unhealthy: { prefix: 'u', broken: 'unhealthy' },
      exit: { prefix: 'x', broken: 'exit' },
      // hang: the health URL never answers — the gate's probes time out, the deploy still ends
      hang: { prefix: 'n', broken: 'hang' },
    },
    deploy: ['G'],
    healthy: true,
  });
  let infra: Record<string, string | undefined>;

  before(() => {
    infra = infraIds(p);
  });

  for (const mode of Object.keys(broken) as Array<keyof typeof broken>) {
    test(`--broken ${mode}: exit 3, back on the previous version and healthy, recorded`, () => {
      const V = broken[mode];
      const metricsBefore = readMetrics(p).length;
      const r = reprise(p, ['deploy', V, '--yes', '--json']);
      expectCode(r, 3, `deploy ${V} (${mode})`);
      assert.equal(r.json?.ok, false);
      assert.equal(r.json?.error?.code, 'HEALTH_CHECK_FAILED');

      // every versioned service is back on G and healthy; infrastructure untouched
      assert.deepEqual(versionedImages(p), expectedImages(G));
      assert.equal(stackProblem(p, G), null);
      assert.deepEqual(infraIds(p), infra, 'db and cache keep their ids');

      // history: the failed deploy of V and the automatic rollback to G, newest first
      const h = expectCode(reprise(p, ['history', '--json']), 0, 'history');
      const releases = h.json.releases as Array<{ kind: string; trigger: string; version: string; fromVersion: string | null; outcome: string }>;
      const failedDeploy = releases.findIndex((x) => x.kind === 'deploy' && x.version === V);
      const autoRollback = releases.findIndex((x) => x.kind === 'rollback' && x.version === G && x.fromVersion === V);
      assert.ok(failedDeploy >= 0, `history shows the deploy of ${V}: ${JSON.stringify(releases)}`);
      assert.notEqual(releases[failedDeploy].outcome, 'success');
      assert.ok(autoRollback >= 0, `history shows the automatic rollback ${V} → ${G}: ${JSON.stringify(releases)}`);
      assert.equal(releases[autoRollback].trigger, 'auto');
      assert.equal(releases[autoRollback].outcome, 'success');
      assert.ok(autoRollback < failedDeploy || releases.length >= 2, 'newest first');

      // metrics: one auto_rollback_success entry
      const metrics = readMetrics(p);
      assert.equal(metrics.length, metricsBefore + 1);
      const last = metrics.at(-1)!;
      assert.equal(last.event, 'auto_rollback_success');
      assert.equal(last.status, 'success');
      assert.equal(last.version, G);
      assert.equal(last.from_version, V);
      assert.equal(last.trigger, 'auto');
      assertSeedKeys(last, assert.fail);

      // status agrees: G everywhere, not mixed, no interrupted operation
      const s = expectCode(reprise(p, ['status', '--json']), 0, 'status');
      assert.equal(s.json.version, G);
      assert.equal(s.json.mixed, false);
      assert.equal(s.json.interrupted, null);
    });
  }

  test('after the failed deploys, rollback still picks a good version, never a broken one', () => {
    const r = reprise(p, ['versions', '--json']);
    expectCode(r, 0, 'versions');
    assert.equal(r.json.current, G);
    for (const v of Object.values(broken)) assert.notEqual(r.json.previous, v, `previous must not be the broken ${v}`);
  });

  test('a service that was not running before cannot be put back: the failed deploy exits 1, not 3', () => {
    const bot = containerOf(p, 'bot');
    assert.ok(bot, 'bot container');
    docker(['stop', bot.id]);
    const r = reprise(p, ['deploy', broken.health500, '--yes', '--json']);
    expectCode(r, 1, 'deploy of a broken version while bot was stopped');
    assert.equal(r.json.error.code, 'HEALTH_CHECK_FAILED');
    assert.match(r.json.error.message, /bot/);
    assert.equal(containerOf(p, 'api')?.image, `recyclic-api:${G}`, 'api was put back on the previous version');
    assert.equal(readMetrics(p).at(-1)!.event, 'auto_rollback_failed');
  });
});
