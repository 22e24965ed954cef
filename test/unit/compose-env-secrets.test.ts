// Issue 20 item 8: values written inline in the compose file's `environment:` under secret-looking keys
// (map or list form, across several files) are in the project's secret set, so every sink masks them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProject } from '../../src/config/project';
import { projectSecrets } from '../../src/release/context';

test('compose-inline secrets (map and list form, a later file overriding) are masked values of the project', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'reprise-inline-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(
    join(dir, 'compose.yaml'),
    'services:\n  api:\n    image: "repo/api:${API_IMAGE_TAG:-v1}"\n    environment:\n      SECRET_KEY: inline-secret-value-1\n      POSTGRES_USER: recyclic\n  bot:\n    image: "repo/bot:${API_IMAGE_TAG:-v1}"\n    environment:\n      - TELEGRAM_BOT_TOKEN=inline-bot-token-2\n      - LOG_LEVEL=info\n',
  );
  writeFileSync(join(dir, 'compose.prod.yaml'), 'services:\n  api:\n    environment:\n      SECRET_KEY: inline-prod-secret-3\n');
  writeFileSync(join(dir, 'reprise.yml'), 'project: inline\ncompose_files: [compose.yaml, compose.prod.yaml]\n');
  const project = loadProject({ projectDir: dir }, {});
  const secrets = projectSecrets({ project, env: {} });
  assert.ok(secrets.includes('inline-prod-secret-3'), 'the later file wins and is masked');
  assert.ok(secrets.includes('inline-bot-token-2'), 'list form');
  assert.ok(!secrets.includes('recyclic') && !secrets.includes('info'), 'not secret-looking names stay readable');
});
