// Benchmark of a rollback on a stack as people write it (issue 17): the prod-like fixture
// (test/fixtures/prod-like: container_name everywhere, healthchecks every 30 s with a 30 s start period,
// two env files, docker-compose.prod.yml, a migrations one-shot) behind a router outside the project
// (HAProxy from Debian's package, test/fixtures/routers/haproxy.cfg, resolving `api` through Docker's DNS).
// While 20 requests/s go through the router (127.0.0.1 only, bounded), each of these takes the stack from B
// back to A, in turn:
//   (a) `reprise rollback A --yes` with `router: {kind: dns}` (the twins: start-first, container_name kept);
//   (b) `reprise rollback A --yes` without `router:` (every service recreated: compose stops, then starts);
//   (c) plain compose, as the user did before: the env file's tags set to A, `docker compose … up -d`, then
//       waiting until Docker reports every service healthy on A (its healthcheck runs every 30 s).
// Reported: wall time, failed requests, the longest gap without a successful answer, p99 latency.
// Prints a table and writes bench/results/router-rollback.json.
// Run: bash scripts/setup.sh && node dist/bench/router-rollback.js [--runs N]
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse, stringify } from 'yaml';
import { startLoad, type LoadReport } from './load';

const ROOT = resolve(__dirname, '..', '..');
const REPRISE = join(ROOT, 'bin', 'reprise');
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 1;
const uid = Math.random().toString(36).slice(2, 8);
const NAME = `benchrt${uid}`;
const PREFIX = `benchrt-${uid}`;
const EDGE = `benchrt-edge-${uid}`;
const ROUTER = `benchrt-haproxy-${uid}`;
const PORT = 38_280;
const A = `ra${uid}`;
const B = `rb${uid}`;
const RATE = 20;
const dir = mkdtempSync(join(tmpdir(), 'reprise-bench-router-'));
const COMPOSE = ['compose', '-p', NAME, '-f', 'docker-compose.prod.yml', '--env-file', '.env.production', '--env-file', '.build-meta.env'];
const LONG_RUNNING = ['api', 'frontend', 'bot'];

