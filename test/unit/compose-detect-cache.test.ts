// Which compose reprise drives is detected once per machine state, not at every command: .reprise/tools.json
// keeps the answer with a fingerprint of the programs (PATH, files' inode/size/mtime). A fake `docker` on a
// private PATH counts how often it is asked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectCompose } from '../../src/engines/compose/compose-cli';
import { ToolCache } from '../../src/adapters/fs/tool-cache';

function fixture(): { bin: string; calls: () => number; env: NodeJS.ProcessEnv; cacheFile: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'reprise-tools-'));
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  const log = join(dir, 'calls.log');
  writeFileSync(join(bin, 'docker'), `#!/bin/sh\necho "$@" >> '${log}'\n[ "$1" = compose ] && echo 2.40.3 && exit 0\nexit 1\n`);
  chmodSync(join(bin, 'docker'), 0o755);
  mkdirSync(join(dir, '.reprise'), { mode: 0o700 });
  return {
    bin,
    dir,
    calls: () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').length : 0),
    env: { PATH: bin, HOME: dir },
    cacheFile: join(dir, '.reprise', 'tools.json'),
  };
}

test('compose is detected once, then reused from .reprise/tools.json (0600) while nothing changed', async () => {
  const f = fixture();
  const first = await detectCompose(f.env, new ToolCache(f.cacheFile));
  assert.deepEqual(first, { flavour: 'v2', version: '2.40.3', program: 'docker', prefix: ['compose'] });
  assert.equal(f.calls(), 1);
  assert.equal(statSync(f.cacheFile).mode & 0o777, 0o600);
  const again = await detectCompose(f.env, new ToolCache(f.cacheFile));
  assert.deepEqual(again, first);
  assert.equal(f.calls(), 1, 'the second command asks nobody');
  // without a cache (doctor's host check) it always asks
  await detectCompose(f.env);
  assert.equal(f.calls(), 2);
});

test('a changed program, another PATH or REPRISE_COMPOSE detects again', async () => {
  const f = fixture();
  await detectCompose(f.env, new ToolCache(f.cacheFile));
  assert.equal(f.calls(), 1);
  // an upgrade: the file changes (size and mtime)
  writeFileSync(join(f.bin, 'docker'), `${readFileSync(join(f.bin, 'docker'), 'utf8')}# upgraded\n`);
  await detectCompose(f.env, new ToolCache(f.cacheFile));
  assert.equal(f.calls(), 2);
  await detectCompose({ ...f.env, PATH: `${f.bin}:${f.dir}` }, new ToolCache(f.cacheFile));
  assert.equal(f.calls(), 3);
  // forced v1: the fake has no docker-compose, so it is refused rather than answered from the cache
  await assert.rejects(detectCompose({ ...f.env, REPRISE_COMPOSE: 'v1' }, new ToolCache(f.cacheFile)), (e: { code?: string }) => e.code === 'COMPOSE_UNAVAILABLE');
});

test('a cache entry is never trusted beyond flavour and version: a tampered file is detected again, never run', async () => {
  const f = fixture();
  await detectCompose(f.env, new ToolCache(f.cacheFile));
  const entries = JSON.parse(readFileSync(f.cacheFile, 'utf8')) as Record<string, { fingerprint: string; value: Record<string, unknown> }>;
  entries.compose.value = { flavour: 'v2', version: '$(touch /tmp/x)', program: 'rm', prefix: ['-rf', '/'] };
  writeFileSync(f.cacheFile, JSON.stringify(entries));
  const cli = await detectCompose(f.env, new ToolCache(f.cacheFile));
  assert.deepEqual(cli, { flavour: 'v2', version: '2.40.3', program: 'docker', prefix: ['compose'] });
  assert.equal(f.calls(), 2);
  // a program kept beside a valid version is ignored: the program follows from the flavour
  entries.compose.value = { flavour: 'v1', version: '1.29.2', program: 'rm', prefix: ['-rf'] };
  writeFileSync(f.cacheFile, JSON.stringify(entries));
  assert.deepEqual(await detectCompose(f.env, new ToolCache(f.cacheFile)), { flavour: 'v1', version: '1.29.2', program: 'docker-compose', prefix: [] });
});

test('no .reprise folder: nothing is written (read-only use of a project)', async () => {
  const f = fixture();
  const elsewhere = join(mkdtempSync(join(tmpdir(), 'reprise-tools-none-')), '.reprise', 'tools.json');
  await detectCompose(f.env, new ToolCache(elsewhere));
  assert.equal(existsSync(elsewhere), false);
});
