// Pure judgements of `reprise doctor`: env-file permissions, side-by-side replicas from a compose model,
// incomplete versions and the rollback target, drift, services, stats, disk, memory, lock; the human
// checklist prints each finding with its fix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { doctorText } from '../../src/cli/human/doctor';
import { t, type Lang } from '../../src/domain/messages';
import type { LockHolder, VersionedService } from '../../src/domain/types';
import type { VersionInfo } from '../../src/domain/versions';
import { readComposeFiles, type ComposeService } from '../../src/engines/compose/compose-file';
import type { ServiceContainer } from '../../src/engines/engine';
import {
  diskFromStatfs,
  fixedHostPort,
  judgeDisk,
  judgeDrift,
  judgeEnvFiles,
  judgeLock,
  judgeMemory,
  judgeServices,
  judgeSideBySide,
  judgeStats,
  judgeVersions,
  memoryFromMeminfo,
  serviceRows,
  sideBySideBlockers,
  type Msg,
} from '../../src/domain/doctor';
import type { DoctorResult } from '../../src/commands/doctor';

const say = (m: Msg | null, lang: Lang = 'en'): string => (m ? t(lang, m[0], m[1]) : '(no message)');

const svc = (name: string, repository: string, oneShot = false): VersionedService => ({
  name,
  repository,
  tagVariable: `${name.toUpperCase().replace(/-/g, '_')}_TAG`,
  imageTemplate: `${repository}:\${${name.toUpperCase()}_TAG}`,
  dependsOn: [],
  oneShot,
  healthUrl: null,
  healthTimeoutMs: null,
});
const API = svc('api', 'recyclic-api');
const BOT = svc('bot', 'recyclic-bot');
const MIG = svc('api-migrations', 'recyclic-api-migrations', true);

const container = (service: string, image: string, state = 'running', health: ServiceContainer['health'] = 'healthy', exitCode: number | null = null): ServiceContainer => ({
  service,
  id: `id-${service}`,
  name: `proj-${service}-1`,
  image,
  imageId: 'sha256:x',
  state,
  health,
  exitCode,
  restartCount: 0,
  startedAt: null,
  createdAt: '2026-01-01T00:00:00Z',
});

test('env file: world-readable with secrets fails, group-readable warns, 0600 passes; values never appear', () => {
  const secrets = ['POSTGRES_PASSWORD', 'SECRET_KEY'];
  const world = judgeEnvFiles([{ path: '/p/.env', mode: 0o644, secretNames: secrets }]);
  assert.equal(world.status, 'fail');
  assert.deepEqual(world.fix, ['doctorEnvFix', { files: '/p/.env' }]);
  assert.equal(say(world.fix!), 'chmod 600 /p/.env');
  assert.match(say(world.summary), /0644: POSTGRES_PASSWORD, SECRET_KEY/);

  assert.equal(judgeEnvFiles([{ path: '/p/.env', mode: 0o640, secretNames: secrets }]).status, 'warn');
  const ok = judgeEnvFiles([{ path: '/p/.env', mode: 0o600, secretNames: secrets }]);
  assert.equal(ok.status, 'ok');
  assert.equal(ok.fix, null);
  // no secret in it: readable by all is fine; writable by others never is
  assert.equal(judgeEnvFiles([{ path: '/p/.env', mode: 0o644, secretNames: [] }]).status, 'ok');
  assert.equal(judgeEnvFiles([{ path: '/p/.env', mode: 0o666, secretNames: [] }]).status, 'fail');
  // absent files are not judged; a path with a space is quoted in the fix
  assert.equal(judgeEnvFiles([{ path: '/p/.env', mode: null, secretNames: [] }]).summary[0], 'doctorEnvNone');
  const two = judgeEnvFiles([
    { path: '/my dir/.env', mode: 0o604, secretNames: ['TOKEN'] },
    { path: '/my dir/.env.rollback', mode: 0o600, secretNames: ['TOKEN'] },
  ]);
  assert.equal(two.status, 'fail');
  assert.equal(say(two.fix!), "chmod 600 '/my dir/.env'");
});

