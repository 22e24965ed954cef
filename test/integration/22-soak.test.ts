// The soak in its short form (the full one: node dist/bench/soak.js, 100 cycles): alternating deploy and
// rollback leave nothing behind and record exactly one history entry per attempt and one metrics entry per
// rollback.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { portAllocator, REPO } from './harness';

const ports = portAllocator(22);

test('soak, short form: 3 deploy/rollback cycles, nothing left behind, one entry per attempt', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'reprise-soak-test-')), 'soak.json');
  try {
    const r = spawnSync(process.execPath, [join(REPO, 'dist', 'bench', 'soak.js'), '--cycles', '3', '--port-base', String(ports(0).api), '--json-out', out], { cwd: REPO, encoding: 'utf8', timeout: 600_000 });
    assert.equal(r.status, 0, `soak: goals missed or failed\n${r.stdout}\n${r.stderr}`);
    const s = JSON.parse(readFileSync(out, 'utf8'));
    assert.equal(s.cycles, 3);
    assert.deepEqual([s.operations.deploy.count, s.operations.deploy.failed, s.operations.rollback.count, s.operations.rollback.failed], [3, 0, 3, 0]);
    assert.deepEqual(s.leftBehind, { containers: 0, networks: 0, images: 0, volumes: 0 });
    assert.deepEqual(s.history, { releasesAdded: 6, attempts: 6 });
    assert.deepEqual(s.metrics, { entries: 3, rollbackAttempts: 3 });
    assert.ok(s.operations.rollback.maxPeakMiB > 0 && s.baselinePeakMiB > 0, 'memory was measured');
    assert.match(r.stdout, /left behind \(goal 0 each\): containers 0, networks 0, images 0, volumes 0/);
  } finally {
    rmSync(join(out, '..'), { recursive: true, force: true });
  }
});
