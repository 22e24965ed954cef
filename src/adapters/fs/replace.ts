// Replaces an existing file's content atomically (temp file in the same directory, fsync, rename) keeping the
// file as its owner knows it: mode, owner and group, and a symbolic link stays a link (its target is replaced).
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Why a file could not be replaced as it is (its owner could not be kept): nothing was changed. */
export class OwnerNotKept extends Error {}

export function replaceFileKeepingAttributes(file: string, content: string): void {
  const target = fs.realpathSync(file);
  const st = fs.statSync(target);
  const mode = st.mode & 0o7777;
  const dir = path.dirname(target);
  const tmp = path.join(dir, `.${path.basename(target)}.tmp-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`);
  let fd: number | null = null;
  try {
    fd = fs.openSync(tmp, 'wx', 0o600);
    fs.writeFileSync(fd, content, 'utf8');
    fs.fsyncSync(fd);
    const mine = fs.fstatSync(fd);
    if (mine.uid !== st.uid || mine.gid !== st.gid) {
      try {
        fs.fchownSync(fd, st.uid, st.gid);
      } catch (e) {
        throw new OwnerNotKept(`cannot keep the owner ${st.uid}:${st.gid} of ${target} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
      }
    }
    // after the chown, which clears set-id bits
    fs.fchmodSync(fd, mode);
    fs.closeSync(fd);
    fd = null;
    fs.renameSync(tmp, target);
  } catch (err) {
    if (fd !== null) fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  try {
    const dfd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(dfd);
    } finally {
      fs.closeSync(dfd);
    }
  } catch {
    // best effort: directory fsync is an extra guarantee, not a requirement
  }
}
