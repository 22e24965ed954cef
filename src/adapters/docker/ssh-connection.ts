// One `ssh … docker system dial-stdio` as the socket of an HTTP connection, like the docker CLI's ssh
// connection helper: `ssh -o ConnectTimeout=30 -T [-l USER] [-p PORT] -- HOST docker [--host unix://PATH]
// system dial-stdio`, the program `ssh` from PATH, an argument array (no shell here; the remote command is
// fixed words and a socket path that endpoint.ts restricts to [A-Za-z0-9_./-]). Loaded by transport.ts only
// for ssh:// endpoints.
//
// ssh runs in its own session (detached): a Ctrl-C in the terminal goes to reprise, which may still need
// the engine to finish or roll back cleanly, not to the ssh under it. Without a terminal, ssh cannot ask for
// a password or a host key confirmation: it fails at once with its own message (use keys, ssh-agent and
// known_hosts, as `docker -H ssh://…` in scripts needs anyway); its stderr tail is the connection error.
// No ssh outlives its connection (destroyed: its process group is sent SIGTERM) nor the process (every
// running one is ended on 'exit'; killed with SIGKILL, reprise closes ssh's stdin and ssh ends on its own).
import { spawn, type ChildProcess } from 'node:child_process';
import { Duplex } from 'node:stream';
import type { SshEndpoint } from './endpoint';

/** Bytes of ssh's stderr kept for the error message. */
const STDERR_KEEP = 4096;

/** Every ssh started and not yet exited: ended when the process exits. */
const live = new Set<ChildProcess>();
let exitHook = false;

/** The ssh argument array of the docker CLI for this endpoint. */
export function sshArgs(e: SshEndpoint): string[] {
  const args = ['-o', 'ConnectTimeout=30', '-T'];
  if (e.user) args.push('-l', e.user);
  if (e.port !== null) args.push('-p', String(e.port));
  args.push('--', e.host, 'docker');
  if (e.remoteSocket) args.push('--host', `unix://${e.remoteSocket}`);
  args.push('system', 'dial-stdio');
  return args;
}

/** The pids of the ssh processes started here that are still running (tests). */
export function liveSshPids(): number[] {
  return [...live].map((c) => c.pid).filter((p): p is number => typeof p === 'number');
}

/**
 * One `ssh … docker system dial-stdio` as the socket of an HTTP connection. A Duplex of its own rather than
 * stream.Duplex.from(stdin, stdout): node's Agent and ClientRequest also call what a net.Socket has —
 * setTimeout (request and idle timeouts), ref/unref (idle connections), setKeepAlive, setNoDelay.
 */
export class SshConnection extends Duplex {
  private readonly child: ChildProcess;
  private stderr = '';
  private idleMs = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly target: SshEndpoint) {
    super({ allowHalfOpen: false });
    const child = spawn('ssh', sshArgs(target), { stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    this.child = child;
    live.add(child);
    if (!exitHook) {
      exitHook = true;
      process.once('exit', killAll);
    }
    child.stdout!.on('data', (chunk: Buffer) => {
      this.touch();
      if (!this.push(chunk)) child.stdout!.pause();
    });
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (this.stderr = (this.stderr + d).slice(-STDERR_KEEP)));
    // EPIPE after ssh died: its exit (below) says why
    child.stdin!.on('error', () => undefined);
    child.on('error', (err: NodeJS.ErrnoException) => {
      live.delete(child);
      const why = err.code === 'ENOENT' ? 'no `ssh` program on PATH (needed for an ssh:// engine)' : err.message;
      this.destroy(new Error(`${this.label()}: ${why}`));
    });
    // after stdout and stderr are drained: a clean exit ends the stream, any other one is the error with
    // ssh's own last words (never an anonymous "socket hang up")
    child.on('close', (code: number | null, signal: NodeJS.Signals | null) => {
      live.delete(child);
      if (this.destroyed) return;
      if (code === 0) this.push(null);
      else this.destroy(new Error(`${this.label()}: ${signal ? `killed by ${signal}` : `exit code ${code}`}${this.tail()}`));
    });
  }

  /** The socket-like timeout: 'timeout' after `ms` without traffic (0: none). */
  setTimeout(ms: number, callback?: () => void): this {
    this.idleMs = ms;
    // like net.Socket: 0 with a callback removes that listener (how ClientRequest detaches from a kept socket)
    if (callback) {
      if (ms === 0) this.removeListener('timeout', callback);
      else this.once('timeout', callback);
    }
    this.touch();
    return this;
  }

  get timeout(): number {
    return this.idleMs;
  }

  setKeepAlive(): this {
    return this;
  }

  setNoDelay(): this {
    return this;
  }

  /** An idle connection lets the process end: the child and its pipes stop counting for the event loop. */
  unref(): this {
    this.child.unref();
    for (const s of [this.child.stdin, this.child.stdout, this.child.stderr]) (s as unknown as { unref?: () => void } | null)?.unref?.();
    return this;
  }

  ref(): this {
    this.child.ref();
    for (const s of [this.child.stdin, this.child.stdout, this.child.stderr]) (s as unknown as { ref?: () => void } | null)?.ref?.();
    return this;
  }

  override _read(): void {
    this.child.stdout?.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.touch();
    this.child.stdin!.write(chunk, () => callback());
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.child.stdin!.end(() => callback());
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    stop(this.child);
    callback(error);
  }

  private touch(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.idleMs > 0 && !this.destroyed) {
      this.timer = setTimeout(() => this.emit('timeout'), this.idleMs);
      this.timer.unref();
    }
  }

  private label(): string {
    const t = this.target;
    return `ssh ${t.user ? `${t.user}@` : ''}${t.host}${t.port !== null ? ` -p ${t.port}` : ''}`;
  }

  private tail(): string {
    const lines = this.stderr.trim().split('\n').map((l) => l.trim()).filter(Boolean).slice(-3);
    return lines.length ? ` — ${lines.join(' | ')}` : '';
  }
}

/** Ends one ssh (its whole process group: a ProxyCommand goes with it). */
function stop(child: ChildProcess): void {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    child.kill('SIGTERM');
  }
}

function killAll(): void {
  for (const c of live) stop(c);
  live.clear();
}
