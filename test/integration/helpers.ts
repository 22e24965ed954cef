// Integration-test harness: a throw-away copy of the demo project per test file, real Docker,
// reprise run as a child process with argument arrays. Everything created here is removed in cleanup().
import { spawn, spawnSync, type ChildProcess, type SpawnSyncReturns } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { healthcheckCommand } from '../../src/domain/healthcheck';

/** Repository root (this file runs from dist/test/integration/). */
export const REPO = resolve(__dirname, '..', '..', '..');
export const REPRISE_BIN = join(REPO, 'bin', 'reprise');
export const DEMO_COMPOSE = join(REPO, 'examples', 'recyclic', 'docker-compose.yml');
export const DEMO_ROLLBACK_SH = join(REPO, 'examples', 'recyclic', 'scripts', 'rollback.sh');
export const BUILD_IMAGES = join(REPO, 'scripts', 'build-images.sh');

/** The four versioned services of the demo stack and their image repositories / tag variables. */
export const VERSIONED = ['api', 'frontend', 'bot', 'api-migrations'] as const;
export const LONG_RUNNING = ['api', 'frontend', 'bot'] as const;
export const TAG_VARS = ['API_IMAGE_TAG', 'FRONTEND_IMAGE_TAG', 'BOT_IMAGE_TAG', 'API_MIGRATIONS_IMAGE_TAG'] as const;
export const INFRA = ['db', 'cache'] as const;

export type ComposeFlavour = 'v1' | 'v2';

/**
 * The compose a test project uses unless it asks for one: v1 on the host's engine, v2 in the current-engine
 * lane (scripts/test.sh sets REPRISE_TEST_LANE=current there; compose v1 cannot talk to an engine that refuses
 * API versions below 1.44).
 */
export const DEFAULT_COMPOSE: ComposeFlavour = process.env.REPRISE_TEST_LANE === 'current' ? 'v2' : 'v1';

export function rid(n = 6): string {
  return randomBytes(8).toString('hex').slice(0, n);
}

/** A unique version name: letter + 6 random hex characters (valid per SPEC §5). */
export function newVersion(prefix = 'v'): string {
  return `${prefix}${rid(6)}`;
}

export function composeV2Available(): boolean {
  const r = spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' });
  return r.status === 0;
}

/** True when every port can be bound on 127.0.0.1 right now (checked in a child process, synchronously). */
export function portsFree(ports: number[]): boolean {
  const script =
    'const net=require("net");const ps=JSON.parse(process.argv[1]);let n=0,bad=0;' +
    'for(const p of ps){const s=net.createServer();s.once("error",()=>{bad++;if(++n===ps.length)process.exit(bad?1:0)});' +
    's.listen(p,"127.0.0.1",()=>s.close(()=>{if(++n===ps.length)process.exit(bad?1:0)}))}';
  return spawnSync(process.execPath, ['-e', script, JSON.stringify(ports)], { timeout: 10_000 }).status === 0;
}

/**
 * Ports for a test file: file N owns BASE+N*100 … +99 (BASE = REPRISE_IT_PORT_BASE, default 19000);
 * a random free block of 10 inside it per run; slot 0..2 gives 3 ports (api, frontend, bot).
 */
export function portAllocator(fileIndex: number): (slot: number) => { api: number; frontend: number; bot: number } {
  const base = Number(process.env.REPRISE_IT_PORT_BASE ?? 19000) + fileIndex * 100;
  let block = base;
  for (let attempt = 0; attempt < 20; attempt++) {
    block = base + Math.floor(Math.random() * 10) * 10;
    const all = Array.from({ length: 9 }, (_, i) => block + i);
    if (portsFree(all)) break;
  }
  return (slot) => {
    const b = block + slot * 3;
    return { api: b, frontend: b + 1, bot: b + 2 };
  };
}

export interface Project {
  dir: string;
  name: string;
  ports: { api: number; frontend: number; bot: number };
  secrets: { POSTGRES_PASSWORD: string; SECRET_KEY: string };
  compose: ComposeFlavour;
  /** versions whose images were built for this project (removed in cleanup) */
  versions: Set<string>;
}

export interface ProjectOptions {
  label: string;
  ports: { api: number; frontend: number; bot: number };
  compose?: ComposeFlavour;
  /** false: no reprise.yml at all */
  config?: boolean;
  /** extra YAML appended to reprise.yml */
  extraConfig?: string;
}

