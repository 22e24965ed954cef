// watch() with fakes: an in-memory store, the shared fake engine (fake-engine.ts), an injected probe.
// No Docker, no network.
import { probeHttp } from '../../src/adapters/probe/http-probe';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { hostname } from 'node:os';
import { Store, pidStartTime } from '../../src/adapters/store';
import type { ProbeResult } from '../../src/adapters/probe/http-probe';
import type { Project } from '../../src/config/project';
import type { VersionedService } from '../../src/domain/types';
import { DEFAULT_THRESHOLDS } from '../../src/domain/thresholds';
import type { OpContext } from '../../src/release/context';
import { probeTimeoutMs, watch } from '../../src/commands/monitor';
import { FakeEngine } from './fake-engine';

const API = 'http://127.0.0.1:18000/health';
const BOT = 'http://127.0.0.1:18001/health';

function svc(name: string, healthUrl: string | null, oneShot = false): VersionedService {
  return { name, repository: `recyclic-${name}`, tagVariable: `${name.toUpperCase()}_TAG`, imageTemplate: '', dependsOn: [], oneShot, healthUrl, healthTimeoutMs: null };
}

/** A container of `service` on v1 (an exited one exited with code 0). */
function put(engine: FakeEngine, service: string, state = 'running'): void {
  engine.run(service, `recyclic-${service}:v1`, { id: `id-${service}`, name: `p-${service}-1`, imageId: 'sha', state, health: null, exitCode: state === 'exited' ? 0 : null, startedAt: null });
}

interface Fake {
  ctx: OpContext;
  engine: FakeEngine;
  lines: string[];
  logs: Map<string, string>;
}

function fake(intervalMs = 50): Fake {
  const project = {
    name: 'unitmon',
    versioned: [svc('api', API), svc('bot', BOT), svc('migrations', null, true)],
    health: { timeoutMs: 10_000, intervalMs, readinessDelayMs: 0 },
    thresholds: { ...DEFAULT_THRESHOLDS },
    logPatterns: [/Internal Server Error/, /FATAL/],
    envVars: new Map([['SECRET_KEY', 'monitor-secret-4b7e']]),
  } as unknown as Project;
  const engine = new FakeEngine(project.versioned);
  engine.addVersions('v1');
  put(engine, 'api');
  put(engine, 'bot');
  put(engine, 'migrations', 'exited');
  const f: Fake = { ctx: null as unknown as OpContext, engine, lines: [], logs: engine.logText };
  f.ctx = {
    project,
    engine,
    store: Store.open(':memory:'),
    env: {},
    lang: 'en',
    out: { line: (s) => f.lines.push(s), warn: (s) => f.lines.push(s) },
    now: () => new Date(),
    host: hostname(),
    user: 'test',
    pid: process.pid,
    confirm: async () => false,
    checkpoint: async () => undefined,
    probe: probeHttp,
  };
  return f;
}

const answer = (url: string, status: number | null, latencyMs = 2): ProbeResult => ({ url, ok: status !== null && status < 300, status, latencyMs, reason: status === null ? 'ECONNREFUSED' : status < 300 ? null : `HTTP ${status}` });

test('probe timeout: two intervals, at least 1 s (a slow answer on a busy machine is no failure), at most 2 s', () => {
  assert.equal(probeTimeoutMs(1000), 2000);
  assert.equal(probeTimeoutMs(5000), 2000);
  assert.equal(probeTimeoutMs(500), 1000);
  assert.equal(probeTimeoutMs(200), 1000);
  assert.equal(probeTimeoutMs(50), 1000);
});

test('a healthy stack: ok after the period, probes bounded per URL, one-shots not probed, one line', async () => {
  const f = fake(50);
  const calls = new Map<string, number>();
  const r = await watch(f.ctx, {
    durationMs: 500,
    autoRollback: false,
    probe: async (url) => {
      calls.set(url, (calls.get(url) ?? 0) + 1);
      return answer(url, 200);
    },
  });
  assert.equal(r.ok, true);
  assert.equal(r.stoppedBy, 'duration');
  assert.equal(r.criterion, null);
  assert.equal(r.version, 'v1');
  assert.deepEqual([...calls.keys()].sort(), [API, BOT]);
  for (const [url, n] of calls) assert.ok(n <= 10 && n >= 5, `${url}: ${n} probes for 500 ms at 50 ms`);
  assert.ok(f.lines.some((l) => l.includes('no rollback criterion met')), f.lines.join('\n'));
  f.ctx.store.close();
});

test('at most one probe in flight per URL, even when probes hang', async () => {
  const f = fake(20);
  let inFlight = 0;
  let maxInFlight = 0;
  await watch(f.ctx, {
    durationMs: 400,
    autoRollback: false,
    probe: async (url) => {
      if (url !== API) return answer(url, 200);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((res) => setTimeout(res, 90));
      inFlight--;
      return answer(url, 200, 90);
    },
  });
  assert.equal(maxInFlight, 1);
  f.ctx.store.close();
});

test('a service that stops answering: not_answering after 3 probes, no rollback without --auto-rollback', async () => {
  const f = fake(50);
  const t0 = Date.now();
  const r = await watch(f.ctx, { durationMs: 10_000, autoRollback: false, probe: async (url) => answer(url, url === BOT ? null : 200) });
  assert.equal(r.ok, false);
  assert.equal(r.stoppedBy, 'criterion');
  assert.equal(r.criterion?.criterion, 'not_answering');
  assert.equal(r.criterion?.service, 'bot');
  assert.equal(r.rolledBack, null);
  assert.equal(r.error?.code, 'HEALTH_CHECK_FAILED');
  assert.ok(Date.now() - t0 < 2000, 'stops as soon as the criterion is met');
  const failing = f.lines.filter((l) => l.includes('bot: failing'));
  assert.equal(failing.length, 1, `one line per change, not per probe:\n${f.lines.join('\n')}`);
  assert.ok(f.lines.some((l) => l.includes('rollback criterion met') && l.includes('service not answering')));
  f.ctx.store.close();
});

