// Issue 20 (items 7b and 8): what counts as a secret — by name (wider rule), by value (a URL's password),
// by use (a variable a health URL interpolates) and by place (a compose `environment:` value under a
// secret-looking key).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { composeEnvSecrets, isSecretName, secretValues } from '../../src/domain/redact';
import { parseEnvFile } from '../../src/adapters/env-file';
import { loadProject } from '../../src/config/project';
import { projectSecrets } from '../../src/release/context';
import { dirWith } from '../fixtures/project-dir';
import { urlTemplateCredentials } from '../../src/domain/url-redact';

const ROOT = resolve(__dirname, '..', '..', '..');

test('secret names: signing, private, credentials, dsn, cert, cookie, session, salt, api keys, bearer, jwt', () => {
  for (const n of [
    'JWT_SIGNING',
    'SIGNING_SECRET',
    'GPG_PRIVATE',
    'GOOGLE_APPLICATION_CREDENTIALS',
    'AWS_CREDENTIAL',
    'SENTRY_DSN',
    'TLS_CERT',
    'CLIENT_CERTIFICATE',
    'AUTH_COOKIE',
    'TELEGRAM_SESSION',
    'HASHIDS_SALT',
    'SALT',
    'STRIPE_APIKEY',
    'api_key',
    'BEARER',
    'GITHUB_BEARER_VALUE',
    'APP_JWT',
    'jwt',
  ]) {
    assert.equal(isSecretName(n), true, n);
  }
  // settings about sessions, cookies, certificates or tokens are not secrets themselves
  for (const n of ['SESSION_DRIVER', 'SESSION_LIFETIME', 'COOKIE_DOMAIN', 'CERT_RESOLVER', 'JWT_ALGORITHM', 'JWT_ISSUER', 'SALTSTACK_MASTER', 'POSTGRES_USER', 'POSTGRES_DB', 'API_IMAGE_TAG']) {
    assert.equal(isSecretName(n), false, n);
  }
});

test("the project's own env files: only POSTGRES_PASSWORD, SECRET_KEY and TELEGRAM_BOT_TOKEN are secret names", () => {
  const names = new Set<string>();
  for (const f of ['examples/recyclic/.env', 'test/fixtures/prod-like/.env.production', 'test/fixtures/prod-like/.build-meta.env']) {
    for (const k of parseEnvFile(readFileSync(join(ROOT, f), 'utf8')).keys()) names.add(k);
  }
  assert.ok(names.has('POSTGRES_USER') && names.has('API_IMAGE_TAG'), [...names].join(' '));
  assert.deepEqual([...names].filter(isSecretName).sort(), ['POSTGRES_PASSWORD', 'SECRET_KEY', 'TELEGRAM_BOT_TOKEN']);
});

test('secretValues: JWT_SIGNING by name; the password of a URL-shaped value under any name', () => {
  const values = secretValues([
    ['JWT_SIGNING', 'jwt-signing-value'],
    ['REDIS_URL', 'redis://:r3dis-pw@cache:6379/0'],
    ['AMQP_URL', 'amqp://guest:rabbit-pw@mq:5672/'],
    ['DATABASE_URI', 'postgres://u:pg-pass-1@h/db'],
    ['BROKER', 'postgres://u:p%40ss-word@h/db'],
    ['SHORT_URL', 'amqp://guest:guest@mq'],
    ['REFERENCE', 'postgres://u:${DB_PASSWORD}@h/db'],
    ['PUBLIC_API_URL', 'https://api.recyclic.example'],
    ['POSTGRES_USER', 'recyclic-user'],
  ]);
  for (const v of ['jwt-signing-value', 'r3dis-pw', 'rabbit-pw', 'pg-pass-1', 'p%40ss-word', 'p@ss-word']) assert.ok(values.includes(v), v);
  // URL values themselves are not secrets (only their password), nor short passwords, nor references
  for (const v of ['redis://:r3dis-pw@cache:6379/0', 'guest', '${DB_PASSWORD}', 'https://api.recyclic.example', 'recyclic-user']) assert.ok(!values.includes(v), v);
  assert.deepEqual(values, [...values].sort((a, b) => b.length - a.length), 'longest first');
});

const COMPOSE = `services:
  api:
    image: recyclic-api:\${API_IMAGE_TAG:-latest}
  db:
    image: postgres:15
`;