const created: Project[] = [];

export function reprisYml(name: string, ports: Project['ports']): string {
  return [
    `project: ${name}`,
    'health: { timeout: 30s, interval: 200ms, readiness_delay: 1s }',
    'services:',
    `  api: { health: { url: "http://127.0.0.1:${ports.api}/health" } }`,
    `  frontend: { health: { url: "http://127.0.0.1:${ports.frontend}/health" } }`,
    `  bot: { health: { url: "http://127.0.0.1:${ports.bot}/health" } }`,
    '  api-migrations: {}',
    ...PROXY_YML,
    '',
  ].join('\n');
}

/** The demo's proxy section: api and frontend behind its nginx, released start-first. */
export const PROXY_YML = ['proxy: { service: proxy, upstreams: { api: 8000, frontend: 4444 }, drain_timeout: 10s }'];

/**
 * reprise.yml with two environments (staging, production) of the demo stack: each its own compose project
 * and env file (.env.staging / .env.production), health URLs from that env file's ports.
 */
export function environmentsYml(project: string, projects: { staging: string; production: string }, extra: string[] = []): string {
  return [
    `project: ${project}`,
    ...extra,
    'health: { timeout: 30s, interval: 200ms, readiness_delay: 1s }',
    'services:',
    '  api: { health: { url: "http://127.0.0.1:${API_PORT}/health" } }',
    '  frontend: { health: { url: "http://127.0.0.1:${FRONTEND_PORT}/health" } }',
    '  bot: { health: { url: "http://127.0.0.1:${BOT_PORT}/health" } }',
    '  api-migrations: {}',
    ...PROXY_YML,
    'environments:',
    `  staging: { project: ${projects.staging}, env_file: .env.staging }`,
    `  production: { project: ${projects.production}, env_file: .env.production }`,
    '',
  ].join('\n');
}

/** Writes `.env.<name>` (mode 0600): the project's env file with the environment's own ports. */
export function writeEnvironmentEnvFile(p: Project, name: string, ports: Project['ports']): void {
  const text = readFileSync(join(p.dir, '.env'), 'utf8')
    .replace(/^API_PORT=.*$/m, `API_PORT=${ports.api}`)
    .replace(/^FRONTEND_PORT=.*$/m, `FRONTEND_PORT=${ports.frontend}`)
    .replace(/^BOT_PORT=.*$/m, `BOT_PORT=${ports.bot}`);
  writeFileSync(join(p.dir, `.env.${name}`), text, { mode: 0o600 });
}

export function makeProject(opts: ProjectOptions): Project {
  const r = rid();
  const dir = mkdtempSync(join(tmpdir(), `reprise-it-${opts.label}-`));
  const name = `rit-${opts.label}-${r}`.toLowerCase();
  const secrets = { POSTGRES_PASSWORD: `pw-${rid(10)}`, SECRET_KEY: `sk-${rid(12)}` };
  copyFileSync(DEMO_COMPOSE, join(dir, 'docker-compose.yml'));
  writeFileSync(
    join(dir, '.env'),
    [
      '# test project env file',
      'POSTGRES_DB=recyclic',
      'POSTGRES_USER=recyclic',
      `POSTGRES_PASSWORD=${secrets.POSTGRES_PASSWORD}`,
      `SECRET_KEY=${secrets.SECRET_KEY}`,
      `API_PORT=${opts.ports.api}`,
      `FRONTEND_PORT=${opts.ports.frontend}`,
      `BOT_PORT=${opts.ports.bot}`,
      '',
    ].join('\n'),
  );
  if (opts.config !== false) writeFileSync(join(dir, 'reprise.yml'), reprisYml(name, opts.ports) + (opts.extraConfig ?? ''));
  const p: Project = { dir, name, ports: opts.ports, secrets, compose: opts.compose ?? DEFAULT_COMPOSE, versions: new Set() };
  created.push(p);
  return p;
}

/** Builds complete (or --only / --broken) image sets for the versions; records them for cleanup. */
export function buildImages(p: Project | null, versions: string[], extra: string[] = []): void {
  const r = spawnSync('bash', [BUILD_IMAGES, ...extra, ...versions], { cwd: REPO, encoding: 'utf8', timeout: 300_000 });
  for (const v of versions) {
    if (p) p.versions.add(v);
    else orphanVersions.add(v);
  }
  if (r.status !== 0) throw new Error(`build-images.sh ${[...extra, ...versions].join(' ')} failed (${r.status}):\n${r.stderr}`);
}
const orphanVersions = new Set<string>();

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

