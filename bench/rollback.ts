// Benchmark: `reprise rollback --yes` next to (a) the floor — plain compose `up -d --no-deps` of the same
// services with the target tags, then the same health wait — and (b) the seed's procedure (`down`, then
// `up -d --env-file .env.rollback`, then the health wait). Also `versions --json` / `status --json` with
// 1,000 releases in the history. Prints a table and writes JSON under bench/results/.
// Run: bash scripts/setup.sh && node dist/bench/rollback.js [--runs N]
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { Store } from '../src/adapters/store';

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

function sh(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}, input?: string): { code: number; out: string; err: string } {
  const r = spawnSync(cmd, args, { cwd: dir, env: { ...process.env, ...ports, ...env }, encoding: 'utf8', input, maxBuffer: 64 << 20 });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}
function must(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): string {
  const r = sh(cmd, args, env);
  if (r.code !== 0) throw new Error(`${cmd} ${args.join(' ')} → ${r.code}\n${r.err}`);
  return r.out;
}
const tags = (v: string): Record<string, string> => Object.fromEntries(TAGS.map((t) => [t, v]));
const now = (): number => performance.now();
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function healthWait(version: string): Promise<void> {
  const urls = [`http://127.0.0.1:${ports.API_PORT}/health`, `http://127.0.0.1:${ports.FRONTEND_PORT}/health`, `http://127.0.0.1:${ports.BOT_PORT}/health`];
  const deadline = Date.now() + 120_000;
  for (;;) {
    const ps = must('docker', ['ps', '--filter', `label=com.docker.compose.project=${project}`, '--format', '{{.Image}} {{.Status}}']);
    const apps = ps.split('\n').filter((l) => /recyclic-(api|bot|frontend):/.test(l));
    const dockerOk = apps.length === 3 && apps.every((l) => l.includes(`:${version} `) && l.includes('(healthy)'));
    if (dockerOk) {
      const probes = await Promise.all(urls.map((u) => fetch(u, { signal: AbortSignal.timeout(2000) }).then((r) => r.ok, () => false)));
      if (probes.every(Boolean)) return;
    }
    if (Date.now() > deadline) throw new Error(`not healthy on ${version}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function compose(args: string[], env: NodeJS.ProcessEnv = {}): void {
  must('docker', ['compose', '-p', project, ...args], env);
}

async function main(): Promise<void> {
  cpSync(join(ROOT, 'examples', 'recyclic'), dir, { recursive: true });
  writeFileSync(join(dir, 'reprise.yml'), readFileSync(join(dir, 'reprise.yml'), 'utf8').replace(/^lang: fr$/m, 'lang: en') + `project: ${project}\n`);
  must('bash', [join(ROOT, 'scripts', 'build-images.sh'), A, B]);
  must(REPRISE, ['deploy', A, '--yes']);
  must(REPRISE, ['deploy', B, '--yes']);

  const results: Record<string, number[]> = { reprise: [], floor: [], seed: [] };
  for (let i = 0; i < runs; i++) {
    // reprise: B → A
    let t0 = now();
    must(REPRISE, ['rollback', A, '--yes']);
    results.reprise.push((now() - t0) / 1000);
    must(REPRISE, ['deploy', B, '--yes']);

    // floor: plain compose of the same services with A's tags, same health wait
    t0 = now();
    for (const s of SERVICES) compose(['up', '-d', '--no-deps', s], tags(A));
    await healthWait(A);
    results.floor.push((now() - t0) / 1000);
    for (const s of SERVICES) compose(['up', '-d', '--no-deps', s], tags(B));
    await healthWait(B);

    // seed: down (database included), then up with .env.rollback, then the health wait
    writeFileSync(join(dir, '.env.rollback.bench'), `${readFileSync(join(dir, '.env'), 'utf8')}\n${TAGS.map((t) => `${t}=${A}`).join('\n')}\n`, { mode: 0o600 });
    t0 = now();
    compose(['down']);
    compose(['--env-file', '.env.rollback.bench', 'up', '-d']);
    await healthWait(A);
    results.seed.push((now() - t0) / 1000);
    compose(['--env-file', '.env.rollback.bench', 'down']);
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
    for (const [name, args] of [['versions --json', [REPRISE, 'versions', '--json']], ['status --json', [REPRISE, 'status', '--json']], ['node -e 0 (baseline)', ['-e', '0']]] as const) {
      const t0 = now();
      must(process.execPath, [...args]);
      cli[name].push(now() - t0);
    }
  }

  compose(['down', '-v', '--remove-orphans'], tags(B));
  spawnSync('docker', ['rmi', ...[A, B].flatMap((v) => ['recyclic-api', 'recyclic-frontend', 'recyclic-bot', 'recyclic-api-migrations'].map((r) => `${r}:${v}`))], { stdio: 'ignore' });

  const floor = median(results.floor);
  const rows = [
    ['rollback of 4 services', 'median s', 'runs', '× floor'],
    ...(['reprise', 'floor', 'seed'] as const).map((k) => [k === 'reprise' ? 'reprise rollback --yes' : k === 'floor' ? 'floor: compose up --no-deps + health wait' : "seed: down + up --env-file .env.rollback", median(results[k]).toFixed(2), results[k].map((x) => x.toFixed(2)).join(' '), (median(results[k]) / floor).toFixed(2)]),
  ];
  const cliRows = [['command (1,000 releases)', 'median ms'], ...Object.entries(cli).map(([k, v]) => [k, median(v).toFixed(0)])];
  const fmt = (t: string[][]): string => {
    const w = t[0].map((_, i) => Math.max(...t.map((r) => r[i].length)));
    return t.map((r) => r.map((c, i) => c.padEnd(w[i])).join('  ')).join('\n');
  };
  console.log(`\n${fmt(rows)}\n\n${fmt(cliRows)}\n`);
  const machine = { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
  const out = join(ROOT, 'bench', 'results', 'rollback.json');
  writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), machine, runs, seconds: results, cliMs: cli, goals: { repriseVsFloor: median(results.reprise) / floor, repriseVsSeed: median(results.reprise) / median(results.seed) } }, null, 2)}\n`);
  console.log(`written ${out}`);
}

main().catch((e) => {
  console.error(e);
  spawnSync('docker', ['compose', '-p', project, 'down', '-v', '--remove-orphans'], { cwd: dir, stdio: 'ignore' });
  process.exitCode = 1;
});
