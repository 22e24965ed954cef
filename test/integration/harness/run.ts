// reprise as the operator runs it: bin/reprise as a child process with argument arrays, synchronously, in
// the background, or without blocking this process's event loop; and the checks every release makes.
import { spawn, spawnSync, type ChildProcess, type SpawnSyncReturns } from 'node:child_process';
import { REPO, REPRISE_BIN } from './paths';
import type { Project } from './project';
import { sleep, waitForStderr } from './wait';

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** parsed stdout when it is JSON, else undefined */
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface RunOptions {
  input?: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** replaces the whole environment (PATH included) instead of extending process.env */
  fullEnv?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

function toResult(r: SpawnSyncReturns<string>): RunResult {
  let json: unknown;
  try {
    json = r.stdout.trim() ? JSON.parse(r.stdout) : undefined;
  } catch {
    json = undefined;
  }
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr, json };
}

export function baseEnv(p: Project | null, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', REPRISE_LANG: 'en', LANG: 'C.UTF-8' };
  delete env.REPRISE_TEST_PAUSE_AT;
  delete env.LC_ALL;
  if (p) env.REPRISE_COMPOSE = p.compose;
  return { ...env, ...extra };
}

/** Runs bin/reprise synchronously in the project directory. stdin is closed unless `input` is given. */
export function reprise(p: Project | null, args: string[], o: RunOptions = {}): RunResult {
  const r = spawnSync(REPRISE_BIN, args, {
    cwd: o.cwd ?? p?.dir ?? REPO,
    env: o.fullEnv ?? baseEnv(p, o.env),
    input: o.input ?? '',
    encoding: 'utf8',
    timeout: o.timeoutMs ?? 240_000,
    maxBuffer: 32 * 1024 * 1024,
  });
  return toResult(r);
}

/** Like reprise() but fails the test with the command's output when the exit code differs. */
export function expectCode(r: RunResult, code: number, what: string): RunResult {
  if (r.code !== code) {
    throw new Error(`${what}: expected exit ${code}, got ${r.code} (signal ${r.signal})\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`);
  }
  return r;
}

/** Secrets of the project's .env must never appear in reprise's output (SPEC §8). */
export function assertNoSecrets(p: Project, r: RunResult, what: string): void {
  for (const [k, v] of Object.entries(p.secrets)) {
    if (r.stdout.includes(v) || r.stderr.includes(v)) throw new Error(`${what}: the value of ${k} appears in reprise's output`);
  }
}

/** deploy VERSION --yes --json; exit 0, one JSON document with ok: true, no secret in the output. */
export function deployOk(p: Project, version: string): RunResult {
  const r = expectCode(reprise(p, ['deploy', version, '--yes', '--json']), 0, `deploy ${version}`);
  if (r.json?.ok !== true) throw new Error(`deploy ${version}: stdout is not one JSON document with ok: true:\n${r.stdout}`);
  assertNoSecrets(p, r, `deploy ${version}`);
  return r;
}

export function rollbackOk(p: Project, args: string[] = []): RunResult {
  const r = expectCode(reprise(p, ['rollback', ...args, '--yes', '--json']), 0, `rollback ${args.join(' ')}`);
  if (r.json?.ok !== true) throw new Error(`rollback: stdout is not one JSON document with ok: true:\n${r.stdout}`);
  assertNoSecrets(p, r, 'rollback');
  return r;
}

export interface Background {
  child: ChildProcess;
  stderr: () => string;
  stdout: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts reprise in the background (its own process, stdin closed). */
export function reprisBackground(p: Project, args: string[], env: NodeJS.ProcessEnv = {}): Background {
  const child = spawn(REPRISE_BIN, args, { cwd: p.dir, env: baseEnv(p, env), stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  let out = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) => child.on('close', (code, signal) => res({ code, signal })));
  return { child, stderr: () => err, stdout: () => out, exited };
}

/** `reprise dashboard --port 0 --json` in the background, and its URL once it listens (the test stops it). */
export async function startDashboardProcess(p: Project, env: NodeJS.ProcessEnv = {}): Promise<{ bg: Background; url: string }> {
  const bg = reprisBackground(p, ['dashboard', '--port', '0', '--json'], env);
  let url = '';
  for (let i = 0; i < 600 && !url; i++) {
    await sleep(50);
    if (bg.stdout().trim().endsWith('}')) url = JSON.parse(bg.stdout()).url;
  }
  if (!url) {
    bg.child.kill('SIGKILL');
    throw new Error(`the dashboard did not start:\n${bg.stderr()}`);
  }
  return { bg, url };
}

/** reprise without blocking this process: the Bot API look-alike answers from this same event loop. */
export async function repriseAsync(p: Project, args: string[], env: NodeJS.ProcessEnv, psSamples: string[] = []): Promise<RunResult> {
  const bg = reprisBackground(p, args, env);
  // sample the process list while it runs: no secret may appear in any process's arguments
  let running = true;
  const sampler = (async () => {
    while (running) {
      const ps = spawnSync('ps', ['-eo', 'args'], { encoding: 'utf8' });
      if (ps.stdout) psSamples.push(ps.stdout);
      await sleep(200);
    }
  })();
  const { code, signal } = await bg.exited;
  running = false;
  await sampler;
  let json: unknown;
  try {
    json = JSON.parse(bg.stdout());
  } catch {
    json = undefined;
  }
  return { code, signal, stdout: bg.stdout(), stderr: bg.stderr(), json };
}

/** kill -9 of reprise at a named step: it runs `args` paused there (REPRISE_TEST_PAUSE_AT), then is killed. */
export async function killAtStep(p: Project, args: string[], step: string): Promise<void> {
  const bg = reprisBackground(p, args, { REPRISE_TEST_PAUSE_AT: step });
  try {
    await waitForStderr(bg, `reprise-test-paused:${step}`);
  } finally {
    bg.child.kill('SIGKILL');
    await bg.exited;
  }
}
