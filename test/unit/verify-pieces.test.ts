// Pure pieces of verify, baselines and monitoring: burst statistics, threshold evaluation,
// degradation decision, docker-style CPU/memory from a recorded Engine API payload, log matching,
// thresholds and log patterns in the configuration, baselines in the store.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { burstStats, median, percentile, probeBurst, MAX_BURST_COUNT } from '../../src/adapters/probe/burst';
import type { ProbeResult } from '../../src/adapters/probe/http-probe';
import { usageFromStats, type StatsPayload } from '../../src/adapters/docker/stats';
import { Store } from '../../src/adapters/store';
import { loadProject } from '../../src/config/project';
import { burstChecks, degradationCheck, healthUrlCheck, logCheck, resourceChecks, serviceCheck } from '../../src/domain/checks';
import { isRepriseError } from '../../src/domain/errors';
import { compareToBaseline, DEFAULT_THRESHOLDS, withinThreshold } from '../../src/domain/thresholds';
import { matchLines } from '../../src/release/verify/log-scan';
import { recordBaselines } from '../../src/release/verify/baseline';

const T = DEFAULT_THRESHOLDS;

function probe(status: number | null, latencyMs: number, ok = status !== null && status >= 200 && status < 300): ProbeResult {
  return { url: 'http://127.0.0.1:1/health', ok, status, latencyMs, reason: ok ? null : 'x' };
}

test('burst statistics: error rate counts 5xx and no answer, availability counts healthy probes, latency over answers', () => {
  const results = [
    probe(200, 10),
    probe(200, 30),
    probe(200, 20),
    probe(200, 40, false), // 200 with "status": "unhealthy": not available, not an error
    probe(500, 50),
    probe(null, 5000), // timeout: no latency sample
    probe(200, 15),
    probe(200, 25),
    probe(200, 35),
    probe(200, 45),
  ];
  const s = burstStats('u', results);
  assert.equal(s.samples, 10);
  assert.equal(s.ok, 7);
  assert.equal(s.failed, 3);
  assert.equal(s.errorRatePercent, 20);
  assert.equal(s.availabilityPercent, 70);
  assert.deepEqual(s.statuses, { '200': 8, '500': 1, none: 1 });
  // 9 answered latencies: 10 15 20 25 30 35 40 45 50
  assert.equal(s.medianMs, 30);
  assert.equal(s.p95Ms, 50);
  assert.equal(s.maxMs, 50);
});

test('median, nearest-rank percentile, empty inputs', () => {
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.equal(median([]), null);
  assert.equal(percentile([], 95), null);
  const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
  assert.equal(percentile(hundred, 95), 95);
  assert.equal(percentile(hundred, 50), 50);
  assert.equal(percentile([7], 95), 7);
  const none = burstStats('u', [probe(null, 5000), probe(null, 5000)]);
  assert.equal(none.medianMs, null);
  assert.equal(none.errorRatePercent, 100);
  assert.equal(none.availabilityPercent, 0);
});

test('probeBurst: bounded count, sequential per URL, URLs in parallel', async () => {
  const calls: Array<{ url: string; at: number }> = [];
  const inFlight = new Map<string, number>();
  let maxPerUrl = 0;
  const fake = async (url: string): Promise<ProbeResult> => {
    const n = (inFlight.get(url) ?? 0) + 1;
    inFlight.set(url, n);
    maxPerUrl = Math.max(maxPerUrl, n);
    calls.push({ url, at: Date.now() });
    await new Promise((r) => setTimeout(r, 1));
    inFlight.set(url, n - 1);
    return { url, ok: true, status: 200, latencyMs: 1, reason: null };
  };
  const m = await probeBurst(['http://a', 'http://b', 'http://a'], { count: 1000, intervalMs: 0, timeoutMs: 100 }, fake);
  assert.deepEqual([...m.keys()], ['http://a', 'http://b'], 'duplicates probed once');
  assert.equal(m.get('http://a')!.samples, MAX_BURST_COUNT);
  assert.equal(calls.filter((c) => c.url === 'http://b').length, MAX_BURST_COUNT);
  assert.equal(maxPerUrl, 1, 'one probe at a time per URL');
  // both URLs progressed together (parallel): b's first probe before a's last
  const firstB = calls.findIndex((c) => c.url === 'http://b');
  const lastA = calls.map((c) => c.url).lastIndexOf('http://a');
  assert.ok(firstB < lastA);
});

