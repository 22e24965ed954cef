// Issue 20, items 9 and 13: everything reprise writes is private whatever the umask (directories 0700, files
// 0600: the state store and its WAL companions, incident folders, the parse cache, new files written
// atomically), the user's own files keep their mode, the metrics file stays readable (0644, never wider), and
// an incident is never written through a symbolic link.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeFileAtomic } from '../../src/adapters/fs/atomic';
import { ParseCache } from '../../src/adapters/fs/parse-cache';
import { appendMetricsEntry } from '../../src/adapters/metrics-file';
import { Store } from '../../src/adapters/store';
import { buildMetricsEntry } from '../../src/domain/metrics';
import type { OpContext } from '../../src/release/context';
import { IncidentRecorder, type IncidentSummary } from '../../src/release/record/incident';

const UMASKS = [0o022, 0o000];

const mode = (p: string): number => fs.lstatSync(p).mode & 0o777;
const octal = (m: number): string => `0${m.toString(8).padStart(3, '0')}`;

/** Runs `fn` in a fresh temporary directory with the umask set, both restored/removed afterwards. */
async function withUmask(umask: number, fn: (dir: string) => void | Promise<void>): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reprise-modes-'));
  const before = process.umask(umask);
  try {
    await fn(dir);
  } finally {
    process.umask(before);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Every entry under `dir` (itself included) whose mode is not 0700 for a directory or 0600 for a file. */
function notPrivate(dir: string): string[] {
  const wrong: string[] = [];
  const walk = (p: string): void => {
    const st = fs.lstatSync(p);
    const want = st.isDirectory() ? 0o700 : 0o600;
    if ((st.mode & 0o777) !== want) wrong.push(`${p}: ${octal(st.mode & 0o777)} (want ${octal(want)})`);
    if (st.isDirectory()) for (const e of fs.readdirSync(p)) walk(path.join(p, e));
  };
  walk(dir);
  return wrong;
}

for (const umask of UMASKS) {
  describe(`umask ${octal(umask)}`, () => {
    test('the state store: .reprise/ 0700, state.db and its -wal/-shm companions 0600 while open', () =>
      withUmask(umask, (dir) => {
        const state = path.join(dir, '.reprise');
        const store = Store.open(path.join(state, 'state.db'));
        try {
          store.addEvent('p', 'test', 'something written');
          const files = fs.readdirSync(state).sort();
          assert.ok(files.includes('state.db-wal'), `the WAL file exists while open: ${files.join(', ')}`);
          assert.deepEqual(notPrivate(state), []);
        } finally {
          store.close();
        }
        assert.deepEqual(notPrivate(state), []);
      }));

    test('the state store of an older reprise (0755 folder, 0644 files) is made private when opened', () =>
      withUmask(umask, (dir) => {
        const state = path.join(dir, '.reprise');
        const first = Store.open(path.join(state, 'state.db'));
        first.addEvent('p', 'test', 'one');
        first.close();
        fs.chmodSync(state, 0o755);
        fs.chmodSync(path.join(state, 'state.db'), 0o644);
        // a crash left the companions behind, readable by all
        fs.writeFileSync(path.join(state, 'state.db-wal'), '');
        fs.chmodSync(path.join(state, 'state.db-wal'), 0o644);
        const store = Store.open(path.join(state, 'state.db'));
        try {
          store.addEvent('p', 'test', 'two');
          assert.deepEqual(notPrivate(state), []);
        } finally {
          store.close();
        }
      }));

    test('an incident folder is 0700 and every file in it 0600', () =>
      withUmask(umask, async (dir) => {
        const { ctx, warnings } = incidentContext(dir);
        const recorder = new IncidentRecorder(ctx);
        await recorder.captureBeforeReplace(['api']);
        const rel = await recorder.write(summary(), { services: [] });
        assert.deepEqual(warnings, []);
        assert.ok(rel);
        const folder = path.join(dir, rel);
        assert.ok(fs.readdirSync(folder).some((f) => f.endsWith('.inspect.json')), 'the captured container was written');
        assert.deepEqual(notPrivate(path.join(dir, 'logs', 'incidents')), []);
        assert.equal(mode(path.join(dir, 'logs')) & 0o022, 0, 'logs/ is writable by its owner only');
      }));

    test('an incident folder left by an older reprise (0755, files 0644) is made private when written again', () =>
      withUmask(umask, async (dir) => {
        const folder = path.join(dir, 'logs', 'incidents', '20250301T100000Z-b');
        fs.mkdirSync(folder, { recursive: true, mode: 0o755 });
        fs.chmodSync(path.join(dir, 'logs', 'incidents'), 0o755);
        fs.chmodSync(folder, 0o755);
        fs.writeFileSync(path.join(folder, 'report.md'), 'old');
        fs.chmodSync(path.join(folder, 'report.md'), 0o644);
        const { ctx, warnings } = incidentContext(dir);
        assert.equal(await new IncidentRecorder(ctx).write(summary(), {}), path.join('logs', 'incidents', '20250301T100000Z-b'));
        assert.deepEqual(warnings, []);
        assert.notEqual(fs.readFileSync(path.join(folder, 'report.md'), 'utf8'), 'old');
        assert.deepEqual(notPrivate(path.join(dir, 'logs', 'incidents')), []);
      }));

    test('an incident file that is a symbolic link is not followed: the file it points at is untouched', () =>
      withUmask(umask, async (dir) => {
        const outside = path.join(dir, 'outside.txt');
        fs.writeFileSync(outside, 'keep me');
        const folder = path.join(dir, 'logs', 'incidents', '20250301T100000Z-b');
        fs.mkdirSync(folder, { recursive: true });
        fs.symlinkSync(outside, path.join(folder, 'report.md'));
        fs.symlinkSync(outside, path.join(folder, 'status.json'));
        const { ctx } = incidentContext(dir);
        await new IncidentRecorder(ctx).write(summary(), { written: 'through a link' });
        assert.equal(fs.readFileSync(outside, 'utf8'), 'keep me');
      }));

    test('an incident folder, or logs/incidents, that is a symbolic link is refused: nothing is written where it points', () =>
      withUmask(umask, async (dir) => {
        const elsewhere = path.join(dir, 'elsewhere');
        fs.mkdirSync(elsewhere);
        fs.mkdirSync(path.join(dir, 'logs', 'incidents'), { recursive: true });
        fs.symlinkSync(elsewhere, path.join(dir, 'logs', 'incidents', '20250301T100000Z-b'));
        const first = incidentContext(dir);
        assert.equal(await new IncidentRecorder(first.ctx).write(summary(), {}), null);
        assert.equal(first.warnings.length, 1, 'a warning says why');
        assert.deepEqual(fs.readdirSync(elsewhere), []);
        // the incident opens all the same (issue 23: one per failed deploy), without a report
        const [opened] = first.ctx.store.incidents.list('p');
        assert.deepEqual({ state: opened?.state, report: opened?.report, version: opened?.version }, { state: 'open', report: null, version: 'b' });

        fs.rmSync(path.join(dir, 'logs', 'incidents'), { recursive: true });
        fs.symlinkSync(elsewhere, path.join(dir, 'logs', 'incidents'));
        const second = incidentContext(dir);
        assert.equal(await new IncidentRecorder(second.ctx).write(summary(), {}), null);
        assert.equal(second.warnings.length, 1, 'a warning says why');
        assert.deepEqual(fs.readdirSync(elsewhere), []);
      }));

    test('.reprise/parse-cache.json is 0600, also when an older reprise left it 0644', () =>
      withUmask(umask, (dir) => {
        const state = path.join(dir, '.reprise');
        fs.mkdirSync(state, { mode: 0o700 });
        const file = path.join(state, 'parse-cache.json');
        const cache = new ParseCache(file);
        cache.set('compose', 'services: {}', { services: {} });
        cache.save();
        assert.equal(mode(file), 0o600);
        fs.chmodSync(file, 0o644);
        const again = new ParseCache(file);
        again.set('compose', 'name: x', { name: 'x' });
        again.save();
        assert.equal(mode(file), 0o600);
      }));

    test('writeFileAtomic without a mode: a new file is 0600, an existing file keeps its mode', () =>
      withUmask(umask, (dir) => {
        const fresh = path.join(dir, 'new-file');
        writeFileAtomic(fresh, 'x');
        assert.equal(mode(fresh), 0o600);
        const env = path.join(dir, '.env');
        fs.writeFileSync(env, 'A=1\n');
        fs.chmodSync(env, 0o644);
        writeFileAtomic(env, 'A=2\n');
        assert.equal(mode(env), 0o644, 'the user\'s .env keeps its 0644');
        assert.equal(fs.readFileSync(env, 'utf8'), 'A=2\n');
      }));

    test('the metrics file: 0644 (readable by the guide\'s script), never wider, a tighter mode kept; logs/ not group-writable', () =>
      withUmask(umask, (dir) => {
        const file = path.join(dir, 'logs', 'rollback-metrics.json');
        appendMetricsEntry(file, metricsEntry());
        assert.equal(mode(file), 0o644);
        assert.equal(mode(path.dirname(file)) & 0o022, 0, 'logs/ is writable by its owner only');
        fs.chmodSync(file, 0o666);
        appendMetricsEntry(file, metricsEntry());
        assert.equal(mode(file), 0o644, 'a world-writable file is narrowed');
        fs.chmodSync(file, 0o600);
        appendMetricsEntry(file, metricsEntry());
        assert.equal(mode(file), 0o600, 'an owner-only file stays so');
      }));
  });
}

function incidentContext(dir: string): { ctx: OpContext; warnings: string[] } {
  const warnings: string[] = [];
  const engine = {
    containers: async () => [{ service: 'api', id: '0123456789abcdef', image: 'example/api:b' }],
    logs: async () => 'a log line\n',
    inspectRaw: async () => ({ Config: { Env: ['A=1'] }, State: { Health: { Status: 'unhealthy' } } }),
  };
  const project = { name: 'p', dir, environment: null, envVars: new Map<string, string>(), envFileVars: [], config: {} };
  // a real store: the incident's row and its event are written too
  const store = Store.open(':memory:');
  store.startRelease({ project: 'p', kind: 'deploy', trigger: 'manual', version: 'b', fromVersion: 'a', startedAt: '2025-03-01T10:00:00Z', user: 'u', host: 'h', message: null });
  const ctx = { project, store, engine, env: {}, lang: 'en', now: () => new Date('2025-03-01T10:00:00Z'), host: 'h', user: 'u', out: { line: () => undefined, warn: (x: string) => warnings.push(x) } } as unknown as OpContext;
  return { ctx, warnings };
}

function summary(): IncidentSummary {
  return { kind: 'deploy', trigger: 'manual', failedVersion: 'b', restoredVersion: 'a', cause: 'api: 500', restored: true, releaseIds: [1], durationSeconds: 4, services: {} };
}

function metricsEntry(): ReturnType<typeof buildMetricsEntry> {
  return buildMetricsEntry({
    trigger: 'manual',
    outcome: 'success',
    version: 'v1',
    fromVersion: 'v0',
    startedAt: new Date(0),
    finishedAt: new Date(1000),
    hostname: 'box',
    user: 'ops',
    system: { cpu_usage_percent: 1, memory_usage_percent: 2, disk_usage_percent: 3, docker_containers_running: 4, docker_images_count: 5 },
    services: {},
  });
}
