// Soak: N alternating deploy / rollback cycles on the demo stack (issue 9). Each cycle is `deploy B` then
// `rollback --yes` (back to A). Prints, side by side: the durations of the first and the last 10 operations
// of each kind, the peak memory of the reprise process (VmHWM) against a bare `node -e 0` measured the same
// way, what is left behind (containers, networks, images, volumes) against the state before the soak, and
// the history and metrics entry counts against the attempts made (goal: exactly one per attempt).
// Writes bench/results/soak.json (or --json-out FILE). Exit 1 when a goal is missed.
// Run: bash scripts/setup.sh && node dist/bench/soak.js [--cycles 100] [--port-base 39000] [--json-out FILE]
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
const REPRISE = join(ROOT, 'bin', 'reprise');
const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const cycles = Number(arg('--cycles') ?? 100);
const portBase = Number(arg('--port-base') ?? 39000);
const jsonOut = arg('--json-out') ?? join(ROOT, 'bench', 'results', 'soak.json');
const uid = Math.random().toString(36).slice(2, 8);
const project = `soak${uid}`;
const A = `sa${uid}`;
const B = `sb${uid}`;
const dir = mkdtempSync(join(tmpdir(), 'reprise-soak-'));
const env = { ...process.env, API_PORT: String(portBase), FRONTEND_PORT: String(portBase + 1), BOT_PORT: String(portBase + 2), REPRISE_LANG: 'en', NO_COLOR: '1' };

interface Op {
  kind: 'deploy' | 'rollback' | 'baseline';
  seconds: number;
  peakRssMiB: number;
  code: number | null;
}

/** Runs a command, sampling /proc/<pid>/status for its peak resident memory (VmHWM) until it exits. */
function measured(kind: Op['kind'], cmd: string, args: string[]): Promise<Op> {
  return new Promise((res) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { cwd: dir, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err = (err + d).slice(-4000)));
    let peakKiB = 0;
    const sample = (): void => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peakKiB = Math.max(peakKiB, Number(m[1]));
      } catch {
        // exited between two samples
      }
    };
    const timer = setInterval(sample, 20);
    child.on('close', (code) => {
      clearInterval(timer);
      if (code !== 0) process.stderr.write(`${kind} exited ${code}:\n${err}\n`);
      res({ kind, seconds: (performance.now() - t0) / 1000, peakRssMiB: peakKiB / 1024, code });
    });
  });
}

function docker(args: string[]): string[] {
  return spawnSync('docker', args, { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
}
/** what the soak's project owns (its compose label) and the demo's images: other work on the engine is left out */
function inventory(): Record<'containers' | 'networks' | 'images' | 'volumes', string[]> {
  const label = `label=com.docker.compose.project=${project}`;
  return {
    containers: docker(['ps', '-aq', '--filter', label]),
    networks: docker(['network', 'ls', '-q', '--filter', label]),
    images: docker(['images', '-aq', '--no-trunc', '--filter', 'label=org.reprise.demo=1']),
    volumes: docker(['volume', 'ls', '-q', '--filter', label]),
  };
}
const median = (xs: number[]): number => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] : NaN);
const fmt = (n: number, d = 1): string => (Number.isFinite(n) ? n.toFixed(d) : '-');

