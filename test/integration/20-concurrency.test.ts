// Ten operations started at once on one project: exactly one runs, the nine others exit 4 naming the
// holder; the history gains exactly one release, the metrics file stays one valid array with an entry for
// every attempt, and the stack ends on one healthy version.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  cleanupAll,
  expectCode,
  metricsPath,
  portAllocator,
  reprisBackground,
  reprise,
  rid,
  sleep,
  stackProblem,
  stackOnTwoVersions,
} from './harness';

const ports = portAllocator(20);
after(() => cleanupAll());

describe('ten operations at once', () => {
  const { p, A } = stackOnTwoVersions({ label: 'concurrency', ports: ports(0), deploy: ['A', 'B'] });

  test('one runs, nine exit 4 naming it; one release recorded, one metrics entry per attempt', async () => {
    const history0 = expectCode(reprise(p, ['history', '--json', '--limit', '100']), 0, 'history').json;
    const releases0 = history0.releases.length;
    const metrics0 = existsSync(metricsPath(p)) ? (JSON.parse(readFileSync(metricsPath(p), 'utf8')) as unknown[]).length : 0;
    // the one that takes the lock waits after its journal until the nine others have been refused
    const flag = join(tmpdir(), `reprise-hold-${rid(8)}`);
    writeFileSync(flag, '');
    const events0 = history0.events.filter((e: { type: string }) => e.type === 'rollback_refused').length;
    const runs = Array.from({ length: 10 }, () => reprisBackground(p, ['rollback', A, '--yes', '--json'], { REPRISE_TEST_PAUSE_AT: 'journaled', REPRISE_TEST_PAUSE_UNTIL_GONE: flag }));
    const deadline = Date.now() + 120_000;
    while (runs.filter((r) => r.child.exitCode !== null).length < 9 && Date.now() < deadline) await sleep(100);
    rmSync(flag, { force: true });
    const results = await Promise.all(
      runs.map(async (bg) => {
        const { code } = await bg.exited;
        return { pid: bg.child.pid, code, json: JSON.parse(bg.stdout() || 'null'), stderr: bg.stderr() };
      }),
    );
    const winners = results.filter((r) => r.code === 0);
    const refused = results.filter((r) => r.code === 4);
    assert.equal(winners.length, 1, `exactly one ran: ${results.map((r) => `${r.code}`).join(' ')}\n${results.map((r) => `${r.stderr}${JSON.stringify(r.json)}`).join('\n---\n')}`);
    assert.equal(refused.length, 9, `the others exit 4: ${results.map((r) => `${r.code} ${JSON.stringify(r.json?.error ?? null)}`).join('\n')}`);
    for (const r of refused) {
      assert.equal(r.json.error.code, 'LOCKED');
      assert.ok(r.json.error.message.includes(String(winners[0].pid)), `names the holder (pid ${winners[0].pid}): ${r.json.error.message}`);
    }
    assert.equal(winners[0].json.version, A);
    assert.equal(stackProblem(p, A), null, 'the stack runs A, healthy');

    const history = expectCode(reprise(p, ['history', '--json', '--limit', '100']), 0, 'history').json;
    assert.equal(history.releases.length, releases0 + 1, 'one release recorded, none lost or duplicated');
    assert.equal(history.releases[0].version, A);
    assert.equal(history.releases[0].outcome, 'success');
    assert.equal(history.events.filter((e: { type: string }) => e.type === 'rollback_refused').length - events0, 9, 'each refusal is an event');

    const metrics = JSON.parse(readFileSync(metricsPath(p), 'utf8')) as Array<{ event: string; status: string; error?: { code: string } }>;
    assert.ok(Array.isArray(metrics), 'still one JSON array');
    const added = metrics.slice(metrics0);
    assert.equal(added.length, 10, 'one entry per attempt');
    assert.equal(added.filter((e) => e.event === 'rollback_success').length, 1);
    assert.equal(added.filter((e) => e.event === 'rollback_failed' && e.error?.code === 'LOCKED').length, 9);
    const s = expectCode(reprise(p, ['status', '--json']), 0, 'status').json;
    assert.equal(s.lock, null, 'the lock is free again');
    assert.equal(s.interrupted, null);
  });
});
