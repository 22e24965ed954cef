// The stack's own nginx, driven through its container: one `<pin_dir>/<service>.conf` per upstream sets
// $reprise_upstream (domain/strategy nginxPin), a SIGHUP reloads it gracefully, and the workers of the
// previous configuration are watched until they have finished their requests (the drain).
import { nginxPin } from '../../domain/strategy';

/** What the proxy adapter needs of the engine, for the proxy's container. */
export interface ProxyContainerOps {
  putFile(id: string, dir: string, name: string, content: string): Promise<void>;
  readFile(id: string, path: string): Promise<string | null>;
  processes(id: string): Promise<Array<{ pid: number; command: string }>>;
  signal(id: string, signal: string): Promise<void>;
  logsSince(id: string, since: Date, tail: number): Promise<string>;
}

/** how long nginx gets to start the workers of a new configuration */
const RELOAD_TIMEOUT_MS = 5_000;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function workerPids(list: Array<{ pid: number; command: string }>): number[] {
  return list.filter((p) => /nginx: worker process/.test(p.command)).map((p) => p.pid);
}

export class NginxProxy {
  /** the last reload that was not waited for (see pinAndReload) */
  private pendingReload: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly ops: ProxyContainerOps,
    private readonly pinDir: string,
    /** a reload not waited for that failed: only a warning (the pins it set still point at live containers) */
    private readonly onLateFailure: (reason: string) => void,
  ) {}

  /**
   * Writes the pin files and reloads; returns the pids of the workers replaced. The reload is a SIGHUP to the
   * container's main process — nginx's master, as in the demo and the official images (the same thing
   * `nginx -s reload` does, without an exec); with `wait` false that is all (the pins back on the names: when
   * exactly they apply does not matter). A reload is proven by workers of a new generation: a configuration
   * nginx refuses starts none (it keeps the old one and says why in its log).
   */
  async pinAndReload(proxyId: string, pins: Array<[string, string]>, wait = true): Promise<number[]> {
    // a reload not waited for must have taken effect first, or its workers would pass for this one's
    await this.pendingReload;
    await Promise.all(pins.map(([service, address]) => this.ops.putFile(proxyId, this.pinDir, `${service}.conf`, nginxPin(address))));
    const before = workerPids(await this.ops.processes(proxyId));
    await this.ops.signal(proxyId, 'HUP');
    const reloaded = this.newGeneration(proxyId, before);
    if (!wait) {
      this.pendingReload = reloaded.catch((e: Error) => this.onLateFailure(e.message));
      return before;
    }
    await reloaded;
    return before;
  }

  /** The pin file of a service, as the proxy has it (null: unreadable or absent). */
  async readPin(proxyId: string, service: string): Promise<string | null> {
    return (await this.ops.readFile(proxyId, `${this.pinDir}/${service}.conf`).catch(() => null))?.trim() ?? null;
  }

  /**
   * Waits until the workers of the previous configuration have finished their requests and exited; false
   * on timeout, and also when the process list cannot be read (treated like a drain that did not finish).
   */
  async drain(proxyId: string, before: number[], timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    const old = new Set(before);
    for (;;) {
      let now: number[];
      try {
        now = workerPids(await this.ops.processes(proxyId));
      } catch {
        return false;
      }
      if (!now.some((p) => old.has(p))) return true;
      if (Date.now() >= deadline) return false;
      await sleep(50);
    }
  }

  /** Resolves once a worker that was not in `before` runs (the new configuration is in use). */
  private async newGeneration(proxyId: string, before: number[]): Promise<void> {
    const old = new Set(before);
    const deadline = Date.now() + RELOAD_TIMEOUT_MS;
    for (;;) {
      if (workerPids(await this.ops.processes(proxyId)).some((p) => !old.has(p))) return;
      if (Date.now() >= deadline) {
        const log = await this.ops.logsSince(proxyId, new Date(Date.now() - RELOAD_TIMEOUT_MS - 5000), 5).catch(() => '');
        throw new Error(`nginx did not reload (${log.trim().split('\n').slice(-1)[0] || 'no new workers'})`);
      }
      await sleep(25);
    }
  }
}