test('an exited container counts as not answering and is not probed', async () => {
  const f = fake(50);
  f.engine.containerList = [];
  put(f.engine, 'api');
  put(f.engine, 'bot', 'exited');
  const probed = new Set<string>();
  const r = await watch(f.ctx, {
    durationMs: 5000,
    autoRollback: false,
    probe: async (url) => {
      probed.add(url);
      return answer(url, 200);
    },
  }).catch((e: Error) => e);
  // bot not running → the stack is mixed/partial; watch still judges what is there
  if (r instanceof Error) throw r;
  assert.equal(r.criterion?.criterion, 'not_answering');
  assert.equal(r.criterion?.service, 'bot');
  assert.ok(!probed.has(BOT));
  f.ctx.store.close();
});

test('critical log lines: a burst fires critical_logs', async () => {
  const f = fake(50);
  f.logs.set('id-api', '[api] ERROR Internal Server Error\n[api] GET / 200\n[api] ERROR Internal Server Error\n[api] FATAL boom\n');
  const r = await watch(f.ctx, { durationMs: 3000, autoRollback: false, logScanMs: 100, probe: async (url) => answer(url, 200) });
  assert.equal(r.criterion?.criterion, 'critical_logs');
  assert.equal(r.criterion?.service, 'api');
  assert.equal(r.criterion?.measured, 3);
  f.ctx.store.close();
});

test('log lines are counted once although Docker reads whole seconds: one line per scan is not a burst', async () => {
  const f = fake(50);
  const t0 = Date.now();
  const timedLogs = [{ id: 'id-api', at: t0 - 5000, line: '[api] FATAL before the watch' }];
  f.engine.logsSince = async (id: string, since: Date) => {
    // Docker's granularity: whole seconds
    const from = Math.floor(since.getTime() / 1000) * 1000;
    return timedLogs.filter((l) => l.id === id && l.at >= from).map((l) => `${l.line}\n`).join('');
  };
  const timer = setInterval(() => timedLogs.push({ id: 'id-api', at: Date.now(), line: `[api] ERROR Internal Server Error ${Date.now() - t0}` }), 700);
  try {
    const r = await watch(f.ctx, { durationMs: 1500, autoRollback: false, logScanMs: 100, probe: async (url) => answer(url, 200) });
    assert.equal(r.criterion, null, JSON.stringify(r.criterion));
    const seen = f.lines.filter((l) => l.includes('critical log line'));
    assert.equal(seen.length, 2, f.lines.join('\n'));
  } finally {
    clearInterval(timer);
    f.ctx.store.close();
  }
});

test('French messages', async () => {
  const f = fake(50);
  f.ctx.lang = 'fr';
  const r = await watch(f.ctx, { durationMs: 3000, autoRollback: false, probe: async (url) => answer(url, url === API ? 500 : 200) });
  assert.equal(r.criterion?.criterion, 'error_rate');
  assert.match(r.criterion?.text ?? '', /critère de rollback atteint — taux d'erreur sur api/);
  f.ctx.store.close();
});

test('SIGINT (abort) ends the watch cleanly', async () => {
  const f = fake(50);
  const ac = new AbortController();
  setTimeout(() => ac.abort(), 200);
  const t0 = Date.now();
  const r = await watch(f.ctx, { durationMs: 60_000, autoRollback: false, signal: ac.signal, probe: async (url) => answer(url, 200) });
  assert.equal(r.ok, true);
  assert.equal(r.stoppedBy, 'signal');
  assert.ok(Date.now() - t0 < 1500);
  f.ctx.store.close();
});

test('while another live operation holds the lock, sampling pauses (a deploy in progress is not judged)', async () => {
  const f = fake(50);
  const child = spawn(process.execPath, ['-e', 'setTimeout(()=>{}, 30000)'], { stdio: 'ignore' });
  try {
    f.ctx.store.acquireLock({ project: 'unitmon', pid: child.pid!, host: hostname(), user: 'x', command: 'deploy', message: null, since: new Date().toISOString(), pidStart: pidStartTime(child.pid!) }, () => false);
    const r = await watch(f.ctx, { durationMs: 600, autoRollback: false, probe: async (url) => answer(url, null) });
    assert.equal(r.ok, true, 'failures during another operation are not judged');
    assert.equal(r.samples, 0);
    assert.ok(f.lines.some((l) => l.includes('watch paused')));
  } finally {
    child.kill();
    f.ctx.store.close();
  }
});

test('a critical log line quoting a secret reaches the reason (history, metrics, chat) masked', async () => {
  const f = fake(50);
  f.logs.set('id-api', '[api] FATAL auth failed with monitor-secret-4b7e\n[api] FATAL again monitor-secret-4b7e\n[api] FATAL third monitor-secret-4b7e\n');
  const r = await watch(f.ctx, { durationMs: 3000, autoRollback: false, logScanMs: 100, probe: async (url) => answer(url, 200) });
  assert.equal(r.criterion?.criterion, 'critical_logs');
  assert.ok(!JSON.stringify(r.criterion?.text ?? '').includes('monitor-secret-4b7e'), String(r.criterion?.text));
  assert.ok(!f.lines.join('\n').includes('monitor-secret-4b7e'), 'nor in the lines printed');
  f.ctx.store.close();
});
