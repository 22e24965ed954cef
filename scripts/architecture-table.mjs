#!/usr/bin/env node
// The folder table of docs/architecture.md, from the code as it is: each folder of src/, its step, how many
// files it holds, their median length, and what it may import (the rule eslint.config.mjs enforces).
//   node scripts/architecture-table.mjs           print the table
//   node scripts/architecture-table.mjs --write   put it between the markers of docs/architecture.md
//   node scripts/architecture-table.mjs --check   exit 1 when docs/architecture.md does not hold it
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const DOC = join(root, 'docs', 'architecture.md');
const START = '<!-- folders:start -->';
const END = '<!-- folders:end -->';

// the role of each top folder and what it may import; a subfolder inherits its parent's unless named
const ROLES = [
  ['src/domain', 'judges, for every step', 'domain/ (no I/O module)'],
  ['src/adapters', 'I/O, for every step', 'domain/, its own folder, adapters/fs and adapters/process'],
  ['src/engines', 'I/O: the engine', 'domain/, adapters/, engines/'],
  ['src/config', 'loads the Project, before the steps', 'domain/, adapters/, engines/'],
  ['src/release', 'the steps\' context and the lock', 'domain/, adapters/, engines/, config/, release/'],
  ['src/release/resolve', '1 resolve', 'domain/, adapters/, engines/, config/, release/'],
  ['src/release/plan', '2 plan', 'domain/, adapters/, engines/, config/, release/'],
  ['src/release/apply', '3 apply', 'domain/, adapters/, engines/, config/, release/'],
  ['src/release/verify', '4 verify', 'domain/, adapters/, engines/, config/, release/'],
  ['src/release/record', '5 record', 'domain/, adapters/, engines/, config/, release/'],
  ['src/commands', 'operations: a descent through the steps', 'all but cli/ and server/'],
  ['src/cli', 'front door: the command line', 'all'],
  ['src/server', 'front door: the dashboard', 'all'],
];

function tsFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.ts')).map((e) => join(dir, e.name));
}
function folders(dir) {
  const out = [dir];
  for (const e of readdirSync(dir, { withFileTypes: true })) if (e.isDirectory()) out.push(...folders(join(dir, e.name)));
  return out;
}
function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return 0;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : Math.round((s[m - 1] + s[m]) / 2);
}
const lines = (f) => readFileSync(f, 'utf8').split('\n').length - (readFileSync(f, 'utf8').endsWith('\n') ? 1 : 0);

export function table() {
  const rows = ['| Folder | Step | Files | Median lines | May import |', '|---|---|---|---|---|'];
  const all = [];
  // the most precise role: a subfolder named in ROLES before its parent's
  const rank = (rel) => ROLES.length - 1 - [...ROLES].reverse().findIndex(([p]) => rel === p || rel.startsWith(p + '/'));
  const dirs = folders(join(root, 'src')).slice(1).map((d) => relative(root, d));
  dirs.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  for (const rel of dirs) {
    const dir = join(root, rel);
    const files = tsFiles(dir);
    if (!files.length) continue;
    const role = [...ROLES].reverse().find(([p]) => rel === p || rel.startsWith(p + '/'));
    if (!role) continue;
    const sizes = files.map(lines);
    all.push(...sizes);
    rows.push(`| \`${rel.slice(4)}/\` | ${role[1]} | ${files.length} | ${median(sizes)} | ${role[2]} |`);
  }
  rows.push(`| **all of \`src/\`** | | ${all.length} | ${median(all)} | |`);
  return rows.join('\n');
}

const doc = readFileSync(DOC, 'utf8');
const [before, rest] = doc.split(START);
const after = rest?.split(END)[1];
const wanted = after === undefined ? null : `${before}${START}\n${table()}\n${END}${after}`;
if (process.argv.includes('--write')) {
  if (!wanted) throw new Error(`${DOC}: markers ${START} / ${END} not found`);
  writeFileSync(DOC, wanted);
} else if (process.argv.includes('--check')) {
  // every folder, step, file count and import rule must be the code's; a median may drift a little with
  // every edit (within 20 % or 10 lines) before the table must be written again
  const rowsOf = (text) => new Map(text.split('\n').filter((l) => l.startsWith('| `')).map((l) => { const c = l.split('|').map((x) => x.trim()); return [c[1], { step: c[2], files: c[3], median: Number(c[4]), rule: c[5] }]; }));
  const have = rowsOf(rest?.split(END)[0] ?? '');
  const want = rowsOf(table());
  const stale = [...new Set([...have.keys(), ...want.keys()])].filter((k) => {
    const h = have.get(k);
    const w = want.get(k);
    if (!h || !w) return true;
    return h.step !== w.step || h.files !== w.files || h.rule !== w.rule || Math.abs(h.median - w.median) > Math.max(10, w.median * 0.2);
  });
  if (stale.length) {
    console.error(`docs/architecture.md: the folder table is not the code as it is (${stale.join(', ')}); run \`node scripts/architecture-table.mjs --write\``);
    process.exit(1);
  }
} else console.log(table());
