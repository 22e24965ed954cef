// The credentials `docker login` left, read as the docker CLI reads them: a temporary DOCKER_CONFIG (or
// HOME/.docker) with auths entries, and credential helpers that are small node scripts on a temporary PATH.
// A secret never reaches an error message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registryCredentials } from '../../src/adapters/registry/credentials';
import { RegistryError } from '../../src/adapters/registry/errors';

const b64 = (s: string): string => Buffer.from(s).toString('base64');

/** A temporary folder with a docker config holding `config`, and a PATH folder with the test helpers. */
function setup(config: unknown): { env: NodeJS.ProcessEnv; dir: string; log: string; done: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'reprise-creds-'));
  const docker = join(dir, 'docker');
  const bin = join(dir, 'bin');
  mkdirSync(docker);
  mkdirSync(bin);
  if (config !== undefined) writeFileSync(join(docker, 'config.json'), typeof config === 'string' ? config : JSON.stringify(config));
  const log = join(dir, 'helper.log');
  // docker-credential-test: knows 127.0.0.1:5000 and Docker Hub; "not found" for anything else
  helper(bin, 'test', `
    const known = { '127.0.0.1:5000': ['alice', 'helper-secret-1'], 'https://index.docker.io/v1/': ['hubuser', 'hub-secret-2'] };
    const hit = known[input];
    if (!hit) { process.stdout.write('credentials not found in native keychain\\n'); process.exit(1); }
    process.stdout.write(JSON.stringify({ ServerURL: input, Username: hit[0], Secret: hit[1] }));`, log);
  // docker-credential-broken: fails, echoing a secret on both streams
  helper(bin, 'broken', `process.stdout.write('fatal: leaked-secret-3'); process.stderr.write('leaked-secret-3'); process.exit(2);`, log);
  helper(bin, 'garbled', `process.stdout.write('{"Username": "bob", "Secret": "leaked-secret-4"');`, log);
  helper(bin, 'oauth', `process.stdout.write(JSON.stringify({ ServerURL: input, Username: '<token>', Secret: 'refresh-secret-5' }));`, log);
  return { env: { PATH: bin, DOCKER_CONFIG: docker }, dir, log, done: () => rmSync(dir, { recursive: true, force: true }) };
}

function helper(bin: string, name: string, body: string, log: string): void {
  const file = join(bin, `docker-credential-${name}`);
  writeFileSync(
    file,
    `#!${process.execPath}
let input = '';
process.stdin.on('data', (d) => (input += d));
process.stdin.on('end', () => {
  require('fs').appendFileSync(${JSON.stringify(log)}, JSON.stringify({ helper: ${JSON.stringify(name)}, args: process.argv.slice(2), input }) + '\\n');
  ${body}
});
`,
  );
  chmodSync(file, 0o755);
}

async function rejection(p: Promise<unknown>): Promise<RegistryError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof RegistryError, `a RegistryError, not ${String(e)}`);
    return e;
  }
  assert.fail('expected a rejection');
}

test('auths: the base64 auth of the host, its https:// form, username/password fields; none for another host', async () => {
  const s = setup({
    auths: {
      '127.0.0.1:5000': { auth: b64('ci:pa:ss:word') },
      'https://ghcr.io': { auth: b64('octo:ghp_token') },
      'registry.example.com': { username: 'deploy', password: 'field-secret' },
      'https://index.docker.io/v1/': { auth: b64('hubuser:hubpw') },
      'http://old.example.com/v1/': { auth: b64('old:oldpw') },
    },
  });
  try {
    // the password keeps every ':' after the first
    assert.deepEqual(await registryCredentials('127.0.0.1:5000', s.env), { username: 'ci', password: 'pa:ss:word' });
    assert.deepEqual(await registryCredentials('ghcr.io', s.env), { username: 'octo', password: 'ghp_token' });
    assert.deepEqual(await registryCredentials('registry.example.com', s.env), { username: 'deploy', password: 'field-secret' });
    assert.deepEqual(await registryCredentials('docker.io', s.env), { username: 'hubuser', password: 'hubpw' });
    assert.deepEqual(await registryCredentials('old.example.com', s.env), { username: 'old', password: 'oldpw' });
    assert.equal(await registryCredentials('127.0.0.1:5001', s.env), null);
    assert.equal(await registryCredentials('quay.io', s.env), null);
  } finally {
    s.done();
  }
});

