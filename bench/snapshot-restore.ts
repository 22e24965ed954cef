// Benchmark (issue 22): snapshot and restore time of a PostgreSQL database of about --mb MB (default 100),
// next to plain pg_dump / pg_restore run by hand in the same run, on the same container and data.
// The project: a throw-away directory with a compose file holding one versioned service (the demo's bot,
// built for two versions with `build-images.sh --only bot`) and `pg` on reprise-postgres:15, which reprise
// never touches; reprise.yml has `data: { snapshot: always, services: { pg: { kind: postgres } } }`, so every
// deploy that changes the bot takes a snapshot. Measured --runs times each (default 3), min and median:
//   - baseline dump:    docker exec ID pg_dump -Fc -U recyclic -d recyclic > file
//   - reprise snapshot: `reprise deploy B --yes` with the snapshot, and its pg_dump phase alone (the time
//                       between its "Snapshot of pg…" and "✓ pg: backups/…" lines on stderr); `reprise deploy A
//                       --yes --no-snapshot` too: the difference of the two whole deploys is the snapshot cost
//   - baseline restore: docker exec -i ID pg_restore --clean --if-exists --single-transaction --no-owner … < file
//                       (reprise's own pg_restore options: --no-owner changes nothing here, one owner)
//   - reprise restore:  `reprise snapshots restore ID --yes --json` (SHA-256 check, a safety snapshot of the
//                       data as it is, PUT archive, pg_restore), whole and its restore phase alone ("Restoring pg
//                       from snapshot…" to "✓ pg restored…"); the whole is also set next to baseline dump+restore.
// Phases are read from reprise's own progress lines (no node start-up in them); the baseline's times include the
// docker CLI's start (tens of ms). No credential on any command line: the password is in the project's .env only (compose reads it); psql,
// pg_dump and pg_restore run in the container over its local socket (trust). Writes bench/results/snapshot-restore.json.
// Run: bash scripts/setup.sh && npx tsc -p . && node dist/bench/snapshot-restore.js [--runs N] [--mb N]
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
const REPRISE = join(ROOT, 'bin', 'reprise');
const arg = (name: string, def: number): number => {
  const i = process.argv.indexOf(name);
  return (i > 0 && Number(process.argv[i + 1])) || def;
};
const runs = arg('--runs', 3);
const MB = arg('--mb', 100);
const uid = Math.random().toString(36).slice(2, 8);
const project = `snap${uid}`;
const A = `sa${uid}`;
const B = `sb${uid}`;
const BOT_PORT = '38301';
const dir = mkdtempSync(join(tmpdir(), 'reprise-bench-snap-'));
const env: NodeJS.ProcessEnv = { ...process.env, REPRISE_LANG: 'en', NO_COLOR: '1' };

const COMPOSE = `services:
  bot:
    image: recyclic-bot:\${BOT_IMAGE_TAG:-latest}
    ports:
      - "127.0.0.1:\${BOT_PORT}:8001"
    healthcheck:
      test: ["CMD-SHELL", "wget -q -O - http://127.0.0.1:8001/health | grep -q '\\"status\\":\\"ok\\"'"]
      interval: 2s
      timeout: 2s
      retries: 3
      start_period: 2s
    restart: unless-stopped
  pg:
    image: reprise-postgres:15
    environment:
      POSTGRES_USER: recyclic
      POSTGRES_DB: recyclic
      POSTGRES_PASSWORD: \${POSTGRES_PASSWORD}
    volumes:
      - pg-data:/var/lib/postgresql/data
    healthcheck:
      test: ["CMD-SHELL", "pg_isready -q -h /run/postgresql"]
      interval: 2s
      timeout: 2s
      retries: 5
      start_period: 10s
    restart: unless-stopped
volumes:
  pg-data:
`;
const CONFIG = `project: ${project}
lang: en
health: { timeout: 60s, interval: 500ms, readiness_delay: 1s }
services:
  bot: { health: { url: "http://127.0.0.1:\${BOT_PORT}/health" } }
data:
  snapshot: always
  services:
    pg: { kind: postgres }
`;

