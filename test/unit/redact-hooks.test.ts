import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redact, redactDeep, redactEnvList, secretValues, isSecretName } from '../../src/domain/redact';
import { hookArgv } from '../../src/release/apply/hooks';

test('secret names and values', () => {
  for (const n of ['POSTGRES_PASSWORD', 'SECRET_KEY', 'TELEGRAM_BOT_TOKEN', 'SMTP_URL', 'DATABASE_URL', 'api_key']) assert.equal(isSecretName(n), true, n);
  for (const n of ['POSTGRES_DB', 'API_IMAGE_TAG', 'ENVIRONMENT', 'CORS_ORIGINS']) assert.equal(isSecretName(n), false, n);
  const values = secretValues([['POSTGRES_PASSWORD', 'pw-123456'], ['SECRET_KEY', 'short'], ['ENVIRONMENT', 'production'], ['TOKEN', undefined]]);
  assert.deepEqual(values, ['pw-123456']);
});

test('redact masks every occurrence, env lists mask secret names and embedded values', () => {
  assert.equal(redact('a pw-123456 b pw-123456', ['pw-123456']), 'a *** b ***');
  assert.deepEqual(redactEnvList(['POSTGRES_PASSWORD=pw-123456', 'URL=postgres://u:pw-123456@db', 'X=1', 'NOEQ'], ['pw-123456']), [
    'POSTGRES_PASSWORD=***',
    'URL=postgres://u:***@db',
    'X=1',
    'NOEQ',
  ]);
});

test('hook commands are split without a shell; shell operators are refused', () => {
  assert.deepEqual(hookArgv('./scripts/backup-db.sh --fast "two words"'), ['./scripts/backup-db.sh', '--fast', 'two words']);
  for (const c of ['a | b', 'a && b', 'a > out', 'a; b', 'echo $(id)', '']) {
    assert.equal(typeof hookArgv(c), 'string', c);
  }
});

test('variables in hook commands are kept as written, not expanded', () => {
  assert.deepEqual(hookArgv('./notify.sh $REPRISE_VERSION'), ['./notify.sh', '$REPRISE_VERSION']);
});

test('redactDeep masks every string of a value, also secrets JSON would escape', () => {
  const secret = 'pa"ss\\w0rd';
  const v = { a: `x ${secret} y`, list: [secret, 1, null, { deep: secret }], [secret]: true };
  const out = redactDeep(v, [secret]);
  const text = JSON.stringify(out);
  assert.ok(!text.includes(JSON.stringify(secret).slice(1, -1)));
  assert.deepEqual(out, { a: 'x *** y', list: ['***', 1, null, { deep: '***' }], '***': true });
  assert.equal(redactDeep(v, []), v, 'no secret: the same value');
});
