import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfigFile } from '../../src/config/load';
import { loadProject } from '../../src/config/project';
import { dirWith as dirWithFiles, repriseErrorOf } from '../fixtures/project-dir';

const dirWith = (files: Record<string, string>): string => dirWithFiles(files, 'reprise-cfg-');
const configError = repriseErrorOf;

const compose = `services:
  api:
    image: recyclic-api:\${API_IMAGE_TAG:-latest}
    ports: ["127.0.0.1:\${API_PORT:-8000}:8000"]
    depends_on: [db, api-migrations]
  api-migrations:
    image: recyclic-api-migrations:\${API_MIGRATIONS_IMAGE_TAG:-latest}
    restart: "no"
  db:
    image: postgres:15
`;

test('an unknown key is CONFIG_INVALID with the file, its line and the key', () => {
  const d = dirWith({ 'reprise.yml': 'project: demo\nhealth:\n  timeout: 30s\n  colour: blue\n' });
  const e = configError(() => loadConfigFile(join(d, 'reprise.yml'), false));
  assert.equal(e.code, 'CONFIG_INVALID');
  assert.equal(e.exitCode, 2);
  assert.equal(e.details.line, 4);
  assert.equal(e.details.key, 'health.colour');
});

test('a wrong type names its line', () => {
  const d = dirWith({ 'reprise.yml': 'project: demo\nkeep_versions: many\n' });
  const e = configError(() => loadConfigFile(join(d, 'reprise.yml'), false));
  assert.equal(e.details.line, 2);
  assert.equal(e.details.key, 'keep_versions');
});

test('a YAML syntax error names its line', () => {
  const d = dirWith({ 'reprise.yml': 'project: demo\nservices:\n  api: [unclosed\n' });
  const e = configError(() => loadConfigFile(join(d, 'reprise.yml'), false));
  assert.equal(e.code, 'CONFIG_INVALID');
  assert.ok(Number(e.details.line) >= 3);
});

test('a YAML alias bomb is refused, not expanded', () => {
  const bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n';
  const d = dirWith({ 'reprise.yml': bomb });
  const e = configError(() => loadConfigFile(join(d, 'reprise.yml'), false));
  assert.equal(e.code, 'CONFIG_INVALID');
});

test('the project is detected from the compose file: versioned services, one-shots, infrastructure', () => {
  const d = dirWith({ 'docker-compose.yml': compose, '.env': 'POSTGRES_PASSWORD=pw\nAPI_PORT=18000\n' });
  const p = loadProject({ projectDir: d }, {});
  assert.deepEqual(p.versioned.map((s) => [s.name, s.repository, s.tagVariable, s.oneShot]), [
    ['api', 'recyclic-api', 'API_IMAGE_TAG', false],
    ['api-migrations', 'recyclic-api-migrations', 'API_MIGRATIONS_IMAGE_TAG', true],
  ]);
  assert.deepEqual(p.infrastructure, ['db']);
  assert.deepEqual(p.envFiles, [join(d, '.env')]);
});

test('health URLs in reprise.yml are interpolated from the environment and the env file', () => {
  const d = dirWith({
    'docker-compose.yml': compose,
    '.env': 'API_PORT=18000\n',
    'reprise.yml': 'services:\n  api:\n    health: { url: "http://127.0.0.1:${API_PORT:-8000}/health" }\n  api-migrations: {}\n',
  });
  assert.equal(loadProject({ projectDir: d }, {}).versioned[0].healthUrl, 'http://127.0.0.1:18000/health');
  assert.equal(loadProject({ projectDir: d }, { API_PORT: '19000' }).versioned[0].healthUrl, 'http://127.0.0.1:19000/health');
});

test('a service named in reprise.yml but absent from compose is CONFIG_INVALID', () => {
  const d = dirWith({ 'docker-compose.yml': compose, 'reprise.yml': 'services:\n  worker: {}\n' });
  assert.equal(configError(() => loadProject({ projectDir: d }, {})).code, 'CONFIG_INVALID');
});

