// Issue 20 (items 7 and 8a): a URL's password and query string never reach an output, whatever the
// variable it came from is called — redact() masks them in every URL-shaped part of a text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redact, redactDeep, redactEnvList } from '../../src/domain/redact';

test('a health URL with a token in its query string: the query is masked, the rest of the reason kept', () => {
  assert.equal(
    redact('not healthy after 120 s (http://127.0.0.1:8000/health?token=s3cr3t-health-tok: HTTP 503)', []),
    'not healthy after 120 s (http://127.0.0.1:8000/health?…: HTTP 503)',
  );
  assert.equal(redact('https://api.example.com/health?a=1&token=abcdef#frag', []), 'https://api.example.com/health?…');
  assert.equal(redact('probe (http://h:8000/health?token=tok-123456).', []), 'probe (http://h:8000/health?…).');
  // a secret of the project inside the query is masked first: a query left with masked values only is kept
  assert.equal(redact('http://h/health?token=tok-123456', ['tok-123456']), 'http://h/health?token=***');
  assert.equal(redact('http://h/health?token=tok-123456&id=probe-1', ['tok-123456']), 'http://h/health?…');
});

test('a URL with user:password: the password is masked, the user kept', () => {
  assert.equal(redact('pull from https://deploy:hunter2-pw@registry.example.com/v2/ failed', []), 'pull from https://deploy:***@registry.example.com/v2/ failed');
  assert.equal(redact('https://deploy:hunter2-pw@registry.example.com/v2/', ['hunter2-pw']), 'https://deploy:***@registry.example.com/v2/');
});

test('redis, amqp and postgres URLs: the password is masked, short ones too', () => {
  assert.equal(redact('REDIS_URL=redis://:r3dis-pw@cache:6379/0', []), 'REDIS_URL=redis://:***@cache:6379/0');
  assert.equal(redact('amqp://guest:guest@rabbit:5672/ refused', []), 'amqp://guest:***@rabbit:5672/ refused');
  assert.equal(redact('connect postgres://app:pw@db:5432/app', []), 'connect postgres://app:***@db:5432/app');
  assert.equal(redact('postgresql://app:p@ss@db/app?sslmode=require', []), 'postgresql://app:***@db/app?…');
  // a generated password holding "/" (base64) is still the password, not a path
  assert.equal(redact('postgres://app:Ab/cD+ef9@db/app', []), 'postgres://app:***@db/app');
  // several URLs in one value (sentinels)
  assert.equal(redact('redis://:pw-one-1@a:26379,redis://:pw-two-2@b:26379', []), 'redis://:***@a:26379,redis://:***@b:26379');
});

test('text without a URL password or query is left exactly as it is', () => {
  for (const text of [
    'no url here: key=value?x=1 user:pass@host',
    'http://localhost:4444/health',
    'tcp://10.0.0.2:2376',
    'ssh://deploy@build-host:22',
    'unix:///var/run/docker.sock',
    'http://127.0.0.1:8000/@me/profile',
    'https://registry.npmjs.org/@types/node',
    'http://[::1]:8000/a@b',
    'ftp://host/file?',
    'see https://example.com/docs, then retry.',
  ]) {
    assert.equal(redact(text, []), text, text);
  }
});

test('${VAR} references are names, not values: kept in configuration texts', () => {
  for (const text of [
    'DATABASE_URL: postgresql://${POSTGRES_USER:-recyclic}:${POSTGRES_PASSWORD}@db:5432/${POSTGRES_DB:-recyclic}',
    'url: http://127.0.0.1:8000/health?token=${HEALTH_TOKEN}',
    'url: http://127.0.0.1:8000/health?token=$HEALTH_TOKEN&empty=',
    'CORS_ORIGINS: ${CORS_ORIGINS:-http://localhost:4444}',
  ]) {
    assert.equal(redact(text, []), text, text);
  }
  assert.equal(redact('url: http://h/health?token=${HEALTH_TOKEN}&key=literal-key', []), 'url: http://h/health?…');
});

test('redactDeep masks URLs without any secret, in values and keys; an untouched value is returned as it is', () => {
  const v = { reason: 'http://h/health?token=tok-123456: HTTP 500', list: ['redis://:r3dis-pw@cache'], baselines: { 'http://h/health?token=tok-123456': 12 }, n: 1 };
  assert.deepEqual(redactDeep(v, []), { reason: 'http://h/health?…: HTTP 500', list: ['redis://:***@cache'], baselines: { 'http://h/health?…': 12 }, n: 1 });
  const clean = { a: 'http://h/health', at: new Date(0), list: [1, 'x'] };
  assert.equal(redactDeep(clean, ['some-secret']), clean);
});

test('env lists: a URL-shaped value under any name has its password and query masked', () => {
  assert.deepEqual(redactEnvList(['REDIS_URL=redis://:r3dis-pw@cache:6379/0', 'HEALTH=http://h/health?token=tok-123456', 'API_URL=http://proxy:8000'], []), [
    'REDIS_URL=redis://:***@cache:6379/0',
    'HEALTH=http://h/health?…',
    'API_URL=http://proxy:8000',
  ]);
});
