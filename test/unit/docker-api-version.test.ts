// Docker Engine API version negotiation: the pure choice (a table of daemon ranges and DOCKER_API_VERSION),
// then DockerApi against a small fake daemon on a real unix socket that answers the unversioned /version
// with a configurable range, records every request path, and refuses versioned paths outside its range
// with Docker's own 400 messages.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DockerApi } from '../../src/adapters/docker/api';
import { CLIENT_MAX_API, CLIENT_MIN_API, compareApiVersions, negotiate, tooNewMaximum, tooOldMinimum } from '../../src/adapters/docker/api-version';
import { isRepriseError, type RepriseError } from '../../src/domain/errors';
import { hint, t } from '../../src/domain/messages';
import { doctor } from '../../src/commands/doctor';

test('the client range: 1.41 (Debian 12 dockerd 20.10) to 1.51 (docker.io 28.5)', () => {
  assert.deepEqual([CLIENT_MIN_API, CLIENT_MAX_API], ['1.41', '1.51']);
});

test('versions compare as numbers: 1.9 < 1.41 < 1.51 < 2.0', () => {
  assert.ok(compareApiVersions('1.9', '1.41') < 0);
  assert.ok(compareApiVersions('1.41', '1.51') < 0);
  assert.ok(compareApiVersions('1.51', '2.0') < 0);
  assert.equal(compareApiVersions('1.44', '1.44'), 0);
  assert.ok(compareApiVersions('1.100', '1.99') > 0);
});

test('negotiate: min(daemon max, 1.51), never below the daemon minimum; no overlap is refused', () => {
  const rows: Array<[{ ApiVersion?: string; MinAPIVersion?: string }, string | null, { max: string; min: string }]> = [
    [{ ApiVersion: '1.41', MinAPIVersion: '1.12' }, '1.41', { max: '1.41', min: '1.12' }], // Debian 12's dockerd 20.10
    [{ ApiVersion: '1.52', MinAPIVersion: '1.44' }, '1.51', { max: '1.52', min: '1.44' }], // Docker 29
    [{ ApiVersion: '1.51', MinAPIVersion: '1.24' }, '1.51', { max: '1.51', min: '1.24' }], // docker.io 28.5
    [{ ApiVersion: '1.45', MinAPIVersion: '1.24' }, '1.45', { max: '1.45', min: '1.24' }],
    [{ ApiVersion: '1.51', MinAPIVersion: '1.51' }, '1.51', { max: '1.51', min: '1.51' }],
    [{ ApiVersion: '1.41' }, '1.41', { max: '1.41', min: '1.12' }], // no MinAPIVersion: 1.12
    [{ ApiVersion: '1.40', MinAPIVersion: '1.24' }, null, { max: '1.40', min: '1.24' }], // too old for reprise
    [{ ApiVersion: '1.55', MinAPIVersion: '1.53' }, null, { max: '1.55', min: '1.53' }], // too new for reprise
    [{}, null, { max: '1.24', min: '1.12' }], // no ApiVersion: the docker CLI's fallback, 1.24
  ];
  for (const [daemon, version, range] of rows) {
    const n = negotiate(daemon);
    assert.deepEqual(n.daemon, range, JSON.stringify(daemon));
    assert.deepEqual(n.client, { max: '1.51', min: '1.41' });
    assert.equal(n.source, 'negotiated');
    if (version) assert.deepEqual([n.ok, n.ok && n.version], [true, version], JSON.stringify(daemon));
    else assert.deepEqual([n.ok, !n.ok && n.reason], [false, 'no-common-version'], JSON.stringify(daemon));
  }
});

test('negotiate: DOCKER_API_VERSION is used as is (no negotiation); an invalid one is named', () => {
  const docker29 = { ApiVersion: '1.52', MinAPIVersion: '1.44' };
  const n = negotiate(docker29, '1.45');
  assert.deepEqual([n.ok, n.ok && n.version, n.source], [true, '1.45', 'DOCKER_API_VERSION']);
  const below = negotiate(docker29, '1.41'); // as is, even out of range: the daemon itself refuses it
  assert.deepEqual([below.ok, below.ok && below.version], [true, '1.41']);
  for (const bad of ['latest', '1', 'v1.44', '1.44.0', ' 1.44']) {
    const r = negotiate(docker29, bad);
    assert.deepEqual([r.ok, !r.ok && r.reason, !r.ok && r.reason === 'invalid-override' && r.value], [false, 'invalid-override', bad]);
  }
  assert.equal(negotiate(docker29, '').source, 'negotiated', 'an empty DOCKER_API_VERSION is no override');
});

