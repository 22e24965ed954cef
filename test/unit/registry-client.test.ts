// The Registry HTTP API v2 client against real docker-registry processes (test/integration/harness/
// registry-server.ts: plain http, and basic auth over TLS with its CA in a temporary certs.d), and against
// small node servers on 127.0.0.1 for what distribution's htpasswd mode never does (a bearer token service,
// paginated tag lists, a registry that never answers).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import { RegistryClient, RegistryError } from '../../src/adapters/registry/client';
import { deleteTestImage, pushTestImage, registryUnavailable, startRegistry, type TestRegistry } from '../integration/harness/registry-server';

const skip = registryUnavailable() ?? false;

async function rejection(p: Promise<unknown>): Promise<RegistryError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof RegistryError, `a RegistryError, not ${String(e)}`);
    return e;
  }
  assert.fail('expected a rejection');
}

/** Everything an error could show: message, stack, own fields. */
const shown = (e: Error): string => `${e.message}\n${e.stack}\n${JSON.stringify(e)}`;

async function withRegistry(opts: Parameters<typeof startRegistry>[0], fn: (r: TestRegistry) => Promise<void>): Promise<void> {
  const r = await startRegistry(opts);
  try {
    await fn(r);
  } finally {
    await r.stop();
    rmSync(r.dir, { recursive: true, force: true });
  }
}

test('docker-registry (plain http): tags and digests of pushed images, a re-pushed tag moves, unknown names are [] / null', { skip }, async () => {
  await withRegistry({}, async (r) => {
    const one = await pushTestImage(r, 'rit/api', '1.0', 'one');
    const two = await pushTestImage(r, 'rit/api', '1.1', 'two');
    await pushTestImage(r, 'rit/web', '2.0', 'web');
    assert.notEqual(one, two);
    // https first: docker-registry answers plain http on loopback, the client goes on in http
    const client = new RegistryClient(r.host, { timeoutMs: 3000 });
    assert.deepEqual((await client.tags('rit/api')).sort(), ['1.0', '1.1']);
    assert.deepEqual(await client.tags('rit/web'), ['2.0']);
    assert.equal(await client.digest('rit/api', '1.0'), one);
    assert.equal(await client.digest('rit/api', '1.1'), two);
    assert.equal(await client.digest('rit/api', one), one);

    const moved = await pushTestImage(r, 'rit/api', '1.0', 'one, rebuilt');
    assert.notEqual(moved, one);
    assert.equal(await client.digest('rit/api', '1.0'), moved);
    // the same content under another tag: the same manifest
    assert.equal(await pushTestImage(r, 'rit/api', 'copy', 'two'), two);
    assert.equal(await client.digest('rit/api', 'copy'), two);

    assert.deepEqual(await client.tags('rit/none'), []);
    assert.equal(await client.digest('rit/api', '9.9'), null);
    assert.equal(await client.digest('rit/none', '1.0'), null);
    // every tag deleted: docker-registry 2.8 answers {"tags": null}
    await deleteTestImage(r, 'rit/web', await pushTestImage(r, 'rit/web', '2.0', 'web'));
    assert.deepEqual(await client.tags('rit/web'), []);
    assert.equal(await client.digest('rit/web', '2.0'), null);
    const invalid = await rejection(client.tags('Rit/../api'));
    assert.equal(invalid.kind, 'not_found');
  });
});

test('docker-registry stopped: unreachable at once; start() on the same port and storage serves it again', { skip }, async () => {
  await withRegistry({}, async (r) => {
    const digest = await pushTestImage(r, 'rit/api', '1.0', 'one');
    const client = new RegistryClient(r.host, { timeoutMs: 2000 });
    assert.deepEqual(await client.tags('rit/api'), ['1.0']);
    await r.stop();
    for (const call of [() => client.tags('rit/api'), () => new RegistryClient(r.host, { timeoutMs: 2000 }).digest('rit/api', '1.0')]) {
      const started = Date.now();
      const e = await rejection(call());
      assert.equal(e.kind, 'unreachable');
      assert.match(e.message, new RegExp(`^registry ${r.host.replace(/\./g, '\\.')} refused the connection`));
      assert.ok(Date.now() - started < 2000, `failed within the timeout (${Date.now() - started} ms)`);
    }
    await r.start();
    assert.equal(await client.digest('rit/api', '1.0'), digest);
  });
});

