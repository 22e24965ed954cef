// Benchmark: time from a failure's onset to the stack serving the previous version again, with
// `reprise monitor --auto-rollback` and the default health settings (interval 1 s), for
//   (a) a service that stops answering: `docker kill` of the api container;
//   (b) a service that starts answering 500: an api built with `--broken late500` (healthy, then 500s).
// Printed next to two references: the seed's manual procedure (someone notices — not measurable — then
// `down` + `up --env-file .env.rollback` + health wait, taken from bench/results/rollback.json when present,
// measured here otherwise) and Flagger's defaults (analysis interval 60 s × failure threshold 5 = 300 s
// before it even starts rolling back). Writes bench/results/detection.json.
// Run: bash scripts/setup.sh && npx tsc -p . && node dist/bench/detection.js [--runs N]
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
const REPRISE = join(ROOT, 'bin', 'reprise');
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 2;
const uid = Math.random().toString(36).slice(2, 8);
const project = `det${uid}`;
const ports = { API_PORT: '38100', FRONTEND_PORT: '34544', BOT_PORT: '38101' };
const P = `dp${uid}`; // the previous (good) version
const C = `dc${uid}`; // a good current version, killed in scenario (a)
const L = `dl${uid}`; // late500: healthy, then 500 on every route
const BREAK_AFTER_S = 30;
/** Flagger: analysis.interval "default 60s" and threshold 5 (its documented Canary examples): detection alone. */
const FLAGGER_INTERVAL_S = 60;
const FLAGGER_THRESHOLD = 5;
const dir = mkdtempSync(join(tmpdir(), 'reprise-bench-det-'));
const TAGS = ['API_IMAGE_TAG', 'FRONTEND_IMAGE_TAG', 'BOT_IMAGE_TAG', 'API_MIGRATIONS_IMAGE_TAG'];
const URLS = [`http://127.0.0.1:${ports.API_PORT}/health`, `http://127.0.0.1:${ports.FRONTEND_PORT}/health`, `http://127.0.0.1:${ports.BOT_PORT}/health`];

function sh(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): { code: number; out: string; err: string } {
  const r = spawnSync(cmd, args, { cwd: dir, env: { ...process.env, ...ports, REPRISE_LANG: 'en', NO_COLOR: '1', ...env }, encoding: 'utf8', maxBuffer: 64 << 20 });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}
function must(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): string {
  const r = sh(cmd, args, env);
  if (r.code !== 0) throw new Error(`${cmd} ${args.join(' ')} → ${r.code}\n${r.err}`);
  return r.out;
}
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Every health URL answers 2xx with the given version (the api, bot and frontend report theirs). */
async function serving(version: string): Promise<boolean> {
  const answers = await Promise.all(
    URLS.map((u) =>
      fetch(u, { signal: AbortSignal.timeout(1000) })
        .then(async (r) => (r.ok ? ((await r.json()) as { version?: string }).version : null))
        .catch(() => null),
    ),
  );
  return answers.every((v) => v === version);
}

async function waitServing(version: string, timeoutMs = 180_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await serving(version)) return Date.now();
    await sleep(100);
  }
  throw new Error(`the stack never served ${version} again`);
}

function apiContainer(): string {
  const id = must('docker', ['ps', '-q', '--no-trunc', '--filter', `label=com.docker.compose.project=${project}`, '--filter', 'label=com.docker.compose.service=api']).trim().split('\n')[0];
  if (!id) throw new Error('no running api container');
  return id;
}

interface Monitor {
  exited: Promise<{ code: number | null; json: { criterion?: { criterion: string; at: number; text: string }; rolledBack?: { version: string } | null } | null }>;
  stderr: () => string;
}

