// Benchmark of rollbacks under load (issue 6, extending the core one). While a bounded load (50 requests/s,
// 127.0.0.1 only, api and frontend through the demo's proxy) runs, each of these takes the stack from B back
// to A, in turn:
//   (a) `reprise rollback --yes` with start-first (the demo's default for api and frontend),
//   (b) `reprise rollback --yes` with `strategy: recreate`,
//   (c) the floor — plain compose `up -d --no-deps` of the same services with A's tags, then the health wait,
//   (d) the seed's procedure — `down`, `up -d --env-file .env.rollback`, then the health wait;
// reported: wall time, failed requests, longest gap without a successful answer, p99 latency. Also
// `versions --json` / `status --json` with 1,000 releases in the history. Prints tables and writes JSON
// under bench/results/.
// Run: bash scripts/setup.sh && node dist/bench/rollback.js [--runs N]
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { Store } from '../src/adapters/store';
import { startLoad, type LoadReport } from './load';

const ROOT = resolve(__dirname, '..', '..');
const REPRISE = join(ROOT, 'bin', 'reprise');
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 3;
const uid = Math.random().toString(36).slice(2, 8);
const project = `bench${uid}`;
const ports = { API_PORT: '38000', FRONTEND_PORT: '34444', BOT_PORT: '38001' };
const A = `ba${uid}`;
const B = `bb${uid}`;
const dir = mkdtempSync(join(tmpdir(), 'reprise-bench-'));
const TAGS = ['API_IMAGE_TAG', 'FRONTEND_IMAGE_TAG', 'BOT_IMAGE_TAG', 'API_MIGRATIONS_IMAGE_TAG'];
const SERVICES = ['api-migrations', 'api', 'bot', 'frontend'];
const LOAD_URLS = [`http://127.0.0.1:${ports.API_PORT}/`, `http://127.0.0.1:${ports.FRONTEND_PORT}/`];
const RATE = 50;

function sh(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}, input?: string): { code: number; out: string; err: string } {
  const r = spawnSync(cmd, args, { cwd: dir, env: { ...process.env, ...ports, ...env }, encoding: 'utf8', input, maxBuffer: 64 << 20 });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}
