import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeFileAtomic } from '../../src/adapters/fs/atomic';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'reprise-atomic-'));
}

test('writes the content, replaces an existing file, leaves no temp file', (t) => {
  const dir = tempDir();
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'a.txt');
  writeFileAtomic(file, 'one');
  writeFileAtomic(file, 'two');
  assert.equal(fs.readFileSync(file, 'utf8'), 'two');
  assert.deepEqual(fs.readdirSync(dir), ['a.txt']);
});

test('mode is applied whatever the umask, and kept on rewrite without mode', (t) => {
  const dir = tempDir();
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'secret');
  writeFileAtomic(file, 'x', 0o600);
  assert.equal(fs.statSync(file).mode & 0o777, 0o600);
  writeFileAtomic(file, 'y');
  assert.equal(fs.statSync(file).mode & 0o777, 0o600);
  writeFileAtomic(file, 'z', 0o640);
  assert.equal(fs.statSync(file).mode & 0o777, 0o640);
});

test('a failed write leaves the original intact and no temp file', (t) => {
  const dir = tempDir();
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'target');
  fs.mkdirSync(file); // renaming a file over a directory fails
  assert.throws(() => writeFileAtomic(file, 'data'));
  assert.ok(fs.statSync(file).isDirectory());
  assert.deepEqual(fs.readdirSync(dir), ['target']);
});
