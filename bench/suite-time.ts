// Where the test suite's time goes, and how a change moved it: compares two per-file timing files written by
// scripts/test.sh (scripts/suite-times.mjs → test-results/suite-times.json), side by side.
// Run: node dist/bench/suite-time.js BEFORE.json [AFTER.json]   (AFTER defaults to test-results/suite-times.json)
// Keep a run's file with `cp test-results/suite-times.json bench/results/suite-times-<date>.json`.
import { readFileSync } from 'node:fs';

interface Times {
  started: string;
  total_ms: number;
  files: Array<{ file: string; ms: number; tests: number; failed: number }>;
}

function load(path: string): Times {
  return JSON.parse(readFileSync(path, 'utf8')) as Times;
}

/** dist/test/integration/01-x.test.js and test/integration/01-x.test.ts are the same file. */
function key(file: string): string {
  return file.replace(/^dist\//, '').replace(/\.(js|ts)$/, '');
}

const [beforePath, afterPath = 'test-results/suite-times.json'] = process.argv.slice(2);
if (!beforePath) {
  process.stderr.write('Usage: node dist/bench/suite-time.js BEFORE.json [AFTER.json]\n');
  process.exit(2);
}
const before = load(beforePath);
const after = load(afterPath);
const b = new Map(before.files.map((f) => [key(f.file), f]));
const a = new Map(after.files.map((f) => [key(f.file), f]));
const names = [...new Set([...a.keys(), ...b.keys()])].sort((x, y) => (a.get(y)?.ms ?? b.get(y)?.ms ?? 0) - (a.get(x)?.ms ?? b.get(x)?.ms ?? 0));
const s = (ms: number | undefined): string => (ms === undefined ? '—' : (ms / 1000).toFixed(0)).padStart(7);
const n = (v: number | undefined): string => (v === undefined ? '—' : String(v)).padStart(6);
const sum = (t: Times): number => t.files.reduce((acc, f) => acc + f.tests, 0);
console.log(`${'file'.padEnd(52)} ${'before s'.padStart(8)} ${'after s'.padStart(8)} ${'tests'.padStart(6)} ${'tests'.padStart(6)}`);
for (const name of names) {
  const x = b.get(name);
  const y = a.get(name);
  console.log(`${name.slice(-52).padEnd(52)} ${s(x?.ms)}  ${s(y?.ms)}  ${n(x?.tests)} ${n(y?.tests)}`);
}
console.log(`${'total (runner)'.padEnd(52)} ${s(before.total_ms)}  ${s(after.total_ms)}  ${n(sum(before))} ${n(sum(after))}`);