test('docker-registry with basic auth over TLS, its CA in a certs.d folder: right, wrong and no password; an untrusted CA', { skip }, async () => {
  const password = 'S3cret-Pa55-registry';
  const creds = { username: 'ci', password };
  await withRegistry({ tls: true, auth: creds }, async (r) => {
    assert.ok(r.caFile);
    const certsDir = join(r.dir, 'certs.d');
    mkdirSync(join(certsDir, r.host), { recursive: true });
    copyFileSync(r.caFile, join(certsDir, r.host, 'ca.crt'));
    const env = { REPRISE_DOCKER_CERTS_DIR: certsDir };
    const digest = await pushTestImage(r, 'rit/api', '1.0', 'one', creds);

    const client = new RegistryClient(r.host, { credentials: creds, env, timeoutMs: 3000 });
    assert.deepEqual(await client.tags('rit/api'), ['1.0']);
    assert.equal(await client.digest('rit/api', '1.0'), digest);
    assert.deepEqual(await client.tags('rit/none'), []);
    assert.equal(await client.digest('rit/api', '2.0'), null);

    const errors: RegistryError[] = [];
    const wrong = await rejection(new RegistryClient(r.host, { credentials: { username: 'ci', password: `${password}-wrong` }, env }).tags('rit/api'));
    assert.equal(wrong.kind, 'auth');
    assert.match(wrong.message, /rejected the credentials/);
    errors.push(wrong, await rejection(new RegistryClient(r.host, { credentials: { username: 'ci', password: `${password}-wrong` }, env }).digest('rit/api', '1.0')));
    const none = await rejection(new RegistryClient(r.host, { env }).digest('rit/api', '1.0'));
    assert.equal(none.kind, 'auth');
    assert.match(none.message, /asks for credentials .*no credentials are configured/);
    errors.push(none);
    // no certs.d folder for it: Docker's CA is not trusted, and a certificate problem is no reason for plain http
    const untrusted = await rejection(new RegistryClient(r.host, { credentials: creds, env: { REPRISE_DOCKER_CERTS_DIR: join(r.dir, 'nowhere') } }).tags('rit/api'));
    assert.equal(untrusted.kind, 'protocol');
    assert.match(untrusted.message, /does not trust .*nowhere\/127\.0\.0\.1:\d+\/ca\.crt/);
    errors.push(untrusted);
    await r.stop();
    errors.push(await rejection(client.tags('rit/api')));
    assert.equal(errors[errors.length - 1].kind, 'unreachable');

    const basic = Buffer.from(`ci:${password}`).toString('base64');
    for (const e of errors) {
      assert.equal(shown(e).includes(password), false, e.message);
      assert.equal(shown(e).includes(basic), false, e.message);
      assert.equal(e.message.includes('\n'), false);
    }
  });
});

/** A node HTTP server on 127.0.0.1 standing for a registry (and its token service). */
async function fake(handler: (req: IncomingMessage, res: ServerResponse, base: string) => void): Promise<{ host: string; base: string; close: () => void; server: Server }> {
  let base = '';
  const server = createHttpServer((req, res) => handler(req, res, base));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  base = `http://${host}`;
  return {
    host,
    base,
    server,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

test('bearer: the token service gets service, scope and basic credentials; the token is kept per scope; pages are followed', async () => {
  const password = 'token-service-Pa55';
  const tokenRequests: URL[] = [];
  const pages: Record<string, { tags: string[]; link?: (base: string) => string }> = {
    '': { tags: ['a', 'b'], link: () => '</v2/rit/api/tags/list?last=b&n=2>; rel="next"' },
    b: { tags: ['c', 'd'], link: (base) => `<${base}/v2/rit/api/tags/list?last=d&n=2>; rel="next"` },
    d: { tags: ['e'] },
  };
  const f = await fake((req, res, base) => {
    const url = new URL(req.url ?? '/', base);
    if (url.pathname === '/token') {
      tokenRequests.push(url);
      const ok = req.headers.authorization === `Basic ${Buffer.from(`ci:${password}`).toString('base64')}`;
      if (!ok) return res.writeHead(401, { 'Content-Type': 'application/json' }).end('{"details":"incorrect username or password"}');
      const scope = url.searchParams.get('scope');
      return res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ access_token: `tok:${scope}` }));
    }
    const path = /^\/v2\/(.+?)\/(tags\/list|manifests\/.+)$/.exec(url.pathname);
    const scope = `repository:${path?.[1]}:pull`;
    if (req.headers.authorization !== `Bearer tok:${scope}`) {
      return res
        .writeHead(401, { 'WWW-Authenticate': `Bearer realm="${base}/token",service="fake-registry",scope="${scope}"`, 'Content-Type': 'application/json' })
        .end('{"errors":[{"code":"UNAUTHORIZED"}]}');
    }
    if (path?.[2] === 'tags/list') {
      const page = pages[url.searchParams.get('last') ?? ''];
      const link = page.link?.(base);
      return res.writeHead(200, { 'Content-Type': 'application/json', ...(link ? { Link: link } : {}) }).end(JSON.stringify({ name: path[1], tags: page.tags }));
    }
    res.writeHead(200, { 'Docker-Content-Digest': `sha256:${'c'.repeat(64)}`, 'Content-Length': '0' }).end();
  });
  try {
    const client = new RegistryClient(f.host, { credentials: { username: 'ci', password }, timeoutMs: 2000 });
    assert.deepEqual(await client.tags('rit/api'), ['a', 'b', 'c', 'd', 'e']);
    assert.equal(await client.digest('rit/api', 'e'), `sha256:${'c'.repeat(64)}`);
    assert.equal(await client.digest('rit/web', 'e'), `sha256:${'c'.repeat(64)}`);
    // one token per scope, for the client's life
    assert.deepEqual(
      tokenRequests.map((u) => [u.searchParams.get('service'), u.searchParams.get('scope')]),
      [
        ['fake-registry', 'repository:rit/api:pull'],
        ['fake-registry', 'repository:rit/web:pull'],
      ],
    );
    const wrong = await rejection(new RegistryClient(f.host, { credentials: { username: 'ci', password: 'not-the-Pa55' } }).tags('rit/api'));
    assert.equal(wrong.kind, 'auth');
    assert.match(wrong.message, /token service .* rejected the credentials/);
    assert.equal(shown(wrong).includes('not-the-Pa55'), false);
    const anonymous = await rejection(new RegistryClient(f.host).tags('rit/api'));
    assert.equal(anonymous.kind, 'auth');
    assert.match(anonymous.message, /anonymous/);
  } finally {
    f.close();
  }
});