function must(cmd: string, args: string[], input?: string): string {
  const r = spawnSync(cmd, args, { cwd: dir, env, encoding: 'utf8', input, maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} → ${r.status}\n${r.stderr}`);
  return r.stdout;
}
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const min = (xs: number[]): number => Math.min(...xs);

interface Timed {
  ms: number;
  out: string;
  /** ms from the start to the stderr line matching `re` */
  at: (re: RegExp) => number;
}

/** A command, timed, each stderr line stamped on arrival (reprise writes its progress lines as it goes). */
function timed(cmd: string, args: string[]): Promise<Timed> {
  return new Promise((res, rej) => {
    const t0 = performance.now();
    const c = spawn(cmd, args, { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: Array<{ t: number; text: string }> = [];
    let out = '';
    let err = '';
    let partial = '';
    c.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    c.stderr.setEncoding('utf8').on('data', (d: string) => {
      const t = performance.now() - t0;
      err += d;
      const parts = (partial + d).split('\n');
      partial = parts.pop() ?? '';
      for (const text of parts) lines.push({ t, text });
    });
    c.on('close', (code) => {
      const ms = performance.now() - t0;
      if (code !== 0) return rej(new Error(`${cmd} ${args.join(' ')} → ${code}\n${err}`));
      const at = (re: RegExp): number => {
        const l = lines.find((x) => re.test(x.text));
        if (!l) throw new Error(`no line matching ${re} in:\n${err}`);
        return l.t;
      };
      res({ ms, out, at });
    });
  });
}

/** A docker exec with stdin or stdout on a file, timed (the way one runs pg_dump/pg_restore by hand). */
function execWithFile(args: string[], file: string, direction: 'in' | 'out'): number {
  const fd = openSync(file, direction === 'out' ? 'w' : 'r', 0o600);
  try {
    const t0 = performance.now();
    const r = spawnSync('docker', args, { env, encoding: 'utf8', stdio: direction === 'out' ? ['ignore', fd, 'pipe'] : [fd, 'ignore', 'pipe'], maxBuffer: 64 << 20 });
    const ms = performance.now() - t0;
    if (r.status !== 0) throw new Error(`docker ${args.join(' ')} → ${r.status}\n${r.stderr}`);
    return ms;
  } finally {
    closeSync(fd);
  }
}

function pgContainer(): string {
  const id = must('docker', ['ps', '-q', '--no-trunc', '--filter', `label=com.docker.compose.project=${project}`, '--filter', 'label=com.docker.compose.service=pg']).trim().split('\n')[0];
  if (!id) throw new Error('no running pg container');
  return id;
}

async function main(): Promise<void> {
  if (spawnSync('docker', ['image', 'inspect', 'reprise-postgres:15'], { stdio: 'ignore' }).status !== 0) {
    console.error('skipped: reprise-postgres:15 is not built (bash scripts/setup.sh)');
    return;
  }
  writeFileSync(join(dir, 'docker-compose.yml'), COMPOSE);
  writeFileSync(join(dir, 'reprise.yml'), CONFIG);
  writeFileSync(join(dir, '.env'), `POSTGRES_PASSWORD=bench-${randomBytes(12).toString('hex')}\nBOT_PORT=${BOT_PORT}\n`, { mode: 0o600 });
  must('bash', [join(ROOT, 'scripts', 'build-images.sh'), '--only', 'bot', A, B]);
  must(REPRISE, ['deploy', A, '--yes', '--json']); // the first deploy: nothing to protect yet, no snapshot
  must('docker', ['compose', '-p', project, 'up', '-d', '--wait', 'pg']); // as an operator starts the database
  const id = pgContainer();
  const psql = (sql: string): string => must('docker', ['exec', id, 'psql', '-v', 'ON_ERROR_STOP=1', '-U', 'recyclic', '-d', 'recyclic', '-At', '-c', sql]).trim();

  // ~MB MB: rows of an integer key and 232 characters, added until pg_database_size reaches the target
  const target = MB * 2 ** 20;
  psql('CREATE TABLE bench_rows (id bigint PRIMARY KEY, body text)');
  let next = 1;
  let perRow = 300; // bytes per row with its index entry, first guess; measured after the first batch
  for (let size = Number(psql('SELECT pg_database_size(current_database())')), i = 0; size < target * 0.98 && i < 6; i++) {
    const rows = Math.ceil((target - size) / perRow);
    psql(`INSERT INTO bench_rows SELECT g, md5(g::text) || repeat('x', 200) FROM generate_series(${next}, ${next + rows - 1}) g`);
    next += rows;
    const now = Number(psql('SELECT pg_database_size(current_database())'));
    perRow = Math.max(50, (now - size) / rows);
    size = now;
  }
  const dbBytes = Number(psql('SELECT pg_database_size(current_database())'));
  console.error(`database: ${psql('SELECT pg_size_pretty(pg_database_size(current_database()))')} (${dbBytes} bytes, ${next - 1} rows)`);

  const ms: Record<string, number[]> = { baselineDump: [], baselineRestore: [], baselineDumpRestore: [], snapshotPhase: [], deployWithSnapshot: [], deployNoSnapshot: [], snapshotCost: [], restoreCommand: [], safetyPhase: [], restorePhase: [] };
  const baselineFile = join(dir, 'baseline.dump');
  const snapshotsList = async (): Promise<Array<{ id: number; version: string; bytes: number; path: string }>> => JSON.parse((await timed(REPRISE, ['snapshots', '--json'])).out).snapshots;
  let repriseBytes = 0;
  for (let i = 0; i < runs; i++) {
    const dump = execWithFile(['exec', id, 'pg_dump', '-Fc', '-U', 'recyclic', '-d', 'recyclic'], baselineFile, 'out');
    const rest = execWithFile(['exec', '-i', id, 'pg_restore', '--clean', '--if-exists', '--single-transaction', '--no-owner', '-U', 'recyclic', '-d', 'recyclic'], baselineFile, 'in');
    ms.baselineDump.push(dump);
    ms.baselineRestore.push(rest);
    ms.baselineDumpRestore.push(dump + rest);

    // snapshot files are named to the second and never overwritten: a second apart at least
    await sleep(1100);
    const withSnap = await timed(REPRISE, ['deploy', B, '--yes', '--json']);
    ms.deployWithSnapshot.push(withSnap.ms);
    ms.snapshotPhase.push(withSnap.at(/✓ pg: backups\//) - withSnap.at(/Snapshot of pg \(postgres\)/));
    const noSnap = await timed(REPRISE, ['deploy', A, '--yes', '--json', '--no-snapshot']);
    ms.deployNoSnapshot.push(noSnap.ms);
    ms.snapshotCost.push(withSnap.ms - noSnap.ms);

    const taken = (await snapshotsList()).find((s) => s.version === B && !s.path.includes('-safety.'));
    if (!taken) throw new Error(`no snapshot recorded for ${B}`);
    repriseBytes = taken.bytes;
    await sleep(1100);
    const restore = await timed(REPRISE, ['snapshots', 'restore', String(taken.id), '--yes', '--json']);
    ms.restoreCommand.push(restore.ms);
    ms.safetyPhase.push(restore.at(/✓ pg: backups\/.*-safety\.dump/) - restore.at(/Snapshot of pg \(postgres\)/));
    ms.restorePhase.push(restore.at(/✓ pg restored from snapshot/) - restore.at(/Restoring pg from snapshot/));
    console.error(`run ${i + 1}: pg_dump ${(dump / 1000).toFixed(2)} s, pg_restore ${(rest / 1000).toFixed(2)} s, reprise snapshot ${(ms.snapshotPhase[i] / 1000).toFixed(2)} s, reprise restore ${(restore.ms / 1000).toFixed(2)} s`);
  }
  const baselineBytes = statSync(baselineFile).size;

  const s = (x: number): string => (x / 1000).toFixed(2);
  const row = (what: string, r: number[], base: number[] | null): string[] => [what, s(min(r)), s(median(r)), base ? s(min(base)) : '—', base ? s(median(base)) : '—', base ? (median(r) / median(base)).toFixed(2) : '—'];
  const rows = [
    ['operation (seconds)', 'reprise min', 'reprise median', 'baseline min', 'baseline median', 'ratio (medians)'],
    row('dump: reprise pg_dump phase vs docker exec pg_dump -Fc > file', ms.snapshotPhase, ms.baselineDump),
    row('dump: deploy with snapshot − deploy --no-snapshot vs pg_dump', ms.snapshotCost, ms.baselineDump),
    row('  deploy --yes with the snapshot (whole command)', ms.deployWithSnapshot, null),
    row('  deploy --yes --no-snapshot (whole command)', ms.deployNoSnapshot, null),
    row('restore: reprise PUT archive + pg_restore phase vs pg_restore < file', ms.restorePhase, ms.baselineRestore),
    row('restore: snapshots restore --yes (whole) vs pg_restore < file', ms.restoreCommand, ms.baselineRestore),
    row('restore: snapshots restore --yes (whole) vs pg_dump + pg_restore', ms.restoreCommand, ms.baselineDumpRestore),
    row('  its safety snapshot phase', ms.safetyPhase, null),
  ];
  const w = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  console.log(`\n${rows.map((r) => r.map((c, i) => c.padEnd(w[i])).join('  ')).join('\n')}\n`);
  console.log(`database ${(dbBytes / 2 ** 20).toFixed(1)} MiB; archive: baseline ${(baselineBytes / 2 ** 20).toFixed(1)} MiB, reprise ${(repriseBytes / 2 ** 20).toFixed(1)} MiB; ${runs} runs\n`);

  const machine = { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
  const out = join(ROOT, 'bench', 'results', 'snapshot-restore.json');
  const summary = Object.fromEntries(Object.entries(ms).map(([k, v]) => [k, { min: min(v), median: median(v) }]));
  writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), machine, runs, targetMB: MB, databaseBytes: dbBytes, rows: next - 1, archiveBytes: { baseline: baselineBytes, reprise: repriseBytes }, ms, summary }, null, 2)}\n`);
  console.log(`written ${out}`);
}

main()
  .catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exitCode = 1;
  })
  .finally(() => {
    spawnSync('docker', ['compose', '-p', project, 'down', '-v', '--remove-orphans', '--timeout', '5'], { cwd: dir, env, stdio: 'ignore' });
    spawnSync('docker', ['rmi', `recyclic-bot:${A}`, `recyclic-bot:${B}`], { stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  });
