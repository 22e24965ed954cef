// run() keeps a bounded tail of a child's stdout and stderr: a hook that writes a database dump to stdout
// cannot exhaust reprise's memory while the lock is held.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run, runChecked, RunError, DEFAULT_OUTPUT_LIMIT } from '../../src/adapters/process/run';

const LINE = 10; // 9 digits and a newline
const LINES = (50 * 1024 * 1024) / LINE; // 50 MiB

/** A child that writes `lines` fixed-width numbered lines (000000000\n, 000000001\n, …) to fd 1 or 2, 1 MiB at a time. */
function numberedLines(fd: 1 | 2, lines: number): string[] {
  const script = `
    const s = process.${fd === 1 ? 'stdout' : 'stderr'};
    const n = ${lines};
    const per = 104857;
    let i = 0;
    const next = () => {
      while (i < n) {
        let chunk = '';
        const end = Math.min(n, i + per);
        for (; i < end; i++) chunk += String(i).padStart(9, '0') + '\\n';
        if (!s.write(chunk)) return s.once('drain', next);
      }
    };
    next();`;
  return ['-e', script];
}

/** The last `bytes` bytes of the numbered lines 0..lines-1. */
function expectedTail(lines: number, bytes: number): string {
  const first = Math.max(0, lines - Math.ceil(bytes / LINE) - 1);
  let s = '';
  for (let i = first; i < lines; i++) s += `${String(i).padStart(9, '0')}\n`;
  return s.slice(-bytes);
}

test('run: 50 MiB on stdout → only the last 64 KiB are kept, and they are the tail', { timeout: 60_000 }, async () => {
  const r = await run(process.execPath, numberedLines(1, LINES), { timeoutMs: 50_000 });
  assert.equal(r.exitCode, 0, r.stderr);
  assert.equal(DEFAULT_OUTPUT_LIMIT, 64 * 1024);
  assert.equal(r.stdout.length, 64 * 1024);
  assert.equal(r.stdout, expectedTail(LINES, 64 * 1024));
  assert.ok(r.stdout.endsWith(`${String(LINES - 1).padStart(9, '0')}\n`));
  assert.equal(r.dropped.stdout, 50 * 1024 * 1024 - 64 * 1024);
  assert.equal(r.dropped.stderr, 0);
});

test('run: stderr is bounded the same way, and RunError quotes its last lines', { timeout: 60_000 }, async () => {
  const args = numberedLines(2, 2_000_000);
  args[1] += '; process.exitCode = 3;';
  const err = await runChecked(process.execPath, args, { timeoutMs: 50_000 }).then(
    () => null,
    (e: unknown) => e,
  );
  assert.ok(err instanceof RunError);
  assert.equal(err.result.exitCode, 3);
  assert.equal(err.result.stderr, expectedTail(2_000_000, 64 * 1024));
  assert.equal(err.result.dropped.stderr, 2_000_000 * LINE - 64 * 1024);
  assert.match(err.message, /exit code 3 — 001999997 \| 001999998 \| 001999999$/);
});

test('run: maxOutputBytes sets the limit per stream (Infinity keeps everything)', { timeout: 60_000 }, async () => {
  const r = await run(process.execPath, numberedLines(1, 300_000), { maxOutputBytes: 1024 * 1024 });
  assert.equal(r.stdout, expectedTail(300_000, 1024 * 1024));
  assert.equal(r.dropped.stdout, 3_000_000 - 1024 * 1024);
  const all = await run(process.execPath, numberedLines(1, 300_000), { maxOutputBytes: Infinity });
  assert.equal(all.stdout.length, 3_000_000);
  assert.equal(all.stdout, expectedTail(300_000, 3_000_000));
  assert.equal(all.dropped.stdout, 0);
});

test('run: small output is kept whole; a tail cut inside a UTF-8 character starts at the next whole one', async () => {
  const small = await run(process.execPath, ['-e', 'process.stdout.write("héllo\\n"); process.stderr.write("wörld\\n")']);
  assert.deepEqual([small.stdout, small.stderr, small.dropped], ['héllo\n', 'wörld\n', { stdout: 0, stderr: 0 }]);
  // 'é' is 2 bytes: a 5-byte limit on "aéééé" + "\n" (10 bytes) cuts inside an 'é'
  const cut = await run(process.execPath, ['-e', 'process.stdout.write("aéééé\\n")'], { maxOutputBytes: 6 });
  assert.equal(cut.stdout, 'éé\n');
  assert.equal(cut.stdout.includes('\uFFFD'), false);
});
