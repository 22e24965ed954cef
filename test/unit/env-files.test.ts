// Several env files (issue 17): merged as compose v2 reads them, passed to compose in order, refused by a
// compose that reads only one, and every one of them used where the env file is (interpolation, secrets).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { concatEnvTexts, mergeEnvTexts, mergeEnvVars, parseEnvFile } from '../../src/adapters/env-file';
import { loadProject } from '../../src/config/project';
import { dirWith as dirWithFiles, repriseErrorOf } from '../fixtures/project-dir';
import { t } from '../../src/domain/messages';
import { assertEnvFilesFit, ComposeRunner, takesSeveralEnvFiles, type ComposeCli } from '../../src/engines/compose/compose-cli';
import { projectSecrets } from '../../src/release/context';

const compose = `services:
  api:
    image: recyclic-api:\${API_IMAGE_TAG:-latest}
  db:
    image: postgres:15
`;

const dirWith = (files: Record<string, string>): string => dirWithFiles(files, 'reprise-envs-');
const errorOf = repriseErrorOf;

test('mergeEnvVars: later files override earlier ones, every variable kept', () => {
  const merged = mergeEnvVars([new Map([['A', '1'], ['B', '2']]), new Map([['B', '3'], ['C', '4']])]);
  assert.deepEqual([...merged], [['A', '1'], ['B', '3'], ['C', '4']]);
  assert.deepEqual([...mergeEnvTexts(['X=1\nY=2\n', 'Y=5\n'])], [['X', '1'], ['Y', '5']]);
  assert.equal(mergeEnvVars([]).size, 0);
});

test('concatEnvTexts: one file is its text exactly; several, in order under a `# from` line each', () => {
  assert.equal(concatEnvTexts([]), '');
  assert.equal(concatEnvTexts([{ label: '.env', text: 'A=1\n# c\nB=2' }]), 'A=1\n# c\nB=2', 'a single file is kept byte for byte');
  const out = concatEnvTexts([
    { label: '.env.production', text: 'A=1\nB=2' },
    { label: '.build-meta.env', text: 'B=3\n' },
  ]);
  assert.equal(out, '# from .env.production\nA=1\nB=2\n# from .build-meta.env\nB=3\n');
  // read as one file, the later assignment wins, as across the files
  assert.equal(parseEnvFile(out).get('B'), '3');
  assert.equal(concatEnvTexts([{ label: 'a', text: 'A=1\r\n' }, { label: 'b\nx', text: 'B=2' }]), '# from a\r\nA=1\r\n# from b x\r\nB=2\r\n');
});

test('env_file takes a path or a list (top level and per environment); --env-file is repeatable', () => {
  const d = dirWith({
    'docker-compose.yml': compose,
    '.env.production': 'POSTGRES_PASSWORD=pw-prod\nAPI_PORT=1\n',
    '.build-meta.env': 'API_IMAGE_TAG=abc1234\nAPI_PORT=2\n',
    '.env': 'API_PORT=3\n',
    'reprise.yml': 'env_file: [.env.production, .build-meta.env]\nenvironments:\n  staging: { env_file: .env }\n  production: { env_file: [.build-meta.env, .env.production] }\n',
  });
  const p = loadProject({ projectDir: d }, {});
  assert.deepEqual(p.envFiles, [join(d, '.env.production'), join(d, '.build-meta.env')]);
  assert.equal(p.envVars.get('API_PORT'), '2', 'the later file wins');
  assert.equal(p.envVars.get('POSTGRES_PASSWORD'), 'pw-prod');
  assert.deepEqual(p.envFileVars.map((f) => f.vars.get('API_PORT')), ['1', '2']);
  assert.deepEqual(loadProject({ projectDir: d, env: 'staging' }, {}).envFiles, [join(d, '.env')]);
  assert.equal(loadProject({ projectDir: d, env: 'production' }, {}).envVars.get('API_PORT'), '1', 'the order of the list decides');
  const flags = loadProject({ projectDir: d, envFile: ['.env', '.build-meta.env'] }, {});
  assert.deepEqual(flags.envFiles, [join(d, '.env'), join(d, '.build-meta.env')], 'flags override the file');
  assert.equal(flags.envVars.get('API_PORT'), '2');
});