test('fixed host ports: interpolated, ephemeral and ranges are not fixed', () => {
  const lookup = (k: string): string | undefined => ({ API_PORT: '18000' })[k];
  assert.equal(fixedHostPort('127.0.0.1:${API_PORT:-8000}:8000', lookup), '127.0.0.1:18000');
  assert.equal(fixedHostPort('127.0.0.1:${BOT_PORT:-8001}:8001', lookup), '127.0.0.1:8001');
  assert.equal(fixedHostPort('8080:80', lookup), '8080');
  assert.equal(fixedHostPort('8080:80/udp', lookup), '8080');
  assert.equal(fixedHostPort('80', lookup), null);
  assert.equal(fixedHostPort('127.0.0.1::80', lookup), null);
  assert.equal(fixedHostPort(':80', lookup), null);
  assert.equal(fixedHostPort('[::1]:8080:80', lookup), '[::1]:8080');
  assert.equal(fixedHostPort('[::1]::80', lookup), null);
  assert.equal(fixedHostPort('8000-8010:80', lookup), null);
});

test('side by side: container_name and fixed host ports of long-running versioned services block start-first', () => {
  const dir = mkdtempSync(join(tmpdir(), 'reprise-doctor-unit-'));
  const file = join(dir, 'docker-compose.yml');
  writeFileSync(
    file,
    [
      'services:',
      '  db: { image: "postgres:15", container_name: db, ports: ["5432:5432"] }',
      '  api-migrations: { image: "recyclic-api-migrations:${API_MIGRATIONS_TAG}", container_name: mig, restart: "no" }',
      '  api: { image: "recyclic-api:${API_TAG}", container_name: "recyclic-${ENV_NAME:-prod}-api", ports: ["127.0.0.1:${API_PORT:-8000}:8000"] }',
      '  bot: { image: "recyclic-bot:${BOT_TAG}", ports: ["8001", { target: 9000, published: 9001, host_ip: 127.0.0.1 }] }',
      '  free: { image: "recyclic-free:${FREE_TAG}", ports: ["127.0.0.1::3000"] }',
      '',
    ].join('\n'),
  );
  const model = readComposeFiles([file]);
  const FREE = svc('free', 'recyclic-free');
  const blockers = sideBySideBlockers([...model.services.values()], [API, BOT, MIG, FREE], () => undefined);
  // infrastructure (db) and one-shots are not recreated start-first: not reported
  assert.deepEqual(
    blockers.map((b) => [b.service, b.containerName, b.hostPorts]),
    [
      ['api', 'recyclic-prod-api', ['127.0.0.1:8000']],
      ['bot', null, ['127.0.0.1:9001']],
    ],
  );
  const j = judgeSideBySide(blockers, ['api', 'bot', 'free']);
  assert.equal(j.status, 'warn');
  const summary = say(j.summary);
  assert.match(summary, /api \(container_name: recyclic-prod-api, ports: 127\.0\.0\.1:8000\)/);
  assert.match(summary, /start-first/);
  const fix = say(j.fix!);
  assert.match(fix, /container_name:` from api/);
  assert.match(fix, /fixed host port on api, bot/);
  assert.equal(judgeSideBySide([], ['free']).status, 'ok');
  // only a container_name: the fix names it alone
  const named = judgeSideBySide([{ service: 'api', containerName: 'x', hostPorts: [], targets: [] }], ['api']);
  assert.equal(named.fix![0], 'doctorSideFixName');
});

const info = (version: string, missing: string[], extra: Partial<VersionInfo> = {}): VersionInfo => ({
  version,
  complete: missing.length === 0,
  missing,
  created: null,
  lastDeployed: null,
  lastOutcome: null,
  current: false,
  previous: false,
  ...extra,
});

test('versions: incomplete ones warn naming the services; an incomplete rollback target fails', () => {
  const services = [API, BOT, MIG];
  const w = judgeVersions([info('a1', []), info('b2', []), info('c3', ['bot']), info('old', ['api', 'bot', 'api-migrations'])], services, 'b2', 'a1');
  assert.equal(w.status, 'warn');
  assert.match(say(w.summary), /c3 \(bot\)/);
  assert.match(say(w.fix!), /recyclic-bot:c3/);
  assert.deepEqual((w.details as { withoutImages: string[] }).withoutImages, ['old']);

  const f = judgeVersions([info('a1', ['bot']), info('b2', [])], services, 'b2', 'a1');
  assert.equal(f.status, 'fail');
  assert.equal(f.summary[0], 'doctorVersionsTargetIncomplete');
  assert.match(say(f.summary, 'fr'), /a1.*bot/);
  // a rollback target whose images were all pruned is a failure too
  assert.equal(judgeVersions([info('a1', ['api', 'bot', 'api-migrations']), info('b2', [])], services, 'b2', 'a1').status, 'fail');
  assert.equal(judgeVersions([info('a1', []), info('b2', [])], services, 'b2', 'a1').status, 'ok');
});

test('drift: a service running another version than reprise last deployed', () => {
  const list = [container('api', 'recyclic-api:v2'), container('bot', 'recyclic-bot:v1'), container('api-migrations', 'recyclic-api-migrations:v1', 'exited', null, 0)];
  const d = judgeDrift([API, BOT, MIG], list, 'v1');
  assert.equal(d.status, 'warn');
  assert.match(say(d.summary), /api → recyclic-api:v2/);
  assert.doesNotMatch(say(d.summary), /bot/);
  assert.equal(say(d.fix!).startsWith('`reprise deploy v1`'), true);
  assert.equal(judgeDrift([API, BOT], [container('api', 'recyclic-api:v1'), container('bot', 'recyclic-bot:v1')], 'v1').status, 'ok');
  assert.equal(judgeDrift([API, BOT], list, null).summary[0], 'doctorDriftNoHistory');
});

test('services: unhealthy, exited or a failed one-shot fail; absent warns; all absent warns with a deploy fix', () => {
  const compose: ComposeService[] = ['db', 'api', 'bot', 'api-migrations'].map((name) => ({
    name,
    image: null,
    dependsOn: [],
    waitsFor: [],
    restart: name === 'api-migrations' ? 'no' : 'unless-stopped',
    ports: [],
    hasHealthcheck: true,
    containerName: null,
    environment: new Map(),
    swarm: { hostPorts: [], updateOrder: null, mode: null, endpointMode: null },
  }));
  const healthy = [container('db', 'pg'), container('api', 'recyclic-api:v1'), container('bot', 'recyclic-bot:v1'), container('api-migrations', 'm:v1', 'exited', null, 0)];
  assert.equal(judgeServices(serviceRows(compose, [API, BOT, MIG], healthy), 'p').status, 'ok');
  const sick = [container('db', 'pg'), container('api', 'recyclic-api:v1', 'running', 'unhealthy'), container('bot', 'recyclic-bot:v1', 'exited', null, 137), container('api-migrations', 'm:v1', 'exited', null, 0)];
  const j = judgeServices(serviceRows(compose, [API, BOT, MIG], sick), 'p');
  assert.equal(j.status, 'fail');
  assert.match(say(j.summary), /api: running \(unhealthy\), bot: exited \(137\)/);
  assert.match(say(j.fix!), /docker logs proj-api-1/);
  const mig = judgeServices(serviceRows(compose, [API, BOT, MIG], [...healthy.slice(0, 3), container('api-migrations', 'm:v1', 'exited', null, 1)]), 'p');
  assert.equal(mig.status, 'fail');
  assert.equal(judgeServices(serviceRows(compose, [API, BOT, MIG], healthy.slice(0, 2)), 'p').status, 'warn');
  const none = judgeServices(serviceRows(compose, [API, BOT, MIG], []), 'p');
  assert.equal(none.status, 'warn');
  assert.equal(none.summary[0], 'doctorServicesNone');
});

test('stats, disk, memory: thresholds', () => {
  const rows = [
    { container: 'p-api-1', service: 'api', cpuPercent: 12, memoryPercent: 3, memoryBytes: 1 },
    { container: 'p-bot-1', service: 'bot', cpuPercent: 95, memoryPercent: 1, memoryBytes: 1 },
  ];
  assert.equal(judgeStats(rows.slice(0, 1), 80, 80).status, 'ok');
  const high = judgeStats(rows, 80, 80);
  assert.equal(high.status, 'warn');
  assert.match(say(high.summary), /bot \(p-bot-1\) CPU 95 %/);

  const G = 1024 ** 3;
  const disk = (availGiB: number, totalGiB: number) => diskFromStatfs('docker', '/var/lib/docker', { bsize: 4096, blocks: (totalGiB * G) / 4096, bfree: (availGiB * G) / 4096, bavail: (availGiB * G) / 4096 });
  assert.equal(judgeDisk('en', [disk(50, 100)], []).status, 'ok');
  assert.equal(judgeDisk('en', [disk(10, 100)], []).status, 'warn');
  const full = judgeDisk('fr', [disk(0.25, 100)], []);
  assert.equal(full.status, 'fail');
  assert.match(say(full.summary, 'fr'), /données Docker \/var\/lib\/docker : 99\.8 % utilisés/);
  assert.match(say(full.fix!), /reprise prune/);

  const m = memoryFromMeminfo('MemTotal:       16000000 kB\nMemFree:  100 kB\nMemAvailable:    400000 kB\nSwapTotal: 0 kB\nSwapFree: 0 kB\n');
  assert.ok(m);
  assert.equal(judgeMemory(m).status, 'fail');
  assert.equal(judgeMemory({ ...m, availableBytes: 8_000_000 * 1024 }).status, 'ok');
  assert.equal(judgeMemory({ ...m, availableBytes: 1_600_000 * 1024 }).status, 'warn');
  assert.equal(memoryFromMeminfo('nothing'), null);
});

test('lock: dead holder and manual lock warn with `reprise lock release`; a live one is fine', () => {
  const h: LockHolder = { project: 'p', pid: 999999, host: 'here', user: 'ci', command: 'deploy', message: null, since: '2026-01-01T00:00:00Z', pidStart: '1' };
  const dead = judgeLock(h, true, 'here');
  assert.equal(dead.status, 'warn');
  assert.match(say(dead.summary), /process that is gone: deploy \(pid 999999, here\)/);
  assert.match(say(dead.fix!), /reprise lock release/);
  assert.equal(judgeLock({ ...h, pid: null }, false, 'here').summary[0], 'doctorLockManual');
  assert.equal(judgeLock(h, false, 'here').status, 'ok');
  assert.equal(judgeLock(h, false, 'elsewhere').status, 'warn');
  assert.equal(judgeLock(null, false, 'here').status, 'ok');
});

test('human checklist: one line per check, the fix under each finding, summary naming the failed ids', () => {
  const r: DoctorResult = {
    ok: false,
    project: 'p',
    projectDir: '/p',
    checks: [
      { id: 'engine', status: 'fail', summary: 'the Docker engine does not answer', details: {}, fix: 'start it' },
      { id: 'env_file', status: 'warn', summary: 'open', details: {}, fix: 'chmod 600 /p/.env' },
      { id: 'stats', status: 'skipped', summary: 'not checked', details: {}, fix: null },
      { id: 'memory', status: 'ok', summary: 'fine', details: {}, fix: null },
    ],
  };
  const lines = doctorText('en', r).split('\n');
  assert.match(lines[1], /✗ engine\s+the Docker engine does not answer/);
  assert.match(lines[2], /→ start it/);
  assert.match(lines[3], /! env_file\s+open/);
  assert.match(lines[4], /→ chmod 600 \/p\/\.env/);
  assert.match(lines[5], /– stats/);
  assert.match(lines[6], /✓ memory/);
  assert.match(lines[7], /1 check\(s\) failed \(engine\)/);
  assert.match(doctorText('fr', { ...r, ok: true, checks: r.checks.slice(1) }), /aucun échec/);
});