test('threshold evaluation: max and min bounds, inclusive', () => {
  assert.equal(withinThreshold(500, 500, 'max'), true);
  assert.equal(withinThreshold(500.1, 500, 'max'), false);
  assert.equal(withinThreshold(99, 99, 'min'), true);
  assert.equal(withinThreshold(98.9, 99, 'min'), false);
});

test('degradation: current median > previous baseline × (1 + degradation %)', () => {
  assert.deepEqual(compareToBaseline(15, 10, 50), { degraded: false, limitMs: 15, changePercent: 50 });
  assert.equal(compareToBaseline(15.1, 10, 50).degraded, true);
  assert.equal(compareToBaseline(30, 10, 50).changePercent, 200);
  assert.equal(compareToBaseline(5, 10, 50).changePercent, -50);
  assert.equal(compareToBaseline(10, 10, 0).degraded, false);
  // the percentage alone (no millisecond floor: degradation-noise.test.ts covers the floor)
  const c = degradationCheck('api', 'u', 31, { medianMs: 10, version: 'a1' }, { ...T, degradationMinMs: 0 });
  assert.equal(c.ok, false);
  assert.equal(c.threshold, 15);
  assert.match(c.detail, /\+210 %/);
  const skipped = degradationCheck('api', 'u', 31, null, T);
  assert.equal(skipped.ok, true);
  assert.equal(skipped.skipped, true);
});

test('service check: running and healthy (or without healthcheck); one-shot exited 0', () => {
  const c = { name: 'p-api-1', state: 'running', health: 'healthy' as const, exitCode: null, restartCount: 0 };
  assert.equal(serviceCheck('api', false, c).ok, true);
  assert.equal(serviceCheck('api', false, { ...c, health: null }).ok, true);
  assert.equal(serviceCheck('api', false, { ...c, health: 'unhealthy' }).ok, false);
  assert.equal(serviceCheck('api', false, { ...c, health: 'starting' }).ok, false);
  const stopped = serviceCheck('bot', false, { ...c, state: 'exited', health: null, exitCode: 0 });
  assert.equal(stopped.ok, false);
  assert.equal(stopped.value, 'exited (0)');
  assert.equal(serviceCheck('bot', false, null).ok, false);
  assert.equal(serviceCheck('mig', true, { ...c, state: 'exited', health: null, exitCode: 0 }).ok, true);
  assert.equal(serviceCheck('mig', true, { ...c, state: 'exited', health: null, exitCode: 1 }).ok, false);
  assert.equal(serviceCheck('mig', true, { ...c, state: 'running', health: null }).ok, false);
});

test('health URL, burst, resource and log checks against the thresholds', () => {
  const p = { url: 'http://x/health', ok: true, status: 200, latencyMs: 12, reason: null };
  assert.equal(healthUrlCheck('api', p, T).ok, true);
  const slow = healthUrlCheck('api', { ...p, latencyMs: 12 }, { ...T, responseTimeMs: 1 });
  assert.equal(slow.ok, false);
  assert.equal(slow.value, 12);
  assert.equal(slow.threshold, 1);
  const bad = healthUrlCheck('api', { ...p, ok: false, reason: 'HTTP 200 with "status": "unhealthy"' }, T);
  assert.equal(bad.ok, false);
  assert.match(bad.detail, /unhealthy/);

  const [err, avail] = burstChecks('api', { url: 'u', samples: 20, errorRatePercent: 5, availabilityPercent: 95, statuses: { '200': 19, '500': 1 } }, T);
  assert.deepEqual([err.id, err.ok, avail.id, avail.ok], ['error_rate', false, 'availability', false]);
  const [err0, avail0] = burstChecks('api', { url: 'u', samples: 20, errorRatePercent: 0, availabilityPercent: 100, statuses: { '200': 20 } }, T);
  assert.equal(err0.ok && avail0.ok, true);

  const [cpu, mem] = resourceChecks('db', 'p-db-1', { cpuPercent: 85, memoryPercent: 10, memoryBytes: 8 * 1048576 }, T);
  assert.deepEqual([cpu.ok, mem.ok], [false, true]);
  assert.match(mem.detail, /8 MiB/);

  assert.equal(logCheck('api', [], '2025-01-01T00:00:00.000Z').ok, true);
  const hit = logCheck('api', [{ line: 'ERROR Traceback', pattern: 'Traceback' }], '-');
  assert.deepEqual([hit.ok, hit.value], [false, 1]);
});

