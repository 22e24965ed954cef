// Copying a file out of a container (the Redis snapshot): the archive the Engine API gives is read from a fake
// `download`, the file written is real. The copy must close its file exactly once: a second, late close of the
// same descriptor number failed the next snapshot with EBADF, or closed a file opened after it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { fstatSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pack } from 'tar-stream';
import type { DockerApi } from '../../src/adapters/docker/api';
import { copyFileFromContainer } from '../../src/adapters/docker/container-files';

function archiveOf(entries: Array<{ name: string; body: Buffer }>): Readable {
  const p = pack();
  for (const e of entries) p.entry({ name: e.name, size: e.body.length, mode: 0o644 }, e.body);
  p.finalize();
  return p as unknown as Readable;
}

const apiGiving = (entries: Array<{ name: string; body: Buffer }>): DockerApi => ({ download: async () => archiveOf(entries) }) as unknown as DockerApi;

test('copyFileFromContainer: the file 0600 with its size and SHA-256; its descriptor closed once, never one opened after it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'reprise-cf-'));
  try {
    const body = Buffer.from('REDIS0011' + 'x'.repeat(70_000));
    for (let i = 0; i < 40; i++) {
      const file = join(dir, `s${i}.rdb`);
      const r = await copyFileFromContainer(apiGiving([{ name: 'dump.rdb', body }]), 'c', '/data/dump.rdb', file, 5_000);
      assert.deepEqual(r, { bytes: body.length, sha256: createHash('sha256').update(body).digest('hex') });
      assert.equal(statSync(file).mode & 0o777, 0o600);
      // a file opened right after (it gets the number the copy had) must still be open a moment later
      const other = openSync(join(dir, `o${i}`), 'w');
      await new Promise((resolve) => setTimeout(resolve, 2));
      assert.doesNotThrow(() => fstatSync(other), `the descriptor opened after copy ${i} was closed behind its back`);
      closeSync(other);
    }
    assert.deepEqual(readFileSync(join(dir, 's0.rdb')), body);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('copyFileFromContainer: an archive without that file (a folder, another name) fails and leaves no file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'reprise-cf-'));
  try {
    const file = join(dir, 'x.rdb');
    await assert.rejects(copyFileFromContainer(apiGiving([{ name: 'other.rdb', body: Buffer.from('a') }]), 'c', '/data/dump.rdb', file, 5_000), /\/data\/dump\.rdb is not a file in the container/);
    assert.equal(existsSync(file), false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
