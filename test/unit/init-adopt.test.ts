// reprise init adopts what runs (issue 17): compose's labels read into running projects, the compose files
// compose would take, env files, routers and HTTP healthchecks recognised; the written reprise.yml and what
// init says it decided and could not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { composeFileChoices, composeLikeNames, envFileNames, healthcheckHttpUrl, routerOfLabels } from '../../src/domain/adopt';
import { projectsOfDirectory, runningComposeProjects, type LabelledContainer } from '../../src/domain/compose-labels';
import { isRepriseError, type RepriseError } from '../../src/domain/errors';
import { hint, t } from '../../src/domain/messages';
import { readComposeExtras } from '../../src/engines/compose/compose-extras';
import { init, type InitInput } from '../../src/commands/init';

const PROD_LIKE = resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'prod-like');

test('composeFileChoices: compose\'s default file (with its override) is the one choice; else every variant', () => {
  assert.deepEqual(composeFileChoices(['docker-compose.yml', 'docker-compose.swarm.yml', 'README.md']), [['docker-compose.yml']]);
  assert.deepEqual(composeFileChoices(['compose.yaml', 'docker-compose.yml']), [['compose.yaml']], 'compose.yaml first, as compose');
  assert.deepEqual(composeFileChoices(['docker-compose.yml', 'docker-compose.override.yml']), [['docker-compose.yml', 'docker-compose.override.yml']]);
  assert.deepEqual(composeFileChoices(['docker-compose.prod.yml']), [['docker-compose.prod.yml']]);
  assert.deepEqual(composeFileChoices(['docker-compose.staging.yml', 'compose.prod.yaml', 'docker-compose-dev.yaml', 'compose.txt', 'app.yml']), [
    ['compose.prod.yaml'],
    ['docker-compose-dev.yaml'],
    ['docker-compose.staging.yml'],
  ]);
  assert.deepEqual(composeFileChoices(['docker-compose.override.yml']), [], 'an override alone is no project');
  assert.deepEqual(composeFileChoices([]), []);
  assert.deepEqual(composeLikeNames(['docker-compose.yml', 'docker-compose.swarm.yml', 'compose.override.yaml', 'app.yml', '.env']), ['compose.override.yaml', 'docker-compose.swarm.yml', 'docker-compose.yml']);
});

test('envFileNames: .env, .env.*, *.env — never .env.rollback, examples or temporary files', () => {
  assert.deepEqual(envFileNames(['.env', '.env.production', '.build-meta.env', '.env.rollback', '.env.rollback-staging', '.env.example', 'x.env.tmp-1', 'env', 'docker-compose.yml', '.envrc']), ['.build-meta.env', '.env', '.env.production']);
});

test('routerOfLabels: Traefik and caddy-docker-proxy labels', () => {
  assert.equal(routerOfLabels({ 'traefik.enable': 'true', 'traefik.http.routers.a.rule': 'Host(`a`)' }), 'traefik');
  assert.equal(routerOfLabels({ 'traefik.enable': 'false', 'traefik.http.routers.a.rule': 'x' }), null);
  assert.equal(routerOfLabels({ caddy: 'a.example', 'caddy.reverse_proxy': '{{upstreams 8000}}' }), 'caddy');
  assert.equal(routerOfLabels({ 'caddy_0.reverse_proxy': 'x' }), 'caddy');
  assert.equal(routerOfLabels({ 'com.example.team': 'ops', caddyfile: 'x' }), null);
});

