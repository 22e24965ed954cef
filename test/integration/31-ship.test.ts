// Issue 21 item 6: `reprise ship VERSION` copies a version's images from this machine's engine to the engine
// reprise points at, with no registry — here the tests' current engine (docker.io 28.5) reached over tcp with
// TLS and client certificates, as a remote server would be. The images arrive with the same IDs; a second
// ship sends nothing; a version the source lacks is refused before anything is sent.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { buildImages, cleanupAll, docker, expectCode, makeProject, newVersion, portAllocator, reprise, VERSIONED, type Project } from './harness';
import { HOST_ENGINE, startCurrentEngine, type CurrentEngine } from './harness/current-engine';

const ports = portAllocator(31);

describe('ship: a version to a remote engine without a registry', () => {
  let engine: CurrentEngine;
  let p: Project;
  const V = newVersion('s');
  /** reprise pointed at the remote engine: tcp + TLS with client certificates */
  let remote: NodeJS.ProcessEnv;
  const remoteDocker = (args: string[]): ReturnType<typeof spawnSync> =>
    spawnSync('docker', args, { encoding: 'utf8', timeout: 120_000, env: { ...process.env, DOCKER_HOST: engine.host, DOCKER_CONTEXT: '' } });
  const remoteId = (ref: string): string | null => {
    const r = remoteDocker(['image', 'inspect', '--format', '{{.Id}}', ref]);
    return r.status === 0 ? String(r.stdout).trim() : null;
  };
  const localId = (ref: string): string => docker(['image', 'inspect', '--format', '{{.Id}}', ref]).stdout.trim();

  before(() => {
    engine = startCurrentEngine();
    remote = { DOCKER_HOST: engine.tlsHost, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: engine.tlsCerts, DOCKER_CONTEXT: '' };
    p = makeProject({ label: 'ship', ports: ports(0) });
    buildImages(p, [V]);
  });

  after(() => {
    const refs = VERSIONED.map((s) => `recyclic-${s}:${V}`).filter((r) => remoteId(r) !== null);
    if (refs.length) remoteDocker(['rmi', ...refs]);
    cleanupAll();
  });

  test('the images arrive with the same IDs; a second ship sends nothing', () => {
    for (const s of VERSIONED) assert.equal(remoteId(`recyclic-${s}:${V}`), null, `${s}: not on the remote engine yet`);
    const first = expectCode(reprise(p, ['ship', V, '--from', HOST_ENGINE, '--json'], { env: remote }), 0, 'ship');
    assert.equal(first.json.ok, true);
    assert.deepEqual([...first.json.shipped].sort(), VERSIONED.map((s) => `recyclic-${s}:${V}`).sort());
    for (const s of VERSIONED) assert.equal(remoteId(`recyclic-${s}:${V}`), localId(`recyclic-${s}:${V}`), `${s}: the same image on both engines`);
    const again = expectCode(reprise(p, ['ship', V, '--from', HOST_ENGINE, '--json'], { env: remote }), 0, 'ship again');
    assert.deepEqual(again.json.shipped, []);
    assert.equal(again.json.skipped.length, VERSIONED.length);
    // a build of the same version made there (the api tag names another image): refused, nothing sent; --force replaces it
    assert.equal(remoteDocker(['tag', `recyclic-frontend:${V}`, `recyclic-api:${V}`]).status, 0);
    const taken = reprise(p, ['ship', V, '--from', HOST_ENGINE], { env: remote });
    assert.equal(taken.code, 1, taken.stderr);
    assert.match(taken.stderr, /^OPERATION_FAILED: The engine already has recyclic-api:/m);
    assert.equal(remoteId(`recyclic-api:${V}`), remoteId(`recyclic-frontend:${V}`), 'the tag was left as it was');
    expectCode(reprise(p, ['ship', V, '--from', HOST_ENGINE, '--force'], { env: remote }), 0, 'ship --force');
    assert.equal(remoteId(`recyclic-api:${V}`), localId(`recyclic-api:${V}`));
    const history = expectCode(reprise(p, ['history', '--json'], { env: remote }), 0, 'history').json;
    assert.ok(history.events.some((e: { type: string; details: { version: string } }) => e.type === 'ship' && e.details.version === V));
  });

  test('a version this machine does not have: refused (exit 2) before anything is sent', () => {
    const missing = newVersion('m');
    const r = reprise(p, ['ship', missing, '--from', HOST_ENGINE], { env: remote });
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /^VERSION_NOT_FOUND: /m);
    for (const s of VERSIONED) assert.equal(remoteId(`recyclic-${s}:${missing}`), null);
    const bad = reprise(p, ['ship', 'bad version!', '--from', HOST_ENGINE], { env: remote });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^INVALID_VERSION: /m);
  });
});
