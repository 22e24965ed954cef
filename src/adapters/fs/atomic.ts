import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Writes `content` to `file` atomically: a temp file in the same directory is
 * written, fsynced, given its mode, then renamed over the target. Readers see
 * either the old file or the new one, never a partial write.
 * Without `mode`, an existing target keeps its mode (a user's `.env` stays as they made it); a new file is
 * reprise's own and private: 0600, whatever the umask.
 */
export function writeFileAtomic(file: string, content: string, mode?: number): void {
  const dir = path.dirname(file);
  const finalMode = mode ?? existingMode(file) ?? 0o600;
  const tmp = path.join(dir, `.${path.basename(file)}.tmp-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`);
  let fd: number | null = null;
  try {
    // owner-only while the content is written: nobody else reads it before its final mode is set
    fd = fs.openSync(tmp, 'wx', 0o600);
    fs.writeFileSync(fd, content, 'utf8');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = null;
    // chmod explicitly: the open mode is filtered by the umask.
    fs.chmodSync(tmp, finalMode);
    fs.renameSync(tmp, file);
  } catch (err) {
    if (fd !== null) fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  fsyncDir(dir);
}

/** The mode of the file at `file` (the one a symbolic link leads to), undefined when there is none. */
export function existingMode(file: string): number | undefined {
  try {
    return fs.statSync(file).mode & 0o7777;
  } catch {
    return undefined;
  }
}

/** Best effort: persist the rename itself. Not supported on every platform. */
function fsyncDir(dir: string): void {
  let fd: number | null = null;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // ignored: directory fsync is an extra guarantee, not a requirement
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}
