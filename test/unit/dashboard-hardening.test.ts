// Issue 20 item 12 (part): the dashboard behind the reverse proxy the README recommends. The login throttle
// counts each visitor (X-Forwarded-For, believed only from a proxy named in REPRISE_DASHBOARD_TRUSTED_PROXY),
// so five wrong tries lock out one visitor, not everyone; the session cookie is Secure behind https; the
// failure and session maps are pruned; slow clients are bounded; the live status is shared between scrapes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IncomingMessage } from 'node:http';
import { probeHttp } from '../../src/adapters/probe/http-probe';
import { Store } from '../../src/adapters/store';
import type { Project } from '../../src/config/project';
import type { Engine } from '../../src/engines/engine';
import type { OpContext } from '../../src/release/context';
import { TokenAuth } from '../../src/server/auth';
import { clientAddress, overHttps } from '../../src/server/client-address';
import { cachedStatus, STATUS_CACHE_MS, type RouteContext } from '../../src/server/context';
import { SERVER_LIMITS, startDashboard, type Dashboard } from '../../src/server/dashboard';
import { checkDashboardFlags } from '../../src/cli/dashboard';
import { isRepriseError } from '../../src/domain/errors';

const TOKEN = 'hardening-token-0123456789';
const req = (peer: string, headers: Record<string, string> = {}): IncomingMessage => ({ socket: { remoteAddress: peer }, headers }) as unknown as IncomingMessage;

test('the client address: X-Forwarded-For believed only from a trusted proxy (its last hop)', () => {
  const xff = { 'x-forwarded-for': '198.51.100.9, 203.0.113.7' };
  assert.equal(clientAddress(req('10.0.0.5', xff), []), '10.0.0.5', 'no trusted proxy: the socket');
  assert.equal(clientAddress(req('10.0.0.5', xff), ['127.0.0.1']), '10.0.0.5', 'not the trusted proxy: the socket');
  assert.equal(clientAddress(req('::ffff:127.0.0.1', xff), ['127.0.0.1']), '203.0.113.7', 'the proxy: the hop it added');
  assert.equal(overHttps(req('127.0.0.1', { 'x-forwarded-proto': 'https' }), ['127.0.0.1']), true);
  assert.equal(overHttps(req('10.0.0.5', { 'x-forwarded-proto': 'https' }), ['127.0.0.1']), false, 'a header anyone can send');
});

test('REPRISE_DASHBOARD_TRUSTED_PROXY takes IP addresses only: anything else is one clear USAGE error', () => {
  assert.deepEqual(checkDashboardFlags({ host: '127.0.0.1', port: '0' }, { REPRISE_DASHBOARD_TRUSTED_PROXY: '127.0.0.1, ::1' }).trustedProxies, ['127.0.0.1', '::1']);
  assert.throws(() => checkDashboardFlags({ host: '127.0.0.1', port: '0' }, { REPRISE_DASHBOARD_TRUSTED_PROXY: 'proxy.local' }), (e: unknown) => isRepriseError(e) && e.code === 'USAGE' && /proxy\.local/.test(e.message));
});

