// Spawn a program with an argument array (never a shell), keeping exit code, signal, duration and the
// tail of its output: a bounded amount per stream, so that a hook writing a database dump to stdout
// cannot exhaust memory while the lock is held.
import { spawn } from 'node:child_process';

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  input?: string;
  signal?: AbortSignal;
  /** run in its own process group and kill the whole group on timeout (hooks may start children) */
  killGroup?: boolean;
  /**
   * bytes kept of stdout and of stderr, each: the last ones (default DEFAULT_OUTPUT_LIMIT); a caller that
   * parses a large stdout (e.g. `compose config`) passes more, Infinity keeps everything
   */
  maxOutputBytes?: number;
  /** every chunk of output as it arrives, beyond what is kept (e.g. to stream a hook's whole output to its log) */
  onOutput?: (chunk: Buffer, stream: 'stdout' | 'stderr') => void;
}

/** What run() keeps of each stream by default: the last 64 KiB. */
export const DEFAULT_OUTPUT_LIMIT = 64 * 1024;

export interface RunResult {
  command: string;
  args: string[];
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  durationMs: number;
  timedOut: boolean;
  /** bytes written before the kept tail of each stream (0: the output is whole) */
  dropped: { stdout: number; stderr: number };
}

export class RunError extends Error {
  constructor(readonly result: RunResult) {
    const why = result.timedOut
      ? `timed out after ${result.durationMs} ms`
      : result.signal
        ? `killed by ${result.signal}`
        : `exit code ${result.exitCode}`;
    const tail = lastLines(result.stderr || result.stdout, 3);
    super(`${result.command} ${result.args.join(' ')}: ${why}${tail ? ` — ${tail}` : ''}`);
    this.name = 'RunError';
  }
}

export function lastLines(text: string, n: number): string {
  return text.trim().split('\n').slice(-n).join(' | ');
}

/** The last `limit` bytes written to a stream; what it holds stays under twice the limit. */
class Tail {
  private chunks: Buffer[] = [];
  private size = 0;
  private skipped = 0;

  private readonly limit: number;

  constructor(limit: number) {
    this.limit = Number.isNaN(limit) ? DEFAULT_OUTPUT_LIMIT : Math.max(0, limit);
  }

  push(chunk: Buffer): void {
    if (chunk.length >= this.limit) {
      // one chunk fills the whole tail: keep a copy of its end only (not a view holding the whole chunk)
      const keep = this.limit;
      this.skipped += this.size + chunk.length - keep;
      this.chunks = keep > 0 ? [Buffer.from(chunk.subarray(chunk.length - keep))] : [];
      this.size = keep;
      return;
    }
    this.chunks.push(chunk);
    this.size += chunk.length;
    while (this.size - this.chunks[0].length >= this.limit) {
      const first = this.chunks.shift() as Buffer;
      this.size -= first.length;
      this.skipped += first.length;
    }
    // a child writing a byte at a time must not leave a Buffer object per byte (a finite tail only: with
    // Infinity this would copy everything again and again)
    if (this.chunks.length > 1024 && Number.isFinite(this.limit)) this.chunks = [Buffer.concat(this.chunks, this.size)];
  }

  /** The tail as text; when it was cut inside a UTF-8 character, it starts at the next whole one. */
  result(): { text: string; dropped: number } {
    let buf = Buffer.concat(this.chunks, this.size);
    let dropped = this.skipped;
    if (buf.length > this.limit) {
      dropped += buf.length - this.limit;
      buf = buf.subarray(buf.length - this.limit);
    }
    if (dropped > 0) {
      let start = 0;
      // UTF-8 continuation bytes are 10xxxxxx; a character has at most 3 of them
      while (start < Math.min(3, buf.length) && (buf[start] & 0xc0) === 0x80) start++;
      dropped += start;
      buf = buf.subarray(start);
    }
    return { text: buf.toString('utf8'), dropped };
  }
}

/** Runs and resolves with the result whatever the exit code; rejects only if the program cannot start. */
export function run(command: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
      signal: opts.signal,
      detached: opts.killGroup === true,
    });
    const limit = opts.maxOutputBytes ?? DEFAULT_OUTPUT_LIMIT;
    const stdout = new Tail(limit);
    const stderr = new Tail(limit);
    let timedOut = false;
    const onOutput = opts.onOutput;
    child.stdout.on('data', (d: Buffer) => {
      stdout.push(d);
      onOutput?.(d, 'stdout');
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr.push(d);
      onOutput?.(d, 'stderr');
    });
    const timer = opts.timeoutMs
      ? setTimeout(() => {
          timedOut = true;
          if (opts.killGroup && child.pid) {
            try {
              process.kill(-child.pid, 'SIGKILL');
            } catch {
              // the group is already gone
            }
          }
          child.kill('SIGKILL');
        }, opts.timeoutMs)
      : null;
    let settled = false;
    const finish = (exitCode: number | null, signal: NodeJS.Signals | null): void => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      const out = stdout.result();
      const err = stderr.result();
      resolve({ command, args, exitCode, signal, stdout: out.text, stderr: err.text, durationMs: Date.now() - started, timedOut, dropped: { stdout: out.dropped, stderr: err.dropped } });
    };
    child.on('error', (err) => {
      if (timer) clearTimeout(timer);
      reject(err);
    });
    child.on('close', finish);
    // A grandchild that kept our pipes open (e.g. `cmd &` in a hook) must not hold us: once the program
    // itself exited, wait briefly for its output, then stop reading.
    child.on('exit', (exitCode, signal) => {
      setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
        finish(exitCode, signal);
      }, 1000).unref();
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(opts.input ?? '');
  });
}

/** Like run, but rejects with RunError on a non-zero exit. */
export async function runChecked(command: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  const r = await run(command, args, opts);
  if (r.exitCode !== 0) throw new RunError(r);
  return r;
}
