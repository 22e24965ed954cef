// The engine the user points at, every time: resolution like the docker CLI's (DOCKER_HOST, DOCKER_CONTEXT,
// the configuration's currentContext, the default socket) against a temporary DOCKER_CONFIG holding real
// context files; every value reprise cannot use is one error naming it; the environment of docker/compose
// children pinned to the same engine; a real https server on 127.0.0.1 with certificates made here by
// openssl (client certificates required) reached through DOCKER_TLS_VERIFY/DOCKER_CERT_PATH and through a
// context, and refused when signed by another CA; ssh through a fake `ssh` first on PATH that records its
// arguments and connects its stdin/stdout to a fake daemon's unix socket — the connection reused, its errors
// and timeout, and no ssh left once the requests or the process are over.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DockerApi } from '../../src/adapters/docker/api';
import { childEnv, describeEndpoint, resolveEndpoint, withEngineOf, type ResolvedEndpoint } from '../../src/adapters/docker/endpoint';
import { liveSshPids, sshArgs } from '../../src/adapters/docker/ssh-connection';
import { closeConnections, SSH_IDLE_MS, SSH_MAX_CONNECTIONS } from '../../src/adapters/docker/transport';
import { isRepriseError, type RepriseError } from '../../src/domain/errors';
import { hint, t } from '../../src/domain/messages';
import { doctor } from '../../src/commands/doctor';

const root = mkdtempSync(join(tmpdir(), 'reprise-endpoint-'));
after(() => {
  closeConnections();
  rmSync(root, { recursive: true, force: true });
});

let dirs = 0;
function freshDir(name: string): string {
  const d = join(root, `${name}-${++dirs}`);
  mkdirSync(d, { recursive: true });
  return d;
}

/** A context in the docker CLI's own layout: contexts/meta/<sha256>/meta.json and contexts/tls/<sha256>/docker/. */
function writeContext(config: string, name: string, host: string, opts: { skipTlsVerify?: boolean; tlsFrom?: string } = {}): void {
  const id = createHash('sha256').update(name).digest('hex');
  mkdirSync(join(config, 'contexts', 'meta', id), { recursive: true });
  const meta = { Name: name, Metadata: {}, Endpoints: { docker: { Host: host, SkipTLSVerify: opts.skipTlsVerify === true } } };
  writeFileSync(join(config, 'contexts', 'meta', id, 'meta.json'), JSON.stringify(meta));
  if (opts.tlsFrom) {
    const tls = join(config, 'contexts', 'tls', id, 'docker');
    mkdirSync(tls, { recursive: true });
    for (const f of ['ca.pem', 'cert.pem', 'key.pem']) writeFileSync(join(tls, f), readFileSync(join(opts.tlsFrom, f)), { mode: 0o600 });
  }
}

