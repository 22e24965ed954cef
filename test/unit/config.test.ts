import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfigFile } from '../../src/config/load';
import { loadProject } from '../../src/config/project';
import { isRepriseError, type RepriseError } from '../../src/domain/errors';

function dirWith(files: Record<string, string>): string {
  const d = mkdtempSync(join(tmpdir(), 'reprise-cfg-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(d, name), text);
  return d;
}

function configError(fn: () => unknown): RepriseError {
  try {
    fn();
  } catch (e) {
    if (isRepriseError(e)) return e;
    throw e;
  }
  throw new Error('expected an error');
}

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
  assert.equal(p.envFile, join(d, '.env'));
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