test("Docker's refusals are read: too old (with its minimum), too new (with its maximum)", () => {
  assert.deepEqual(tooOldMinimum('client version 1.41 is too old. Minimum supported API version is 1.44, please upgrade your client to a newer version'), { version: '1.41', min: '1.44' });
  assert.deepEqual(tooNewMaximum('client version 1.51 is too new. Maximum supported API version is 1.41'), { version: '1.51', max: '1.41' });
  assert.equal(tooOldMinimum('page not found'), null);
});

// --- a fake daemon on a unix socket ---

interface FakeDaemon {
  socketPath: string;
  paths: string[];
  range: { max: string; min?: string };
  close(): Promise<void>;
}

const dir = mkdtempSync(join(tmpdir(), 'reprise-api-version-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let sockets = 0;

async function fakeDaemon(range: { max: string; min?: string }, socketPath = join(dir, `d${++sockets}.sock`)): Promise<FakeDaemon> {
  const paths: string[] = [];
  const fake: FakeDaemon = { socketPath, paths, range, close: async () => undefined };
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '';
    paths.push(path);
    const json = (status: number, body: unknown): void => {
      res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
    };
    const doc = { Version: '99.0.0-fake', ApiVersion: fake.range.max, ...(fake.range.min ? { MinAPIVersion: fake.range.min } : {}), Os: 'linux', Arch: 'amd64' };
    const m = /^\/v(\d+\.\d+)(\/.*)$/.exec(path);
    if (!m) return path === '/version' ? json(200, doc) : json(404, { message: 'page not found' });
    const [, version, rest] = m;
    const min = fake.range.min ?? '1.12';
    if (compareApiVersions(version, min) < 0) {
      return json(400, { message: `client version ${version} is too old. Minimum supported API version is ${min}, please upgrade your client to a newer version` });
    }
    if (compareApiVersions(version, fake.range.max) > 0) return json(400, { message: `client version ${version} is too new. Maximum supported API version is ${fake.range.max}` });
    if (rest === '/version') return json(200, doc);
    if (rest === '/info') return json(200, { ContainersRunning: 0, Images: 0, DockerRootDir: '/var/lib/docker', NCPU: 2, MemTotal: 1, Warnings: [] });
    if (rest.startsWith('/containers/json')) return json(200, []);
    return json(404, { message: 'page not found' });
  });
  await new Promise<void>((r) => server.listen(socketPath, r));
  fake.close = () =>
    new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return fake;
}

const versionAsks = (d: FakeDaemon): number => d.paths.filter((p) => p === '/version').length;

async function refused(p: Promise<unknown>): Promise<RepriseError> {
  try {
    await p;
  } catch (e) {
    assert.ok(isRepriseError(e), `a RepriseError: ${String(e)}`);
    return e;
  }
  assert.fail('the request should have been refused');
}

test('a daemon offering 1.41 only (min 1.12): reprise speaks 1.41', async () => {
  const d = await fakeDaemon({ max: '1.41', min: '1.12' });
  try {
    const api = new DockerApi({ socketPath: d.socketPath }, 5000, null);
    assert.deepEqual(await api.get('/containers/json?all=1'), []);
    assert.deepEqual(d.paths, ['/version', '/v1.41/containers/json?all=1']);
    const n = await api.versions();
    assert.deepEqual([n.ok, n.ok && n.version, n.daemon, n.source], [true, '1.41', { max: '1.41', min: '1.12' }, 'negotiated']);
  } finally {
    await d.close();
  }
});

test('a daemon offering 1.44 to 1.52 (Docker 29): reprise speaks 1.51', async () => {
  const d = await fakeDaemon({ max: '1.52', min: '1.44' });
  try {
    const api = new DockerApi({ socketPath: d.socketPath }, 5000, null);
    await api.get('/info');
    await api.call('GET', '/containers/json');
    assert.deepEqual(d.paths, ['/version', '/v1.51/info', '/v1.51/containers/json']);
  } finally {
    await d.close();
  }
});