test('no compose file: CONFIG_INVALID naming the directory', () => {
  const d = dirWith({});
  const e = configError(() => loadProject({ projectDir: d }, {}));
  assert.equal(e.code, 'CONFIG_INVALID');
  assert.match(String(e.params.dir), /reprise-cfg-/);
});

test('the parse cache serves an unchanged project and never hides an edit', async () => {
  const { mkdirSync, existsSync: exists } = await import('node:fs');
  const d = dirWith({
    'docker-compose.yml': compose,
    'reprise.yml': 'services:\n  api:\n    health: { url: "http://127.0.0.1:8000/health" }\n  api-migrations: {}\n',
  });
  // no .reprise/ folder: nothing is written
  loadProject({ projectDir: d }, {});
  assert.equal(exists(join(d, '.reprise', 'parse-cache.json')), false);
  mkdirSync(join(d, '.reprise'));
  const first = loadProject({ projectDir: d }, {});
  assert.equal(exists(join(d, '.reprise', 'parse-cache.json')), true);
  const second = loadProject({ projectDir: d }, {});
  assert.deepEqual(second.versioned, first.versioned);
  assert.deepEqual(second.config, first.config);
  // an edit that makes the file invalid is seen at once
  writeFileSync(join(d, 'reprise.yml'), 'services:\n  api: {}\n  api-migrations: {}\nbogus: 1\n');
  const e = configError(() => loadProject({ projectDir: d }, {}));
  assert.equal(e.code, 'CONFIG_INVALID');
  assert.equal(e.details.line, 4);
  // a later problem found after a cache hit still names its line
  writeFileSync(join(d, 'reprise.yml'), 'services:\n  api:\n    health: { url: "ftp://x" }\n  api-migrations: {}\n');
  assert.equal(configError(() => loadProject({ projectDir: d }, {})).details.line, 3);
  assert.equal(configError(() => loadProject({ projectDir: d }, {})).details.line, 3);
});

// --- engine selection (engine: swarm) ---

const swarmCompose = `services:
  api:
    image: recyclic-api:\${API_IMAGE_TAG:-latest}
  bot:
    image: recyclic-bot:\${BOT_IMAGE_TAG:-latest}
    ports:
      - { target: 8001, published: "\${BOT_PORT:-8001}", mode: host }
  worker:
    image: recyclic-worker:\${WORKER_IMAGE_TAG:-latest}
    deploy: { update_config: { order: stop-first } }
  api-migrations:
    image: recyclic-api-migrations:\${API_MIGRATIONS_IMAGE_TAG:-latest}
    restart: "no"
  proxy:
    image: nginx:1.27
    ports: ["127.0.0.1:8000:8000"]
`;

const engineOf = (config: string, env: NodeJS.ProcessEnv = {}, opts: { env?: string; engine?: string } = {}): string => {
  const d = dirWith({ 'docker-compose.yml': compose, ...(config ? { 'reprise.yml': config } : {}) });
  return loadProject({ projectDir: d, ...opts }, env).engine;
};

test('engine: compose by default; reprise.yml, then the environment, then REPRISE_ENGINE, then --engine decide', () => {
  assert.equal(engineOf(''), 'compose');
  assert.equal(engineOf('project: demo\n'), 'compose');
  assert.equal(engineOf('engine: swarm\n'), 'swarm');
  assert.equal(engineOf('engine: compose\n'), 'compose');
  const envs = 'engine: compose\nenvironments:\n  prod: { engine: swarm }\n  staging: {}\n';
  assert.equal(engineOf(envs, {}, { env: 'prod' }), 'swarm', "the environment's own engine");
  assert.equal(engineOf(envs, { REPRISE_ENV: 'prod' }), 'swarm', 'the environment chosen by REPRISE_ENV');
  assert.equal(engineOf(envs, {}, { env: 'staging' }), 'compose', 'an environment without one: the file');
  assert.equal(engineOf(envs), 'compose', 'no environment: the file');
  assert.equal(engineOf('engine: swarm\nenvironments:\n  staging: { engine: compose }\n', {}, { env: 'staging' }), 'compose');
  assert.equal(engineOf('engine: compose\n', { REPRISE_ENGINE: 'swarm' }), 'swarm', 'REPRISE_ENGINE over the file');
  assert.equal(engineOf(envs, { REPRISE_ENGINE: 'compose' }, { env: 'prod' }), 'compose', "REPRISE_ENGINE over the environment's");
  assert.equal(engineOf('engine: swarm\n', { REPRISE_ENGINE: 'swarm' }, { engine: 'compose' }), 'compose', '--engine over both');
  assert.equal(engineOf('', { REPRISE_ENGINE: 'compose' }, { engine: 'swarm' }), 'swarm');
  assert.equal(engineOf(envs, {}, { env: 'prod', engine: 'compose' }), 'compose');
});

