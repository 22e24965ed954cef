// A node:test reporter (used beside the spec reporter by scripts/test.sh) that writes how long each test
// file took to $REPRISE_SUITE_TIMES (default test-results/suite-times.json):
//   { "started": ISO, "total_ms", "files": [{ "file", "ms", "tests", "failed" }] } (slowest first).
// Files run one after the other (--test-concurrency=1) and the runner closes each with a `test:complete`
// event named after the file, so a file's time is the span from the previous file's end to its own end
// (loading, hooks and tests included), and its tests are those reported in between — also the ones its
// shared scenario modules define (their events carry the module's path, not the test file's).
// `node dist/bench/suite-time.js BEFORE.json AFTER.json` compares two of these files.
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, relative } from 'node:path';

export default async function* suiteTimes(source) {
  const out = process.env.REPRISE_SUITE_TIMES || 'test-results/suite-times.json';
  const started = Date.now();
  const files = [];
  let last = started;
  let tests = 0;
  let failed = 0;
  for await (const event of source) {
    const data = event.data ?? {};
    if ((event.type === 'test:pass' || event.type === 'test:fail') && data.details?.type !== 'suite') {
      // leaves only: a describe's own pass/fail is not a test
      tests += 1;
      if (event.type === 'test:fail') failed += 1;
    } else if (event.type === 'test:complete' && data.file && data.name === data.file) {
      const now = Date.now();
      files.push({ file: relative(process.cwd(), data.file), ms: now - last, tests, failed });
      last = now;
      tests = 0;
      failed = 0;
    }
  }
  files.sort((a, b) => b.ms - a.ms);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify({ started: new Date(started).toISOString(), total_ms: Date.now() - started, files }, null, 2)}\n`);
}

// `node scripts/suite-times.mjs --merge OUT IN…` (scripts/test.sh, two lanes): one file of every lane's
// files, slowest first, each with its lane (the IN file's suffix); total_ms: the longest lane.
if (process.argv[2] === '--merge') {
  const { readFileSync, existsSync } = await import('node:fs');
  const [out, ...inputs] = process.argv.slice(3);
  const files = [];
  let total = 0;
  let started = null;
  for (const file of inputs.filter((f) => existsSync(f))) {
    const r = JSON.parse(readFileSync(file, 'utf8'));
    const lane = /suite-times-([^/]+)\.json$/.exec(file)?.[1] ?? null;
    for (const f of r.files) files.push({ ...f, lane });
    total = Math.max(total, r.total_ms);
    started = started && started < r.started ? started : r.started;
  }
  files.sort((a, b) => b.ms - a.ms);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify({ started, total_ms: total, files }, null, 2)}\n`);
}
