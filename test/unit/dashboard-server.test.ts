// The dashboard's HTTP rules against a real server on 127.0.0.1 and a real SQLite store, with a stand-in
// engine (no Docker here: the engine-backed views are covered by test/e2e/dashboard.test.ts).
import { probeHttp } from '../../src/adapters/probe/http-probe';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { get as httpGet } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { Store } from '../../src/adapters/store';
import type { Project } from '../../src/config/project';
import type { Engine } from '../../src/engines/engine';
import type { OpContext } from '../../src/release/context';
import { checkDashboardFlags } from '../../src/cli/dashboard';
import { isLoopbackHost } from '../../src/domain/loopback';
import { startDashboard, type Dashboard } from '../../src/server/dashboard';
import { mainPage } from '../../src/server/page';
import { isRepriseError } from '../../src/domain/errors';

const SECRET = 'sk-unit-7d1e4b9a2c';
/** JSON escapes these characters: masking must happen before serialising */
const QUOTED = 'pa"ss\\w0rd-7d1e';
const TOKEN = 'unit-token-0123456789abcdef';

/** every engine call fails, as with a stopped Docker engine: the history-based views must still answer */
const noEngine = new Proxy({}, { get: (_t, k) => (k === 'name' ? 'compose' : () => Promise.reject(new Error('no engine in unit tests'))) }) as Engine;

function ctxFor(project: Partial<Project> & { name: string; dir: string; stateFile: string }): OpContext {
  const full = { environment: null, envVars: new Map(), config: {}, versioned: [], compose: { services: new Map() }, ...project } as unknown as Project;
  return { project: full, engine: noEngine, store: Store.open(project.stateFile), env: {}, lang: 'en', out: { line: () => undefined, warn: () => undefined }, now: () => new Date('2026-11-30T12:00:00Z'), host: 'h', user: 'u', pid: process.pid, confirm: async () => false, checkpoint: async () => undefined, probe: probeHttp };
}

function fixture(): { dir: string; stateFile: string; open: (env: string | null, forWrite: boolean) => OpContext } {
  const dir = mkdtempSync(join(tmpdir(), 'reprise-dash-'));
  const stateFile = join(dir, '.reprise', 'state.db');
  const incident = join(dir, 'logs', 'incidents', '20261130T100000Z-b2');
  mkdirSync(incident, { recursive: true });
  writeFileSync(join(incident, 'report.md'), `# Incident b2\nSECRET_KEY was ${SECRET}\n`);
  writeFileSync(join(dir, 'outside.txt'), 'not an incident file');
  symlinkSync(join(dir, 'outside.txt'), join(incident, 'link.md'));
  const store = Store.open(stateFile);
  const at = (m: number): string => new Date(Date.UTC(2026, 10, 30, 10, m)).toISOString();
  const seed = (kind: 'deploy' | 'rollback', version: string, from: string | null, m: number, outcome: 'success' | 'failed', seconds: number, message: string | null = null): void => {
    const r = store.startRelease({ project: 'unitdash', kind, trigger: 'manual', version, fromVersion: from, startedAt: at(m), user: 'u', host: 'h', message });
    store.finishRelease(r.id, { outcome, finishedAt: new Date(Date.parse(at(m)) + seconds * 1000).toISOString(), durationSeconds: seconds, services: {} });
  };
  seed('deploy', 'a1', null, 0, 'success', 20);
  seed('deploy', 'b2', 'a1', 2, 'success', 15, `deployed with ${SECRET} in a message`);
  seed('rollback', 'a1', 'b2', 4, 'success', 12, `quoted ${QUOTED} secret`);
  store.addEvent('unitdash', 'notification', 'sent', { deliveries: [{ channel: 'telegram', ok: true }, { channel: 'email', ok: false }] });
  store.close();
  return {
    dir,
    stateFile,
    open: () => ctxFor({ name: 'unitdash', dir, stateFile, envVars: new Map([['SECRET_KEY', SECRET], ['DB_PASSWORD', QUOTED]]) }),
  };
}

async function req(url: string, init: RequestInit = {}): Promise<{ status: number; body: string; headers: Headers }> {
  const r = await fetch(url, { redirect: 'manual', ...init, signal: AbortSignal.timeout(10_000) });
  return { status: r.status, body: await r.text(), headers: r.headers };
}