test('engine: an unknown one is a USAGE error naming it; in reprise.yml it is CONFIG_INVALID with the key', () => {
  const d = dirWith({ 'docker-compose.yml': compose });
  const flag = configError(() => loadProject({ projectDir: d, engine: 'kubernetes' }, {}));
  assert.equal(flag.code, 'USAGE');
  assert.equal(flag.key, 'engineUnknown');
  assert.deepEqual(flag.params, { engine: 'kubernetes', known: ['compose', 'swarm'] });
  const variable = configError(() => loadProject({ projectDir: d }, { REPRISE_ENGINE: 'nomad' }));
  assert.equal(variable.code, 'USAGE');
  assert.equal(variable.params.engine, 'nomad');

  const file = dirWith({ 'docker-compose.yml': compose, 'reprise.yml': 'project: demo\nengine: kubernetes\n' });
  const e = configError(() => loadProject({ projectDir: file }, {}));
  assert.equal(e.code, 'CONFIG_INVALID');
  assert.equal(e.details.key, 'engine');
  assert.equal(e.details.line, 2);
});

test('the environments schema accepts `engine` (compose or swarm only)', () => {
  const ok = dirWith({ 'reprise.yml': 'environments:\n  prod:\n    engine: swarm\n  staging:\n    engine: compose\n' });
  const cfg = loadConfigFile(join(ok, 'reprise.yml'), false);
  assert.equal(cfg.environments?.prod.engine, 'swarm');
  assert.equal(cfg.environments?.staging.engine, 'compose');
  const bad = dirWith({ 'reprise.yml': 'environments:\n  prod:\n    engine: nomad\n' });
  const e = configError(() => loadConfigFile(join(bad, 'reprise.yml'), false));
  assert.equal(e.code, 'CONFIG_INVALID');
  assert.equal(e.details.key, 'environments.prod.engine');
  assert.equal(e.details.line, 3);
});

