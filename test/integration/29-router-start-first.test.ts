// Zero downtime on a stack as people write it, behind a router reprise does not own (issue 17, item 1 and
// the acceptance): the prod-like fixture (container_name on every service, healthchecks every 30 s with a
// 30 s start period, two env files, docker-compose.prod.yml, a migrations one-shot nobody depends on) is
// started with plain compose; two real routers from Debian packages sit OUTSIDE the project on its external
// network, each resolving a service through Docker's DNS: HAProxy (`server-template`, resolvers) the api by
// its service name, Caddy (dynamic a upstreams) the api by its container name, nginx (`resolver`, proxy_pass
// to a variable) the frontend by its service name. Driven only through the CLI:
// `reprise init` adopts the stack, reprise.yml gets `router: {kind: dns}`; then deploy B, rollback A and a
// never-healthy C each run under 20 requests/s through each router (60 in all). Asserted: not one request failed, which
// image each container runs, the container names (the twin took the name), the database container never
// recreated, and a plain `docker compose up -d` afterwards recreates nothing. The release times are printed
// (bench/router-rollback.ts compares them with plain compose); no wall-clock time is asserted.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { startLoad, type LoadReport } from '../../bench/load';
import {
  buildImages,
  composeV2Available,
  containers,
  docker,
  expectCode,
  newVersion,
  plainCompose,
  portAllocator,
  REPO,
  reprise,
  killAtStep,
  reprisBackground,
  rid,
  prodLikeComposeArgs,
  startProdLike,
  removeProdLike,
  type Project,
} from './harness';

const ROUTERS = join(REPO, 'test', 'fixtures', 'routers');
const ports = portAllocator(29);
const R = rid();
const A = newVersion('a');
const B = newVersion('b');
const C = newVersion('c');
const NAME = `rit-router-${R}`;
const PREFIX = `rit-rt-${R}`;
const EDGE = `rit-rtedge-${R}`;
const HAPROXY = `rit-rt-haproxy-${R}`;
const CADDY = `rit-rt-caddy-${R}`;
const NGINX = `rit-rt-nginx-${R}`;
const SECRETS = { POSTGRES_PASSWORD: `pw-${rid(10)}`, SECRET_KEY: `sk-${rid(12)}` };

let p: Project;
let haproxyPort = 0;
let caddyPort = 0;
let nginxPort = 0;

const composeArgs = (): string[] => prodLikeComposeArgs(NAME);

/** service → `name id image` of every running container of the project */
function running(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const c of containers(NAME).filter((x) => x.state === 'running')) out.set(c.service, [...(out.get(c.service) ?? []), `${c.name} ${c.id} ${c.image}`]);
  return out;
}

function idOf(service: string): string {
  const list = running().get(service) ?? [];
  assert.equal(list.length, 1, `${service}: one running container (${list.join('; ')})`);
  return list[0].split(' ')[1];
}

/** Every long-running versioned service runs `version` in one container named as the compose file says. */
function assertRuns(version: string): void {
  const now = running();
  for (const s of ['api', 'frontend', 'bot']) {
    const list = now.get(s) ?? [];
    assert.equal(list.length, 1, `${s}: one running container (${list.join('; ')})`);
    const [name, , image] = list[0].split(' ');
    assert.equal(image, `recyclic-${s}:${version}`, `${s} runs ${version}`);
    assert.equal(name, `${PREFIX}-${s}`, `${s}: its container_name`);
  }
}

function assertPlainUpRecreatesNothing(): void {
  const ids = (): string[] => containers(NAME).map((c) => `${c.service} ${c.id}`).sort();
  const before = ids();
  const r = plainCompose(p, [...composeArgs(), 'up', '-d'], 'v2');
  assert.equal(r.status, 0, `plain compose up -d: ${r.stderr}`);
  assert.deepEqual(ids(), before, `plain compose up -d recreated nothing:\n${r.stderr}`);
}

