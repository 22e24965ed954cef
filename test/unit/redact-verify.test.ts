// Issue 20 item 7: a health URL carrying a token (`?token=${HEALTH_TOKEN}`) never reaches verify's report
// nor the state store's latency baselines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadProject } from '../../src/config/project';
import { verify } from '../../src/commands/verify';
import { recordBaselines } from '../../src/release/verify/baseline';
import { fakeStack } from './fake-engine';

const TOKEN = 'health-token-5f2c9e71';

test('verify and the baselines keep the health URL token out of the report and the store', async () => {
  const s = fakeStack({ reprise: 'services:\n  api:\n    health:\n      url: "http://127.0.0.1:9/health?token=${HEALTH_TOKEN}"\n' });
  try {
    appendFileSync(join(s.dir, '.env'), `HEALTH_TOKEN=${TOKEN}\n`);
    s.ctx.project = loadProject({ projectDir: s.dir }, s.ctx.env);
    assert.ok(s.ctx.project.versioned.find((v) => v.name === 'api')?.healthUrl?.includes(TOKEN), 'the URL the probes use holds the token');
    s.ctx.probe = async (url) => ({ url, ok: true, status: 200, latencyMs: 3, reason: null });
    await recordBaselines(s.ctx, 1, 'v1');
    const stored = s.ctx.store.latestBaselines(s.ctx.project.name);
    assert.equal(stored.length, 1);
    assert.ok(!JSON.stringify(stored).includes(TOKEN), JSON.stringify(stored));
    const r = await verify(s.ctx);
    assert.ok(!JSON.stringify(r).includes(TOKEN), 'verify report');
    assert.ok(r.checks.some((c) => String(c.detail ?? '').includes('127.0.0.1:9/health')), 'the URL is still named, masked');
  } finally {
    s.close();
  }
});