function refusal(fn: () => unknown): RepriseError {
  try {
    fn();
  } catch (e) {
    assert.ok(isRepriseError(e), `a RepriseError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected an error');
}

async function rejected(p: Promise<unknown>): Promise<RepriseError> {
  try {
    await p;
  } catch (e) {
    assert.ok(isRepriseError(e), `a RepriseError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected a rejection');
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(cond: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (cond()) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return cond();
}

// ---------------------------------------------------------------------------------------------
// resolution
// ---------------------------------------------------------------------------------------------

describe('resolution, like the docker CLI', () => {
  const home = freshDir('home'); // no .docker: nothing configured
  const config = freshDir('config');
  const certs = freshDir('certs');
  for (const f of ['ca.pem', 'cert.pem', 'key.pem']) writeFileSync(join(certs, f), `not a real ${f}\n`);
  writeContext(config, 'staging', 'ssh://deploy@staging.example:2222');
  writeContext(config, 'tlsctx', 'tcp://10.0.0.5:2376', { tlsFrom: certs });
  writeContext(config, 'insecure', 'tcp://10.0.0.6', { skipTlsVerify: true });
  writeContext(config, 'local2', 'unix:///run/other/docker.sock');
  writeFileSync(join(config, 'config.json'), JSON.stringify({ auths: {}, currentContext: 'staging' }));
  const withDefault = freshDir('config-default');
  writeFileSync(join(withDefault, 'config.json'), JSON.stringify({ currentContext: 'default' }));
  const homeWithConfig = freshDir('home2');
  mkdirSync(join(homeWithConfig, '.docker'));
  writeFileSync(join(homeWithConfig, '.docker', 'config.json'), JSON.stringify({ currentContext: 'staging' }));
  writeContext(join(homeWithConfig, '.docker'), 'staging', 'tcp://192.0.2.9:2375');

  test('precedence: DOCKER_HOST, then DOCKER_CONTEXT, then currentContext, then the default socket', () => {
    const rows: Array<[string, NodeJS.ProcessEnv, Partial<ResolvedEndpoint>]> = [
      ['nothing set', { HOME: home }, { url: 'unix:///var/run/docker.sock', source: 'default', context: null, local: true, remote: false, description: 'unix:///var/run/docker.sock' }],
      ['empty values count as unset', { HOME: home, DOCKER_HOST: '', DOCKER_CONTEXT: '' }, { url: 'unix:///var/run/docker.sock', source: 'default' }],
      ['currentContext', { HOME: home, DOCKER_CONFIG: config }, { kind: 'ssh', url: 'ssh://deploy@staging.example:2222', source: 'currentContext', context: 'staging', local: false, remote: true, description: 'context staging (ssh://deploy@staging.example:2222)' }],
      ['DOCKER_CONTEXT over currentContext', { HOME: home, DOCKER_CONFIG: config, DOCKER_CONTEXT: 'local2' }, { kind: 'unix', url: 'unix:///run/other/docker.sock', source: 'DOCKER_CONTEXT', context: 'local2', local: true, description: 'DOCKER_CONTEXT=local2 (unix:///run/other/docker.sock)' }],
      ['DOCKER_HOST over both', { HOME: home, DOCKER_CONFIG: config, DOCKER_CONTEXT: 'local2', DOCKER_HOST: 'unix:///tmp/x.sock' }, { url: 'unix:///tmp/x.sock', source: 'DOCKER_HOST', context: null, description: 'unix:///tmp/x.sock' }],
      ['DOCKER_CONTEXT=default is the default socket', { HOME: home, DOCKER_CONFIG: config, DOCKER_CONTEXT: 'default' }, { url: 'unix:///var/run/docker.sock', source: 'DOCKER_CONTEXT', context: 'default' }],
      ['currentContext default', { HOME: home, DOCKER_CONFIG: withDefault }, { url: 'unix:///var/run/docker.sock', source: 'currentContext', context: 'default' }],
      ['~/.docker without DOCKER_CONFIG', { HOME: homeWithConfig }, { kind: 'tcp', url: 'tcp://192.0.2.9:2375', source: 'currentContext', context: 'staging', remote: true }],
      ['tcp without a port: 2375', { HOME: home, DOCKER_HOST: 'tcp://192.0.2.1' }, { kind: 'tcp', url: 'tcp://192.0.2.1:2375', remote: true }],
      ['tcp on loopback is not remote', { HOME: home, DOCKER_HOST: 'tcp://127.0.0.1:2375' }, { kind: 'tcp', local: false, remote: false }],
      ['tcp on IPv6 loopback', { HOME: home, DOCKER_HOST: 'tcp://[::1]:2375' }, { kind: 'tcp', url: 'tcp://[::1]:2375', remote: false }],
      ['unix:// alone is the default socket', { HOME: home, DOCKER_HOST: 'unix://' }, { url: 'unix:///var/run/docker.sock', source: 'DOCKER_HOST' }],
      ['ssh with a remote socket', { HOME: home, DOCKER_HOST: 'ssh://me@host.example/run/user/1000/docker.sock' }, { kind: 'ssh', url: 'ssh://me@host.example/run/user/1000/docker.sock', remote: true }],
    ];
    for (const [what, env, expected] of rows) {
      const e = resolveEndpoint(env);
      for (const [k, v] of Object.entries(expected)) assert.deepEqual((e as unknown as Record<string, unknown>)[k], v, `${what}: ${k} of ${JSON.stringify(e)}`);
    }
    const ssh = resolveEndpoint({ HOME: home, DOCKER_HOST: 'ssh://me@host.example:2200/run/user/1000/docker.sock' });
    assert.deepEqual(ssh.kind === 'ssh' && [ssh.user, ssh.host, ssh.port, ssh.remoteSocket], ['me', 'host.example', 2200, '/run/user/1000/docker.sock']);
    const v6 = resolveEndpoint({ HOME: home, DOCKER_HOST: 'tcp://[::1]:2375' });
    assert.equal(v6.kind === 'tcp' && v6.host, '::1');
  });

  test('TLS: DOCKER_TLS_VERIFY and DOCKER_TLS with DOCKER_CERT_PATH (default the config folder); a context\'s tls folder or SkipTLSVerify', () => {
    const verified = resolveEndpoint({ HOME: home, DOCKER_HOST: 'tcp://192.0.2.1', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs });
    assert.equal(verified.url, 'tcp://192.0.2.1:2376');
    assert.deepEqual(verified.kind === 'tcp' && verified.tls, { verify: true, dir: certs, ca: join(certs, 'ca.pem'), cert: join(certs, 'cert.pem'), key: join(certs, 'key.pem') });
    const unverified = resolveEndpoint({ HOME: home, DOCKER_HOST: 'tcp://192.0.2.1:2376', DOCKER_TLS: '1', DOCKER_CERT_PATH: certs });
    assert.equal(unverified.kind === 'tcp' && unverified.tls?.verify, false);
    const defaultDir = resolveEndpoint({ HOME: home, DOCKER_CONFIG: certs, DOCKER_HOST: 'tcp://192.0.2.1', DOCKER_TLS_VERIFY: 'yes' });
    assert.equal(defaultDir.kind === 'tcp' && defaultDir.tls?.dir, certs);
    // TLS variables are DOCKER_HOST's: a context has its own
    const ctx = resolveEndpoint({ HOME: home, DOCKER_CONFIG: config, DOCKER_CONTEXT: 'tlsctx', DOCKER_TLS: '1' });
    const tlsDir = join(config, 'contexts', 'tls', createHash('sha256').update('tlsctx').digest('hex'), 'docker');
    assert.deepEqual(ctx.kind === 'tcp' && ctx.tls, { verify: true, dir: tlsDir, ca: join(tlsDir, 'ca.pem'), cert: join(tlsDir, 'cert.pem'), key: join(tlsDir, 'key.pem') });
    assert.equal(ctx.description, 'DOCKER_CONTEXT=tlsctx (tcp://10.0.0.5:2376, TLS)');
    const insecure = resolveEndpoint({ HOME: home, DOCKER_CONFIG: config, DOCKER_CONTEXT: 'insecure' });
    assert.deepEqual(insecure.kind === 'tcp' && [insecure.url, insecure.tls], ['tcp://10.0.0.6:2376', { verify: false, dir: null, ca: null, cert: null, key: null }]);
    const plainCtx = resolveEndpoint({ HOME: home, DOCKER_CONFIG: config, DOCKER_CONTEXT: 'staging' });
    assert.equal(plainCtx.kind, 'ssh');
    for (const e of [verified, ctx]) assert.ok(!JSON.stringify(e).includes('not a real'), 'no key material in the endpoint');
  });

  test('every value reprise cannot use is one DOCKER_UNAVAILABLE error naming it and where it came from', () => {
    const values = [
      'npipe:////./pipe/docker_engine',
      'fd://',
      'http://192.0.2.1:2375',
      'https://192.0.2.1:2376',
      'tcp://',
      'tcp://192.0.2.1:99999',
      'tcp://192.0.2.1:2375/base',
      'localhost:2375',
      '/var/run/docker.sock',
      'ssh://',
      'ssh://-oProxyCommand=x',
      'ssh://host/run/docker.sock;reboot',
      'ssh://host:0',
      'docker.example.com',
    ];
    for (const value of values) {
      const e = refusal(() => resolveEndpoint({ HOME: home, DOCKER_HOST: value }));
      assert.equal(e.code, 'DOCKER_UNAVAILABLE', value);
      assert.equal(e.key, 'dockerEndpointUnsupported', value);
      assert.equal(e.exitCode, 1);
      for (const lang of ['en', 'fr'] as const) {
        const line = t(lang, e.key, e.params);
        assert.ok(line.includes(`${value}`) && line.includes('DOCKER_HOST') && !line.includes('\n'), `${lang}: ${line}`);
        assert.ok(hint(lang, e.key, e.params), `${lang}: a hint`);
      }
    }
    // a password in the address is never repeated
    const pw = refusal(() => resolveEndpoint({ HOME: home, DOCKER_HOST: 'ssh://deploy:s3cr3t@host' }));
    assert.ok(!pw.message.includes('s3cr3t') && pw.message.includes('ssh://deploy:***@host'), pw.message);
    // from a context: the context and its file are named
    writeContext(config, 'windows', 'npipe:////./pipe/docker_engine');
    const ctx = refusal(() => resolveEndpoint({ HOME: home, DOCKER_CONFIG: config, DOCKER_CONTEXT: 'windows' }));
    assert.equal(ctx.key, 'dockerEndpointUnsupported');
    assert.match(ctx.message, /npipe:\/\/\/\/\.\/pipe\/docker_engine.*context windows \(.*meta\.json\)/);
  });

  test('a context that does not exist or cannot be read, an unreadable config.json, a missing DOCKER_CERT_PATH: errors naming them', () => {
    const missing = refusal(() => resolveEndpoint({ HOME: home, DOCKER_CONFIG: config, DOCKER_CONTEXT: 'no-such-context' }));
    assert.deepEqual([missing.code, missing.key], ['DOCKER_UNAVAILABLE', 'dockerContextMissing']);
    assert.match(missing.message, /"no-such-context" \(from DOCKER_CONTEXT\)/);
    const badCurrent = freshDir('config-bad-current');
    writeFileSync(join(badCurrent, 'config.json'), JSON.stringify({ currentContext: 'gone' }));
    assert.match(refusal(() => resolveEndpoint({ HOME: home, DOCKER_CONFIG: badCurrent })).message, /"gone" \(from currentContext in .*config\.json\)/);

    const broken = freshDir('config-broken');
    writeContext(broken, 'half', 'tcp://192.0.2.1');
    const metaOf = (name: string): string => join(broken, 'contexts', 'meta', createHash('sha256').update(name).digest('hex'), 'meta.json');
    writeFileSync(metaOf('half'), '{"Endpoints": {"docker": ');
    const notJson = refusal(() => resolveEndpoint({ HOME: home, DOCKER_CONFIG: broken, DOCKER_CONTEXT: 'half' }));
    assert.equal(notJson.key, 'dockerEndpointUnreadable');
    assert.ok(notJson.message.includes(metaOf('half')) && notJson.message.includes('not valid JSON'), notJson.message);
    writeContext(broken, 'k8s', 'tcp://192.0.2.1');
    writeFileSync(metaOf('k8s'), JSON.stringify({ Name: 'k8s', Endpoints: { kubernetes: {} } }));
    assert.match(refusal(() => resolveEndpoint({ HOME: home, DOCKER_CONFIG: broken, DOCKER_CONTEXT: 'k8s' })).message, /no Endpoints\.docker\.Host/);
    writeContext(broken, 'dir', 'tcp://192.0.2.1');
    rmSync(metaOf('dir'));
    mkdirSync(metaOf('dir'));
    assert.equal(refusal(() => resolveEndpoint({ HOME: home, DOCKER_CONFIG: broken, DOCKER_CONTEXT: 'dir' })).key, 'dockerEndpointUnreadable');

    // config.json that is not JSON: an error, never the parser's message quoting it (it may hold credentials)
    const badConfig = freshDir('config-not-json');
    writeFileSync(join(badConfig, 'config.json'), '{"auths": {"registry": {"auth": "c2VjcmV0OnBhc3M="}}, currentContext: staging');
    const cfg = refusal(() => resolveEndpoint({ HOME: home, DOCKER_CONFIG: badConfig }));
    assert.equal(cfg.key, 'dockerEndpointUnreadable');
    assert.ok(!cfg.message.includes('c2VjcmV0') && cfg.message.includes('config.json'), cfg.message);

    const certPath = refusal(() => resolveEndpoint({ HOME: home, DOCKER_HOST: 'tcp://192.0.2.1', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: join(root, 'nowhere') }));
    assert.equal(certPath.key, 'dockerEndpointUnreadable');
    assert.match(certPath.message, /nowhere.*DOCKER_CERT_PATH/);
    for (const e of [missing, notJson, cfg, certPath]) for (const lang of ['en', 'fr'] as const) assert.ok(hint(lang, e.key, e.params));
  });

  const tools = spawnSync('docker', ['--version']).status === 0 && spawnSync('openssl', ['version']).status === 0;
  test('a context made by the docker CLI itself is read (layout, TLS files, SkipTLSVerify)', { skip: !tools && 'no docker CLI or openssl on PATH' }, () => {
    const cfg = freshDir('cli-config');
    // the docker CLI checks the PEM files: a real (throwaway) certificate and key
    const pem = freshDir('cli-pem');
    const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=x', '-keyout', 'key.pem', '-out', 'cert.pem'], { cwd: pem, encoding: 'utf8' });
    assert.equal(made.status, 0, made.stderr);
    const cli = (args: string[]): void => {
      const r = spawnSync('docker', args, { env: { ...process.env, DOCKER_CONFIG: cfg, DOCKER_HOST: '', DOCKER_CONTEXT: '' }, encoding: 'utf8' });
      assert.equal(r.status, 0, `docker ${args.join(' ')}: ${r.stderr}`);
    };
    cli(['context', 'create', 'made', '--docker', `host=tcp://192.0.2.7:2376,ca=${join(pem, 'cert.pem')},cert=${join(pem, 'cert.pem')},key=${join(pem, 'key.pem')}`]);
    cli(['context', 'create', 'skip', '--docker', 'host=tcp://192.0.2.8:2376,skip-tls-verify=true']);
    cli(['context', 'create', 'remote', '--docker', 'host=ssh://deploy@192.0.2.9:2222']);
    cli(['context', 'use', 'remote']);
    const byCli = resolveEndpoint({ HOME: home, DOCKER_CONFIG: cfg, DOCKER_CONTEXT: 'made' });
    assert.deepEqual(byCli.kind === 'tcp' && [byCli.url, byCli.tls?.verify, Boolean(byCli.tls?.ca && byCli.tls.cert && byCli.tls.key)], ['tcp://192.0.2.7:2376', true, true]);
    const skip = resolveEndpoint({ HOME: home, DOCKER_CONFIG: cfg, DOCKER_CONTEXT: 'skip' });
    assert.equal(skip.kind === 'tcp' && skip.tls?.verify, false);
    const current = resolveEndpoint({ HOME: home, DOCKER_CONFIG: cfg });
    assert.deepEqual([current.url, current.source, current.context], ['ssh://deploy@192.0.2.9:2222', 'currentContext', 'remote']);
  });
});

// ---------------------------------------------------------------------------------------------
// the environment of docker / compose children
// ---------------------------------------------------------------------------------------------

test('childEnv pins the resolved engine: DOCKER_HOST set, DOCKER_CONTEXT removed, TLS spelled for the docker CLI and compose', () => {
  const home = freshDir('child-home');
  const certs = freshDir('child-certs');
  for (const f of ['ca.pem', 'cert.pem', 'key.pem']) writeFileSync(join(certs, f), 'x');
  const config = freshDir('child-config');
  writeContext(config, 'tlsctx', 'tcp://10.0.0.5:2376', { tlsFrom: certs });
  writeContext(config, 'insecure', 'tcp://10.0.0.6:2376', { skipTlsVerify: true });
  writeContext(config, 'plain', 'tcp://10.0.0.7:2375');
  writeContext(config, 'ssh', 'ssh://deploy@host.example');
  const base: NodeJS.ProcessEnv = { HOME: home, PATH: '/usr/bin', API_TAG: 'v1', DOCKER_CONFIG: config, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/stale' };
  const engineVars = (env: NodeJS.ProcessEnv): Record<string, string | undefined> =>
    Object.fromEntries(['DOCKER_HOST', 'DOCKER_CONTEXT', 'DOCKER_TLS_VERIFY', 'DOCKER_TLS', 'DOCKER_CERT_PATH'].map((k) => [k, env[k]]).filter(([, v]) => v !== undefined));
  const pinned = (env: NodeJS.ProcessEnv): NodeJS.ProcessEnv => childEnv(resolveEndpoint(env), env);

  const tlsDir = join(config, 'contexts', 'tls', createHash('sha256').update('tlsctx').digest('hex'), 'docker');
  const rows: Array<[string, NodeJS.ProcessEnv, Record<string, string>]> = [
    ['default socket', { HOME: home, API_TAG: 'v1' }, { DOCKER_HOST: 'unix:///var/run/docker.sock' }],
    ['unix DOCKER_HOST, stale TLS variables dropped', { ...base, DOCKER_HOST: 'unix:///tmp/d.sock' }, { DOCKER_HOST: 'unix:///tmp/d.sock' }],
    ['tcp with DOCKER_TLS_VERIFY', { ...base, DOCKER_HOST: 'tcp://192.0.2.1', DOCKER_CERT_PATH: certs }, { DOCKER_HOST: 'tcp://192.0.2.1:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs }],
    ['tcp with DOCKER_TLS', { ...base, DOCKER_TLS_VERIFY: undefined, DOCKER_TLS: 'on', DOCKER_HOST: 'tcp://192.0.2.1:2376', DOCKER_CERT_PATH: certs }, { DOCKER_HOST: 'tcp://192.0.2.1:2376', DOCKER_TLS: '1', DOCKER_CERT_PATH: certs }],
    ['context with TLS files', { ...base, DOCKER_CONTEXT: 'tlsctx' }, { DOCKER_HOST: 'tcp://10.0.0.5:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: tlsDir }],
    ['context with SkipTLSVerify', { ...base, DOCKER_CONTEXT: 'insecure' }, { DOCKER_HOST: 'tcp://10.0.0.6:2376', DOCKER_TLS: '1' }],
    ['plain tcp context: DOCKER_TLS_VERIFY of the shell does not apply', { ...base, DOCKER_CONTEXT: 'plain' }, { DOCKER_HOST: 'tcp://10.0.0.7:2375' }],
    ['ssh context', { ...base, DOCKER_CONTEXT: 'ssh' }, { DOCKER_HOST: 'ssh://deploy@host.example' }],
  ];
  for (const [what, env, expected] of rows) {
    const out = pinned(env);
    assert.deepEqual(engineVars(out), expected, what);
    assert.equal(out.API_TAG, env.API_TAG, `${what}: the rest is kept`);
    // the pinned environment resolves to the same engine (what a docker child sees)
    assert.equal(resolveEndpoint(out).url, resolveEndpoint(env).url, `${what}: same engine`);
  }
  // merged environments (the env file first) keep the pinned engine
  const p = pinned({ ...base, DOCKER_CONTEXT: 'plain' });
  const merged = withEngineOf(p, { DOCKER_CONTEXT: 'elsewhere', DOCKER_TLS_VERIFY: '1', ...p, DOCKER_HOST: 'tcp://evil:2375', X: '1' });
  assert.deepEqual(engineVars(merged), { DOCKER_HOST: 'tcp://10.0.0.7:2375' });
  assert.equal(merged.X, '1');
});

// ---------------------------------------------------------------------------------------------
// TLS: a real https server with certificates made by openssl
// ---------------------------------------------------------------------------------------------

/** A fake daemon's answers: the unversioned /version, then anything versioned. */
function daemonHandler(seen: string[]): Parameters<typeof createHttpServer>[1] {
  return (req, res) => {
    seen.push(req.url ?? '');
    res.setHeader('Content-Type', 'application/json');
    if (req.url === '/version' || req.url === '/v1.51/version') res.end(JSON.stringify({ Version: '99.0.0-fake', ApiVersion: '1.51', MinAPIVersion: '1.24', Os: 'linux', Arch: 'amd64' }));
    else if (/^\/v1\.51\/info$/.test(req.url ?? '')) res.end(JSON.stringify({ ID: 'fake', Containers: 0 }));
    else res.writeHead(404).end(JSON.stringify({ message: `no ${req.url}` }));
  };
}

describe('TLS with client certificates (openssl, 127.0.0.1)', { skip: spawnSync('openssl', ['version']).status !== 0 && 'no openssl' }, () => {
  const pki = freshDir('pki');
  const client = join(pki, 'client'); // what DOCKER_CERT_PATH names: ca.pem, cert.pem, key.pem
  const other = join(pki, 'other'); // another CA, with a valid client certificate of the right CA
  let server: HttpsServer;
  let port = 0;
  const seen: string[] = [];

  const ossl = (args: string[]): void => {
    const r = spawnSync('openssl', args, { cwd: pki, encoding: 'utf8' });
    assert.equal(r.status, 0, `openssl ${args.join(' ')}: ${r.stderr}`);
  };
  const ca = (name: string): void =>
    ossl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', `/CN=${name}`, '-keyout', `${name}-key.pem`, '-out', `${name}.pem`, '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  const leaf = (name: string, signer: string, ext: string): void => {
    writeFileSync(join(pki, `${name}.ext`), `${ext}\n`);
    ossl(['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-subj', `/CN=${name}`, '-keyout', `${name}-key.pem`, '-out', `${name}.csr`]);
    ossl(['x509', '-req', '-in', `${name}.csr`, '-CA', `${signer}.pem`, '-CAkey', `${signer}-key.pem`, '-CAcreateserial', '-days', '1', '-out', `${name}.pem`, '-extfile', `${name}.ext`]);
  };

  before(async () => {
    ca('ca');
    ca('otherca');
    leaf('server', 'ca', 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth');
    leaf('client', 'ca', 'extendedKeyUsage=clientAuth');
    for (const [dir, caFile] of [[client, 'ca.pem'], [other, 'otherca.pem']]) {
      mkdirSync(dir);
      writeFileSync(join(dir, 'ca.pem'), readFileSync(join(pki, caFile)));
      writeFileSync(join(dir, 'cert.pem'), readFileSync(join(pki, 'client.pem')));
      writeFileSync(join(dir, 'key.pem'), readFileSync(join(pki, 'client-key.pem')), { mode: 0o600 });
    }
    server = createHttpsServer(
      { key: readFileSync(join(pki, 'server-key.pem')), cert: readFileSync(join(pki, 'server.pem')), ca: readFileSync(join(pki, 'ca.pem')), requestCert: true, rejectUnauthorized: true },
      daemonHandler(seen),
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  after(() => {
    closeConnections();
    server?.closeAllConnections();
    server?.close();
  });

  test('DOCKER_HOST + DOCKER_TLS_VERIFY + DOCKER_CERT_PATH: DockerApi reads /info through TLS', async () => {
    const endpoint = resolveEndpoint({ HOME: pki, DOCKER_HOST: `tcp://127.0.0.1:${port}`, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: client });
    const api = new DockerApi(endpoint, 5000, null);
    assert.deepEqual(await api.get('/info'), { ID: 'fake', Containers: 0 });
    assert.deepEqual(await api.get('/info'), { ID: 'fake', Containers: 0 });
    assert.ok(seen.includes('/version') && seen.includes('/v1.51/info'), seen.join(' '));
  });

  test('through a context holding the same files in its tls folder', async () => {
    const config = freshDir('tls-config');
    writeContext(config, 'secure', `tcp://127.0.0.1:${port}`, { tlsFrom: client });
    const endpoint = resolveEndpoint({ HOME: pki, DOCKER_CONFIG: config, DOCKER_CONTEXT: 'secure' });
    assert.equal(describeEndpoint(endpoint), `DOCKER_CONTEXT=secure (tcp://127.0.0.1:${port}, TLS)`);
    assert.deepEqual(await new DockerApi(endpoint, 5000, null).get('/info'), { ID: 'fake', Containers: 0 });
  });

  test('a server whose certificate another CA signed is refused (DOCKER_UNAVAILABLE); without verification it is reached', async () => {
    const refused = await rejected(new DockerApi(resolveEndpoint({ HOME: pki, DOCKER_HOST: `tcp://127.0.0.1:${port}`, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: other }), 5000, null).get('/info'));
    assert.equal(refused.code, 'DOCKER_UNAVAILABLE');
    assert.match(refused.message, /CERT|certificate|verify/i);
    const unverified = resolveEndpoint({ HOME: pki, DOCKER_HOST: `tcp://127.0.0.1:${port}`, DOCKER_TLS: '1', DOCKER_CERT_PATH: other });
    assert.deepEqual(await new DockerApi(unverified, 5000, null).get('/info'), { ID: 'fake', Containers: 0 });
  });

  test('without a client certificate the server refuses: DOCKER_UNAVAILABLE', async () => {
    const noClient = freshDir('ca-only');
    writeFileSync(join(noClient, 'ca.pem'), readFileSync(join(client, 'ca.pem')));
    const e = await rejected(new DockerApi(resolveEndpoint({ HOME: pki, DOCKER_HOST: `tcp://127.0.0.1:${port}`, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: noClient }), 5000, null).get('/info'));
    assert.equal(e.code, 'DOCKER_UNAVAILABLE');
  });
});

// ---------------------------------------------------------------------------------------------
// ssh: a fake `ssh` first on PATH, bridging its stdin/stdout to a fake daemon's unix socket
// ---------------------------------------------------------------------------------------------

describe('ssh:// through `ssh … docker system dial-stdio`', () => {
  const dir = freshDir('ssh');
  const bin = join(dir, 'bin');
  const log = join(dir, 'ssh.log');
  const socket = join(dir, 'daemon.sock');
  const seen: string[] = [];
  let connections = 0;
  let daemon: Server;
  const saved = { PATH: process.env.PATH, FAKE_SSH_LOG: process.env.FAKE_SSH_LOG, FAKE_SSH_SOCKET: process.env.FAKE_SSH_SOCKET, FAKE_SSH_MODE: process.env.FAKE_SSH_MODE };

  const calls = (): Array<{ pid: number; argv: string[] }> => {
    try {
      return readFileSync(log, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { pid: number; argv: string[] });
    } catch {
      return [];
    }
  };

  before(async () => {
    mkdirSync(bin);
    // the fake ssh: records its pid and arguments, then is the daemon connection (or fails, or hangs)
    writeFileSync(
      join(bin, 'ssh'),
      [
        `#!${process.execPath}`,
        "const fs = require('fs');",
        "const net = require('net');",
        'fs.appendFileSync(process.env.FAKE_SSH_LOG, JSON.stringify({ pid: process.pid, argv: process.argv.slice(2) }) + "\\n");',
        "const mode = process.env.FAKE_SSH_MODE || 'ok';",
        "if (mode === 'fail') { process.stderr.write('debug1: trying\\nssh: connect to host example.test port 2222: Connection refused\\n'); process.exit(255); }",
        "if (mode === 'hang') { process.stdin.resume(); setInterval(() => {}, 1000); return; }",
        'const s = net.connect(process.env.FAKE_SSH_SOCKET);',
        'process.stdin.pipe(s);',
        's.pipe(process.stdout);',
        "s.on('close', () => process.exit(0));",
        "s.on('error', (e) => { process.stderr.write('dial-stdio: ' + e.message + '\\n'); process.exit(1); });",
        '',
      ].join('\n'),
      { mode: 0o755 },
    );
    daemon = createHttpServer(daemonHandler(seen));
    daemon.on('connection', () => connections++);
    await new Promise<void>((r) => daemon.listen(socket, r));
    process.env.PATH = `${bin}:${process.env.PATH}`;
    process.env.FAKE_SSH_LOG = log;
    process.env.FAKE_SSH_SOCKET = socket;
  });
  after(() => {
    closeConnections();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    daemon?.closeAllConnections();
    daemon?.close();
  });

  test('the argument array of the docker CLI', () => {
    const e = (host: string) => resolveEndpoint({ HOME: dir, DOCKER_HOST: host });
    const args = (host: string) => {
      const r = e(host);
      assert.equal(r.kind, 'ssh');
      return r.kind === 'ssh' ? sshArgs(r) : [];
    };
    assert.deepEqual(args('ssh://deploy@example.test:2222'), ['-o', 'ConnectTimeout=30', '-T', '-l', 'deploy', '-p', '2222', '--', 'example.test', 'docker', 'system', 'dial-stdio']);
    assert.deepEqual(args('ssh://example.test'), ['-o', 'ConnectTimeout=30', '-T', '--', 'example.test', 'docker', 'system', 'dial-stdio']);
    assert.deepEqual(args('ssh://me@example.test/run/user/1000/docker.sock'), ['-o', 'ConnectTimeout=30', '-T', '-l', 'me', '--', 'example.test', 'docker', '--host', 'unix:///run/user/1000/docker.sock', 'system', 'dial-stdio']);
  });

  test('requests go through one reused ssh; the fake ssh got exactly that argv; concurrent ones use at most SSH_MAX_CONNECTIONS', async () => {
    process.env.FAKE_SSH_MODE = 'ok';
    const before = calls().length;
    const connected = connections;
    const api = new DockerApi(resolveEndpoint({ HOME: dir, DOCKER_HOST: 'ssh://deploy@example.test:2222' }), 5000, null);
    for (let i = 0; i < 5; i++) assert.deepEqual(await api.get('/info'), { ID: 'fake', Containers: 0 });
    const mine = calls().slice(before);
    assert.equal(mine.length, 1, 'one ssh for six sequential requests');
    assert.equal(connections - connected, 1, 'one daemon connection for six sequential requests');
    assert.deepEqual(mine[0].argv, ['-o', 'ConnectTimeout=30', '-T', '-l', 'deploy', '-p', '2222', '--', 'example.test', 'docker', 'system', 'dial-stdio']);
    assert.equal(seen.filter((p) => p === '/v1.51/info').length >= 5, true);
    const results = await Promise.all(Array.from({ length: 12 }, () => api.get('/info')));
    assert.equal(results.length, 12);
    const all = calls().slice(before);
    assert.ok(all.length <= SSH_MAX_CONNECTIONS, `${all.length} ssh for 12 concurrent requests`);
    assert.ok(liveSshPids().length >= 1, 'idle connections are kept');
    closeConnections();
    for (const c of all) assert.ok(await until(() => !alive(c.pid), 3000), `ssh ${c.pid} ended with its connection`);
    // on a loaded machine an ssh may have recorded its call after `all` was read: it ends with its connection too
    assert.ok(await until(() => liveSshPids().length === 0, 5000), `no ssh left: ${liveSshPids().join(' ')}`);
  });

  test('ssh failing: DOCKER_UNAVAILABLE with the exit code and ssh\'s own last words', async () => {
    process.env.FAKE_SSH_MODE = 'fail';
    const e = await rejected(new DockerApi(resolveEndpoint({ HOME: dir, DOCKER_HOST: 'ssh://deploy@example.test:2222' }), 5000, null).get('/info'));
    assert.equal(e.code, 'DOCKER_UNAVAILABLE');
    assert.match(e.message, /ssh deploy@example\.test -p 2222: exit code 255 — .*Connection refused/);
    process.env.FAKE_SSH_MODE = 'ok';
  });

  test('no ssh on PATH: DOCKER_UNAVAILABLE saying so', async () => {
    const path = process.env.PATH;
    process.env.PATH = join(dir, 'empty');
    try {
      const e = await rejected(new DockerApi(resolveEndpoint({ HOME: dir, DOCKER_HOST: 'ssh://nobody.example' }), 5000, null).get('/info'));
      assert.match(e.message, /no `ssh` program on PATH/);
    } finally {
      process.env.PATH = path;
    }
  });

  test('a remote side that never answers: the request times out and its ssh is ended', async () => {
    process.env.FAKE_SSH_MODE = 'hang';
    const before = calls().length;
    const started = Date.now();
    const e = await rejected(new DockerApi(resolveEndpoint({ HOME: dir, DOCKER_HOST: 'ssh://deploy@hang.example' }), 400, null).get('/info'));
    assert.equal(e.code, 'DOCKER_UNAVAILABLE');
    assert.ok(Date.now() - started < 3000, 'within the timeout');
    const mine = calls().slice(before);
    assert.equal(mine.length, 1);
    assert.ok(await until(() => !alive(mine[0].pid), 3000), 'the hung ssh was ended');
    assert.deepEqual(liveSshPids(), []);
    process.env.FAKE_SSH_MODE = 'ok';
  });

  test('doctor: the engine check says where the engine is and how it was chosen; a remote engine gets the remote_engine warning; an unknown context fails the engine check with its fix', { skip: process.env.DOCKER_API_VERSION ? 'DOCKER_API_VERSION is set' : false }, async () => {
    process.env.FAKE_SSH_MODE = 'ok';
    const project = freshDir('doctor-project');
    const config = freshDir('doctor-config');
    writeContext(config, 'staging', 'ssh://deploy@staging.example:2222');
    // the fake ssh first on PATH, no docker CLI: only the engine check talks to the (fake) daemon
    const env: NodeJS.ProcessEnv = { PATH: bin, HOME: dir, DOCKER_CONFIG: config, DOCKER_CONTEXT: 'staging', FAKE_SSH_LOG: log, FAKE_SSH_SOCKET: socket };
    const checks = (await doctor({ options: { projectDir: project }, env, langFlag: 'en' })).result.checks;
    const engine = checks.find((c) => c.id === 'engine');
    assert.equal(engine?.status, 'ok', JSON.stringify(engine));
    assert.match(engine?.summary ?? '', / at DOCKER_CONTEXT=staging \(ssh:\/\/deploy@staging\.example:2222\)$/);
    assert.deepEqual([engine?.details.engineSource, engine?.details.engineContext, engine?.details.engineRemote], ['DOCKER_CONTEXT', 'staging', true]);
    const remote = checks.find((c) => c.id === 'remote_engine');
    assert.equal(remote?.status, 'warn');
    assert.match(remote?.summary ?? '', /remote \(DOCKER_CONTEXT=staging .*images/);
    assert.match(remote?.fix ?? '', /Images: build them on that engine/);
    closeConnections();

    const missing = (await doctor({ options: { projectDir: project }, env: { ...env, DOCKER_CONTEXT: 'gone' }, langFlag: 'fr' })).result.checks;
    const failed = missing.find((c) => c.id === 'engine');
    assert.equal(failed?.status, 'fail');
    assert.match(failed?.summary ?? '', /contexte docker « gone »/);
    assert.match(failed?.fix ?? '', /docker context ls/);
    assert.equal(missing.find((c) => c.id === 'remote_engine'), undefined);
    assert.equal(missing.find((c) => c.id === 'services')?.status, 'skipped');
  });

  test('a process whose last request went over ssh ends on its own (the idle connection does not hold it) and leaves no ssh behind', async () => {
    process.env.FAKE_SSH_MODE = 'ok';
    const before = calls().length;
    const api = join(__dirname, '../../src/adapters/docker/api.js');
    const endpoint = join(__dirname, '../../src/adapters/docker/endpoint.js');
    const script = [
      `const { DockerApi } = require(${JSON.stringify(api)});`,
      `const { resolveEndpoint } = require(${JSON.stringify(endpoint)});`,
      'const a = new DockerApi(resolveEndpoint(process.env), 5000, null);',
      "a.get('/info').then(() => a.get('/info')).then((r) => process.stdout.write(JSON.stringify(r)), (e) => { process.stderr.write(String(e)); process.exitCode = 3; });",
    ].join('\n');
    const started = Date.now();
    const child = spawn(process.execPath, ['-e', script], { env: { ...process.env, DOCKER_HOST: 'ssh://deploy@example.test', HOME: dir }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    const code = await new Promise<number | null>((r) => child.on('close', r));
    const took = Date.now() - started;
    assert.equal(code, 0, err);
    assert.deepEqual(JSON.parse(out), { ID: 'fake', Containers: 0 });
    assert.ok(took < 8_000, `ended in ${took} ms, not after the ${SSH_IDLE_MS} ms idle timeout`);
    const mine = calls().slice(before);
    assert.equal(mine.length, 1, 'one ssh for both requests');
    assert.ok(await until(() => !alive(mine[0].pid), 3000), `ssh ${mine[0].pid} does not outlive the process`);
  });
});
