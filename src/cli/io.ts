// The process's streams and environment, passed in so tests can drive commands in memory.
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';

export interface CliIo {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  env: NodeJS.ProcessEnv;
  cwd: string;
  pid: number;
}

export function processIo(): CliIo {
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd(), pid: process.pid };
}

const YES = new Set(['y', 'yes', 'o', 'oui']);

/** Reads one answer (TTY or pipe); anything but y/yes/o/oui, or end of input, is a no. */
export function askYesNo(io: CliIo, question: string): Promise<boolean> {
  io.stderr.write(question);
  return new Promise((resolve) => {
    const rl = createInterface({ input: io.stdin, terminal: false });
    let answered = false;
    rl.once('line', (line) => {
      answered = true;
      // a piped answer is not echoed by a terminal: show it so the transcript reads naturally
      if (!(io.stdin as { isTTY?: boolean }).isTTY) io.stderr.write(`${line.trim()}\n`);
      rl.close();
      resolve(YES.has(line.trim().toLowerCase()));
    });
    rl.once('close', () => {
      if (!answered) {
        io.stderr.write('\n');
        resolve(false);
      }
    });
  });
}