// Recorded from `GET /v1.41/containers/<id>/stats?stream=false` on this machine (cgroup v1, 2 CPUs).
const RECORDED: StatsPayload = {
  cpu_stats: {
    cpu_usage: { total_usage: 175433083, percpu_usage: [89351791, 86081292] },
    system_cpu_usage: 6784560000000,
    online_cpus: 2,
  },
  precpu_stats: {
    cpu_usage: { total_usage: 149480673, percpu_usage: [64780290, 84700383] },
    system_cpu_usage: 6782570000000,
    online_cpus: 2,
  },
  memory_stats: {
    usage: 8859648,
    stats: { cache: 0, inactive_file: 0, total_inactive_file: 0, total_cache: 0, rss: 7225344 },
    limit: 25276063744,
  },
};

test('CPU and memory computed the docker-CLI way from a recorded payload', () => {
  const u = usageFromStats(RECORDED);
  // (175433083 - 149480673) / (6784560000000 - 6782570000000) × 2 × 100 = 2.608…
  assert.equal(u.cpuPercent, 2.61);
  assert.equal(u.memoryBytes, 8859648);
  assert.equal(u.memoryPercent, 0.04);
  // page cache (cgroup v1 total_inactive_file) is not counted; cgroup v2 uses inactive_file
  const v1 = usageFromStats({ ...RECORDED, memory_stats: { usage: 1000, limit: 4000, stats: { total_inactive_file: 200 } } });
  assert.deepEqual([v1.memoryBytes, v1.memoryPercent], [800, 20]);
  const v2 = usageFromStats({ ...RECORDED, memory_stats: { usage: 1000, limit: 4000, stats: { inactive_file: 500 } } });
  assert.equal(v2.memoryBytes, 500);
  // no previous sample (stopped container, first read): 0, never NaN
  const empty = usageFromStats({});
  assert.deepEqual(empty, { cpuPercent: 0, memoryPercent: 0, memoryBytes: 0 });
});

test('log lines: trimmed, first matching pattern reported, at most 20', () => {
  const patterns = [/\b500\b/, /Traceback/, /FATAL/];
  const text = '  [api] GET /health 200 1.2ms  \n[api] ERROR Traceback (demo)\r\n[api] GET /x 500 3ms\n\n';
  assert.deepEqual(matchLines(text, patterns), [
    { line: '[api] ERROR Traceback (demo)', pattern: 'Traceback' },
    { line: '[api] GET /x 500 3ms', pattern: '\\b500\\b' },
  ]);
  const many = Array.from({ length: 50 }, (_, i) => `FATAL ${i}`).join('\n');
  assert.equal(matchLines(many, patterns).length, 20);
  assert.deepEqual(matchLines('FATAL x', [/FATAL/g, /FATAL/g]).length, 1);
});

const COMPOSE = `services:
  api:
    image: recyclic-api:\${API_IMAGE_TAG:-latest}
`;

function projectDir(config: string): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'reprise-verify-'));
  fs.writeFileSync(path.join(d, 'docker-compose.yml'), COMPOSE);
  fs.writeFileSync(path.join(d, 'reprise.yml'), config);
  return d;
}

