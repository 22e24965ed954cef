// A container's own Docker healthcheck, as the release gate runs it itself (issue 17): its definition read
// from the container's configuration with Docker's defaults, the command Docker would execute, and the
// verdict on the runs so far — Docker's own rules (start period, retries), at reprise's pace. Pure.

/** Docker's defaults when a healthcheck field is 0 or absent. */
export const DOCKER_HEALTHCHECK_DEFAULTS = { intervalMs: 30_000, timeoutMs: 30_000, startPeriodMs: 0, retries: 3 } as const;

/** Docker's default shell for CMD-SHELL on Linux containers. */
export const DEFAULT_SHELL = ['/bin/sh', '-c'] as const;

export interface HealthcheckDefinition {
  /** the test as Docker holds it: ['CMD', arg…] or ['CMD-SHELL', script] */
  test: string[];
  /** what runs in the container: the CMD's arguments, or the shell with the CMD-SHELL script (no other shell) */
  command: string[];
  intervalMs: number;
  timeoutMs: number;
  startPeriodMs: number;
  retries: number;
}

/** One run of the command. */
export interface HealthcheckRun {
  /** Docker's rule: 0 healthy, anything else a failure (-1: it did not complete, e.g. its timeout) */
  exitCode: number;
  /** stdout and stderr as they came, bounded */
  output: string;
  durationMs: number;
}

/** A run as the gate keeps it: when it started (epoch ms). */
export interface TimedRun extends HealthcheckRun {
  startedAt: number;
}

export type HealthcheckVerdict = { state: 'healthy'; reason: null } | { state: 'unhealthy' | 'pending'; reason: string };

/** The `Config.Healthcheck` and `Config.Shell` of a container's inspect document (durations in nanoseconds). */
export interface ContainerHealthConfig {
  Healthcheck?: { Test?: string[] | null; Interval?: number; Timeout?: number; StartPeriod?: number; Retries?: number } | null;
  Shell?: string[] | null;
}

const msOf = (ns: number | undefined, fallback: number): number => (typeof ns === 'number' && Number.isFinite(ns) && ns > 0 ? Math.round(ns / 1e6) : fallback);

/**
 * The command Docker runs for a test: ["CMD", a, b…] → [a, b…]; ["CMD-SHELL", s] → shell + [s] (the image's
 * SHELL when it has one, else /bin/sh -c); ["NONE"], empty or unknown → null (no healthcheck).
 */
export function healthcheckCommand(test: readonly string[] | null | undefined, shell?: readonly string[] | null): string[] | null {
  if (!test || test.length === 0) return null;
  const [kind, ...rest] = test;
  if (kind === 'CMD') return rest.length ? [...rest] : null;
  if (kind === 'CMD-SHELL') return rest.length ? [...(shell && shell.length ? shell : DEFAULT_SHELL), rest.join(' ')] : null;
  return null;
}

/** The container's healthcheck with Docker's defaults for 0 values; null when it has none. */
export function healthcheckOf(config: ContainerHealthConfig | null | undefined): HealthcheckDefinition | null {
  const h = config?.Healthcheck;
  const command = healthcheckCommand(h?.Test ?? null, config?.Shell ?? null);
  if (!h || !command) return null;
  const d = DOCKER_HEALTHCHECK_DEFAULTS;
  return {
    test: [...(h.Test ?? [])],
    command,
    intervalMs: msOf(h.Interval, d.intervalMs),
    timeoutMs: msOf(h.Timeout, d.timeoutMs),
    startPeriodMs: msOf(h.StartPeriod, d.startPeriodMs),
    retries: typeof h.Retries === 'number' && h.Retries > 0 ? Math.floor(h.Retries) : d.retries,
  };
}

/** The test as a person reads it: the CMD-SHELL script, or the CMD's arguments (bounded). */
export function describeTest(def: Pick<HealthcheckDefinition, 'test'>, max = 160): string {
  const text = def.test.slice(1).join(' ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * The last `max` characters of a text on one line; a cut is made at a space, so a word (a token, a
 * password) is never shown in part.
 */
export function outputTail(output: string, max = 240): string {
  const flat = output.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const tail = flat.slice(-max);
  const space = tail.indexOf(' ');
  return space < 0 ? '…' : `…${tail.slice(space)}`;
}

const seconds = (ms: number): string => `${Math.round(ms / 100) / 10} s`;

function describeRun(run: HealthcheckRun): string {
  const out = outputTail(run.output);
  const code = run.exitCode === -1 ? 'no exit code' : `exit code ${run.exitCode}`;
  return out ? `${code}: ${out}` : code;
}

/**
 * How long after the container started a failed run does not count: its start period; without one, Docker's
 * `interval` — Docker's first run comes only then, so a failure before it is one Docker never counts (a
 * service that takes a few seconds to start and declares no start period is not failed for it).
 */
export function graceMs(def: Pick<HealthcheckDefinition, 'startPeriodMs' | 'intervalMs'>): number {
  return def.startPeriodMs > 0 ? def.startPeriodMs : def.intervalMs;
}

/**
 * Docker's rules on the runs so far, in the order they started: a success at any time → healthy; a failure
 * that started within the grace (graceMs, counted from `startMs`, when the gate first saw the container) does
 * not count; after it, `retries` failures in a row → unhealthy; otherwise pending. `now` only words the reason.
 */
export function healthcheckVerdict(def: HealthcheckDefinition, startMs: number, runs: readonly TimedRun[], now: number): HealthcheckVerdict {
  const test = describeTest(def);
  const grace = graceMs(def);
  const graceText = def.startPeriodMs > 0 ? `its ${seconds(grace)} start period` : `Docker's ${seconds(grace)} interval (no start period)`;
  let streak = 0;
  let ignored = 0;
  for (const run of runs) {
    if (run.exitCode === 0) return { state: 'healthy', reason: null };
    if (run.startedAt - startMs < grace) ignored++;
    else streak++;
    if (streak >= def.retries) {
      return { state: 'unhealthy', reason: `healthcheck \`${test}\` failed ${streak} times in a row after ${graceText} (${describeRun(run)})` };
    }
  }
  const last = runs.at(-1);
  if (!last) return { state: 'pending', reason: `healthcheck \`${test}\` not run yet` };
  const left = startMs + grace - now;
  const where = left > 0 ? `, ${seconds(left)} of ${graceText} left` : `, ${streak} of ${def.retries} failures counted`;
  return { state: 'pending', reason: `healthcheck \`${test}\` failing (${describeRun(last)}${where}${ignored && left <= 0 ? `; ${ignored} earlier not counted` : ''})` };
}
