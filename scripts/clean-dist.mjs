#!/usr/bin/env node
// tsc never deletes what it compiled: a dist/ file whose TypeScript source was moved or removed would stay,
// and `src/domain/messages.js` (an old file) is found before `src/domain/messages/index.js` (its new folder).
// Run before every build (npm run build): removes each compiled .js whose .ts source is gone.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const dist = join(root, 'dist');

function walk(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) walk(path);
    else if (e.name.endsWith('.js')) {
      const source = join(root, relative(dist, path)).replace(/\.js$/, '.ts');
      if (!existsSync(source)) {
        rmSync(path);
        process.stderr.write(`    suppression / removing stale ${relative(root, path)}\n`);
      }
    }
  }
}

for (const top of ['src', 'test', 'bench']) if (existsSync(join(dist, top))) walk(join(dist, top));
