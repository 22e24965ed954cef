// A private log file (0600, never through a symbolic link) that output is appended to as it arrives: the
// whole output of a hook, beyond the tail kept in memory.
import * as fs from 'node:fs';
import { PRIVATE_FILE_MODE } from './private';

export class AppendLog {
  private fd: number | null;
  /** bytes written */
  size = 0;

  constructor(readonly file: string) {
    const { O_WRONLY, O_CREAT, O_EXCL, O_NOFOLLOW, O_APPEND } = fs.constants;
    this.fd = fs.openSync(file, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_APPEND, PRIVATE_FILE_MODE);
    // the open mode is filtered by the umask
    fs.fchmodSync(this.fd, PRIVATE_FILE_MODE);
  }

  /** appends; a failing write (a full disk) closes the log and is otherwise ignored: it must not stop a release */
  write(text: string): void {
    if (this.fd === null || text === '') return;
    try {
      this.size += fs.writeSync(this.fd, text);
    } catch {
      this.close();
    }
  }

  close(): void {
    if (this.fd === null) return;
    try {
      fs.closeSync(this.fd);
    } catch {
      // already closed
    }
    this.fd = null;
  }

  /** closes and removes the file (its content was not needed) */
  discard(): void {
    this.close();
    try {
      fs.unlinkSync(this.file);
    } catch {
      // already gone
    }
  }
}
