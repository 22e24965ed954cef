// One command run in a running container through the Engine API, as Docker runs a healthcheck: create the
// exec (an argument array, no TTY, stdout and stderr attached), start it attached and read its multiplexed
// output until the command ends, then read its exit code. No shell is added here: the command is what the
// caller gives (a healthcheck's CMD arguments, or its CMD-SHELL script behind the container's own shell).
import { DockerApiError, type DockerApi } from './api';
import { demux } from './demux';

export interface ExecResult {
  /** null when the command did not complete (timeout, aborted) or the engine gave no exit code */
  exitCode: number | null;
  /** stdout and stderr as they came, at most `maxOutputBytes` (the start, like Docker's health log) */
  output: string;
  /** stdout alone (what a command answers, without its warnings), bounded the same way */
  stdout: string;
  durationMs: number;
  timedOut: boolean;
}

export interface ExecOptions {
  /** the whole exec (create, run, exit code) is bounded by this */
  timeoutMs: number;
  /** Docker keeps 4096 bytes of a healthcheck's output */
  maxOutputBytes?: number;
  /** gives the exec up (the gate ended): resolves as a timeout */
  signal?: AbortSignal;
  /** `NAME=value` set for the command only (a value the command reads, never put on its command line) */
  env?: string[];
}

/** Raw stream bytes kept: room for the frame headers of many small writes around maxOutputBytes of text. */
const RAW_FACTOR = 4;

const enc = encodeURIComponent;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** `output` cut to `max` bytes at a line end (else a space), so a word is never shown in part. */
export function boundOutput(output: string, max: number): string {
  const bytes = Buffer.from(output, 'utf8');
  if (bytes.length <= max) return output;
  const head = bytes.subarray(0, max).toString('utf8').replace(/\uFFFD$/, '');
  const line = head.lastIndexOf('\n');
  const cut = line > 0 ? line + 1 : head.lastIndexOf(' ') + 1;
  return `${head.slice(0, cut)}…`;
}

/**
 * Runs `cmd` in the container and waits for it, at most `timeoutMs`. An engine error on create or start
 * (the container stopped, is gone) is thrown as the DockerApiError it is; a timeout is a result.
 */
export async function execInContainer(api: DockerApi, containerId: string, cmd: string[], o: ExecOptions): Promise<ExecResult> {
  const started = Date.now();
  const deadline = started + o.timeoutMs;
  const max = o.maxOutputBytes ?? 4096;
  const chunks: Buffer[] = [];
  let kept = 0;
  const controller = new AbortController();
  let timedOut = false;
  const giveUp = (): void => {
    timedOut = true;
    controller.abort();
  };
  const timer = setTimeout(giveUp, Math.max(1, o.timeoutMs));
  if (o.signal?.aborted) giveUp();
  o.signal?.addEventListener('abort', giveUp, { once: true });
  const result = (exitCode: number | null): ExecResult => {
    const raw = Buffer.concat(chunks);
    return { exitCode, output: boundOutput(demux(raw), max), stdout: boundOutput(demux(raw, 1), max), durationMs: Date.now() - started, timedOut };
  };
  // resolves when the abort fires, whatever the request does then
  const aborted = new Promise<'aborted'>((r) => controller.signal.addEventListener('abort', () => r('aborted'), { once: true }));
  try {
    const create = api.call<{ Id: string }>('POST', `/containers/${enc(containerId)}/exec`, { Cmd: cmd, ...(o.env?.length ? { Env: o.env } : {}), AttachStdin: false, AttachStdout: true, AttachStderr: true, Tty: false }, o.timeoutMs);
    const created = await Promise.race([create, aborted]);
    if (created === 'aborted') {
      create.catch(() => undefined);
      return result(null);
    }
    const run = api.stream('POST', `/exec/${enc(created.Id)}/start`, { Detach: false, Tty: false }, {
      timeoutMs: o.timeoutMs,
      signal: controller.signal,
      onData: (c) => {
        if (kept >= max * RAW_FACTOR) return;
        chunks.push(c);
        kept += c.length;
      },
    });
    const ran = await Promise.race([run.then(() => 'ended' as const), aborted]);
    if (ran === 'aborted') {
      run.catch(() => undefined);
      return result(null);
    }
    // the stream ends when the command does; the exit code may be set a moment later
    for (let unset = 0; ; ) {
      const info = await api.call<{ ExitCode?: number | null; Running?: boolean }>('GET', `/exec/${enc(created.Id)}/json`, undefined, Math.max(1000, deadline - Date.now()));
      if (!info.Running && typeof info.ExitCode === 'number') return result(info.ExitCode);
      if (!info.Running) unset++;
      if (timedOut || unset > 5 || Date.now() >= deadline) return result(null);
      await sleep(Math.min(50, Math.max(1, deadline - Date.now())));
    }
  } catch (e) {
    if (timedOut) return result(null);
    throw e;
  } finally {
    clearTimeout(timer);
    o.signal?.removeEventListener('abort', giveUp);
  }
}

/** Whether an exec error means the container cannot run commands now (stopped, paused, gone). */
export function containerUnavailable(e: unknown): boolean {
  return e instanceof DockerApiError && (e.status === 404 || e.status === 409);
}