/** Waits until the background process prints `text` on stderr (or fails if it exits first). */
export async function waitForStderr(bg: Background, text: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void bg.exited.then(() => (exited = true));
  while (Date.now() < deadline) {
    if (bg.stderr().includes(text)) return;
    if (exited) throw new Error(`process exited before printing "${text}":\n${bg.stderr()}\n${bg.stdout()}`);
    await sleep(100);
  }
  throw new Error(`timed out waiting for "${text}":\n${bg.stderr()}`);
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

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

// ---------------------------------------------------------------------------------------------
// Reality, as the Docker CLI sees it
// ---------------------------------------------------------------------------------------------

export interface ContainerInfo {
  id: string;
  name: string;
  service: string;
  image: string;
  state: string;
  health: string | null;
  exitCode: number;
  env: string[];
  created: string;
  /** what Docker runs as the container's healthcheck (null: none) */
  healthcheck: string[] | null;
}

export function docker(args: string[], input?: string): SpawnSyncReturns<string> {
  return spawnSync('docker', args, { encoding: 'utf8', input, timeout: 120_000, maxBuffer: 32 * 1024 * 1024 });
}

/** Every container of the compose project (running or not), from `docker ps -a` + `docker inspect`. */
export function containers(p: Project | string): ContainerInfo[] {
  const name = typeof p === 'string' ? p : p.name;
  const ids = docker(['ps', '-aq', '--no-trunc', '--filter', `label=com.docker.compose.project=${name}`]).stdout.split('\n').filter(Boolean);
  if (ids.length === 0) return [];
  const r = docker(['inspect', ...ids]);
  if (r.status !== 0) {
    // a container disappeared between ps and inspect: try once more
    return containers(name);
  }
  const raw = JSON.parse(r.stdout) as Array<{
    Id: string;
    Name: string;
    Created: string;
    Config: { Image: string; Env: string[] | null; Labels: Record<string, string>; Healthcheck?: { Test?: string[] | null } | null; Shell?: string[] | null };
    State: { Status: string; ExitCode: number; Health?: { Status: string } };
  }>;
  return raw.map((c) => ({
    id: c.Id,
    name: c.Name.replace(/^\//, ''),
    service: c.Config.Labels['com.docker.compose.service'] ?? '',
    image: c.Config.Image,
    state: c.State.Status,
    health: c.State.Health?.Status ?? null,
    exitCode: c.State.ExitCode,
    env: c.Config.Env ?? [],
    created: c.Created,
    healthcheck: healthcheckCommand(c.Config.Healthcheck?.Test ?? null, c.Config.Shell ?? null),
  }));
}

/**
 * Healthy as reprise judges it: Docker says healthy, or Docker still says `starting` (its own healthcheck has
 * not run yet: the release gate ran it itself, README "How a release runs") and the healthcheck passes when
 * run now.
 */
export function healthyNow(c: ContainerInfo): boolean {
  if (c.health === 'healthy') return true;
  if (c.health !== 'starting' || c.state !== 'running' || !c.healthcheck) return false;
  return spawnSync('docker', ['exec', c.id, ...c.healthcheck], { encoding: 'utf8', timeout: 10_000 }).status === 0;
}

/** The newest container of a service (running ones first). */
export function containerOf(p: Project, service: string, list = containers(p)): ContainerInfo | undefined {
  const mine = list.filter((c) => c.service === service).sort((a, b) => b.created.localeCompare(a.created));
  return mine.find((c) => c.state === 'running') ?? mine[0];
}

/** service → image of its newest container, for the versioned services. */
export function versionedImages(p: Project): Record<string, string | undefined> {
  const list = containers(p);
  const out: Record<string, string | undefined> = {};
  for (const s of VERSIONED) out[s] = containerOf(p, s, list)?.image;
  return out;
}

export function expectedImages(version: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of VERSIONED) out[s] = `recyclic-${s}:${version}`;
  return out;
}

/** id of the (single) running container of each infrastructure service. */
export function infraIds(p: Project): Record<string, string | undefined> {
  const list = containers(p);
  const out: Record<string, string | undefined> = {};
  for (const s of INFRA) out[s] = list.filter((c) => c.service === s && c.state === 'running').map((c) => c.id).join(',') || undefined;
  return out;
}

/** A snapshot of every container: id, image, state. Used to prove "nothing changed". */
export function snapshot(p: Project): string[] {
  return containers(p)
    .map((c) => `${c.service} ${c.id.slice(0, 12)} ${c.image} ${c.state}`)
    .sort();
}

/**
 * Waits until every long-running versioned service runs `version` and is healthy per Docker, and the
 * one-shot migrations container of that version exited 0. Returns a description of what is wrong, or null.
 */
export async function waitStackOn(p: Project, version: string, timeoutMs = 45_000): Promise<string | null> {
  const deadline = Date.now() + timeoutMs;
  let problem: string | null = 'not checked';
  while (Date.now() < deadline) {
    problem = stackProblem(p, version);
    if (!problem) return null;
    await sleep(500);
  }
  return problem;
}

export function stackProblem(p: Project, version: string): string | null {
  const list = containers(p);
  const problems: string[] = [];
  for (const s of LONG_RUNNING) {
    const running = list.filter((c) => c.service === s && c.state === 'running');
    if (running.length !== 1) problems.push(`${s}: ${running.length} running containers`);
    for (const c of running) {
      if (c.image !== `recyclic-${s}:${version}`) problems.push(`${s} runs ${c.image}`);
      if (!healthyNow(c)) problems.push(`${s} health=${c.health}`);
    }
  }
  const mig = containerOf(p, 'api-migrations', list);
  if (!mig) problems.push('api-migrations: no container');
  else {
    if (mig.image !== `recyclic-api-migrations:${version}`) problems.push(`api-migrations runs ${mig.image}`);
    if (mig.state !== 'exited' || mig.exitCode !== 0) problems.push(`api-migrations state=${mig.state} exit=${mig.exitCode}`);
  }
  return problems.length ? problems.join('; ') : null;
}

/** HTTP GET on 127.0.0.1 with a short timeout; null on network error. */
export async function httpGet(url: string): Promise<{ status: number; body: string } | null> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(3000) });
    return { status: res.status, body: await res.text() };
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Files of the project directory
// ---------------------------------------------------------------------------------------------

