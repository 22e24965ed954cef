// Benchmark: what the demo stack costs the machine while it does nothing. Every Docker healthcheck probe is
// a `docker exec` (runc, containerd-shim, dockerd), so the probe interval decides how much CPU an idle stack
// takes from the releases, tests and users sharing the host. Measured in the same run, each for --seconds:
//   - nothing running (the floor),
//   - the demo stack as shipped (examples/recyclic/docker-compose.yml: 2 s versioned services, 3 s db/cache/proxy),
//   - the same stack with the former intervals (0.5 s db/cache/proxy, 1 s api/bot/frontend): the baseline.
// CPU is read from /proc/stat (all cores, user + system + irq + steal) and given as a share of the whole
// machine and in cores. Writes bench/results/idle-cpu.json.
// Run: bash scripts/setup.sh && npx tsc -p . && node dist/bench/idle-cpu.js [--seconds N]
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
const secondsArg = process.argv.indexOf('--seconds');
const SECONDS = (secondsArg > 0 && Number(process.argv[secondsArg + 1])) || 30;
const uid = Math.random().toString(36).slice(2, 8);
const project = `idle${uid}`;
const dir = mkdtempSync(join(tmpdir(), 'reprise-bench-idle-'));
const env: NodeJS.ProcessEnv = {
  ...process.env,
  API_PORT: '38200',
  FRONTEND_PORT: '34644',
  BOT_PORT: '38201',
  // the set-up builds the demo images under this tag
  API_IMAGE_TAG: 'demo001',
  FRONTEND_IMAGE_TAG: 'demo001',
  BOT_IMAGE_TAG: 'demo001',
  API_MIGRATIONS_IMAGE_TAG: 'demo001',
};

function compose(args: string[]): void {
  const r = spawnSync('docker', ['compose', '-p', project, ...args], { cwd: dir, env, encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0) throw new Error(`docker compose ${args.join(' ')} → ${r.status}\n${r.stderr}`);
}

/** Busy and total jiffies of all cores since boot. */
function cpuTimes(): { busy: number; total: number } {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = f;
  const busy = user + nice + system + irq + softirq + steal;
  return { busy, total: busy + idle + iowait };
}

async function busyShare(): Promise<number> {
  const a = cpuTimes();
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  const b = cpuTimes();
  return (b.busy - a.busy) / (b.total - a.total);
}

/** Up with --wait, a few seconds to settle, then the measurement; always down again. */
async function measureStack(file: string): Promise<number> {
  writeFileSync(join(dir, 'docker-compose.yml'), file);
  compose(['up', '-d', '--wait']);
  try {
    await new Promise((r) => setTimeout(r, 5000));
    return await busyShare();
  } finally {
    compose(['down', '-v', '--remove-orphans', '--timeout', '2']);
  }
}

async function main(): Promise<void> {
  cpSync(join(ROOT, 'examples', 'recyclic'), dir, { recursive: true });
  const shipped = readFileSync(join(dir, 'docker-compose.yml'), 'utf8');
  // the two former settings: every 0.5–1 s, then every 2–3 s (api, frontend, bot every 2 s, db, cache and proxy
  // every 3 s); shipped: api, frontend, bot and proxy every 10 s, db and cache every 3 s
  const asBefore = (versioned: string, infra: string): string =>
    shipped.replace(/^ {6}interval: 3s$/gm, `      interval: ${infra}`).replace(/^( {4}proxy:[\s\S]*? {6}interval: )10s$/m, `$1${infra}`).replace(/^ {6}interval: 10s$/gm, `      interval: ${versioned}`);
  const oldest = asBefore('1s', '500ms');
  const former = asBefore('2s', '3s');
  if (former === shipped || oldest === shipped) throw new Error('the demo compose file no longer has the intervals this benchmark rewrites');
  const cores = cpus().length;
  const rows: Array<{ what: string; share: number }> = [];
  rows.push({ what: 'nothing running', share: await busyShare() });
  rows.push({ what: 'demo stack, probes every 0.5–1 s (first, baseline)', share: await measureStack(oldest) });
  rows.push({ what: 'demo stack, probes every 2–3 s (former)', share: await measureStack(former) });
  rows.push({ what: 'demo stack, probes every 10 s, db and cache 3 s (shipped)', share: await measureStack(shipped) });
  console.log(`Idle demo stack (7 services, 6 with healthchecks), ${SECONDS} s each, ${cores} cores:`);
  console.log('| what | CPU of the machine | cores busy |');
  console.log('|---|---|---|');
  for (const r of rows) console.log(`| ${r.what} | ${(r.share * 100).toFixed(1)} % | ${(r.share * cores).toFixed(2)} |`);
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(
    join(ROOT, 'bench', 'results', 'idle-cpu.json'),
    `${JSON.stringify({ date: new Date().toISOString(), seconds: SECONDS, cores, rows: rows.map((r) => ({ what: r.what, cpuShare: Number(r.share.toFixed(4)), coresBusy: Number((r.share * cores).toFixed(2)) })) }, null, 2)}\n`,
  );
}

main()
  .catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exitCode = 1;
  })
  .finally(() => rmSync(dir, { recursive: true, force: true }));