test('no common version (daemon 1.24 to 1.40, or from 1.53): one clear DOCKER_UNAVAILABLE line naming both ranges, exit 1, nothing sent', async () => {
  for (const range of [
    { max: '1.40', min: '1.24' },
    { max: '1.55', min: '1.53' },
  ]) {
    const d = await fakeDaemon(range);
    try {
      const api = new DockerApi({ socketPath: d.socketPath }, 5000, null);
      const e = await refused(api.call('POST', '/containers/abc/stop'));
      assert.equal(e.code, 'DOCKER_UNAVAILABLE');
      assert.equal(e.exitCode, 1);
      assert.equal(e.key, 'dockerApiNoCommonVersion');
      for (const lang of ['en', 'fr'] as const) {
        const line = t(lang, e.key, e.params);
        assert.doesNotMatch(line, /\n/);
        for (const v of [range.min, range.max, '1.41', '1.51', d.socketPath, 'DOCKER_API_VERSION']) assert.ok(line.includes(v), `${lang}: ${v} in ${line}`);
        assert.ok(hint(lang, e.key, e.params));
      }
      assert.match(t('en', e.key, e.params), /Upgrade reprise/);
      assert.deepEqual(e.details, { daemon: range, client: { max: '1.51', min: '1.41' } });
      assert.deepEqual(d.paths, ['/version'], 'no versioned request reached the daemon');
      const n = await api.versions();
      assert.deepEqual([n.ok, !n.ok && n.reason], [false, 'no-common-version']);
    } finally {
      await d.close();
    }
  }
});

test('DOCKER_API_VERSION=1.45 is used as is, without asking /version', async () => {
  const d = await fakeDaemon({ max: '1.52', min: '1.44' });
  try {
    const api = new DockerApi({ socketPath: d.socketPath }, 5000, '1.45');
    await api.get('/info');
    assert.deepEqual(d.paths, ['/v1.45/info']);
    const n = await api.versions(); // doctor: the daemon's range is asked for, the version stays the override
    assert.deepEqual([n.ok, n.ok && n.version, n.source, n.daemon], [true, '1.45', 'DOCKER_API_VERSION', { max: '1.52', min: '1.44' }]);
  } finally {
    await d.close();
  }
});

test("DOCKER_API_VERSION=1.41 against a daemon whose minimum is 1.44: Docker's 400 becomes the clear DOCKER_UNAVAILABLE line", async () => {
  const d = await fakeDaemon({ max: '1.52', min: '1.44' });
  try {
    const api = new DockerApi({ socketPath: d.socketPath }, 5000, '1.41');
    const e = await refused(api.get('/containers/json'));
    assert.deepEqual([e.code, e.key, e.exitCode], ['DOCKER_UNAVAILABLE', 'dockerApiTooOld', 1]);
    const line = t('en', e.key, e.params);
    for (const v of ['1.41', '1.44', '1.51', 'DOCKER_API_VERSION', d.socketPath]) assert.ok(line.includes(v), `${v} in ${line}`);
    assert.ok(t('fr', e.key, e.params).includes('1.44'));
    assert.deepEqual(d.paths, ['/v1.41/containers/json']);
    const tooNew = await refused(new DockerApi({ socketPath: d.socketPath }, 5000, '1.60').get('/info'));
    assert.deepEqual([tooNew.key, tooNew.params.daemonMax], ['dockerApiTooNew', '1.52']);
  } finally {
    await d.close();
  }
});

test('an invalid DOCKER_API_VERSION is named, and nothing is sent', async () => {
  const d = await fakeDaemon({ max: '1.52', min: '1.44' });
  try {
    const e = await refused(new DockerApi({ socketPath: d.socketPath }, 5000, 'latest').get('/info'));
    assert.deepEqual([e.code, e.key, e.exitCode], ['DOCKER_UNAVAILABLE', 'dockerApiVersionInvalid', 1]);
    assert.ok(t('en', e.key, e.params).includes('"latest"'));
    assert.deepEqual(d.paths, []);
  } finally {
    await d.close();
  }
});