test('healthcheckHttpUrl: curl or wget of a local URL, in every healthcheck form', () => {
  assert.equal(healthcheckHttpUrl(['CMD', 'curl', '-f', 'http://localhost:8000/health']), 'http://localhost:8000/health');
  assert.equal(healthcheckHttpUrl(['CMD-SHELL', 'wget -q -O - http://127.0.0.1:8000/health | grep -q ok']), 'http://127.0.0.1:8000/health');
  assert.equal(healthcheckHttpUrl('curl -fsS http://localhost/ || exit 1'), 'http://localhost/');
  assert.equal(healthcheckHttpUrl(['CMD', '/usr/bin/wget', '--spider', 'http://[::1]:4444/healthz']), 'http://[::1]:4444/healthz');
  assert.equal(healthcheckHttpUrl(['CMD-SHELL', 'echo PING | nc -w 1 127.0.0.1 5432 | grep -q PONG']), null);
  assert.equal(healthcheckHttpUrl(['CMD', 'curl', '-f', 'https://api.example.org/health']), null, 'not a local URL');
  assert.equal(healthcheckHttpUrl(['NONE']), null);
  assert.equal(healthcheckHttpUrl(null), null);
});

const labels = (project: string, service: string, extra: Record<string, string> = {}): Record<string, string> => ({
  'com.docker.compose.project': project,
  'com.docker.compose.service': service,
  'com.docker.compose.oneoff': 'False',
  ...extra,
});

test('runningComposeProjects: compose v2 and v1 labels, several env files, one-off and stopped projects left out', () => {
  const v2 = {
    'com.docker.compose.project.working_dir': '/srv/recyclic',
    'com.docker.compose.project.config_files': '/srv/recyclic/docker-compose.prod.yml',
    'com.docker.compose.project.environment_file': '/srv/recyclic/.env.production,/srv/recyclic/.build-meta.env',
  };
  const list: LabelledContainer[] = [
    { labels: labels('recyclic-prod', 'api', v2), state: 'running' },
    { labels: labels('recyclic-prod', 'api-migrations', v2), state: 'exited' },
    { labels: labels('recyclic-prod', 'db', v2), state: 'running' },
    { labels: { ...labels('recyclic-prod', 'api', v2), 'com.docker.compose.oneoff': 'True' }, state: 'running' },
    // compose v1: relative files, a single env file, resolved against the working directory
    { labels: labels('legacy', 'web', { 'com.docker.compose.project.working_dir': '/srv/legacy', 'com.docker.compose.project.config_files': 'docker-compose.yml,docker-compose.override.yml', 'com.docker.compose.project.environment_file': '.env.legacy' }), state: 'running' },
    // no --env-file given: no label
    { labels: labels('plain', 'web', { 'com.docker.compose.project.working_dir': '/srv/plain', 'com.docker.compose.project.config_files': '/srv/plain/compose.yaml' }), state: 'running' },
    { labels: labels('stopped', 'web', { 'com.docker.compose.project.working_dir': '/srv/recyclic' }), state: 'exited' },
  ];
  const projects = runningComposeProjects(list);
  assert.deepEqual(projects.map((p) => p.name), ['legacy', 'plain', 'recyclic-prod']);
  const prod = projects.find((p) => p.name === 'recyclic-prod')!;
  assert.deepEqual(prod, {
    name: 'recyclic-prod',
    workingDir: '/srv/recyclic',
    configFiles: ['/srv/recyclic/docker-compose.prod.yml'],
    envFiles: ['/srv/recyclic/.env.production', '/srv/recyclic/.build-meta.env'],
    services: ['api', 'api-migrations', 'db'],
    containers: 3,
    running: 2,
  });
  const legacy = projects.find((p) => p.name === 'legacy')!;
  assert.deepEqual(legacy.configFiles, ['/srv/legacy/docker-compose.yml', '/srv/legacy/docker-compose.override.yml']);
  assert.deepEqual(legacy.envFiles, ['/srv/legacy/.env.legacy']);
  assert.equal(projects.find((p) => p.name === 'plain')!.envFiles, null);

  const same = (a: string, b: string): boolean => a === b;
  assert.deepEqual(projectsOfDirectory(projects, '/srv/recyclic', null, same).map((p) => p.name), ['recyclic-prod']);
  assert.deepEqual(projectsOfDirectory(projects, '/srv/elsewhere', null, same), []);
  assert.deepEqual(projectsOfDirectory(projects, '/srv/elsewhere', 'legacy', same).map((p) => p.name), ['legacy'], '-p names it wherever it runs');
});

