// Issue 20 (item 7): a failure reason holding a health URL's token or a project secret is masked where it
// leaves reprise — stderr (and --json), the metrics file, notifications — whatever step wrote it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { Readable } from 'node:stream';
import { renderError } from '../../src/cli/render';
import type { CliIo } from '../../src/cli/io';
import { RepriseError } from '../../src/domain/errors';
import { buildEvent } from '../../src/release/record/notify';
import { recordRollbackMetrics } from '../../src/release/record/record';
import { fakeStack } from './fake-engine';

const TOKEN = 'tok-123456-health';
const REASON = `not healthy after 2 s (http://127.0.0.1:8000/health?token=${TOKEN}: HTTP 503)`;

function memoryIo(): { io: CliIo; out: () => string } {
  let text = '';
  const sink = new Writable({ write: (chunk: Buffer, _enc, done) => ((text += chunk.toString()), done()) });
  return { io: { stdin: Readable.from([]), stdout: sink, stderr: sink, env: {}, cwd: '/', pid: 1 }, out: () => text };
}

test('stderr and --json errors: a URL token or password in the message, the details or the stack is masked', () => {
  for (const json of [false, true]) {
    const m = memoryIo();
    renderError(m.io, 'en', json, new RepriseError('HEALTH_CHECK_FAILED', 'healthCheckFailed', { service: 'api', version: 'v2', reason: REASON }, { url: `http://127.0.0.1:8000/health?token=${TOKEN}` }), false);
    assert.ok(!m.out().includes(TOKEN), m.out());
    assert.ok(m.out().includes('http://127.0.0.1:8000/health?…'), m.out());
    const o = memoryIo();
    renderError(o.io, 'fr', json, new TypeError('Failed to parse URL from redis://:r3dis-password@cache:6379'), true);
    assert.ok(!o.out().includes('r3dis-password'), o.out());
    assert.ok(o.out().includes('redis://:***@cache:6379'), o.out());
  }
});

test('notifications: the cause is masked (URL token and project secrets)', () => {
  const s = fakeStack();
  try {
    const event = buildEvent(s.ctx, { type: 'deploy_failed', version: 'v2', cause: `api: ${REASON}; db fake-secret-password` });
    assert.equal(event.cause, 'api: not healthy after 2 s (http://127.0.0.1:8000/health?…: HTTP 503); db ***');
    assert.equal(buildEvent(s.ctx, { type: 'deploy_success', version: 'v2' }).cause, null);
  } finally {
    s.close();
  }
});

test('metrics file: the error message is masked (URL token and project secrets)', async () => {
  const s = fakeStack();
  try {
    const at = new Date('2024-06-01T12:00:00Z');
    await recordRollbackMetrics(s.ctx, { trigger: 'auto', outcome: 'failed', version: 'v1', fromVersion: 'v2', startedAt: at, finishedAt: at, services: {}, error: { code: 'HEALTH_CHECK_FAILED', message: `${REASON} fake-secret-password` } });
    const text = s.read('logs/rollback-metrics.json') ?? '';
    assert.ok(text.length > 0);
    assert.ok(!text.includes(TOKEN) && !text.includes('fake-secret-password'), text);
    assert.equal(s.metrics()[0].error?.message, 'not healthy after 2 s (http://127.0.0.1:8000/health?…: HTTP 503) ***');
  } finally {
    s.close();
  }
});
