// Folders and files only their owner reads (0700 / 0600) whatever the umask, never reached through a
// symbolic link: incident folders (container logs, `docker inspect`), the state store's folder.
import * as fs from 'node:fs';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Why a private folder or file was not written: a symbolic link or something else stands where it goes. */
export class NotAPlainEntry extends Error {}

/**
 * Makes `dir` a private folder (0700): created when missing (its parent must exist), its mode narrowed when it
 * exists. A symbolic link, or anything but a folder, in its place is refused (NotAPlainEntry), never followed.
 */
export function ensurePrivateDir(dir: string): void {
  try {
    fs.mkdirSync(dir, { mode: PRIVATE_DIR_MODE });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  const st = fs.lstatSync(dir);
  if (st.isSymbolicLink()) throw new NotAPlainEntry(`${dir} is a symbolic link: refusing to write through it`);
  if (!st.isDirectory()) throw new NotAPlainEntry(`${dir} is not a folder`);
  // mkdir's mode is filtered by the umask; an existing folder may be wider
  if ((st.mode & 0o777) !== PRIVATE_DIR_MODE) fs.chmodSync(dir, PRIVATE_DIR_MODE);
}

/**
 * A new 0600 file at `file`, open for writing: created exclusively (an existing name is an error, never written
 * over) and never through a symbolic link (O_EXCL | O_NOFOLLOW); its descriptor.
 */
export function openNewPrivateFile(file: string): number {
  const { O_WRONLY, O_CREAT, O_EXCL, O_NOFOLLOW } = fs.constants;
  const fd = fs.openSync(file, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, PRIVATE_FILE_MODE);
  // the open mode is filtered by the umask
  fs.fchmodSync(fd, PRIVATE_FILE_MODE);
  return fd;
}

/**
 * Writes `content` to `file` as a new 0600 file. Whatever stood at that name (a file, a symbolic link, a hard
 * link) is unlinked first, so what it pointed at is never written; the file is then created exclusively
 * without following links (O_EXCL | O_NOFOLLOW).
 */
export function writePrivateFile(file: string, content: string): void {
  try {
    fs.unlinkSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const fd = openNewPrivateFile(file);
  try {
    fs.writeFileSync(fd, content, 'utf8');
  } finally {
    fs.closeSync(fd);
  }
}

/** Narrows `p` to `mode` when it exists and is wider; best effort (another user's file stays as it is). */
export function narrowMode(p: string, mode: number): void {
  try {
    const st = fs.lstatSync(p);
    if (st.isSymbolicLink() || (st.mode & 0o777 & ~mode) === 0) return;
    fs.chmodSync(p, st.mode & 0o777 & mode);
  } catch {
    // missing, or not ours to change
  }
}