test('projectSecrets: values a health URL interpolates in its user-info, path or query are secrets, whatever their name', () => {
  const d = dirWith({
    'docker-compose.yml': COMPOSE,
    'reprise.yml': 'services:\n  api:\n    health: { url: "http://${PROBE_USER}:${PROBE_PW}@${API_HOST}:8000/health/${PROBE_PATH_ID}?token=${HEALTH_TOKEN}&probe=${PROBE_ID:-default-probe-id}" }\n',
    'a.env': 'PROBE_PW=first-probe-pw\nHEALTH_TOKEN=old-health-token\n',
    'b.env': 'PROBE_PW=probe-password\nAPI_HOST=api.internal.example\nPROBE_PATH_ID=path-id-123456\nPROBE_USER=prober\nPOSTGRES_USER=recyclic-user\n',
  });
  try {
    const env = { HEALTH_TOKEN: 'query-health-token' };
    const p = loadProject({ projectDir: d, envFile: ['a.env', 'b.env'] }, env);
    assert.equal(p.versioned[0].healthUrl, 'http://prober:probe-password@api.internal.example:8000/health/path-id-123456?token=query-health-token&probe=default-probe-id');
    const secrets = projectSecrets({ project: p, env });
    for (const v of ['probe-password', 'first-probe-pw', 'path-id-123456', 'query-health-token', 'old-health-token', 'default-probe-id']) assert.ok(secrets.includes(v), v);
    // the host (and the user name) are not credentials: masking them everywhere would only hide useful text
    for (const v of ['api.internal.example', 'prober', 'recyclic-user']) assert.ok(!secrets.includes(v), v);
  } finally {
    rmSync(d, { recursive: true, force: true });
  }
});

test('urlTemplateCredentials: a variable counts only when its whole text lands in a password, path or query', () => {
  const vars: Record<string, string> = { BASE: 'http://api.internal.example:8000', HC: 'hc-value-1', PORT: '8000', WHOLE: 'http://h:8000/health?token=whole-tok' };
  const lookup = (k: string): string | undefined => vars[k];
  assert.deepEqual(urlTemplateCredentials('${BASE}/health?token=${HC}', lookup), [{ name: 'HC', value: 'hc-value-1' }]);
  assert.deepEqual(urlTemplateCredentials('http://127.0.0.1:${PORT}/health', lookup), []);
  // a whole URL in a variable is not a secret itself (its query is masked wherever the URL is written)
  assert.deepEqual(urlTemplateCredentials('${WHOLE}', lookup), []);
  assert.deepEqual(urlTemplateCredentials('http://h/health?token=${MISSING:-fallback-token}&empty=${UNSET}', lookup), [{ name: 'MISSING', value: 'fallback-token' }]);
});

test('compose-inline values: a value written under a secret-looking key of `environment:` (map or list form) is a secret', () => {
  const lookup = (k: string): string | undefined => ({ DB_ROOT_PW: 'db-root-password', POSTGRES_USER: 'recyclic' })[k];
  const map = composeEnvSecrets({ SECRET_KEY: 'inline-secret-value', JWT_SIGNING: '${DB_ROOT_PW}', POSTGRES_USER: 'recyclic-user', POSTGRES_DB: 'recyclic', REDIS_URL: 'redis://:inline-redis-pw@cache:6379/0', API_TOKEN: 'dollar$$sign-tok', EMPTY_TOKEN: null, PORT_KEY: 123456789 }, lookup);
  for (const v of ['inline-secret-value', 'db-root-password', 'inline-redis-pw', 'dollar$sign-tok', '123456789']) assert.ok(map.includes(v), `${v} in ${map.join(' ')}`);
  for (const v of ['recyclic-user', 'recyclic', 'redis://:inline-redis-pw@cache:6379/0']) assert.ok(!map.includes(v), v);
  const list = composeEnvSecrets(['API_TOKEN=inline-token-123', 'POSTGRES_DB=recyclic', 'DATABASE_URL=postgres://app:${DB_ROOT_PW}@db/app', 'BARE_SECRET', 'CORS_ORIGINS=http://localhost:4444'], lookup);
  assert.deepEqual([...list].sort(), ['db-root-password', 'inline-token-123', 'postgres://app:db-root-password@db/app']);
  assert.deepEqual(composeEnvSecrets(undefined, lookup), []);
  assert.deepEqual(composeEnvSecrets(new Map([['SESSION_SECRET', 'from-a-map-value']]), lookup), ['from-a-map-value']);
});

test('projectSecrets: compose-inline secrets of every service, once the compose model carries `environment`', () => {
  const d = dirWith({ 'docker-compose.yml': COMPOSE, '.env': 'DB_ROOT_PW=db-root-password\n' });
  try {
    const p = loadProject({ projectDir: d }, {});
    // the field the compose model is to keep: the service's `environment:` as written (map or list form)
    Object.assign(p.compose.services.get('db')!, { environment: { POSTGRES_PASSWORD: 'inline-db-password', POSTGRES_USER: 'recyclic-user' } });
    Object.assign(p.compose.services.get('api')!, { environment: ['SECRET_KEY=inline-api-secret', 'DB_PASSWORD=${DB_ROOT_PW}', 'ENVIRONMENT=production'] });
    const secrets = projectSecrets({ project: p, env: {} });
    for (const v of ['inline-db-password', 'inline-api-secret', 'db-root-password']) assert.ok(secrets.includes(v), v);
    for (const v of ['recyclic-user', 'production']) assert.ok(!secrets.includes(v), v);
  } finally {
    rmSync(d, { recursive: true, force: true });
  }
});
