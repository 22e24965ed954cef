// The twin's create body (domain/twin-spec.ts): what came from the old image goes, what compose set stays,
// compose's labels carry the new hash and image, and the service's name is held back until the gate passed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { endpointBody, isTemporaryName, retiredName, twinName, twinSpec, type InspectedForTwin } from '../../src/domain/twin-spec';

const old: InspectedForTwin = {
  Id: 'abcdef1234567890',
  Name: '/recyclic-api',
  Config: {
    Hostname: 'abcdef123456',
    Image: 'recyclic-api:a1',
    Env: ['DATABASE_URL=postgresql://db/x', 'PATH=/usr/bin:/bin', 'APP_VERSION=a1'],
    Cmd: ['/usr/bin/node', '/app/api.js'],
    Entrypoint: null,
    WorkingDir: '/app',
    User: 'app',
    Labels: { 'com.docker.compose.service': 'api', 'com.docker.compose.config-hash': 'old', 'com.docker.compose.image': 'sha256:old', 'org.opencontainers.image.version': 'a1', 'traefik.enable': 'true' },
    Healthcheck: { Test: ['CMD-SHELL', 'wget -q http://localhost:8000/health'] },
  },
  HostConfig: { NetworkMode: 'proj_default', RestartPolicy: { Name: 'unless-stopped' } },
  NetworkSettings: {
    Networks: {
      edge: { Aliases: ['recyclic-api', 'api', 'abcdef123456'], IPAMConfig: null },
      proj_default: { Aliases: ['recyclic-api', 'api'], IPAMConfig: {} },
    },
  },
};
const oldImage = { Env: ['PATH=/usr/bin:/bin', 'APP_VERSION=a1'], Cmd: ['/usr/bin/node', '/app/api.js'], WorkingDir: '/app', User: 'node', Labels: { 'org.opencontainers.image.version': 'a1' } };

test('the twin: the new image, compose settings kept, image defaults left to the new image', () => {
  const spec = twinSpec(old, oldImage, { id: 'sha256:new', reference: 'recyclic-api:b2', config: {} }, 'api', 'newhash');
  const b = spec.body as Record<string, unknown>;
  assert.equal(spec.name, 'recyclic-api-reprise-next');
  assert.equal(b.Image, 'recyclic-api:b2');
  assert.deepEqual(b.Env, ['DATABASE_URL=postgresql://db/x'], 'only what compose set');
  assert.equal(b.Cmd, undefined, 'the command came from the image');
  assert.equal(b.WorkingDir, undefined);
  assert.equal(b.User, 'app', 'a user compose set (not the image\'s) stays');
  assert.equal(b.Hostname, undefined, "Docker's default hostname is not copied");
  assert.deepEqual(b.Healthcheck, old.Config.Healthcheck, 'the compose healthcheck stays');
  const labels = b.Labels as Record<string, string>;
  assert.equal(labels['com.docker.compose.config-hash'], 'newhash');
  assert.equal(labels['com.docker.compose.image'], 'sha256:new');
  assert.equal(labels['org.opencontainers.image.version'], undefined, 'image labels come from the new image');
  assert.equal(labels['traefik.enable'], 'true');
  assert.deepEqual(b.HostConfig, old.HostConfig);
});

test('the twin joins every network, the primary first, without the service name until it passed', () => {
  const spec = twinSpec(old, oldImage, { id: 'sha256:new', reference: 'recyclic-api:b2', config: {} }, 'api', null);
  assert.deepEqual(spec.endpoints.map((e) => e.network), ['proj_default', 'edge']);
  assert.deepEqual(spec.endpoints[1].aliases, ['recyclic-api'], 'no service name, no old short id');
  assert.deepEqual(spec.endpoints[1].aliasesWithName, ['recyclic-api', 'api']);
  assert.deepEqual(Object.keys((spec.body.NetworkingConfig as { EndpointsConfig: object }).EndpointsConfig), ['proj_default']);
  assert.deepEqual(endpointBody(spec.endpoints[0], true), { Aliases: ['recyclic-api', 'api'] });
  assert.equal((spec.body.Labels as Record<string, string>)['com.docker.compose.config-hash'], 'old', 'no hash: kept');
});

test('temporary names', () => {
  assert.equal(twinName('/x'), 'x-reprise-next');
  assert.equal(retiredName('x'), 'x-reprise-old');
  assert.ok(isTemporaryName('/x-reprise-old') && isTemporaryName('x-reprise-next') && !isTemporaryName('x-reprise'));
});
