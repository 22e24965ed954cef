// The prod-like fixture (issue 17): the first user's production shape, read as reprise reads it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { planTagSync, rewriteTagLines } from '../../src/adapters/env-file/tag-lines';
import { loadProject } from '../../src/config/project';
import { readComposeFiles } from '../../src/engines/compose/compose-file';

const PROD_LIKE = resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'prod-like');

test('prod-like: docker-compose.prod.yml with .env.production then .build-meta.env', () => {
  const p = loadProject({ projectDir: PROD_LIKE, file: ['docker-compose.prod.yml'], envFile: ['.env.production', '.build-meta.env'], projectName: 'recyclic-prod' }, {});
  assert.deepEqual(p.versioned.map((v) => [v.name, v.repository, v.tagVariable, v.oneShot]), [
    ['api-migrations', 'recyclic-api-migrations', 'API_MIGRATIONS_IMAGE_TAG', true],
    ['api', 'recyclic-api', 'API_IMAGE_TAG', false],
    ['frontend', 'recyclic-frontend', 'FRONTEND_IMAGE_TAG', false],
    ['bot', 'recyclic-bot', 'BOT_IMAGE_TAG', false],
  ]);
  assert.deepEqual(p.infrastructure, ['db', 'cache']);
  assert.equal(p.envVars.get('API_IMAGE_TAG'), '0000000', 'the tags come from the second env file');
  assert.equal(p.envVars.get('FRONTEND_IMAGE_TAG'), '0000000');
  assert.equal(p.envVars.get('EDGE_NETWORK'), 'recyclic-edge');
  const compose = readComposeFiles([join(PROD_LIKE, 'docker-compose.prod.yml')]);
  for (const s of compose.services.values()) assert.ok(s.containerName, `${s.name} has a container_name`);
  for (const v of p.versioned) assert.deepEqual(compose.services.get(v.name)?.ports, [], `${v.name} publishes no port`);
  assert.ok(![...compose.services.values()].some((s) => s.dependsOn.includes('api-migrations')), 'nothing depends on the migrations');
  for (const v of p.versioned.filter((s) => !s.oneShot)) assert.equal(p.strategies.get(v.name)?.reason, 'container_name');
});

test('prod-like: a release rewrites only the tag lines of .build-meta.env', () => {
  const d = mkdtempSync(join(tmpdir(), 'reprise-prodlike-'));
  cpSync(PROD_LIKE, d, { recursive: true });
  const files = ['.env.production', '.build-meta.env'].map((f) => ({ file: join(d, f), text: readFileSync(join(d, f), 'utf8') }));
  const tags = { API_IMAGE_TAG: 'abc1234', FRONTEND_IMAGE_TAG: 'abc1234', BOT_IMAGE_TAG: 'abc1234', API_MIGRATIONS_IMAGE_TAG: 'abc1234' };
  const plans = planTagSync(files, tags);
  assert.deepEqual(plans.map((x) => x.file), [join(d, '.build-meta.env')]);
  const r = rewriteTagLines(files[1].text, plans[0].values, plans[0].append);
  assert.equal(r.text, files[1].text.replace(/0000000/g, 'abc1234'));
});