export function metricsPath(p: Project): string {
  return join(p.dir, 'logs', 'rollback-metrics.json');
}

/** The metrics file parsed (it must always be a JSON array); [] when absent. */
export function readMetrics(p: Project): Array<Record<string, any>> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const f = metricsPath(p);
  if (!existsSync(f)) return [];
  const data = JSON.parse(readFileSync(f, 'utf8')) as unknown;
  if (!Array.isArray(data)) throw new Error(`${f} is not a JSON array`);
  return data as Array<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export function metricsCount(p: Project): number {
  return readMetrics(p).length;
}

/** KEY=VALUE lines of an env file (no interpolation, quotes stripped). */
export function parseEnv(text: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (!t || t.startsWith('#')) continue;
    const i = t.indexOf('=');
    if (i < 0) continue;
    const k = t.slice(0, i).replace(/^export\s+/, '').trim();
    let v = t.slice(i + 1).trim();
    const q = v[0];
    if (q === '"' || q === "'") {
      // a quoted value ends at its closing quote; what follows (a comment) is not part of it
      const end = v.indexOf(q, 1);
      v = end > 0 ? v.slice(1, end) : v.slice(1);
    } else {
      // unquoted: a ` #` starts a comment, as compose reads it
      v = v.replace(/\s+#.*$/, '');
    }
    m.set(k, v);
  }
  return m;
}

// ---------------------------------------------------------------------------------------------
// Plain compose (without reprise) and cleanup
// ---------------------------------------------------------------------------------------------

export function composeCmd(flavour: ComposeFlavour): { program: string; prefix: string[] } {
  return flavour === 'v2' ? { program: 'docker', prefix: ['compose'] } : { program: 'docker-compose', prefix: [] };
}

/** Runs plain compose in the project dir with an environment free of tag variables. */
export function plainCompose(p: Project, args: string[], flavour: ComposeFlavour = p.compose): SpawnSyncReturns<string> {
  const { program, prefix } = composeCmd(flavour);
  const env = { ...process.env };
  for (const v of TAG_VARS) delete env[v];
  return spawnSync(program, [...prefix, ...args], { cwd: p.dir, env, encoding: 'utf8', timeout: 180_000 });
}