test('/version is asked exactly once for several requests through two DockerApi instances on the same endpoint', async () => {
  const d = await fakeDaemon({ max: '1.51', min: '1.24' });
  try {
    const a = new DockerApi({ socketPath: d.socketPath }, 5000, null);
    const b = new DockerApi({ socketPath: d.socketPath }, 5000, null);
    await Promise.all([a.get('/info'), b.get('/info'), a.get('/containers/json')]);
    await b.getRaw('/containers/json?all=1');
    await a.versions();
    assert.equal(versionAsks(d), 1, d.paths.join(' '));
    assert.equal(d.paths.filter((p) => p.startsWith('/v1.51/')).length, 4);
  } finally {
    await d.close();
  }
});

test('a failed ask is not kept: once the daemon answers, the next call negotiates', async () => {
  const socketPath = join(dir, `late${++sockets}.sock`);
  const api = new DockerApi({ socketPath }, 5000, null);
  const e = await refused(api.get('/info'));
  assert.deepEqual([e.code, e.key], ['DOCKER_UNAVAILABLE', 'dockerUnavailable']);
  const d = await fakeDaemon({ max: '1.52', min: '1.44' }, socketPath);
  try {
    await api.get('/info');
    assert.deepEqual(d.paths, ['/version', '/v1.51/info']);
  } finally {
    await d.close();
  }
});

test('a daemon restarted with another range refuses the negotiated version: asked again, the request made on the new one', async () => {
  const d = await fakeDaemon({ max: '1.41', min: '1.12' });
  try {
    const api = new DockerApi({ socketPath: d.socketPath }, 5000, null);
    await api.get('/info');
    d.range = { max: '1.52', min: '1.44' }; // upgraded to Docker 29 under a long-running dashboard
    await api.get('/info');
    assert.deepEqual(d.paths, ['/version', '/v1.41/info', '/v1.41/info', '/version', '/v1.51/info']);
    d.range = { max: '1.40', min: '1.24' }; // and then to something reprise cannot speak to
    const e = await refused(api.get('/info'));
    assert.equal(e.key, 'dockerApiNoCommonVersion');
  } finally {
    await d.close();
  }
});

// doctor's DockerApi reads DOCKER_API_VERSION from the process environment
const overridden = process.env.DOCKER_API_VERSION ? 'DOCKER_API_VERSION is set in this environment' : false;
test("doctor prints the daemon's API range and the version reprise speaks; no common version fails the engine check with the clear line", { skip: overridden }, async () => {
  const empty = mkdtempSync(join(dir, 'project-'));
  // no docker CLI on PATH: only the engine check talks to the (fake) daemon
  const env = (d: FakeDaemon): NodeJS.ProcessEnv => ({ PATH: join(dir, 'no-bin'), HOME: dir, DOCKER_HOST: `unix://${d.socketPath}` });
  const engineCheck = async (d: FakeDaemon, lang?: string) => (await doctor({ options: { projectDir: empty }, env: env(d), langFlag: lang })).result.checks.find((c) => c.id === 'engine');
  const good = await fakeDaemon({ max: '1.52', min: '1.44' });
  try {
    const c = await engineCheck(good);
    assert.equal(c?.status, 'ok');
    assert.equal(c?.summary, `Docker 99.0.0-fake (API 1.52, min 1.44; reprise speaks 1.51), linux/amd64 at unix://${good.socketPath}`);
    assert.deepEqual([c?.details.apiVersion, c?.details.minApiVersion, c?.details.clientApiVersion, c?.details.apiVersionSource], ['1.52', '1.44', '1.51', 'negotiated']);
    assert.match((await engineCheck(good, 'fr'))?.summary ?? '', /reprise parle 1\.51/);
  } finally {
    await good.close();
  }
  const old = await fakeDaemon({ max: '1.40', min: '1.24' });
  try {
    const c = await engineCheck(old);
    assert.equal(c?.status, 'fail');
    assert.match(c?.summary ?? '', /speaks API 1\.24 to 1\.40 and reprise speaks 1\.41 to 1\.51: no version in common\. Upgrade reprise/);
    assert.match(c?.fix ?? '', /docker version/);
    assert.deepEqual(old.paths, ['/version']);
  } finally {
    await old.close();
  }
});