function must(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): string {
  const r = sh(cmd, args, env);
  if (r.code !== 0) throw new Error(`${cmd} ${args.join(' ')} → ${r.code}\n${r.err}`);
  return r.out;
}
/** The same, without blocking the event loop (the load generator keeps its rate). */
function mustAsync(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  return new Promise((res, rej) => {
    const c = spawn(cmd, args, { cwd: dir, env: { ...process.env, ...ports, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    c.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    c.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    c.on('close', (code) => (code === 0 ? res(out) : rej(new Error(`${cmd} ${args.join(' ')} → ${code}\n${err}`))));
  });
}
const tags = (v: string): Record<string, string> => Object.fromEntries(TAGS.map((t) => [t, v]));
const now = (): number => performance.now();
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function healthWait(version: string): Promise<void> {
  const urls = [`http://127.0.0.1:${ports.API_PORT}/health`, `http://127.0.0.1:${ports.FRONTEND_PORT}/health`, `http://127.0.0.1:${ports.BOT_PORT}/health`];
  const deadline = Date.now() + 120_000;
  for (;;) {
    const ps = await mustAsync('docker', ['ps', '--filter', `label=com.docker.compose.project=${project}`, '--format', '{{.Image}} {{.Status}}']);
    const apps = ps.split('\n').filter((l) => /recyclic-(api|bot|frontend|proxy):/.test(l));
    const dockerOk = apps.length === 4 && apps.every((l) => (l.includes(`:${version} `) || l.includes('recyclic-proxy:')) && l.includes('(healthy)'));
    if (dockerOk) {
      const probes = await Promise.all(urls.map((u) => fetch(u, { signal: AbortSignal.timeout(2000) }).then((r) => r.ok, () => false)));
      if (probes.every(Boolean)) return;
    }
    if (Date.now() > deadline) throw new Error(`not healthy on ${version}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function compose(args: string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  return mustAsync('docker', ['compose', '-p', project, ...args], env);
}

interface Measure {
  seconds: number;
  load: LoadReport;
}

/** Runs `fn` under the load; the load starts 500 ms before and stops 500 ms after. */
async function underLoad(fn: () => Promise<unknown>): Promise<Measure> {
  const load = startLoad(LOAD_URLS, RATE, { timeoutMs: 5000, maxRequests: 20_000 });
  await new Promise((r) => setTimeout(r, 500));
  const t0 = now();
  await fn();
  const seconds = (now() - t0) / 1000;
  await new Promise((r) => setTimeout(r, 500));
  return { seconds, load: await load.stop() };
}

async function main(): Promise<void> {
  cpSync(join(ROOT, 'examples', 'recyclic'), dir, { recursive: true });
  const config = readFileSync(join(dir, 'reprise.yml'), 'utf8').replace(/^lang: fr$/m, 'lang: en') + `project: ${project}\n`;
  const recreateConfig = config.replace(/^ {2}api:$/m, '  api:\n    strategy: recreate').replace(/^ {2}frontend:$/m, '  frontend:\n    strategy: recreate');
  if (recreateConfig === config) throw new Error('could not set strategy: recreate in the demo reprise.yml');
  writeFileSync(join(dir, 'reprise.yml'), config);
  must('bash', [join(ROOT, 'scripts', 'build-images.sh'), A, B]);
  must(REPRISE, ['deploy', A, '--yes']);
  must(REPRISE, ['deploy', B, '--yes']);

  const scenarios = ['startFirst', 'recreate', 'floor', 'seed'] as const;
  const results: Record<(typeof scenarios)[number], Measure[]> = { startFirst: [], recreate: [], floor: [], seed: [] };
  for (let i = 0; i < runs; i++) {
    // (a) reprise, start-first: B → A
    results.startFirst.push(await underLoad(() => mustAsync(REPRISE, ['rollback', A, '--yes'])));
    must(REPRISE, ['deploy', B, '--yes']);

    // (b) reprise, recreate: B → A
    writeFileSync(join(dir, 'reprise.yml'), recreateConfig);
    results.recreate.push(await underLoad(() => mustAsync(REPRISE, ['rollback', A, '--yes'])));
    writeFileSync(join(dir, 'reprise.yml'), config);
    must(REPRISE, ['deploy', B, '--yes']);

    // (c) floor: plain compose of the same services with A's tags, same health wait
    results.floor.push(
      await underLoad(async () => {
        for (const s of SERVICES) await compose(['up', '-d', '--no-deps', s], tags(A));
        await healthWait(A);
      }),
    );
    for (const s of SERVICES) await compose(['up', '-d', '--no-deps', s], tags(B));
    await healthWait(B);

    // (d) seed: down (database included), then up with .env.rollback, then the health wait
    writeFileSync(join(dir, '.env.rollback.bench'), `${readFileSync(join(dir, '.env'), 'utf8')}\n${TAGS.map((t) => `${t}=${A}`).join('\n')}\n`, { mode: 0o600 });
    results.seed.push(
      await underLoad(async () => {
        await compose(['down']);
        await compose(['--env-file', '.env.rollback.bench', 'up', '-d']);
        await healthWait(A);
      }),
    );
    await compose(['--env-file', '.env.rollback.bench', 'down']);
    must(REPRISE, ['deploy', B, '--yes']);
  }

  // versions/status with 1,000 releases in the history
  const store = Store.open(join(dir, '.reprise', 'state.db'));
  for (let i = 0; i < 1000; i++) {
    const r = store.startRelease({ project, kind: 'deploy', trigger: 'manual', version: i % 2 ? A : B, fromVersion: i % 2 ? B : A, startedAt: new Date().toISOString(), user: 'bench', host: 'bench', message: null });
    store.finishRelease(r.id, { outcome: 'success', finishedAt: new Date().toISOString(), durationSeconds: 1, services: {} });
  }
  store.close();
  const cli: Record<string, number[]> = { 'versions --json': [], 'status --json': [], 'node -e 0 (baseline)': [] };
  for (let i = 0; i < 15; i++) {
    // bin/reprise as users run it (its shell wrapper included) against a bare node start
    for (const [name, cmd, args] of [['versions --json', REPRISE, ['versions', '--json']], ['status --json', REPRISE, ['status', '--json']], ['node -e 0 (baseline)', process.execPath, ['-e', '0']]] as const) {
      const t0 = now();
      must(cmd, [...args]);
      cli[name].push(now() - t0);
    }
  }

  await compose(['down', '-v', '--remove-orphans'], tags(B));
  spawnSync('docker', ['rmi', ...[A, B].flatMap((v) => ['recyclic-api', 'recyclic-frontend', 'recyclic-bot', 'recyclic-api-migrations'].map((r) => `${r}:${v}`))], { stdio: 'ignore' });

  const floor = median(results.floor.map((m) => m.seconds));
  const label: Record<(typeof scenarios)[number], string> = {
    startFirst: 'reprise rollback --yes (start-first)',
    recreate: 'reprise rollback --yes (strategy: recreate)',
    floor: 'floor: compose up --no-deps + health wait',
    seed: 'seed: down + up --env-file .env.rollback + wait',
  };
  const worst = (ms: Measure[], f: (l: LoadReport) => number): number => Math.max(...ms.map((m) => f(m.load)));
  const rows = [
    ['rollback B → A of 4 services, 50 req/s', 'median s', '× floor', 'failed req', 'longest gap ms', 'p99 ms', 'requests'],
    ...scenarios.map((k) => {
      const ms = results[k];
      const secs = median(ms.map((m) => m.seconds));
      return [label[k], secs.toFixed(2), (secs / floor).toFixed(2), String(ms.map((m) => m.load.failed).join('/')), String(worst(ms, (l) => l.longestGapMs)), String(worst(ms, (l) => l.p99Ms)), String(ms.map((m) => m.load.requests).join('/'))];
    }),
  ];
  const cliRows = [['command (1,000 releases)', 'median ms'], ...Object.entries(cli).map(([k, v]) => [k, median(v).toFixed(0)])];
  const fmt = (t: string[][]): string => {
    const w = t[0].map((_, i) => Math.max(...t.map((r) => r[i].length)));
    return t.map((r) => r.map((c, i) => c.padEnd(w[i])).join('  ')).join('\n');
  };
  const gapStart = median(results.startFirst.map((m) => m.load.longestGapMs));
  const gapSeed = median(results.seed.map((m) => m.load.longestGapMs));
  const goals = {
    startFirstFailedRequests: results.startFirst.reduce((n, m) => n + m.load.failed, 0),
    startFirstVsFloor: median(results.startFirst.map((m) => m.seconds)) / floor,
    seedGapOverStartFirstGap: gapSeed / Math.max(1, gapStart),
  };
  console.log(`\n${fmt(rows)}\n\n${fmt(cliRows)}\n`);
  console.log(
    `goals: failed requests with start-first ${goals.startFirstFailedRequests} (goal 0); start-first wall time ${goals.startFirstVsFloor.toFixed(2)}× the floor (goal ≤ 1.3); ` +
      `longest gap ${gapSeed} ms with the seed's procedure vs ${gapStart} ms with start-first: ${goals.seedGapOverStartFirstGap.toFixed(1)}× (goal ≥ 3)\n`,
  );
  const machine = { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
  const out = join(ROOT, 'bench', 'results', 'rollback.json');
  const seconds = Object.fromEntries(scenarios.map((k) => [k, results[k].map((m) => m.seconds)]));
  const load = Object.fromEntries(scenarios.map((k) => [k, results[k].map((m) => m.load)]));
  writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), machine, runs, rate: RATE, seconds, load, cliMs: cli, goals }, null, 2)}\n`);
  console.log(`written ${out}`);
}

main().catch((e) => {
  console.error(e);
  spawnSync('docker', ['compose', '-p', project, 'down', '-v', '--remove-orphans'], { cwd: dir, stdio: 'ignore' });
  process.exitCode = 1;
});