test('no DOCKER_CONFIG: HOME/.docker/config.json; no file at all: null', async () => {
  const s = setup(undefined);
  try {
    assert.equal(await registryCredentials('127.0.0.1:5000', s.env), null);
    mkdirSync(join(s.dir, '.docker'));
    writeFileSync(join(s.dir, '.docker', 'config.json'), JSON.stringify({ auths: { '127.0.0.1:5000': { auth: b64('home:homepw') } } }));
    assert.deepEqual(await registryCredentials('127.0.0.1:5000', { HOME: s.dir }), { username: 'home', password: 'homepw' });
  } finally {
    s.done();
  }
});

test('credHelpers[host] runs docker-credential-<name> get with the host on stdin; its "not found" is null', async () => {
  const s = setup({ credHelpers: { '127.0.0.1:5000': 'test', 'ghcr.io': 'test' }, auths: { 'ghcr.io': { auth: b64('ignored:ignored') } } });
  try {
    assert.deepEqual(await registryCredentials('127.0.0.1:5000', s.env), { username: 'alice', password: 'helper-secret-1' });
    const calls = readFileSync(s.log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { helper: string; args: string[]; input: string });
    assert.deepEqual(calls, [{ helper: 'test', args: ['get'], input: '127.0.0.1:5000' }]);
    // the helper owns the host: its "not found" is no credentials, whatever auths holds (as docker does)
    assert.equal(await registryCredentials('ghcr.io', s.env), null);
    // a host without a helper of its own and no credsStore: auths (none here)
    assert.equal(await registryCredentials('quay.io', s.env), null);
  } finally {
    s.done();
  }
});

test('credsStore serves every host; Docker Hub is asked as https://index.docker.io/v1/', async () => {
  const s = setup({ credsStore: 'test', auths: { '127.0.0.1:5000': {}, 'quay.io': { auth: b64('stale:stale') } } });
  try {
    assert.deepEqual(await registryCredentials('127.0.0.1:5000', s.env), { username: 'alice', password: 'helper-secret-1' });
    assert.deepEqual(await registryCredentials('docker.io', s.env), { username: 'hubuser', password: 'hub-secret-2' });
    assert.equal(await registryCredentials('quay.io', s.env), null);
    // credHelpers wins over credsStore for its host
    writeFileSync(join(s.env.DOCKER_CONFIG as string, 'config.json'), JSON.stringify({ credsStore: 'test', credHelpers: { '127.0.0.1:5000': 'broken' } }));
    const e = await rejection(registryCredentials('127.0.0.1:5000', s.env));
    assert.match(e.message, /docker-credential-broken/);
  } finally {
    s.done();
  }
});

test('a failing, garbled, missing or OAuth helper is a RegistryError naming the helper, never its output', async () => {
  const s = setup({ credHelpers: { a: 'broken', b: 'garbled', c: 'missing', d: 'oauth' } });
  try {
    const broken = await rejection(registryCredentials('a', s.env));
    assert.equal(broken.kind, 'auth');
    assert.match(broken.message, /docker-credential-broken .*failed \(exit code 2\)/);
    assert.match(broken.message, new RegExp(join(s.dir, 'docker', 'config.json')));
    const garbled = await rejection(registryCredentials('b', s.env));
    assert.match(garbled.message, /docker-credential-garbled .*not JSON/);
    const missing = await rejection(registryCredentials('c', s.env));
    assert.match(missing.message, /docker-credential-missing .*not on PATH/);
    const oauth = await rejection(registryCredentials('d', s.env));
    assert.match(oauth.message, /identity token/);
    for (const e of [broken, garbled, missing, oauth]) {
      assert.doesNotMatch(`${e.message} ${e.stack} ${JSON.stringify(e)}`, /leaked-secret|refresh-secret/);
      assert.equal(e.message.includes('\n'), false);
    }
  } finally {
    s.done();
  }
});

test('an unreadable configuration: invalid JSON or a bad auth entry names the file, never its content', async () => {
  const s = setup('{"auths": {"127.0.0.1:5000": {"auth": "c2VjcmV0LWluLWpzb24=" ');
  try {
    const e = await rejection(registryCredentials('127.0.0.1:5000', s.env));
    assert.match(e.message, /config\.json is not valid JSON/);
    assert.doesNotMatch(`${e.message} ${e.stack}`, /c2VjcmV0|secret-in-json/);
    writeFileSync(join(s.env.DOCKER_CONFIG as string, 'config.json'), JSON.stringify({ auths: { '127.0.0.1:5000': { auth: b64('no-colon-secret') } } }));
    const bad = await rejection(registryCredentials('127.0.0.1:5000', s.env));
    assert.match(bad.message, /auths entry for 127\.0\.0\.1:5000 in .*config\.json is not base64 of user:password/);
    assert.doesNotMatch(`${bad.message} ${bad.stack}`, /no-colon-secret|bm8tY29sb24/);
  } finally {
    s.done();
  }
});