test('engine swarm: no proxy even when reprise.yml declares one, strategies from chooseSwarmStrategy', () => {
  const config = 'proxy: { service: proxy, upstreams: { api: 8000, bot: 8001 } }\n';
  const d = dirWith({ 'docker-compose.yml': swarmCompose, 'reprise.yml': config });
  const row = (p: ReturnType<typeof loadProject>) => [...p.strategies.values()].map((s) => [s.service, s.strategy, s.reason, s.detail, s.port]);

  const onCompose = loadProject({ projectDir: d }, {});
  assert.equal(onCompose.engine, 'compose');
  assert.equal(onCompose.proxy?.service, 'proxy');
  assert.deepEqual(row(onCompose), [
    ['api', 'start-first', null, null, 8000],
    ['bot', 'recreate', 'published_ports', '8001', null],
    ['worker', 'recreate', 'not_behind_proxy', 'proxy', null],
    ['api-migrations', 'recreate', 'one_shot', null, null],
  ]);

  const onSwarm = loadProject({ projectDir: d, engine: 'swarm' }, { BOT_PORT: '18001' });
  assert.equal(onSwarm.engine, 'swarm');
  assert.equal(onSwarm.proxy, null);
  assert.deepEqual(row(onSwarm), [
    ['api', 'start-first', null, null, null],
    ['bot', 'recreate', 'published_ports', '18001 (mode: host)', null],
    ['worker', 'recreate', 'configured', 'deploy.update_config.order: stop-first', null],
    ['api-migrations', 'recreate', 'one_shot', null, null],
  ]);
  assert.equal(loadProject({ projectDir: d, engine: 'swarm' }, {}).strategies.get('bot')?.detail, '8001 (mode: host)');

  // engine: swarm in the file, with a requested strategy
  const f = dirWith({ 'docker-compose.yml': swarmCompose, 'reprise.yml': `engine: swarm\n${config}services:\n  api: { strategy: recreate }\n  bot: {}\n  worker: {}\n  api-migrations: {}\n` });
  const p = loadProject({ projectDir: f }, {});
  assert.equal(p.proxy, null);
  assert.deepEqual([p.strategies.get('api')?.strategy, p.strategies.get('api')?.reason, p.strategies.get('api')?.requested], ['recreate', 'configured', 'recreate']);
  assert.deepEqual([p.strategies.get('bot')?.strategy, p.strategies.get('bot')?.reason], ['recreate', 'published_ports']);
});

test('the parse cache holds no secret: a file with one written in it is parsed at every run, never copied', async () => {
  const { mkdirSync, readFileSync, existsSync: exists } = await import('node:fs');
  const { projectSecrets } = await import('../../src/release/context');
  const inline = {
    // map form, list form, a URL's password, a default of a secret variable, a webhook URL
    'docker-compose.yml': `${compose}  worker:\n    image: w:1\n    environment:\n      POSTGRES_PASSWORD: inline-db-pass-1\n      CACHE: redis://:inline-redis-pw@cache:6379/0\n      - unused\n`.replace('      - unused\n', ''),
    'docker-compose.override.yml': 'services:\n  bot:\n    image: b:1\n    environment:\n      - JWT_SIGNING=inline-jwt-key-2\n      - DB=${DB_PASSWORD:-inline-default-3}\n',
    'reprise.yml': 'compose_files: [docker-compose.yml, docker-compose.override.yml]\nnotifications:\n  webhook:\n    url: https://hooks.example.org/services/inline-hook-4\nservices:\n  api-migrations: {}\n',
  };
  const d = dirWith(inline);
  mkdirSync(join(d, '.reprise'));
  const p = loadProject({ projectDir: d }, {});
  // reprise still knows them as secrets (it read the files) …
  const secrets = projectSecrets({ project: p, env: {} });
  for (const s of ['inline-db-pass-1', 'inline-redis-pw', 'inline-jwt-key-2', 'inline-default-3', 'https://hooks.example.org/services/inline-hook-4']) assert.ok(secrets.includes(s), s);
  // … and none reached the cache, now or after a second run
  loadProject({ projectDir: d }, {});
  const file = join(d, '.reprise', 'parse-cache.json');
  const cached = exists(file) ? readFileSync(file, 'utf8') : '';
  for (const s of ['inline-db-pass-1', 'inline-redis-pw', 'inline-jwt-key-2', 'inline-default-3', 'inline-hook-4']) assert.ok(!cached.includes(s), `${s} is in the parse cache`);
  // a file with only ${VAR} references is cached as before
  const clean = dirWith({ 'docker-compose.yml': `${compose}  worker:\n    image: w:1\n    environment:\n      POSTGRES_PASSWORD: \${POSTGRES_PASSWORD}\n      DATABASE_URL: postgresql://\${U:-app}:\${POSTGRES_PASSWORD}@db/app\n`, 'reprise.yml': 'services:\n  api-migrations: {}\n' });
  mkdirSync(join(clean, '.reprise'));
  loadProject({ projectDir: clean }, {});
  assert.ok(readFileSync(join(clean, '.reprise', 'parse-cache.json'), 'utf8').includes('postgresql://${U:-app}'));
});
