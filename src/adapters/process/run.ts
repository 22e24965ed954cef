// Spawn a program with an argument array (never a shell), keeping exit code, signal, output and duration.
import { spawn } from 'node:child_process';

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  input?: string;
  signal?: AbortSignal;
  /** run in its own process group and kill the whole group on timeout (hooks may start children) */
  killGroup?: boolean;
}

export interface RunResult {
  command: string;
  args: string[];
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  durationMs: number;
  timedOut: boolean;
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
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
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
      resolve({ command, args, exitCode, signal, stdout, stderr, durationMs: Date.now() - started, timedOut });
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
