import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { APPENDED_COMMENT, parseEnvFile, renderWithOverrides, writeFileAtomic } from '../../src/adapters/env-file';

const ENV = [
  '# Recyclic production',
  'POSTGRES_PASSWORD=s3cr3t=with=equals',
  "TELEGRAM_BOT_TOKEN='123:abc#not-a-comment'",
  'export API_IMAGE_TAG=old1234',
  '',
  'SMTP_URL="smtp://user:p%40ss@mail:587" # inline comment',
  '  FRONTEND_IMAGE_TAG = old1234  ',
  'EMPTY=',
  'NOTE=hello # trailing comment',
  'ESCAPED="line1\\nline2 \\"q\\""',
  'not a valid line',
  '',
].join('\n');

test('parseEnvFile: compose-style values', () => {
  const env = parseEnvFile(ENV);
  assert.equal(env.get('POSTGRES_PASSWORD'), 's3cr3t=with=equals');
  assert.equal(env.get('TELEGRAM_BOT_TOKEN'), '123:abc#not-a-comment');
  assert.equal(env.get('API_IMAGE_TAG'), 'old1234');
  assert.equal(env.get('SMTP_URL'), 'smtp://user:p%40ss@mail:587');
  assert.equal(env.get('FRONTEND_IMAGE_TAG'), 'old1234');
  assert.equal(env.get('EMPTY'), '');
  assert.equal(env.get('NOTE'), 'hello');
  assert.equal(env.get('ESCAPED'), 'line1\nline2 "q"');
  assert.equal(env.size, 8);
  assert.equal(parseEnvFile('A=1\r\nB=2\r\n').get('A'), '1');
});

test('renderWithOverrides keeps every other line verbatim and replaces tags in place', () => {
  const out = renderWithOverrides(ENV, { API_IMAGE_TAG: 'prev567', FRONTEND_IMAGE_TAG: 'prev567' });
  const inLines = ENV.split('\n');
  const outLines = out.split('\n');
  assert.equal(outLines.length, inLines.length);
  assert.equal(outLines[3], 'export API_IMAGE_TAG=prev567');
  assert.equal(outLines[6], 'FRONTEND_IMAGE_TAG=prev567');
  for (const i of [0, 1, 2, 4, 5, 7, 8, 9, 10]) assert.equal(outLines[i], inLines[i]);
  const env = parseEnvFile(out);
  assert.equal(env.get('POSTGRES_PASSWORD'), 's3cr3t=with=equals');
  assert.equal(env.get('TELEGRAM_BOT_TOKEN'), '123:abc#not-a-comment');
  assert.equal(env.get('API_IMAGE_TAG'), 'prev567');
  assert.ok(!out.includes(APPENDED_COMMENT));
});

test('missing keys are appended under the reprise comment; duplicates all replaced', () => {
  const out = renderWithOverrides('A=1\nBOT_IMAGE_TAG=x\nBOT_IMAGE_TAG=y\n', { BOT_IMAGE_TAG: 'v2', VERSION: 'v2' });
  assert.equal(out, `A=1\nBOT_IMAGE_TAG=v2\nBOT_IMAGE_TAG=v2\n\n${APPENDED_COMMENT}\nVERSION=v2\n`);
  assert.equal(renderWithOverrides('', { T: 'v' }), `${APPENDED_COMMENT}\nT=v\n`);
  assert.equal(renderWithOverrides('A=1', {}), 'A=1\n');
});

test('unusual values are quoted so they read back unchanged', () => {
  const out = renderWithOverrides('', { A: 'has space', B: "it's $x" });
  const env = parseEnvFile(out);
  assert.equal(env.get('A'), 'has space');
  assert.equal(env.get('B'), "it's $$x");
});

test('.env.rollback written with mode 0600 keeps secrets and has the previous tags', (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reprise-env-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, '.env.rollback');
  writeFileAtomic(file, renderWithOverrides(ENV, { API_IMAGE_TAG: 'prev567', BOT_IMAGE_TAG: 'prev567' }), 0o600);
  assert.equal(fs.statSync(file).mode & 0o777, 0o600);
  const env = parseEnvFile(fs.readFileSync(file, 'utf8'));
  assert.equal(env.get('POSTGRES_PASSWORD'), 's3cr3t=with=equals');
  assert.equal(env.get('SMTP_URL'), 'smtp://user:p%40ss@mail:587');
  assert.equal(env.get('API_IMAGE_TAG'), 'prev567');
  assert.equal(env.get('BOT_IMAGE_TAG'), 'prev567');
  assert.deepEqual(fs.readdirSync(dir), ['.env.rollback']);
});
