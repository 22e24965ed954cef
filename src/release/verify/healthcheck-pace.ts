// The container's own Docker healthcheck, run by the gate itself every `health.interval` (Engine API exec)
// instead of waiting for Docker's next scheduled run (its `interval`, often 30–60 s). Docker's rules decide
// (domain/healthcheck.ts): a success passes, failures count only after the start period, `retries` of them
// in a row fail. One run at a time, in the background, so the gate keeps watching Docker's state meanwhile.
import type { Engine } from '../../engines/engine';
import { healthcheckVerdict, type HealthcheckDefinition, type HealthcheckVerdict, type TimedRun } from '../../domain/healthcheck';
import { redact } from '../../domain/redact';

export class HealthcheckPace {
  private containerId: string | null = null;
  /** undefined: not read yet; null: the container has none */
  private check: HealthcheckDefinition | null | undefined = undefined;
  /** the same with its test masked: what reasons show */
  private shown: HealthcheckDefinition | null = null;
  /** when the gate first saw the container running: its start period counts from here (never earlier than Docker's) */
  private firstSeen = 0;
  private runs: TimedRun[] = [];
  private running: Promise<void> | null = null;
  private nextAt = 0;
  private trouble: string | null = null;
  private readonly stopper = new AbortController();

  constructor(
    private readonly engine: Engine,
    private readonly intervalMs: number,
    private readonly deadline: number,
    private readonly secrets: string[],
  ) {}

  /**
   * For a running container: starts a run when one is due (it goes on in the background) and returns
   * Docker's rules on the runs so far; null when the container has no healthcheck (or it cannot be read).
   */
  async verdict(containerId: string): Promise<HealthcheckVerdict | null> {
    if (containerId !== this.containerId) this.reset(containerId);
    if (this.check === undefined) {
      try {
        this.check = await this.engine.healthcheck(containerId);
        this.shown = this.check ? { ...this.check, test: this.check.test.map((w) => redact(w, this.secrets)) } : null;
      } catch {
        return null; // read again on the next round; the gate's own reads say what is wrong with the engine
      }
    }
    if (!this.check || !this.shown) return null;
    const now = Date.now();
    const v = healthcheckVerdict(this.shown, this.firstSeen, this.runs, now);
    if (v.state !== 'pending') return v;
    if (!this.running && now >= this.nextAt && now < this.deadline) this.start(containerId, this.check);
    return this.trouble ? { state: 'pending', reason: `${v.reason}; ${this.trouble}` } : v;
  }

  /** Gives up a run in progress (the gate is over). */
  stop(): void {
    this.stopper.abort();
  }

  private reset(containerId: string): void {
    this.containerId = containerId;
    this.check = undefined;
    this.shown = null;
    this.firstSeen = Date.now();
    this.runs = [];
    this.nextAt = 0;
    this.trouble = null;
  }

  private start(id: string, check: HealthcheckDefinition): void {
    const startedAt = Date.now();
    // the check's own timeout, within the gate's remaining time
    const timeoutMs = Math.max(1, Math.min(check.timeoutMs, this.deadline - startedAt));
    const capped = timeoutMs < check.timeoutMs;
    this.running = this.engine
      .runHealthcheck(id, check, timeoutMs, this.stopper.signal)
      .then(
        (run) => {
          if (id !== this.containerId || !run) return;
          // a run cut short by the gate's own end is no run of Docker's
          if (capped && run.exitCode === -1) return;
          this.runs.push({ ...run, output: redact(run.output, this.secrets), startedAt });
          this.trouble = null;
        },
        (e: unknown) => {
          if (id === this.containerId) this.trouble = `healthcheck not run: ${redact(e instanceof Error ? e.message : String(e), this.secrets)}`;
        },
      )
      .finally(() => {
        this.running = null;
        this.nextAt = startedAt + this.intervalMs;
      });
  }
}
