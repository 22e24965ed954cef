// Pure parts of zero-downtime releases: which strategy each service gets and why, the nginx pin, the
// project loader's proxy validation, init's proxy guess, the load report (longest gap, failures, p99), and
// doctor's side_by_side wording.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chooseStrategy, nginxPin, type ProxySettings } from '../../src/domain/strategy';
import { svc } from '../fixtures/services';
import { loadProject } from '../../src/config/project';
import { isRepriseError } from '../../src/domain/errors';
import { init } from '../../src/commands/init';
import { summarise, type LoadSample } from '../../bench/load';
import { judgeSideBySide } from '../../src/domain/doctor';
import { reasonText, strategyText } from '../../src/release/plan/plan-output';

const proxy: ProxySettings = { service: 'proxy', kind: 'nginx', upstreams: new Map([['api', 8000]]), pinDir: '/etc/nginx/reprise', drainTimeoutMs: 30_000 };
const none = { containerName: null, ports: [] as string[] };
const env = (k: string): string | undefined => ({ API_PORT: '18000' })[k];

test('start-first where possible, else recreate with the reason, in the order the reasons are checked', () => {
  assert.deepEqual(chooseStrategy(svc('api'), none, null, proxy, env), { service: 'api', requested: null, strategy: 'start-first', via: 'proxy', reason: null, detail: null, port: 8000 });
  assert.equal(chooseStrategy(svc('api'), none, 'start-first', proxy, env).strategy, 'start-first');
  assert.equal(chooseStrategy(svc('api'), none, 'recreate', proxy, env).reason, 'configured');
  assert.equal(chooseStrategy(svc('api', true), none, null, proxy, env).reason, 'one_shot');
  const named = chooseStrategy(svc('api'), { containerName: 'api-${API_PORT}', ports: [] }, 'start-first', proxy, env);
  assert.deepEqual([named.strategy, named.reason, named.detail], ['recreate', 'container_name', 'api-18000']);
  const ported = chooseStrategy(svc('api'), { containerName: null, ports: ['127.0.0.1:${API_PORT:-8000}:8000', '9000'] }, null, proxy, env);
  assert.deepEqual([ported.reason, ported.detail], ['published_ports', '127.0.0.1:18000'], 'a container-only port does not block');
  assert.equal(chooseStrategy(svc('api'), { containerName: null, ports: ['8000'] }, null, proxy, env).strategy, 'start-first');
  assert.equal(chooseStrategy(svc('api'), none, null, null, env).reason, 'no_proxy');
  assert.deepEqual([chooseStrategy(svc('bot'), none, null, proxy, env).reason, chooseStrategy(svc('bot'), none, null, proxy, env).detail], ['not_behind_proxy', 'proxy']);
});

test('behind a router outside the project: start-first despite container_name, not with a fixed host port', () => {
  const router = { kind: 'dns' as const, services: new Set(['api']), settleMs: 2000 };
  const named = chooseStrategy(svc('api'), { containerName: 'recyclic-api', ports: [] }, null, null, env, router);
  assert.deepEqual([named.strategy, named.via, named.reason], ['start-first', 'router', null]);
  assert.equal(chooseStrategy(svc('api'), { containerName: null, ports: ['127.0.0.1:8000:8000'] }, null, null, env, router).reason, 'published_ports');
  assert.equal(chooseStrategy(svc('api'), none, 'recreate', null, env, router).reason, 'configured');
  assert.equal(chooseStrategy(svc('bot'), { containerName: 'recyclic-bot', ports: [] }, null, null, env, router).reason, 'container_name', 'not routed: recreated');
  assert.equal(chooseStrategy(svc('api', true), none, null, null, env, router).reason, 'one_shot');
});

test('the pin file nginx includes', () => {
  assert.equal(nginxPin('172.18.0.5:8000'), 'set $reprise_upstream 172.18.0.5:8000;\n');
  assert.equal(nginxPin('api:8000'), 'set $reprise_upstream api:8000;\n');
});