export function removeImages(versions: Iterable<string>): void {
  const refs: string[] = [];
  for (const v of versions) for (const s of VERSIONED) refs.push(`recyclic-${s}:${v}`);
  if (refs.length === 0) return;
  // only the tags this run created; never the base or infrastructure images
  const existing = refs.filter((r) => docker(['image', 'inspect', r]).status === 0);
  if (existing.length) docker(['rmi', ...existing]);
}

/** Removes a project's stack, images and directory; describes call it when done so idle stacks don't pile up on the cores. */
export function cleanupProject(p: Project): void {
  const i = created.indexOf(p);
  if (i >= 0) created.splice(i, 1);
  // `down` of the project by name: works whatever tags are set, with either compose
  const r = plainCompose(p, ['-p', p.name, 'down', '-v', '--remove-orphans', '--timeout', '2'], 'v1');
  if (r.status !== 0) plainCompose(p, ['-p', p.name, 'down', '-v', '--remove-orphans', '--timeout', '2'], 'v2');
  // leftovers (e.g. containers compose no longer knows about)
  const ids = docker(['ps', '-aq', '--filter', `label=com.docker.compose.project=${p.name}`]).stdout.split('\n').filter(Boolean);
  if (ids.length) docker(['rm', '-f', '-v', ...ids]);
  removeImages(p.versions);
  if (!process.env.REPRISE_IT_KEEP) rmSync(p.dir, { recursive: true, force: true });
}

const extraProjects = new Set<string>();

/** Registers another compose project (e.g. an environment of a test project) whose containers, networks and volumes cleanupAll() removes. */
export function alsoCleanup(projectName: string): void {
  extraProjects.add(projectName);
}

export function cleanupAll(): void {
  for (const name of [...extraProjects]) {
    const filter = `label=com.docker.compose.project=${name}`;
    const ids = docker(['ps', '-aq', '--filter', filter]).stdout.split('\n').filter(Boolean);
    if (ids.length) docker(['rm', '-f', '-v', ...ids]);
    const nets = docker(['network', 'ls', '-q', '--filter', filter]).stdout.split('\n').filter(Boolean);
    if (nets.length) docker(['network', 'rm', ...nets]);
    const vols = docker(['volume', 'ls', '-q', '--filter', filter]).stdout.split('\n').filter(Boolean);
    if (vols.length) docker(['volume', 'rm', '-f', ...vols]);
  }
  extraProjects.clear();
  for (const p of created.splice(0)) cleanupProject(p);
  removeImages(orphanVersions);
  orphanVersions.clear();
}

export function mkdirp(dir: string): string {
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Assertion helper: the seed's keys (SPEC §6) on a metrics entry, numbers as numbers. */
export function assertSeedKeys(entry: Record<string, any>, fail: (msg: string) => never): void { // eslint-disable-line @typescript-eslint/no-explicit-any
  const need = (cond: boolean, msg: string): void => {
    if (!cond) fail(`${msg}: ${JSON.stringify(entry)}`);
  };
  need(typeof entry.timestamp === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|\+00:00)$/.test(entry.timestamp), 'timestamp is UTC ISO-8601');
  for (const k of ['event', 'version', 'status', 'hostname', 'user']) need(typeof entry[k] === 'string' && entry[k].length > 0, `${k} is a non-empty string`);
  need(typeof entry.duration_seconds === 'number' && entry.duration_seconds >= 0, 'duration_seconds is a number');
  const sm = entry.system_metrics;
  need(sm !== null && typeof sm === 'object', 'system_metrics is an object');
  for (const k of ['cpu_usage_percent', 'memory_usage_percent', 'disk_usage_percent', 'docker_containers_running', 'docker_images_count']) {
    need(typeof sm[k] === 'number' && Number.isFinite(sm[k]), `system_metrics.${k} is a number`);
  }
  const perf = entry.performance;
  need(perf !== null && typeof perf === 'object', 'performance is an object');
  need(['fast', 'normal', 'slow'].includes(perf.rollback_speed), 'performance.rollback_speed is fast|normal|slow');
  need(typeof perf.efficiency_score === 'number', 'performance.efficiency_score is a number');
  need(['manual', 'auto', 'emergency'].includes(entry.trigger), 'trigger is manual|auto|emergency');
  need(entry.services !== null && typeof entry.services === 'object', 'services is an object');
}