function must(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { cwd: dir, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} → ${r.status}\n${r.stderr}`);
  return r.stdout;
}
/** Without blocking the event loop (the load keeps its rate). */
function mustAsync(cmd: string, args: string[]): Promise<string> {
  return new Promise((res, rej) => {
    const c = spawn(cmd, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    c.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    c.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    c.on('close', (code) => (code === 0 ? res(out) : rej(new Error(`${cmd} ${args.join(' ')} → ${code}\n${err}`))));
  });
}

function setTags(version: string): void {
  const file = join(dir, '.build-meta.env');
  writeFileSync(file, readFileSync(file, 'utf8').replace(/^(\s*(?:export\s+)?[A-Z_]+_IMAGE_TAG=)"?[^"\s#]*"?/gm, `$1${version}`));
}

/** Until every long-running service runs `version` and Docker reports it healthy. */
async function dockerHealthy(version: string): Promise<void> {
  const deadline = Date.now() + 240_000;
  for (;;) {
    const ps = await mustAsync('docker', ['ps', '--filter', `label=com.docker.compose.project=${NAME}`, '--format', '{{.Label "com.docker.compose.service"}} {{.Image}} {{.Status}}']);
    const lines = ps.split('\n').filter(Boolean);
    if (LONG_RUNNING.every((s) => lines.some((l) => l.startsWith(`${s} recyclic-${s}:${version} `) && l.includes('(healthy)')))) return;
    if (Date.now() > deadline) throw new Error(`not healthy on ${version}:\n${ps}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

interface Measure {
  seconds: number;
  load: LoadReport;
}

async function underLoad(fn: () => Promise<unknown>): Promise<Measure> {
  const load = startLoad([`http://127.0.0.1:${PORT}/`], RATE, { timeoutMs: 5000, maxRequests: 10_000 });
  await new Promise((r) => setTimeout(r, 500));
  const t0 = performance.now();
  await fn();
  const seconds = (performance.now() - t0) / 1000;
  await new Promise((r) => setTimeout(r, 1000));
  return { seconds, load: await load.stop() };
}

function writeConfig(withRouter: boolean): void {
  const cfg = parse(readFileSync(join(dir, 'reprise.yml'), 'utf8')) as Record<string, unknown>;
  if (withRouter) cfg.router = { kind: 'dns', services: ['api', 'frontend'], settle: '2s' };
  else delete cfg.router;
  writeFileSync(join(dir, 'reprise.yml'), stringify(cfg));
}

async function main(): Promise<void> {
  cpSync(join(ROOT, 'test', 'fixtures', 'prod-like'), dir, { recursive: true });
  const prod = join(dir, '.env.production');
  writeFileSync(prod, readFileSync(prod, 'utf8').replace(/^CONTAINER_PREFIX=.*$/m, `CONTAINER_PREFIX=${PREFIX}`).replace(/^EDGE_NETWORK=.*$/m, `EDGE_NETWORK=${EDGE}`));
  chmodSync(prod, 0o600);
  setTags(A);
  must('bash', [join(ROOT, 'scripts', 'build-images.sh'), A, B]);
  must('bash', [join(ROOT, 'scripts', 'build-routers.sh'), 'haproxy']);
  must('docker', ['network', 'create', EDGE]);
  try {
    must('docker', [...COMPOSE, 'up', '-d']);
    await dockerHealthy(A);
    must('docker', ['run', '-d', '--name', ROUTER, '--network', EDGE, '-p', `127.0.0.1:${PORT}:8080`, '-e', 'BACKEND_HOST=api', '-e', 'BACKEND_PORT=8000', '-v', `${join(ROOT, 'test', 'fixtures', 'routers', 'haproxy.cfg')}:/usr/local/etc/haproxy/haproxy.cfg:ro`, 'reprise-router-haproxy:2.6']);
    must(REPRISE, ['init', '--yes']);
    const results: Record<'twins' | 'recreate' | 'plain', Measure[]> = { twins: [], recreate: [], plain: [] };
    for (let i = 0; i < runs; i++) {
      // (a) reprise with router: — B, then back to A under the load
      writeConfig(true);
      must(REPRISE, ['deploy', B, '--yes']);
      results.twins.push(await underLoad(() => mustAsync(REPRISE, ['rollback', A, '--yes'])));
      // (b) reprise without router: every service recreated
      writeConfig(false);
      must(REPRISE, ['deploy', B, '--yes']);
      results.recreate.push(await underLoad(() => mustAsync(REPRISE, ['rollback', A, '--yes'])));
      // (c) plain compose: B, then A with the env file's tags and Docker's health
      setTags(B);
      must('docker', [...COMPOSE, 'up', '-d']);
      await dockerHealthy(B);
      results.plain.push(
        await underLoad(async () => {
          setTags(A);
          await mustAsync('docker', [...COMPOSE, 'up', '-d']);
          await dockerHealthy(A);
        }),
      );
    }
    const row = (label: string, ms: Measure[]): string => {
      const m = ms[ms.length - 1];
      const secs = ms.map((x) => x.seconds.toFixed(1)).join(' / ');
      const failed = ms.map((x) => `${x.load.failed}/${x.load.requests}`).join(' / ');
      return `${label.padEnd(46)} ${secs.padStart(14)} s   failed ${failed.padStart(12)}   longest gap ${String(m.load.longestGapMs).padStart(6)} ms   p99 ${String(m.load.p99Ms).padStart(5)} ms`;
    };
    console.log(`\nRollback B → A on the prod-like stack behind HAProxy (outside the project), ${RATE} requests/s, ${runs} run(s), ${cpus().length} cores`);
    console.log(row('(a) reprise, router: kind dns (twins)', results.twins));
    console.log(row('(b) reprise, no router: (recreate)', results.recreate));
    console.log(row('(c) plain compose up -d + Docker health', results.plain));
    mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
    writeFileSync(join(ROOT, 'bench', 'results', 'router-rollback.json'), JSON.stringify({ date: new Date().toISOString(), rate: RATE, runs, results }, null, 2) + '\n');
  } finally {
    spawnSync('docker', ['rm', '-f', ROUTER], { encoding: 'utf8' });
    spawnSync('docker', [...COMPOSE, 'down', '-v', '--remove-orphans', '-t', '2'], { cwd: dir, encoding: 'utf8' });
    spawnSync('docker', ['network', 'rm', EDGE], { encoding: 'utf8' });
    const images = spawnSync('docker', ['images', '--format', '{{.Repository}}:{{.Tag}}'], { encoding: 'utf8' }).stdout.split('\n').filter((i) => i.endsWith(`:${A}`) || i.endsWith(`:${B}`));
    if (images.length) spawnSync('docker', ['rmi', ...images], { encoding: 'utf8' });
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: Error) => {
  console.error(e.message);
  process.exit(1);
});
