// A command run in a container through the Engine API whose standard output is streamed, as it comes, into a
// new private file (0600, never through a symbolic link): a database dump of any size, never held in memory.
// Docker multiplexes the two streams in frames (an 8-byte header: stream, 3 zero bytes, size big-endian); the
// standard output goes to the file and to a SHA-256, the standard error's last bytes are kept for the message.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { openNewPrivateFile } from '../fs/private';
import type { DockerApi } from './api';

export interface ExecToFileResult {
  /** null when the command did not end within the time, or the engine gave no exit code */
  exitCode: number | null;
  bytes: number;
  sha256: string;
  /** the last 4 KiB of the command's standard error */
  stderr: string;
  durationMs: number;
}

const enc = encodeURIComponent;
const STDERR_KEEP = 4096;

export async function execToFile(api: DockerApi, containerId: string, cmd: string[], file: string, timeoutMs: number): Promise<ExecToFileResult> {
  const started = Date.now();
  const fd = openNewPrivateFile(file);
  const hash = createHash('sha256');
  let bytes = 0;
  let stderr: Buffer = Buffer.alloc(0);
  let pending: Buffer = Buffer.alloc(0);
  const take = (chunk: Buffer): void => {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    while (pending.length >= 8) {
      const size = pending.readUInt32BE(4);
      if (pending.length < 8 + size) break;
      const stream = pending[0];
      const payload = pending.subarray(8, 8 + size);
      if (stream === 1) {
        fs.writeSync(fd, payload);
        hash.update(payload);
        bytes += payload.length;
      } else if (stream === 2) {
        stderr = Buffer.concat([stderr, payload]);
        if (stderr.length > STDERR_KEEP) stderr = stderr.subarray(stderr.length - STDERR_KEEP);
      }
      pending = pending.subarray(8 + size);
    }
  };
  try {
    const created = await api.call<{ Id: string }>('POST', `/containers/${enc(containerId)}/exec`, { Cmd: cmd, AttachStdin: false, AttachStdout: true, AttachStderr: true, Tty: false }, timeoutMs);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), Math.max(1, timeoutMs));
    try {
      await api.stream('POST', `/exec/${enc(created.Id)}/start`, { Detach: false, Tty: false }, { timeoutMs, signal: controller.signal, onData: take });
    } catch (e) {
      if (!controller.signal.aborted) throw e;
      return { exitCode: null, bytes, sha256: hash.digest('hex'), stderr: `${stderr.toString('utf8')}\n(timed out after ${timeoutMs / 1000} s)`, durationMs: Date.now() - started };
    } finally {
      clearTimeout(timer);
    }
    // the stream ends when the command does; the exit code may be set a moment later
    for (let i = 0; i < 100; i++) {
      const info = await api.call<{ ExitCode?: number | null; Running?: boolean }>('GET', `/exec/${enc(created.Id)}/json`);
      if (!info.Running && typeof info.ExitCode === 'number') return { exitCode: info.ExitCode, bytes, sha256: hash.digest('hex'), stderr: stderr.toString('utf8'), durationMs: Date.now() - started };
      await new Promise((r) => setTimeout(r, 50));
    }
    return { exitCode: null, bytes, sha256: hash.digest('hex'), stderr: stderr.toString('utf8'), durationMs: Date.now() - started };
  } finally {
    fs.closeSync(fd);
  }
}