test('readComposeExtras: labels, networks, healthcheck commands and external networks of the prod-like fixture', () => {
  const x = readComposeExtras([join(PROD_LIKE, 'docker-compose.prod.yml')]);
  assert.deepEqual([...x.externalNetworks], [['edge', '${EDGE_NETWORK}']]);
  assert.deepEqual(x.services.get('api')?.networks, ['default', 'edge']);
  assert.deepEqual(x.services.get('bot')?.networks, ['default']);
  assert.equal(x.services.get('api')?.labels['traefik.enable'], 'true');
  assert.deepEqual(x.services.get('frontend')?.healthcheckTest, ['CMD', 'wget', '-q', '-O', '/dev/null', 'http://127.0.0.1:4444/health']);
  assert.equal(x.services.get('api-migrations')?.healthcheckTest, null);
});

function copyOfFixture(): string {
  const d = realpathSync(mkdtempSync(join(tmpdir(), 'reprise-adopt-')));
  cpSync(PROD_LIKE, d, { recursive: true });
  return d;
}

function runningIn(dir: string, project: string): LabelledContainer[] {
  const l = {
    'com.docker.compose.project.working_dir': dir,
    'com.docker.compose.project.config_files': join(dir, 'docker-compose.prod.yml'),
    'com.docker.compose.project.environment_file': `${join(dir, '.env.production')},${join(dir, '.build-meta.env')}`,
  };
  return ['db', 'cache', 'api', 'frontend', 'bot'].map((s) => ({ labels: labels(project, s, l), state: 'running' })).concat([{ labels: labels(project, 'api-migrations', l), state: 'exited' }]);
}

const input = (dir: string, over: Partial<InitInput> = {}): InitInput => ({ dir, options: {}, env: {}, force: false, lang: 'en', ask: null, running: async () => [], ...over });

function errorOf(p: Promise<unknown>): Promise<RepriseError> {
  return p.then(
    () => {
      throw new Error('expected an error');
    },
    (e: unknown) => {
      if (isRepriseError(e)) return e;
      throw e;
    },
  );
}

test('init with no flag adopts the running project of the directory: files, both env files, its name', async () => {
  const dir = copyOfFixture();
  const r = await init(input(dir, { running: async () => [...runningIn(dir, 'recyclic-prod-abc'), ...runningIn('/srv/other', 'other')] }));
  assert.equal(r.source.kind, 'running');
  assert.equal(r.source.runningProject, 'recyclic-prod-abc');
  const cfg = parse(readFileSync(join(dir, 'reprise.yml'), 'utf8')) as Record<string, unknown>;
  assert.equal(cfg.project, 'recyclic-prod-abc');
  assert.deepEqual(cfg.compose_files, ['docker-compose.prod.yml']);
  assert.deepEqual(cfg.env_file, ['.env.production', '.build-meta.env']);
  assert.equal(cfg.keep_versions, 5);
  const text = readFileSync(join(dir, 'reprise.yml'), 'utf8');
  assert.ok(!text.includes('CHANGE-ME'), 'no secret in reprise.yml');
  // what it decided and could not, each with its line
  const by = (topic: string, status: string) => r.decisions.filter((d) => d.topic === topic && d.status === status);
  assert.deepEqual(by('health', 'undecided').map((d) => d.service), ['api', 'frontend', 'bot'], 'no health URL: nothing published');
  assert.match(by('health', 'undecided')[0].message, /publishes no port/);
  assert.equal(by('health', 'undecided')[0].line, 'services: { api: { health: { url: "http://HOST:PORT/health" } } }');
  assert.ok(by('health', 'decided').some((d) => d.service === 'api' && d.message.includes('http://localhost:8000/health inside the container')));
  assert.equal(by('prune', 'decided')[0].line, 'keep_versions: 5');
  assert.match(by('prune', 'decided')[0].message, /remove the line/);
  assert.match(by('sync_env_file', 'decided')[0].message, /\.build-meta\.env/);
  assert.match(by('router', 'decided')[0].message, /api, frontend: routed by Traefik .*recyclic-edge/);
  assert.equal(r.services.find((s) => s.name === 'bot')?.router, null);
  assert.deepEqual(by('env_file', 'undecided'), [], 'every env file of the running project is used');
  // French, the same decisions
  const fr = await init(input(dir, { force: true, lang: 'fr', running: async () => runningIn(dir, 'recyclic-prod-abc') }));
  assert.match(fr.decisions.find((d) => d.topic === 'prune')!.message, /retirez la ligne/);
});

