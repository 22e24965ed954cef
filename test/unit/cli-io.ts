// An in-memory CliIo for tests of the command line: what reprise writes is collected, the working directory
// is a new empty temporary folder (so a test can check nothing was written there).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { CliIo } from '../../src/cli/io';

export interface MemoryIo {
  io: CliIo;
  stderr: () => string;
  stdout: () => string;
  /** the working directory */
  dir: string;
}

/** `env` on top of PATH (nothing else of this process's environment). */
export function memoryIo(env: NodeJS.ProcessEnv = {}, prefix = 'reprise-cli-'): MemoryIo {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const stderr = new PassThrough();
  const stdout = new PassThrough();
  let err = '';
  let out = '';
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  const io: CliIo = { stdin: new PassThrough(), stdout, stderr, env: { PATH: process.env.PATH, ...env }, cwd: dir, pid: process.pid };
  return { io, stderr: () => err, stdout: () => out, dir };
}