function startMonitor(): Monitor {
  const child = spawn(REPRISE, ['monitor', '--for', '5m', '--auto-rollback', '--json'], { cwd: dir, env: { ...process.env, ...ports, REPRISE_LANG: 'en', NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exited = new Promise<{ code: number | null; json: never }>((res) =>
    child.on('close', (code) => {
      let json = null;
      try {
        json = JSON.parse(out);
      } catch {
        // reported below with stderr
      }
      res({ code, json: json as never });
    }),
  );
  return { exited, stderr: () => err };
}

async function waitWatching(m: Monitor): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!m.stderr().includes('Watching')) {
    if (Date.now() > deadline) throw new Error(`monitor did not start:\n${m.stderr()}`);
    await sleep(50);
  }
}

interface RunFigures {
  criterion: string;
  detectionS: number;
  restoredS: number;
}

async function scenario(kind: 'stops_answering' | 'http_500'): Promise<RunFigures> {
  must(REPRISE, ['deploy', kind === 'stops_answering' ? C : L, '--yes']);
  const m = startMonitor();
  await waitWatching(m);
  let onset: number;
  if (kind === 'stops_answering') {
    await sleep(3000); // a few healthy samples first
    const id = apiContainer();
    onset = Date.now();
    must('docker', ['kill', id]);
  } else {
    // onset: the api's own log line, with Docker's timestamp
    const id = apiContainer();
    const deadline = Date.now() + (BREAK_AFTER_S + 30) * 1000;
    let line: string | undefined;
    while (!(line = must('docker', ['logs', '-t', id]).split('\n').find((l) => l.includes('broken from now on')))) {
      if (Date.now() > deadline) throw new Error('the late500 api never broke');
      await sleep(200);
    }
    onset = Date.parse(line.split(' ')[0]);
  }
  const back = await waitServing(P);
  const r = await m.exited;
  if (r.code !== 3 || !r.json?.criterion) throw new Error(`monitor exited ${r.code}, expected 3:\n${m.stderr()}`);
  return { criterion: r.json.criterion.criterion, detectionS: (r.json.criterion.at - onset) / 1000, restoredS: (back - onset) / 1000 };
}

/** The seed's procedure (down + up with .env.rollback + health wait), from the rollback bench or measured. */
async function seedReference(): Promise<{ seconds: number; source: string }> {
  const file = join(ROOT, 'bench', 'results', 'rollback.json');
  if (existsSync(file)) {
    const data = JSON.parse(readFileSync(file, 'utf8')) as { seconds?: { seed?: number[] } };
    if (data.seconds?.seed?.length) return { seconds: median(data.seconds.seed), source: 'bench/results/rollback.json (median of seed runs)' };
  }
  writeFileSync(join(dir, '.env.rollback.bench'), `${readFileSync(join(dir, '.env'), 'utf8')}\n${TAGS.map((t) => `${t}=${P}`).join('\n')}\n`, { mode: 0o600 });
  must(REPRISE, ['deploy', C, '--yes']);
  const t0 = Date.now();
  must('docker', ['compose', '-p', project, 'down']);
  must('docker', ['compose', '-p', project, '--env-file', '.env.rollback.bench', 'up', '-d']);
  await waitServing(P);
  const seconds = (Date.now() - t0) / 1000;
  must(REPRISE, ['deploy', P, '--yes']);
  return { seconds, source: 'measured here (down + up --env-file .env.rollback + health wait)' };
}

async function main(): Promise<void> {
  cpSync(join(ROOT, 'examples', 'recyclic'), dir, { recursive: true });
  // default health settings (interval 1 s), English output, a unique compose project
  const yml = readFileSync(join(dir, 'reprise.yml'), 'utf8')
    .replace(/^lang: fr$/m, 'lang: en')
    .replace(/^health: .*$/m, 'health: { timeout: 60s, interval: 1s, readiness_delay: 2s }');
  writeFileSync(join(dir, 'reprise.yml'), `${yml}project: ${project}\n`);
  if (!existsSync(join(dir, '.env'))) writeFileSync(join(dir, '.env'), 'POSTGRES_PASSWORD=bench-only\nSECRET_KEY=bench-only\n', { mode: 0o600 });
  must('bash', [join(ROOT, 'scripts', 'build-images.sh'), P, C]);
  must('bash', [join(ROOT, 'scripts', 'build-images.sh'), '--broken', 'late500', '--break-after', String(BREAK_AFTER_S), L]);
  must(REPRISE, ['deploy', P, '--yes']);

  const results: Record<'stops_answering' | 'http_500', RunFigures[]> = { stops_answering: [], http_500: [] };
  for (let i = 0; i < runs; i++) {
    for (const kind of ['stops_answering', 'http_500'] as const) {
      const f = await scenario(kind);
      results[kind].push(f);
      console.error(`run ${i + 1} ${kind}: ${f.criterion} detected after ${f.detectionS.toFixed(1)} s, previous version served after ${f.restoredS.toFixed(1)} s`);
    }
  }
  const seed = await seedReference();
  const flaggerS = FLAGGER_INTERVAL_S * FLAGGER_THRESHOLD;

  sh('docker', ['compose', '-p', project, 'down', '-v', '--remove-orphans']);
  spawnSync('docker', ['rmi', ...[P, C, L].flatMap((v) => ['recyclic-api', 'recyclic-frontend', 'recyclic-bot', 'recyclic-api-migrations'].map((r) => `${r}:${v}`))], { stdio: 'ignore' });
  rmSync(dir, { recursive: true, force: true });

  const med = (k: keyof typeof results, f: 'detectionS' | 'restoredS'): number => median(results[k].map((x) => x[f]));
  const rows = [
    ['failure → previous version served again', 'detection s (median)', 'restored s (median)', 'runs (restored s)'],
    ...(['stops_answering', 'http_500'] as const).map((k) => [
      `reprise monitor --auto-rollback: ${k === 'stops_answering' ? 'api killed (stops answering)' : 'api answers 500 (late500)'}`,
      med(k, 'detectionS').toFixed(1),
      med(k, 'restoredS').toFixed(1),
      results[k].map((x) => x.restoredS.toFixed(1)).join(' '),
    ]),
    ['seed: someone notices, then down + up --env-file .env.rollback', 'a person (unbounded)', `${seed.seconds.toFixed(1)} + noticing`, seed.source],
    [`Flagger defaults: interval ${FLAGGER_INTERVAL_S} s × threshold ${FLAGGER_THRESHOLD}`, flaggerS.toFixed(0), `> ${flaggerS}`, 'documented constant'],
  ];
  const w = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  console.log(`\n${rows.map((r) => r.map((c, i) => c.padEnd(w[i])).join('  ')).join('\n')}\n\ngoal: under 15 s for both failures\n`);
  const machine = { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
  const out = join(ROOT, 'bench', 'results', 'detection.json');
  writeFileSync(
    out,
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        machine,
        runs,
        health: { intervalMs: 1000, consecutiveFailures: 3, probeTimeoutMs: 2000 },
        seconds: results,
        median: {
          stops_answering: { detection: med('stops_answering', 'detectionS'), restored: med('stops_answering', 'restoredS') },
          http_500: { detection: med('http_500', 'detectionS'), restored: med('http_500', 'restoredS') },
        },
        references: {
          seedManual: { seconds: seed.seconds, plus: 'the time until someone notices', source: seed.source },
          flaggerDefaults: { intervalSeconds: FLAGGER_INTERVAL_S, threshold: FLAGGER_THRESHOLD, detectionSeconds: flaggerS },
        },
        goalSeconds: 15,
      },
      null,
      2,
    )}\n`,
  );
  console.log(`written ${out}`);
}

main().catch((e) => {
  console.error(e);
  spawnSync('docker', ['compose', '-p', project, 'down', '-v', '--remove-orphans'], { cwd: dir, stdio: 'ignore' });
  process.exitCode = 1;
});
