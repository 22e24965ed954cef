// This machine's files as doctor looks at them: whether they exist, who may read them, what they hold.
// Never throws: a file that cannot be read is reported as absent (null).
import { existsSync, lstatSync, promises as fsp, readFileSync, statSync } from 'node:fs';

export function fileExists(path: string): boolean {
  return existsSync(path);
}

/** st_mode & 0o7777; null when the file does not exist or cannot be looked at. */
export function fileMode(path: string): number | null {
  try {
    return statSync(path).mode & 0o7777;
  } catch {
    return null;
  }
}

/** Owner and mode of a path (through a symbolic link), and whether the path itself is a link; null when absent. */
export function pathOwner(path: string): { uid: number; mode: number; link: boolean } | null {
  try {
    const link = lstatSync(path).isSymbolicLink();
    const s = statSync(path);
    return { uid: s.uid, mode: s.mode & 0o7777, link };
  } catch {
    return null;
  }
}

/** The file's text; null when it is absent or unreadable. */
export function readTextOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** statfs figures of the filesystem holding `path` (throws when it cannot be measured). */
export async function statfs(path: string): Promise<{ bsize: number; blocks: number; bfree: number; bavail: number; type: number }> {
  const s = await fsp.statfs(path);
  return { bsize: s.bsize, blocks: s.blocks, bfree: s.bfree, bavail: s.bavail, type: s.type };
}