test('the session and failure maps are pruned: expired sessions and old failures are forgotten, addresses bounded', () => {
  let now = 0;
  const auth = new TokenAuth(TOKEN, () => now);
  auth.openSession();
  for (let i = 0; i < 50; i++) auth.accepts('wrong', `192.0.2.${i}`);
  assert.deepEqual(auth.remembered, { sessions: 1, clients: 50 });
  now += 13 * 3600 * 1000; // sessions last 12 h, failures count for a minute
  auth.accepts('wrong', '192.0.2.200');
  auth.openSession();
  assert.deepEqual(auth.remembered, { sessions: 1, clients: 1 });
  for (let i = 0; i < 10_050; i++) auth.accepts('wrong', `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
  assert.ok(auth.remembered.clients <= 10_000, `bounded: ${auth.remembered.clients}`);
});

test('the live status is read once per STATUS_CACHE_MS for all scrapes and polls, and again at once after a release', async () => {
  const rc = { statusCache: new Map() } as unknown as RouteContext;
  let reads = 0;
  const read = async (): Promise<number> => ++reads;
  await cachedStatus(rc, null, 'g1', read, 1000);
  await cachedStatus(rc, null, 'g1', read, 1000 + STATUS_CACHE_MS - 1);
  assert.equal(reads, 1);
  await cachedStatus(rc, null, 'g1', read, 1000 + STATUS_CACHE_MS);
  assert.equal(reads, 2);
  // the store changed (a release made by the CLI): read again, however fresh
  assert.equal(await cachedStatus(rc, null, 'g2', read, 1000 + STATUS_CACHE_MS + 1), 3);
  // a failed read is not served again
  await assert.rejects(cachedStatus(rc, 'e', 'g', () => Promise.reject(new Error('docker down')), 0));
  await new Promise((r) => setImmediate(r));
  assert.equal(await cachedStatus(rc, 'e', 'g', read, 1), 4);
});

test('behind a trusted proxy: one visitor is throttled after 5 wrong tries, another is not; the cookie is Secure over https; limits set', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'reprise-harden-'));
  const stateFile = join(dir, '.reprise', 'state.db');
  const noEngine = new Proxy({}, { get: (_t, k) => (k === 'name' ? 'compose' : () => Promise.reject(new Error('no engine'))) }) as Engine;
  const open = (): OpContext => {
    const project = { name: 'harden', dir, stateFile, environment: null, envVars: new Map(), config: {}, versioned: [], compose: { services: new Map() } } as unknown as Project;
    return { project, engine: noEngine, store: Store.open(stateFile), env: {}, lang: 'en', out: { line: () => undefined, warn: () => undefined }, now: () => new Date(), host: 'h', user: 'u', pid: process.pid, confirm: async () => false, checkpoint: async () => undefined, probe: probeHttp };
  };
  const d: Dashboard = await startDashboard({ host: '127.0.0.1', port: 0, token: TOKEN, lang: 'en', sources: { project: 'harden', environments: [null], open }, log: () => undefined, trustedProxies: ['127.0.0.1'] });
  t.after(async () => {
    await d.close();
    rmSync(dir, { recursive: true, force: true });
  });
  assert.deepEqual([d.server.headersTimeout, d.server.requestTimeout, d.server.maxConnections], [SERVER_LIMITS.headersTimeoutMs, SERVER_LIMITS.requestTimeoutMs, SERVER_LIMITS.maxConnections]);
  const login = (visitor: string, token: string, proto = 'http'): Promise<Response> =>
    fetch(`${d.url}login`, { method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Forwarded-For': visitor, 'X-Forwarded-Proto': proto }, body: `token=${token}` });
  for (let i = 0; i < 5; i++) assert.equal((await login('203.0.113.7', 'nope')).status, 401);
  assert.equal((await login('203.0.113.7', 'nope')).status, 429, 'the visitor who guessed is throttled');
  assert.equal((await login('198.51.100.9', 'nope')).status, 401, 'another visitor is not');
  const ok = await login('198.51.100.9', TOKEN, 'https');
  assert.equal(ok.status, 303);
  assert.match(ok.headers.get('set-cookie') ?? '', /; Secure/);
  const plain = await login('198.51.100.10', TOKEN, 'http');
  assert.doesNotMatch(plain.headers.get('set-cookie') ?? '', /Secure/);
});

test('POST /api/rollback: a body that does not fit the schema is one 400 line and nothing runs', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'reprise-harden-'));
  const stateFile = join(dir, '.reprise', 'state.db');
  const engineCalls: string[] = [];
  const noEngine = new Proxy({}, { get: (_t, k) => (k === 'name' ? 'compose' : () => (engineCalls.push(String(k)), Promise.reject(new Error('no engine')))) }) as Engine;
  const open = (): OpContext => {
    const project = { name: 'harden', dir, stateFile, environment: null, envVars: new Map(), config: {}, versioned: [], compose: { services: new Map() } } as unknown as Project;
    return { project, engine: noEngine, store: Store.open(stateFile), env: {}, lang: 'en', out: { line: () => undefined, warn: () => undefined }, now: () => new Date(), host: 'h', user: 'u', pid: process.pid, confirm: async () => false, checkpoint: async () => undefined, probe: probeHttp };
  };
  const d: Dashboard = await startDashboard({ host: '127.0.0.1', port: 0, token: TOKEN, lang: 'en', sources: { project: 'harden', environments: [null], open }, log: () => undefined });
  t.after(async () => {
    await d.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const post = (body: string): Promise<Response> => fetch(`${d.url}api/rollback`, { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' }, body });
  const cases: Array<[string, number, RegExp]> = [
    ['{"version": 12}', 400, /version must be a string/],
    ['{"reason": ["x"]}', 400, /reason must be a string of at most 500 characters/],
    [JSON.stringify({ reason: 'r'.repeat(501) }), 400, /at most 500 characters/],
    ['[1]', 400, /must be a JSON object/],
    ['{"version": "bad version!"}', 400, /version/i],
  ];
  for (const [body, code, message] of cases) {
    const r = await post(body);
    const answer = (await r.json()) as { ok: boolean; error: { message: string } };
    assert.equal(r.status, code, body);
    assert.equal(answer.ok, false);
    assert.match(answer.error.message, message, body);
    assert.equal(answer.error.message.split('\n').length, 1);
  }
  assert.deepEqual(engineCalls, [], 'nothing reached the engine');
  const store = Store.open(stateFile);
  t.after(() => store.close());
  assert.deepEqual(store.listReleases('harden'), [], 'no release was started');
});