test('a token the registry still refuses, a 500, a next page elsewhere, endless pages: one line each, no retry', async () => {
  let requests = 0;
  const f = await fake((req, res, base) => {
    requests++;
    const url = new URL(req.url ?? '/', base);
    if (url.pathname === '/token') return res.writeHead(200).end(JSON.stringify({ token: 'secret-token-value' }));
    if (url.pathname.startsWith('/v2/refused/')) {
      return res.writeHead(401, { 'WWW-Authenticate': `Bearer realm="${base}/token",service="s"` }).end();
    }
    if (url.pathname.startsWith('/v2/broken/')) return res.writeHead(500, { 'Content-Type': 'application/json' }).end('{"errors":[{"code":"UNKNOWN","message":"boom"}]}');
    if (url.pathname.startsWith('/v2/elsewhere/')) return res.writeHead(200, { Link: '<http://10.0.0.1:5000/v2/elsewhere/tags/list?last=a>; rel="next"' }).end('{"tags":["a"]}');
    const n = Number(url.searchParams.get('last') ?? 0) + 1;
    res.writeHead(200, { Link: `</v2/endless/tags/list?last=${n}>; rel="next"` }).end(JSON.stringify({ tags: [String(n)] }));
  });
  try {
    const client = new RegistryClient(f.host, { timeoutMs: 2000 });
    const refused = await rejection(client.tags('refused/api'));
    assert.equal(refused.kind, 'auth');
    assert.match(refused.message, /refused the token/);
    assert.equal(shown(refused).includes('secret-token-value'), false);
    requests = 0;
    const broken = await rejection(client.tags('broken/api'));
    assert.deepEqual([broken.kind, requests], ['unreachable', 1]);
    assert.equal(broken.message, `registry ${f.host} could not answer the tag list of broken/api (HTTP 500 UNKNOWN)`);
    assert.equal((await rejection(client.tags('elsewhere/api'))).kind, 'protocol');
    requests = 0;
    const endless = await client.tags('endless/api');
    assert.equal(endless.length, 20);
    assert.equal(requests, 20);
  } finally {
    f.close();
  }
});

test('a registry that accepts and never answers: unreachable at each exchange\'s timeout; a slow one at the whole call\'s', async () => {
  const sockets: Socket[] = [];
  const silent = createTcpServer((s) => sockets.push(s));
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  const host = `127.0.0.1:${(silent.address() as AddressInfo).port}`;
  const slow = await fake((_req, res) => {
    setTimeout(() => res.writeHead(200, { Link: `</v2/slow/api/tags/list?last=${Date.now()}>; rel="next"` }).end('{"tags":["x"]}'), 150);
  });
  try {
    const started = Date.now();
    const e = await rejection(new RegistryClient(host, { timeoutMs: 300 }).tags('rit/api'));
    const took = Date.now() - started;
    assert.equal(e.kind, 'unreachable');
    assert.equal(e.message, `registry ${host} did not answer within 300 ms`);
    assert.ok(took >= 250 && took < 1500, `${took} ms`);
    const call = Date.now();
    const whole = await rejection(new RegistryClient(slow.host, { timeoutMs: 1000, callTimeoutMs: 700 }).tags('slow/api'));
    assert.equal(whole.kind, 'unreachable');
    assert.match(whole.message, /did not (complete the call within 700 ms|answer within \d+ ms)/);
    assert.ok(Date.now() - call < 1200, `${Date.now() - call} ms`);
  } finally {
    for (const s of sockets) s.destroy();
    silent.close();
    slow.close();
  }
});
