// A node:test reporter (used beside the spec reporter by scripts/test.sh) that writes how long each test
// file took to $REPRISE_SUITE_TIMES (default test-results/suite-times.json):
//   { "started": ISO, "total_ms", "files": [{ "file", "ms", "tests", "failed" }] } (slowest first).
// Files run one after the other (--test-concurrency=1), so a file's time is the span from the previous
// file's last event to its own last event: loading, hooks and tests included.
// `node dist/bench/suite-time.js BEFORE.json AFTER.json` compares two of these files.
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, relative } from 'node:path';

export default async function* suiteTimes(source) {
  const out = process.env.REPRISE_SUITE_TIMES || 'test-results/suite-times.json';
  const started = Date.now();
  const files = new Map();
  let last = started;
  let current = null;
  for await (const event of source) {
    const file = event.data?.file;
    if (!file || (event.type !== 'test:pass' && event.type !== 'test:fail')) continue;
    const now = Date.now();
    if (file !== current) {
      // a new file: it began when the previous one ended
      if (!files.has(file)) files.set(file, { file: relative(process.cwd(), file), from: last, to: now, tests: 0, failed: 0 });
      current = file;
    }
    const f = files.get(file);
    f.to = now;
    last = now;
    // leaves only: a describe's own pass/fail is not a test
    if (event.data.details?.type !== 'suite') {
      f.tests += 1;
      if (event.type === 'test:fail') f.failed += 1;
    }
  }
  const list = [...files.values()]
    .map((f) => ({ file: f.file, ms: Math.round(f.to - f.from), tests: f.tests, failed: f.failed }))
    .sort((a, b) => b.ms - a.ms);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify({ started: new Date(started).toISOString(), total_ms: Date.now() - started, files: list }, null, 2)}\n`);
}