test('thresholds and log patterns: SPEC §7 defaults, overrides, invalid regex is CONFIG_INVALID with line and key', () => {
  const d = projectDir('project: demo\n');
  const p = loadProject({ projectDir: d }, {});
  assert.deepEqual(p.thresholds, { responseTimeMs: 500, errorRatePercent: 1, availabilityPercent: 99, cpuPercent: 80, memoryPercent: 80, degradationPercent: 50, degradationMinMs: 50 });
  assert.deepEqual(p.logPatterns.map((r) => r.source), ['\\b500\\b', 'Internal Server Error', 'OperationalError', 'could not connect to server', 'FATAL', 'Traceback']);

  const d2 = projectDir('project: demo\nthresholds:\n  response_time_ms: 1\n  degradation_percent: 25\nlog_patterns: ["panic:"]\n');
  const p2 = loadProject({ projectDir: d2 }, {});
  assert.equal(p2.thresholds.responseTimeMs, 1);
  assert.equal(p2.thresholds.degradationPercent, 25);
  assert.equal(p2.thresholds.cpuPercent, 80);
  assert.deepEqual(p2.logPatterns.map((r) => r.source), ['panic:']);

  const d3 = projectDir('project: demo\nlog_patterns:\n  - "ok"\n  - "(unclosed"\n');
  try {
    loadProject({ projectDir: d3 }, {});
    assert.fail('expected CONFIG_INVALID');
  } catch (e) {
    assert.ok(isRepriseError(e));
    assert.equal(e.code, 'CONFIG_INVALID');
    assert.equal(e.details.line, 4);
    assert.equal(e.details.key, 'log_patterns.1');
  }
  for (const dir of [d, d2, d3]) fs.rmSync(dir, { recursive: true, force: true });
});

test('baselines in the store: newest per URL, per version, previous release', (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reprise-store-'));
  const store = Store.open(path.join(dir, 'state.db'));
  t.after(() => {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const f = (m: number) => ({ medianMs: m, p95Ms: m * 2, samples: 10 });
  store.recordBaseline('p', 1, 'a', 'u1', f(10));
  store.recordBaseline('p', 1, 'a', 'u2', f(20));
  store.recordBaseline('p', 2, 'b', 'u1', f(11));
  store.recordBaseline('q', 3, 'b', 'u1', f(99));
  const latest = store.latestBaselines('p');
  assert.deepEqual(latest.map((b) => [b.url, b.version, b.medianMs, b.p95Ms, b.samples]), [
    ['u1', 'b', 11, 22, 10],
    ['u2', 'a', 20, 40, 10],
  ]);
  assert.deepEqual(store.latestBaselines('p', 'a').map((b) => [b.url, b.medianMs]), [['u1', 10], ['u2', 20]]);
  assert.equal(store.previousBaseline('p', 'u1', 2)?.medianMs, 10);
  assert.equal(store.previousBaseline('p', 'u1', 3)?.medianMs, 11);
  assert.equal(store.previousBaseline('p', 'u1', 1), null);
  assert.equal(store.previousBaseline('p', 'u2', 2)?.version, 'a');
});

test('recordBaselines: one bounded burst per health URL, stored; never throws, warns instead', async (t) => {
  const dir = projectDir('project: demo\nservices:\n  api: { health: { url: "http://127.0.0.1:9/health" } }\n');
  const store = Store.open(path.join(dir, '.reprise', 'state.db'));
  t.after(() => {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const project = loadProject({ projectDir: dir }, {});
  const warnings: string[] = [];
  const ctx = { project, store, lang: 'en' as const, out: { line: () => undefined, warn: (s: string) => warnings.push(s) } };
  let n = 0;
  await recordBaselines({ ...ctx, probe: async (url) => ({ url, ok: true, status: 200, latencyMs: ++n, reason: null }) }, 7, 'a1');
  assert.equal(n, 10, 'a burst of 10 probes');
  const [b] = store.latestBaselines('demo');
  assert.deepEqual([b.releaseId, b.version, b.medianMs, b.p95Ms, b.samples], [7, 'a1', 5.5, 10, 10]);

  await recordBaselines({ ...ctx, probe: async (url) => ({ url, ok: false, status: null, latencyMs: 1, reason: 'ECONNREFUSED' }) }, 8, 'a2');
  assert.equal(store.latestBaselines('demo', 'a2').length, 0, 'nothing stored without a healthy answer');
  assert.match(warnings.join('\n'), /baseline not recorded/);

  await recordBaselines(
    {
      ...ctx,
      probe: async () => {
        throw new Error('boom');
      },
    },
    9,
    'a3',
  );
  assert.match(warnings.join('\n'), /boom/);
});

test('health URL latency: the burst median when known, else the probe latency', () => {
  const p = { url: 'http://x/health', ok: true, status: 200, latencyMs: 650, reason: null };
  const c = healthUrlCheck('api', p, T, 12);
  assert.deepEqual([c.ok, c.value], [true, 12]);
  assert.deepEqual([healthUrlCheck('api', p, T).ok, healthUrlCheck('api', p, T).value], [false, 650]);
});