/** reprise ARGS in the background while 20 requests/s go through each router to the api. */
async function underLoad(args: string[]): Promise<{ code: number | null; stderr: string; stdout: string; haproxy: LoadReport; caddy: LoadReport; nginx: LoadReport; seconds: number }> {
  const loads = [haproxyPort, caddyPort, nginxPort].map((port) => startLoad([`http://127.0.0.1:${port}/`], 20, { timeoutMs: 5000, maxRequests: 3000 }));
  await new Promise((r) => setTimeout(r, 500));
  const t0 = Date.now();
  const bg = reprisBackground(p, args);
  const { code } = await bg.exited;
  const seconds = (Date.now() - t0) / 1000;
  await new Promise((r) => setTimeout(r, 1500));
  const [haproxy, caddy, nginx] = await Promise.all(loads.map((l) => l.stop()));
  return { code, stderr: bg.stderr(), stdout: bg.stdout(), haproxy, caddy, nginx, seconds };
}

function assertNoFailure(r: { haproxy: LoadReport; caddy: LoadReport; nginx: LoadReport; stderr: string }, what: string): void {
  for (const [router, load] of [['HAProxy', r.haproxy], ['Caddy', r.caddy], ['nginx', r.nginx]] as const) {
    assert.ok(load.requests >= 40, `${what}: ${router} carried requests (${load.requests})`);
    assert.equal(load.failed, 0, `${what}: no failed request through ${router} (${load.failed}/${load.requests}: ${load.errors.join('; ')})\n${r.stderr}`);
  }
  console.log(`# ${what}: HAProxy ${r.haproxy.requests} requests, 0 failed, longest gap ${r.haproxy.longestGapMs} ms; Caddy ${r.caddy.requests} requests, 0 failed, longest gap ${r.caddy.longestGapMs} ms; nginx ${r.nginx.requests} requests, 0 failed, longest gap ${r.nginx.longestGapMs} ms`);
}

function startRouter(name: string, image: string, config: string, target: string, env: Record<string, string>, port: number): void {
  const r = docker(['run', '-d', '--name', name, '--network', EDGE, '-p', `127.0.0.1:${port}:8080`, '-v', `${join(ROUTERS, config)}:${target}:ro`, ...Object.entries(env).flatMap(([k, v]) => ['-e', `${k}=${v}`]), image]);
  assert.equal(r.status, 0, `${name}: ${r.stderr}`);
}