test('init without a running project takes compose files present; several choices are asked, or refused naming them and -f', async () => {
  const dir = copyOfFixture();
  const one = await init(input(dir, { running: async () => { throw new Error('DOCKER_UNAVAILABLE: no engine'); } }));
  assert.equal(one.source.kind, 'files');
  assert.equal(one.source.runningError, 'DOCKER_UNAVAILABLE: no engine');
  assert.deepEqual(one.decisions.filter((d) => d.topic === 'env_file' && d.status === 'undecided').map((d) => d.line), ['env_file: [.build-meta.env, .env.production]']);

  writeFileSync(join(dir, 'docker-compose.staging.yml'), readFileSync(join(dir, 'docker-compose.prod.yml')));
  const refused = await errorOf(init(input(dir, { force: true })));
  assert.equal(refused.code, 'USAGE');
  assert.equal(refused.exitCode, 2);
  const line = t('en', refused.key, refused.params);
  assert.ok(!line.includes('\n') && line.includes('docker-compose.prod.yml, docker-compose.staging.yml'), line);
  assert.match(String(hint('en', refused.key, refused.params)), /reprise init -f docker-compose\.prod\.yml/);

  const asked: string[] = [];
  const r = await init(input(dir, { force: true, ask: async (q) => (asked.push(q), q.includes('staging')) }));
  assert.deepEqual(asked, ['Adopt docker-compose.prod.yml? [y/N] ', 'Adopt docker-compose.staging.yml? [y/N] ']);
  assert.deepEqual(r.composeFiles, ['docker-compose.staging.yml']);
  assert.deepEqual(r.decisions.filter((d) => d.topic === 'compose_files' && d.status === 'undecided').map((d) => d.line), ['compose_files: [docker-compose.prod.yml]']);
  assert.equal((await errorOf(init(input(dir, { force: true, ask: async () => false })))).key, 'initSeveralFiles', 'no yes: refused');
});

test('init: two running projects of the directory are asked about or refused with -p; flags win; an existing reprise.yml is kept', async () => {
  const dir = copyOfFixture();
  const both = async (): Promise<LabelledContainer[]> => [...runningIn(dir, 'recyclic-prod'), ...runningIn(dir, 'recyclic-staging')];
  const e = await errorOf(init(input(dir, { running: both })));
  assert.equal(e.key, 'initSeveralProjects');
  assert.match(String(hint('en', e.key, e.params)), /reprise init -p recyclic-prod/);
  const picked = await init(input(dir, { running: both, options: { projectName: 'recyclic-staging' } }));
  assert.equal(picked.project, 'recyclic-staging');
  assert.deepEqual(picked.envFiles, ['.env.production', '.build-meta.env']);
  assert.equal((await errorOf(init(input(dir, { running: both })))).key, 'initExists');
  const flags = await init(input(dir, { force: true, running: both, options: { file: ['docker-compose.prod.yml'], envFile: ['.env.production'], projectName: 'x-prod' } }));
  assert.equal(flags.source.kind, 'flags');
  assert.deepEqual([flags.project, flags.envFiles], ['x-prod', ['.env.production']]);
});