async function main(): Promise<void> {
  cpSync(join(ROOT, 'examples', 'recyclic'), dir, { recursive: true });
  // the demo's configuration without its pre-deploy database backup: the soak measures reprise itself
  const config = readFileSync(join(dir, 'reprise.yml'), 'utf8').replace(/^lang: fr$/m, 'lang: en').replace(/^hooks:[\s\S]*$/m, '') + `project: ${project}\n`;
  writeFileSync(join(dir, 'reprise.yml'), config);
  const build = spawnSync('bash', [join(ROOT, 'scripts', 'build-images.sh'), A, B], { encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build-images.sh failed:\n${build.stderr}`);
  const first = await measured('deploy', REPRISE, ['deploy', A, '--yes']);
  if (first.code !== 0) throw new Error('the first deploy failed');
  const before = inventory();
  const releases0 = history().length;

  const ops: Op[] = [];
  const baseline: Op[] = [];
  for (let i = 0; i < cycles; i++) {
    ops.push(await measured('deploy', REPRISE, ['deploy', B, '--yes']));
    ops.push(await measured('rollback', REPRISE, ['rollback', '--yes']));
    baseline.push(await measured('baseline', process.execPath, ['-e', 'setTimeout(() => {}, 100)']));
    process.stderr.write(`cycle ${i + 1}/${cycles}: deploy ${fmt(ops.at(-2)!.seconds)} s, rollback ${fmt(ops.at(-1)!.seconds)} s\n`);
  }

  const after = inventory();
  // by count: the stack's own containers are recreated (new ids) at every release, as they should be
  const left = Object.fromEntries(Object.entries(after).map(([k, ids]) => [k, ids.length - before[k as keyof typeof before].length])) as Record<keyof typeof after, number>;
  const releases = history();
  const metricsFile = join(dir, 'logs', 'rollback-metrics.json');
  const metrics = existsSync(metricsFile) ? (JSON.parse(readFileSync(metricsFile, 'utf8')) as unknown[]) : [];
  const kinds = ['deploy', 'rollback'] as const;
  const stats = Object.fromEntries(
    kinds.map((k) => {
      const list = ops.filter((o) => o.kind === k);
      const head = list.slice(0, 10);
      const tail = list.slice(-10);
      return [k, { count: list.length, failed: list.filter((o) => o.code !== 0).length, firstSeconds: median(head.map((o) => o.seconds)), lastSeconds: median(tail.map((o) => o.seconds)), firstPeakMiB: median(head.map((o) => o.peakRssMiB)), lastPeakMiB: median(tail.map((o) => o.peakRssMiB)), maxPeakMiB: Math.max(...list.map((o) => o.peakRssMiB)) }];
    }),
  ) as Record<(typeof kinds)[number], { count: number; failed: number; firstSeconds: number; lastSeconds: number; firstPeakMiB: number; lastPeakMiB: number; maxPeakMiB: number }>;
  const result = {
    cycles,
    operations: stats,
    baselinePeakMiB: median(baseline.map((o) => o.peakRssMiB)),
    leftBehind: left,
    history: { releasesAdded: releases.length - releases0, attempts: ops.length },
    metrics: { entries: metrics.length, rollbackAttempts: ops.filter((o) => o.kind === 'rollback').length },
  };

  console.log(`\nSoak: ${cycles} cycles (deploy ${B} → rollback to ${A}), project ${project}`);
  console.log('kind      count failed  median s (first 10 → last 10)  peak MiB (first 10 → last 10, max)');
  for (const k of kinds) {
    const s = stats[k];
    console.log(`${k.padEnd(9)} ${String(s.count).padStart(5)} ${String(s.failed).padStart(6)}  ${fmt(s.firstSeconds).padStart(8)} → ${fmt(s.lastSeconds).padEnd(18)}  ${fmt(s.firstPeakMiB)} → ${fmt(s.lastPeakMiB)}, max ${fmt(s.maxPeakMiB)}`);
  }
  console.log(`baseline  node -e (100 ms)                                peak ${fmt(result.baselinePeakMiB)} MiB`);
  console.log(`left behind (goal 0 each): containers ${left.containers}, networks ${left.networks}, images ${left.images}, volumes ${left.volumes}`);
  console.log(`history: ${result.history.releasesAdded} releases for ${result.history.attempts} attempts (goal: equal)`);
  console.log(`metrics file: ${result.metrics.entries} entries for ${result.metrics.rollbackAttempts} rollback attempts (goal: equal)`);
  mkdirSync(dirname(jsonOut), { recursive: true });
  writeFileSync(jsonOut, `${JSON.stringify(result, null, 2)}\n`);

  cleanup();
  const ok =
    stats.deploy.failed + stats.rollback.failed === 0 &&
    Object.values(left).every((n) => n === 0) &&
    result.history.releasesAdded === result.history.attempts &&
    result.metrics.entries === result.metrics.rollbackAttempts;
  if (!ok) {
    console.log('GOAL MISSED');
    process.exitCode = 1;
  }
}

function history(): unknown[] {
  const r = spawnSync(REPRISE, ['history', '--json', '--limit', '100000'], { cwd: dir, env, encoding: 'utf8', maxBuffer: 256 << 20 });
  return (JSON.parse(r.stdout) as { releases: unknown[] }).releases;
}

/** the soak's stack, its two versions' images and its directory */
function cleanup(): void {
  spawnSync('docker', ['compose', '-p', project, 'down', '-v', '--remove-orphans'], { cwd: dir, env, stdio: 'ignore' });
  spawnSync('docker', ['rmi', ...['recyclic-api', 'recyclic-frontend', 'recyclic-bot', 'recyclic-api-migrations'].flatMap((r) => [`${r}:${A}`, `${r}:${B}`])], { stdio: 'ignore' });
  rmSync(dir, { recursive: true, force: true });
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    cleanup();
    process.exit(1);
  });
}

main().catch((e: unknown) => {
  console.error(e);
  cleanup();
  process.exitCode = 1;
});