test('a single env file and the .env default keep working as before; a missing one is CONFIG_INVALID', () => {
  const d = dirWith({ 'docker-compose.yml': compose, '.env': 'A=1\n', 'reprise.yml': 'env_file: .env\n' });
  assert.deepEqual(loadProject({ projectDir: d }, {}).envFiles, [join(d, '.env')]);
  const none = dirWith({ 'docker-compose.yml': compose });
  assert.deepEqual(loadProject({ projectDir: none }, {}).envFiles, []);
  const e = errorOf(() => loadProject({ projectDir: d, envFile: ['.env', 'missing.env'] }, {}));
  assert.equal(e.code, 'CONFIG_INVALID');
  assert.equal(e.params.file, join(d, 'missing.env'));
  const bad = dirWith({ 'docker-compose.yml': compose, 'reprise.yml': 'env_file: []\n' });
  assert.equal(errorOf(() => loadProject({ projectDir: bad }, {})).code, 'CONFIG_INVALID', 'an empty list is refused');
});

test('secrets of every env file are masked, a value a later file overrides too', () => {
  const d = dirWith({
    'docker-compose.yml': compose,
    'a.env': 'DB_PASSWORD=first-secret-value\n',
    'b.env': 'DB_PASSWORD=second-secret-value\nAPI_TOKEN=token-from-b-file\n',
  });
  const p = loadProject({ projectDir: d, envFile: ['a.env', 'b.env'] }, {});
  const secrets = projectSecrets({ project: p, env: {} });
  for (const v of ['first-secret-value', 'second-secret-value', 'token-from-b-file']) assert.ok(secrets.includes(v), v);
});

const cli = (flavour: 'v1' | 'v2', version: string): ComposeCli => ({ flavour, version, program: flavour === 'v2' ? 'docker' : 'docker-compose', prefix: flavour === 'v2' ? ['compose'] : [] });

test('several --env-file: compose v2.17 and later only; v1 and older v2 refuse with one CONFIG_INVALID line', () => {
  assert.equal(takesSeveralEnvFiles(cli('v2', '2.26.1')), true);
  assert.equal(takesSeveralEnvFiles(cli('v2', '2.17.0')), true);
  assert.equal(takesSeveralEnvFiles(cli('v2', '5.0.0')), true);
  assert.equal(takesSeveralEnvFiles(cli('v2', '2.16.0')), false);
  assert.equal(takesSeveralEnvFiles(cli('v1', '1.29.2')), false);
  assertEnvFilesFit(cli('v1', '1.29.2'), ['/p/.env']);
  assertEnvFilesFit(cli('v1', '1.29.2'), []);
  const e = errorOf(() => assertEnvFilesFit(cli('v1', '1.29.2'), ['/p/.env.production', '/p/.build-meta.env']));
  assert.equal(e.code, 'CONFIG_INVALID');
  assert.equal(e.exitCode, 2);
  for (const lang of ['en', 'fr'] as const) {
    const line = t(lang, e.key, e.params);
    assert.ok(!line.includes('\n') && line.includes('docker-compose 1.29.2') && line.includes('/p/.build-meta.env'), line);
  }
  assert.throws(() => new ComposeRunner(cli('v2', '2.16.0'), { dir: '/p', project: 'p', files: ['/p/c.yml'], envFiles: ['/p/a', '/p/b'] }, {}), /single --env-file/);
});

test('compose gets one --env-file per file, in order, before the project and its files', async () => {
  const echo: ComposeCli = { flavour: 'v2', version: '2.26.1', program: process.execPath, prefix: ['-e', 'process.stdout.write(JSON.stringify(process.argv.slice(1)))', '--'] };
  const runner = new ComposeRunner(echo, { dir: tmpdir(), project: 'shop', files: ['/p/docker-compose.prod.yml'], envFiles: ['/p/.env.production', '/p/.build-meta.env'] }, { PATH: process.env.PATH });
  const r = await runner.exec(['config', '-q'], { API_IMAGE_TAG: 'abc1234' });
  assert.deepEqual(JSON.parse(r.stdout), ['--env-file', '/p/.env.production', '--env-file', '/p/.build-meta.env', '-p', 'shop', '-f', '/p/docker-compose.prod.yml', 'config', '-q']);
});