async function waitAnswers(port: number, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (e) {
      last = (e as Error).message;
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  assert.fail(`${what} does not answer on 127.0.0.1:${port}: ${last}`);
}

/** No container of the project is left under one of reprise's temporary names. */
function assertNoTemporaryName(): void {
  const left = containers(NAME).filter((c) => /-reprise-(next|old)$/.test(c.name));
  assert.deepEqual(left.map((c) => c.name), [], 'no temporary container left');
}

describe('start-first behind routers outside the project (HAProxy, Caddy and nginx resolving through Docker DNS), container_name everywhere', { skip: composeV2Available() ? false : 'compose v2 is not installed here' }, () => {
  let dbId = '';
  before(async () => {
    const allocated = ports(0);
    haproxyPort = allocated.api;
    caddyPort = allocated.frontend;
    nginxPort = allocated.bot;
    ({ p } = await startProdLike({
      label: 'router',
      name: NAME,
      prefix: PREFIX,
      edge: EDGE,
      ports: allocated,
      secrets: SECRETS,
      version: A,
      build: (q) => {
        buildImages(q, [A, B]);
        buildImages(q, [C], ['--broken', 'health500']);
      },
    }));
    startRouter(HAPROXY, 'reprise-router-haproxy:2.6', 'haproxy.cfg', '/usr/local/etc/haproxy/haproxy.cfg', { BACKEND_HOST: 'api', BACKEND_PORT: '8000', LISTEN_PORT: '8080' }, haproxyPort);
    startRouter(CADDY, 'reprise-router-caddy:2.6', 'Caddyfile', '/etc/caddy/Caddyfile', { BACKEND_HOST: `${PREFIX}-api`, BACKEND_PORT: '8000', LISTEN_PORT: '8080' }, caddyPort);
    // nginx reads no environment: the backend (the frontend service, by its name) is written into its file
    const nginxConf = join(p.dir, 'router-nginx.conf');
    writeFileSync(nginxConf, readFileSync(join(ROUTERS, 'nginx.conf'), 'utf8').replace('http://BACKEND;', 'http://frontend:4444;'));
    const ng = docker(['run', '-d', '--name', NGINX, '--network', EDGE, '-p', `127.0.0.1:${nginxPort}:8080`, '-v', `${nginxConf}:/etc/nginx/nginx.conf:ro`, 'recyclic-proxy:1.22-demo']);
    assert.equal(ng.status, 0, `${NGINX}: ${ng.stderr}`);
    await waitAnswers(nginxPort, 'nginx');
    await waitAnswers(haproxyPort, 'HAProxy');
    await waitAnswers(caddyPort, 'Caddy');
    dbId = idOf('db');
  });

  after(() => {
    docker(['rm', '-f', HAPROXY, CADDY, NGINX]);
    removeProdLike(p, composeArgs(), EDGE);
  });

  test('init adopts the stack; with router: {kind: dns} the routed services go start-first despite container_name (dry-run, doctor)', () => {
    const r = expectCode(reprise(p, ['init', '--yes', '--json']), 0, 'init');
    assert.equal(r.json.source.runningProject, NAME);
    const cfg = parse(readFileSync(join(p.dir, 'reprise.yml'), 'utf8')) as Record<string, unknown>;
    // init recognised the routed services (Traefik labels, the external network) and wrote them down
    const router = cfg.router as { kind: string; services: string[] } | undefined;
    assert.deepEqual(router?.services, ['api', 'frontend'], `init wrote the router's services: ${JSON.stringify(cfg.router)}`);
    // this stack's router resolves names (HAProxy, Caddy), not labels
    cfg.router = { ...router, kind: 'dns', settle: '2s' };
    writeFileSync(join(p.dir, 'reprise.yml'), stringify(cfg));
    const dry = expectCode(reprise(p, ['deploy', B, '--dry-run', '--json']), 0, 'deploy --dry-run');
    const strategies = dry.json.strategies as Record<string, { strategy: string; via: string | null; reason: string | null }>;
    assert.deepEqual(strategies.api, { strategy: 'start-first', via: 'router', reason: null, detail: null });
    assert.deepEqual(strategies.frontend, { strategy: 'start-first', via: 'router', reason: null, detail: null });
    assert.equal(strategies.bot.strategy, 'recreate', 'bot: not routed, recreated');
    assert.equal(strategies.bot.reason, 'container_name');
    const doctor = reprise(p, ['doctor', '--json']);
    const side = (doctor.json?.checks as Array<{ id: string; status: string; summary: string }>).find((c) => c.id === 'side_by_side');
    // container_name is no obstacle behind the router: only the bot (not routed) is named
    assert.equal(side?.status, 'warn', side?.summary);
    assert.deepEqual((side as unknown as { details: { blockers: Array<{ service: string }> } }).details.blockers.map((b) => b.service), ['bot'], side?.summary);
    assert.match(side?.summary ?? '', /start-first: api, frontend; recreate: bot/, `doctor names the start-first services: ${side?.summary}`);
  });

  test('deploy B under load through both routers: 0 failed requests, the twins took the container names, db kept, compose agrees', async () => {
    const r = await underLoad(['deploy', B, '--yes']);
    assert.equal(r.code, 0, `deploy B exit ${r.code}:\n${r.stderr}`);
    assertNoFailure(r, 'deploy B');
    assertRuns(B);
    assert.equal(idOf('db'), dbId, 'the database container was never recreated');
    assert.match(r.stderr, /api: .* took the service's name/);
    assertPlainUpRecreatesNothing();
  });

  test('rollback A under load through both routers: 0 failed requests, db kept, compose agrees', async () => {
    const r = await underLoad(['rollback', A, '--yes']);
    assert.equal(r.code, 0, `rollback A exit ${r.code}:\n${r.stderr}`);
    assertNoFailure(r, 'rollback A');
    console.log(`# rollback A: ${r.seconds.toFixed(1)} s (reprise's own line: ${/Rolled back to \S+ in ([\d.]+) s/.exec(r.stderr)?.[1] ?? '?'} s)`);
    assertRuns(A);
    assert.equal(idOf('db'), dbId, 'the database container was never recreated');
    assertPlainUpRecreatesNothing();
  });

  test('a never-healthy C: the old containers never stopped serving (0 failed requests), the failed twins are gone', async () => {
    const apiBefore = idOf('api');
    const frontendBefore = idOf('frontend');
    const r = await underLoad(['deploy', C, '--yes']);
    assert.equal(r.code, 3, `deploy C exit ${r.code} (3: failed and rolled back):\n${r.stderr}`);
    assertNoFailure(r, 'never-healthy C');
    console.log(`# never-healthy C: ${r.seconds.toFixed(1)} s until reprise exited, back on ${A}`);
    assertRuns(A);
    assert.equal(idOf('api'), apiBefore, 'the api container serving A is the same one: it never stopped');
    assert.equal(idOf('frontend'), frontendBefore, 'the frontend container serving A is the same one');
    assert.equal(idOf('db'), dbId, 'the database container was never recreated');
    assertNoTemporaryName();
    assertPlainUpRecreatesNothing();
  });

  // kill -9 with the twin beside the old container (before its gate), then once it took the names (the old
  // one renamed aside, not yet stopped): the next rollback --yes keeps the container under the proper name,
  // removes the other, and leaves one version with the compose file's names
  for (const step of ['applied:api', 'named:api']) {
    test(`kill -9 at ${step} of deploy B, then rollback --yes: one version, the proper names, no leftover`, async () => {
      await killAtStep(p, ['deploy', B, '--yes'], step);
      const mine = containers(NAME).filter((c) => c.service === 'api' && c.state === 'running').map((c) => c.name).sort();
      assert.deepEqual(mine, step === 'applied:api' ? [`${PREFIX}-api`, `${PREFIX}-api-reprise-next`] : [`${PREFIX}-api`, `${PREFIX}-api-reprise-old`], `what the kill left: ${mine.join(', ')}`);
      const r = await underLoad(['rollback', '--yes']);
      assert.equal(r.code, 0, `rollback --yes exit ${r.code}:\n${r.stderr}`);
      assert.match(r.stderr, /api: 1 container\(s\) left over by an interrupted release removed/);
      assertNoFailure(r, `recovery after kill at ${step}`);
      assertRuns(A);
      assertNoTemporaryName();
      assert.equal(idOf('db'), dbId, 'the database container was never recreated');
      assertPlainUpRecreatesNothing();
    });
  }

  test('the compose file changed since the running container was created: api is recreated by compose with the new configuration, said so', async () => {
    const file = join(p.dir, 'docker-compose.prod.yml');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('      ENVIRONMENT: ${ENVIRONMENT:-production}\n', '      ENVIRONMENT: ${ENVIRONMENT:-production}\n      EXTRA_SETTING: "on"\n'));
    try {
      const r = expectCode(reprise(p, ['deploy', B, '--yes']), 0, 'deploy B after the compose file changed');
      assert.match(r.stderr, /api: recreate instead of start-first: the compose file \(or its variables\) changed/);
      assert.doesNotMatch(r.stderr, /frontend: recreate instead of start-first/, 'frontend did not change: still start-first');
      const env = docker(['inspect', '--format', '{{json .Config.Env}}', `${PREFIX}-api`]);
      assert.ok((JSON.parse(env.stdout) as string[]).includes('EXTRA_SETTING=on'), 'the new setting reached the api container');
      assertRuns(B);
      assertPlainUpRecreatesNothing();
      // back to A with the edited file: the api container now matches it, the twins are used again
      const back = expectCode(reprise(p, ['rollback', A, '--yes']), 0, 'rollback A');
      assert.doesNotMatch(back.stderr, /recreate instead of start-first/);
      assertRuns(A);
      assertPlainUpRecreatesNothing();
    } finally {
      writeFileSync(file, text);
    }
  });
});