test('plan and doctor wording, French and English', () => {
  const sf = chooseStrategy(svc('api'), none, null, proxy, env);
  const rc = chooseStrategy(svc('bot'), { containerName: null, ports: ['127.0.0.1:8001:8001'] }, null, proxy, env);
  assert.equal(strategyText({ lang: 'en' }, sf), ' — start-first (zero downtime)');
  assert.equal(strategyText({ lang: 'fr' }, rc), ' — recréation : port hôte fixe 127.0.0.1:8001');
  assert.equal(strategyText({ lang: 'en' }, chooseStrategy(svc('m', true), none, null, proxy, env)), '', 'one-shots are already marked');
  assert.equal(reasonText({ lang: 'en' }, chooseStrategy(svc('api'), none, null, null, env)), 'no proxy declared in reprise.yml');
  const j = judgeSideBySide([], ['api'], [{ service: 'api', strategy: 'start-first', reason: null, why: null }, { service: 'bot', strategy: 'recreate', reason: 'no_proxy', why: 'no proxy' }]);
  assert.equal(j.status, 'ok');
  assert.deepEqual(j.summary, ['doctorSideStrategies', { startFirst: ['api'], recreate: ['bot (no proxy)'] }]);
  assert.deepEqual((j.details as { strategies: unknown }).strategies, [
    { service: 'api', strategy: 'start-first', reason: null },
    { service: 'bot', strategy: 'recreate', reason: 'no_proxy' },
  ]);
});

function project(compose: string, config: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'reprise-strategy-'));
  writeFileSync(join(dir, 'docker-compose.yml'), compose);
  if (config) writeFileSync(join(dir, 'reprise.yml'), config);
  return dir;
}
const COMPOSE = [
  'services:',
  '  api: { image: "r-api:${API_TAG:-x}" }',
  '  bot: { image: "r-bot:${BOT_TAG:-x}", ports: ["127.0.0.1:${BOT_PORT:-8001}:8001"] }',
  '  mig: { image: "r-mig:${MIG_TAG:-x}", restart: "no" }',
  '  proxy: { image: nginx, depends_on: [api], ports: ["127.0.0.1:${API_PORT:-8000}:8000"] }',
  '',
].join('\n');

test('the project loader: strategies per service, proxy validated (CONFIG_INVALID with the key)', () => {
  const p = loadProject({ projectDir: project(COMPOSE, 'proxy: { service: proxy, upstreams: { api: 8000 }, drain_timeout: 5s }\n') }, {});
  assert.deepEqual(p.proxy, { service: 'proxy', kind: 'nginx', upstreams: new Map([['api', 8000]]), pinDir: '/etc/nginx/reprise', drainTimeoutMs: 5000 });
  assert.deepEqual(
    [...p.strategies.values()].map((s) => `${s.service}:${s.strategy}:${s.reason ?? ''}`),
    ['api:start-first:', 'bot:recreate:published_ports', 'mig:recreate:one_shot'],
  );
  const bad = (config: string, key: RegExp): void => {
    assert.throws(
      () => loadProject({ projectDir: project(COMPOSE, config) }, {}),
      (e: unknown) => isRepriseError(e) && e.code === 'CONFIG_INVALID' && key.test(String(e.details.key)),
    );
  };
  bad('proxy: { service: nope, upstreams: { api: 8000 } }\n', /proxy\.service/);
  bad('proxy: { service: api, upstreams: { api: 8000 } }\n', /proxy\.service/);
  bad('proxy: { service: proxy, upstreams: { mig: 80 } }\n', /proxy\.upstreams\.mig/);
  bad('proxy: { service: proxy, upstreams: { db: 80 } }\n', /proxy\.upstreams\.db/);
  bad('proxy: { service: proxy, upstreams: { api: 0 } }\n', /proxy/);
  bad('proxy: { service: proxy, upstreams: { api: 8000 }, pin_dir: "relative/dir" }\n', /pin_dir/);
  bad('proxy: { service: proxy, upstreams: { api: 8000 }, kind: traefik }\n', /kind/);
  bad('services: { api: { strategy: blue-green } }\n', /strategy/);
});

