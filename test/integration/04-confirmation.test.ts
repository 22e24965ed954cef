// rollback asks y/N unless --yes: piped "n" and closed stdin cancel (exit 0, nothing changed, a
// rollback_cancelled entry); "oui" proceeds.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertSeedKeys,
  cleanupAll,
  expectCode,
  expectedImages,
  portAllocator,
  readMetrics,
  reprise,
  snapshot,
  stackProblem,
  versionedImages,
  stackOnTwoVersions,
} from './harness';

const ports = portAllocator(4);
after(() => cleanupAll());

describe('rollback confirmation', () => {
  const { p, A, B } = stackOnTwoVersions({ label: 'confirm', ports: ports(0), deploy: ['A', 'B'], healthy: true });

  const cancels = [
    { name: 'piped "n"', input: 'n\n' },
    { name: 'closed stdin (empty input)', input: '' },
    { name: 'anything else ("maybe")', input: 'maybe\n' },
  ];
  for (const c of cancels) {
    test(`${c.name} cancels: exit 0, nothing changed, rollback_cancelled recorded`, () => {
      const before0 = snapshot(p);
      const metrics0 = readMetrics(p).length;
      const r = reprise(p, ['rollback', '--json'], { input: c.input });
      expectCode(r, 0, `rollback with ${c.name}`);
      assert.equal(r.json?.status, 'cancelled', r.stdout);
      assert.match(r.stderr, /\[y\/N\]/, 'the question was asked on stderr');
      assert.deepEqual(snapshot(p), before0, 'containers unchanged');
      assert.deepEqual(versionedImages(p), expectedImages(B));
      const metrics = readMetrics(p);
      assert.equal(metrics.length, metrics0 + 1, 'one entry for the cancellation');
      const last = metrics.at(-1)!;
      assert.equal(last.event, 'rollback_cancelled');
      assert.equal(last.status, 'cancelled');
      assert.equal(last.version, A);
      assert.equal(last.from_version, B);
      assertSeedKeys(last, assert.fail);
      const s = expectCode(reprise(p, ['status', '--json']), 0, 'status');
      assert.equal(s.json.lock, null, 'lock released after a cancellation');
    });
  }

  test('human mode, stdin closed: cancels with exit 0 and says so', () => {
    const before0 = snapshot(p);
    const r = reprise(p, ['rollback'], { input: '' });
    expectCode(r, 0, 'rollback (human, closed stdin)');
    assert.match(r.stderr, /cancel/i);
    assert.deepEqual(snapshot(p), before0);
  });

  test('rollback --dry-run prints the plan and changes nothing (no prompt, no metrics entry)', () => {
    const before0 = snapshot(p);
    const metrics0 = readMetrics(p).length;
    const r = expectCode(reprise(p, ['rollback', '--dry-run', '--json']), 0, 'rollback --dry-run');
    assert.equal(r.json?.status, 'dry_run');
    assert.equal(r.json?.version, A);
    assert.deepEqual([...(r.json?.changed as string[])].sort(), ['api', 'api-migrations', 'bot', 'frontend']);
    assert.deepEqual(snapshot(p), before0);
    assert.equal(readMetrics(p).length, metrics0);
  });

  test('"oui" proceeds', () => {
    const r = reprise(p, ['rollback', '--json', '--lang', 'fr'], { input: 'oui\n' });
    expectCode(r, 0, 'rollback with "oui"');
    assert.equal(r.json?.status, 'success');
    assert.equal(r.json?.version, A);
    assert.deepEqual(versionedImages(p), expectedImages(A));
    assert.equal(stackProblem(p, A), null);
    const last = readMetrics(p).at(-1)!;
    assert.equal(last.event, 'rollback_success');
    assert.equal(last.version, A);
  });
});