describe('dashboard server', () => {
  const f = fixture();
  let ro: Dashboard;
  let guarded: Dashboard;
  before(async () => {
    const base = { host: '127.0.0.1', port: 0, lang: 'en' as const, sources: { project: 'unitdash', environments: [null], open: f.open }, log: () => undefined };
    ro = await startDashboard({ ...base, token: null });
    guarded = await startDashboard({ ...base, token: TOKEN });
  });
  after(async () => {
    await ro.close();
    await guarded.close();
    rmSync(f.dir, { recursive: true, force: true });
  });

  test('read-only: the history in the CLI shape, secrets masked; the page and its assets, with a strict CSP', async () => {
    const h = await req(`${ro.url}api/history?limit=10`);
    assert.equal(h.status, 200);
    const doc = JSON.parse(h.body);
    assert.equal(doc.ok, true);
    assert.deepEqual(doc.releases.map((r: { version: string }) => r.version), ['a1', 'b2', 'a1']);
    assert.ok(!h.body.includes(SECRET), 'the secret is masked');
    assert.ok(!h.body.includes(JSON.stringify(QUOTED).slice(1, -1)), 'a secret with a quote and a backslash is masked too');
    assert.match(h.body, /quoted \*\*\* secret/);
    assert.match(h.body, /deployed with \*\*\* in a message/);
    const page = await req(ro.url);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'none'; script-src 'self'/);
    assert.equal((await req(`${ro.url}app.js`)).status, 200);
    assert.equal((await req(`${ro.url}app.css`)).status, 200);
    const ins = JSON.parse((await req(`${ro.url}api/insights`)).body);
    assert.equal(ins.dora.changeFailureRate, 0.5);
    assert.equal(ins.releases.length, 3);
  });

  test('bad requests: unknown route 404, unknown environment 400, bad limit 400, French errors on ?lang=fr', async () => {
    assert.equal((await req(`${ro.url}api/nope`)).status, 404);
    const env = await req(`${ro.url}api/history?env=prod`);
    assert.equal(env.status, 400);
    assert.match(JSON.parse(env.body).error.message, /Unknown environment "prod"/);
    assert.equal((await req(`${ro.url}api/history?limit=-1`)).status, 400);
    const fr = await req(`${ro.url}api/history?env=prod&lang=fr`);
    assert.match(JSON.parse(fr.body).error.message, /Environnement inconnu/);
  });

  test('a loopback dashboard answers only loopback Host names (no DNS rebinding)', async () => {
    // (fetch cannot set Host: node:http can)
    const withHost = (host: string): Promise<number> =>
      new Promise((resolve, reject) => {
        const r = httpGet(`${ro.url}api/history`, { headers: { Host: host }, timeout: 10_000 }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        r.on('error', reject);
      });
    assert.equal(await withHost('attacker.example:8088'), 403);
    assert.equal(await withHost('127.0.0.1.attacker.example'), 403);
    assert.equal(await withHost('localhost:8088'), 200);
    assert.equal(await withHost('[::1]:8088'), 200);
  });

  test('incident reports are served masked; nothing outside logs/incidents is', async () => {
    const r = await req(`${ro.url}incidents/20261130T100000Z-b2/report.md`);
    assert.equal(r.status, 200);
    assert.match(r.body, /SECRET_KEY was \*\*\*/);
    for (const path of ['incidents/20261130T100000Z-b2/link.md', 'incidents/%E0%A4%A/report.md', 'incidents/..%2F..%2F/outside.txt', 'incidents/20261130T100000Z-b2/..%2F..%2F..%2Foutside.txt', 'incidents/..%2F..%2F..%2F/outside.txt', 'incidents/x/missing.md']) {
      assert.equal((await req(`${ro.url}${path}`)).status, 404, path);
    }
  });

  test('malformed requests get an answer and the server stays up', async () => {
    // an absolute-form request line whose URL does not parse
    const raw = await new Promise<string>((resolve, reject) => {
      const sock = connect(Number(new URL(ro.url).port), '127.0.0.1', () => sock.write('GET http://a:99999/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n'));
      let got = '';
      sock.setEncoding('utf8').on('data', (d: string) => (got += d));
      sock.on('end', () => resolve(got));
      sock.on('error', reject);
      sock.setTimeout(5000, () => sock.destroy(new Error('no answer')));
    });
    assert.match(raw, /^HTTP\/1\.1 400 /);
    const head = await req(ro.url, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.body, '');
    const wrong = await req(`${ro.url}api/rollback`);
    assert.equal(wrong.status, 405);
    assert.equal(wrong.headers.get('allow'), 'POST');
    assert.equal((await req(ro.url, { method: 'POST' })).status, 405);
    assert.equal((await req(`${ro.url}api/history`)).status, 200, 'still up');
  });

  test('read-only: no rollback', async () => {
    const r = await req(`${ro.url}api/rollback`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    assert.equal(r.status, 400);
    assert.match(JSON.parse(r.body).error.message, /read-only/);
  });

  test('with a token: 401 without it, bearer or login cookie accepted, the cookie is not the token', async () => {
    for (const path of ['', 'api/history', 'api/status', 'metrics']) assert.equal((await req(`${guarded.url}${path}`)).status, 401, path);
    assert.equal((await req(`${guarded.url}api/history`, { headers: { Authorization: `Bearer ${TOKEN}x` } })).status, 401);
    assert.equal((await req(`${guarded.url}api/history`, { headers: { Authorization: `Bearer ${TOKEN}` } })).status, 200);
    const bad = await req(`${guarded.url}login`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'token=nope' });
    assert.equal(bad.status, 401);
    const login = await req(`${guarded.url}login`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: `token=${TOKEN}` });
    assert.equal(login.status, 303);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    assert.match(cookie, /^reprise_session=[0-9a-f]{64}$/);
    assert.ok(!cookie.includes(TOKEN));
    assert.match(login.headers.get('set-cookie') ?? '', /HttpOnly; SameSite=Strict/);
    assert.equal((await req(`${guarded.url}api/history`, { headers: { Cookie: cookie } })).status, 200);
    // a session is random (two logins, two ids) and ends with the logout
    const again = await req(`${guarded.url}login`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: `token=${TOKEN}` });
    assert.notEqual((again.headers.get('set-cookie') ?? '').split(';')[0], cookie);
    assert.match(again.headers.get('set-cookie') ?? '', /Max-Age=43200/);
    assert.equal((await req(`${guarded.url}logout`, { method: 'POST', headers: { Cookie: cookie } })).status, 303);
    assert.equal((await req(`${guarded.url}api/history`, { headers: { Cookie: cookie } })).status, 401, 'logged out');
  });

  test('wrong tokens: the sixth attempt within a minute is refused without being checked', async () => {
    const attempt = (token: string) => req(`${guarded.url}login`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: `token=${token}` });
    for (let i = 0; i < 4; i++) assert.equal((await attempt(`wrong-${i}`)).status, 401);
    const limited = await attempt(TOKEN);
    assert.equal(limited.status, 429, 'even the right token waits');
    assert.equal(limited.headers.get('retry-after'), '60');
  });

  test('a rollback that fails answers an error and leaves the server up', async () => {
    const auth = { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' };
    const r = await req(`${guarded.url}api/rollback`, { method: 'POST', headers: auth, body: '{}' });
    assert.ok(r.status >= 400, String(r.status));
    assert.equal(JSON.parse(r.body).ok, false);
    const arr = await req(`${guarded.url}api/rollback`, { method: 'POST', headers: auth, body: '[]' });
    assert.equal(arr.status, 400, 'an array is not a request');
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal((await req(`${guarded.url}api/history`, { headers: { Authorization: `Bearer ${TOKEN}` } })).status, 200, 'still up');
  });

  test('rollback requests are checked before anything runs: JSON only, valid version, bounded body', async () => {
    const auth = { Authorization: `Bearer ${TOKEN}` };
    const form = await req(`${guarded.url}api/rollback`, { method: 'POST', headers: { ...auth, 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'version=a1' });
    assert.equal(form.status, 400);
    const bad = await req(`${guarded.url}api/rollback`, { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify({ version: '$(touch /tmp/x)' }) });
    assert.equal(bad.status, 400);
    assert.equal(JSON.parse(bad.body).error.code, 'INVALID_VERSION');
    const big = await req(`${guarded.url}api/rollback`, { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify({ reason: 'x'.repeat(20_000) }) });
    assert.equal(big.status, 400);
    const notJson = await req(`${guarded.url}api/rollback`, { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: '{' });
    assert.equal(notJson.status, 400);
  });

  test('POST /api/incidents/ack: the token only, a JSON {id} only; an open incident is acknowledged by the user and the client', async () => {
    const store = Store.open(f.stateFile);
    const opened = store.incidents.open({ project: 'unitdash', kind: 'deploy_failed', openedAt: '2026-11-30T11:00:00Z', version: 'b2', fromVersion: 'a1', releaseId: null, report: null, cause: 'api unhealthy', acknowledgedBy: null });
    store.close();
    const ack = (url: string, body: string, headers: Record<string, string> = { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' }) => req(`${url}api/incidents/ack`, { method: 'POST', headers, body });
    const state = (): string | undefined => {
      const s = Store.open(f.stateFile);
      try {
        return s.incidents.get('unitdash', opened.id)?.state;
      } finally {
        s.close();
      }
    };
    const readOnly = await ack(ro.url, JSON.stringify({ id: opened.id }), { 'Content-Type': 'application/json' });
    assert.equal(readOnly.status, 400, 'read-only: no acknowledgement (as no rollback)');
    assert.match(JSON.parse(readOnly.body).error.message, /read-only/);
    assert.equal((await ack(guarded.url, JSON.stringify({ id: opened.id }), { 'Content-Type': 'application/json' })).status, 401, 'no token');
    assert.equal((await ack(guarded.url, `id=${opened.id}`, { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/x-www-form-urlencoded' })).status, 400, 'a form');
    for (const body of ['[]', '{', '{}', JSON.stringify({ id: String(opened.id) }), JSON.stringify({ id: 0 }), JSON.stringify({ id: 1.5 }), JSON.stringify({ id: '1; rm -rf /' })]) {
      const r = await ack(guarded.url, body);
      assert.equal(r.status, 400, body);
      assert.equal(JSON.parse(r.body).error.code, 'USAGE', body);
    }
    const unknown = await ack(guarded.url, JSON.stringify({ id: opened.id + 100 }));
    assert.ok(unknown.status >= 400 && unknown.status < 500, `${unknown.status} ${unknown.body}`);
    assert.equal(state(), 'open', 'nothing changed by the refused requests');
    const ok = await ack(guarded.url, JSON.stringify({ id: opened.id }));
    assert.equal(ok.status, 200, ok.body);
    const done = JSON.parse(ok.body) as { incident: { state: string; acknowledged_by: string } };
    assert.deepEqual({ state: done.incident.state, by: done.incident.acknowledged_by }, { state: 'acknowledged', by: 'u (dashboard, 127.0.0.1)' });
    assert.equal(state(), 'acknowledged');
  });

  test('/metrics parses as Prometheus text and counts the history and the deliveries', async () => {
    const m = await req(`${ro.url}metrics`);
    assert.equal(m.status, 200);
    const families = parsePrometheusTextFormat(m.body);
    const sum = (name: string, where: Record<string, string> = {}): number =>
      (families.find((x) => x.name === name)?.metrics ?? []).filter((x) => Object.entries(where).every(([k, v]) => x.labels?.[k] === v)).reduce((n, x) => n + Number(x.value), 0);
    assert.equal(sum('reprise_releases_total', { kind: 'deploy', outcome: 'success' }), 2);
    assert.equal(sum('reprise_releases_total', { kind: 'rollback' }), 1);
    assert.equal(sum('reprise_rollbacks_total', { trigger: 'manual', outcome: 'success' }), 1);
    assert.equal(sum('reprise_notification_deliveries_total', { channel: 'telegram', outcome: 'delivered' }), 1);
    assert.equal(sum('reprise_notification_deliveries_total', { channel: 'email', outcome: 'failed' }), 1);
    assert.equal(sum('reprise_change_failure_ratio'), 0.5);
    assert.match(m.body, /^reprise_release_duration_seconds_count\{project="unitdash",environment="",kind="deploy"\} 2$/m);
    assert.ok(!m.body.includes(SECRET));
  });
});

test('flags: loopback needs no token; another host needs one of 16 characters or more; port and host are checked', () => {
  const code = (fn: () => unknown): string => {
    try {
      fn();
      return 'ok';
    } catch (e) {
      return isRepriseError(e) ? `${e.code}:${e.key}` : String(e);
    }
  };
  assert.deepEqual(checkDashboardFlags({ host: '127.0.0.1', port: '8088' }, {}), { host: '127.0.0.1', port: 8088, token: null, trustedProxies: [] });
  assert.equal(code(() => checkDashboardFlags({ host: '0.0.0.0', port: '8088' }, {})), 'USAGE:dashboardTokenRequired');
  assert.equal(code(() => checkDashboardFlags({ host: '0.0.0.0', port: '8088' }, { REPRISE_DASHBOARD_TOKEN: 'short' })), 'USAGE:dashboardTokenShort');
  assert.equal(code(() => checkDashboardFlags({ host: '0.0.0.0', port: '8088' }, { REPRISE_DASHBOARD_TOKEN: TOKEN })), 'ok');
  assert.equal(code(() => checkDashboardFlags({ host: 'localhost', port: '65536' }, {})), 'USAGE:dashboardPortInvalid');
  assert.equal(code(() => checkDashboardFlags({ host: 'localhost', port: '80a' }, {})), 'USAGE:dashboardPortInvalid');
  assert.equal(code(() => checkDashboardFlags({ host: 'a b', port: '1' }, {})), 'USAGE:dashboardHostInvalid');
  assert.equal(code(() => checkDashboardFlags({ host: '$(id)', port: '1' }, {})), 'USAGE:dashboardHostInvalid');
  assert.equal(code(() => checkDashboardFlags({ host: '::1', port: '0' }, {})), 'ok');
  assert.equal(code(() => checkDashboardFlags({ host: 'dash.example.org', port: '0' }, {})), 'USAGE:dashboardTokenRequired');
  for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]']) assert.ok(isLoopbackHost(h), h);
  for (const h of ['0.0.0.0', '10.0.0.1', '::', 'example.org', '128.0.0.1']) assert.ok(!isLoopbackHost(h), h);
});

test('the page data block cannot be closed by a project name', () => {
  const html = mainPage('en', { project: '</script><script>alert(1)</script>', environments: [null], canRollback: false });
  assert.ok(!html.includes('<script>alert(1)'), 'no script injected');
  assert.match(html, /\\u003c\/script>/);
});

test('environments: each is read from its own project, /metrics labels each one', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'reprise-dash-envs-'));
  const stateFile = join(dir, '.reprise', 'state.db');
  const store = Store.open(stateFile);
  const names: Record<string, string> = { staging: 'recyclic-staging', production: 'recyclic-prod' };
  for (const [i, project] of Object.values(names).entries()) {
    for (let n = 0; n <= i; n++) {
      const r = store.startRelease({ project, kind: 'deploy', trigger: 'manual', version: `v${n}`, fromVersion: null, startedAt: '2026-11-30T10:00:00.000Z', user: 'u', host: 'h', message: null });
      store.finishRelease(r.id, { outcome: 'success', finishedAt: '2026-11-30T10:00:10.000Z', durationSeconds: 10, services: {} });
    }
  }
  store.close();
  const open = (env: string | null): OpContext => ctxFor({ name: names[env ?? 'staging'], dir, stateFile, environment: env });
  const d = await startDashboard({ host: '127.0.0.1', port: 0, lang: 'en', token: null, sources: { project: 'recyclic-staging', environments: ['staging', 'production'], open }, log: () => undefined });
  try {
    const info = JSON.parse((await req(`${d.url}api/dashboard`)).body);
    assert.deepEqual(info.environments, ['staging', 'production']);
    const prod = JSON.parse((await req(`${d.url}api/history?env=production`)).body);
    assert.equal(prod.project, 'recyclic-prod');
    assert.equal(prod.releases.length, 2);
    const staging = JSON.parse((await req(`${d.url}api/history`)).body);
    assert.equal(staging.project, 'recyclic-staging', 'the first environment by default');
    assert.equal(staging.releases.length, 1);
    const m = (await req(`${d.url}metrics`)).body;
    assert.match(m, /^reprise_releases_total\{project="recyclic-prod",environment="production",kind="deploy",trigger="manual",outcome="success"\} 2$/m);
    assert.match(m, /^reprise_releases_total\{project="recyclic-staging",environment="staging",kind="deploy",trigger="manual",outcome="success"\} 1$/m);
  } finally {
    await d.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