test('the project loader: router: services validated, container_name no obstacle (CONFIG_INVALID with the key)', () => {
  const named = COMPOSE.replace('api: { image: "r-api:${API_TAG:-x}" }', 'api: { image: "r-api:${API_TAG:-x}", container_name: my-api }');
  const p = loadProject({ projectDir: project(named, 'router: { kind: dns, services: [api], settle: 3s }\n') }, {});
  assert.deepEqual(p.router, { kind: 'dns', services: new Set(['api']), settleMs: 3000 });
  assert.deepEqual([p.strategies.get('api')?.strategy, p.strategies.get('api')?.via], ['start-first', 'router']);
  assert.equal(p.strategies.get('bot')?.reason, 'published_ports');
  const bad = (config: string, key: RegExp): void => {
    assert.throws(
      () => loadProject({ projectDir: project(named, config) }, {}),
      (e: unknown) => isRepriseError(e) && e.code === 'CONFIG_INVALID' && key.test(String(e.details.key)),
    );
  };
  bad('router: { kind: dns, services: [mig] }\n', /router\.services\.0/);
  bad('router: { kind: dns, services: [api, db] }\n', /router\.services\.1/);
  bad('router: { kind: traefik, services: [api] }\n', /router/);
  bad('router: { kind: dns, services: [] }\n', /router/);
  bad('proxy: { service: proxy, upstreams: { api: 8000 } }\nrouter: { kind: dns, services: [api] }\n', /router\.services\.0/);
});

test('init recognises the proxy in front of versioned services and writes proxy: and health URLs through it', async () => {
  const dir = project(COMPOSE, '');
  const r = await init({ dir, options: {}, env: { API_PORT: '18000' }, force: false, lang: 'en', ask: null, running: async () => [] });
  assert.deepEqual(r.proxy, { service: 'proxy', upstreams: { api: 8000 } });
  assert.equal(r.services.find((s) => s.name === 'api')?.healthUrl, 'http://127.0.0.1:18000/health');
  const text = readFileSync(join(dir, 'reprise.yml'), 'utf8');
  assert.match(text, /# proxy: guessed/);
  // the written file loads, and api is then released start-first
  const p = loadProject({ projectDir: dir }, { API_PORT: '18000' });
  assert.equal(p.strategies.get('api')?.strategy, 'start-first');
});

test('load report: failures, longest gap between successful answers (edges included), p99', () => {
  const s = (at: number, ok: boolean, latencyMs = 10): LoadSample => ({ at, ok, status: ok ? 200 : 502, latencyMs, error: null });
  const r = summarise([s(0, true), s(100, true), s(200, false), s(300, false), s(400, true, 50), s(500, true)], 700);
  assert.equal(r.requests, 6);
  assert.equal(r.failed, 2);
  assert.equal(r.longestGapMs, 340, 'from the answer at 110 ms to the one at 450 ms');
  assert.equal(r.p99Ms, 50);
  assert.deepEqual(r.errors, ['+200 ms: HTTP 502', '+300 ms: HTTP 502']);
  assert.equal(summarise([s(0, true)], 1000).longestGapMs, 990, 'until the end of the load');
  assert.equal(summarise([], 800).longestGapMs, 800, 'no answer at all: the whole duration');
});

test('doctor: start-first with a remote engine is a warning with its fix (the gate probes container addresses)', () => {
  const lines = [{ service: 'api', strategy: 'start-first' as const, reason: null, why: null }];
  const j = judgeSideBySide([], ['api'], lines, 'tcp://10.0.0.5:2375');
  assert.equal(j.status, 'warn');
  assert.deepEqual(j.summary, ['doctorSideRemote', { services: ['api'], host: 'tcp://10.0.0.5:2375' }]);
  assert.deepEqual(j.fix, ['doctorSideRemoteFix', { services: ['api'] }]);
  assert.equal(judgeSideBySide([], ['api'], lines, null).status, 'ok');
  assert.equal(judgeSideBySide([], ['bot'], [{ service: 'bot', strategy: 'recreate', reason: 'no_proxy', why: 'x' }], 'tcp://10.0.0.5:2375').status, 'ok', 'nothing start-first: nothing to warn about');
});
