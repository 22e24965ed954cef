// Issue 20 item 6: a hook's output is kept in memory only as a bounded tail; the whole output is streamed,
// secrets masked, to a private log under logs/hooks/ — a hook that prints a database dump neither exhausts
// memory nor loses what it printed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runHooks } from '../../src/release/apply/hooks';
import { LineRedactor } from '../../src/domain/line-redactor';
import { fakeStack } from './fake-engine';

const SECRET = 'fake-secret-password';
const LINES = 200_000; // ~9 MiB

/** a hook printing LINES numbered lines, each quoting the database password, then "done" on stderr */
const DUMP = `
const out = process.stdout;
let i = 0;
const next = () => {
  while (i < ${LINES}) {
    let chunk = '';
    for (const end = Math.min(${LINES}, i + 5000); i < end; i++) chunk += 'row ' + String(i).padStart(7, '0') + ' pw=' + process.env.DB_PASSWORD + '\\n';
    if (!out.write(chunk)) return out.once('drain', next);
  }
  process.stderr.write('done\\n');
};
next();
`;

test('a hook printing a 9 MiB dump: the event keeps 8 KiB, logs/hooks/ has every line, masked, 0600', { timeout: 60_000 }, async () => {
  const s = fakeStack({ reprise: 'hooks:\n  pre_deploy:\n    - node dump.js\n    - node quiet.js\n' });
  try {
    writeFileSync(join(s.dir, 'dump.js'), DUMP);
    writeFileSync(join(s.dir, 'quiet.js'), "console.log('small output')");
    const runs = await runHooks({ ...s.ctx, env: { ...s.ctx.env, DB_PASSWORD: SECRET } }, 'pre_deploy', { version: 'v2', fromVersion: 'v1', command: 'deploy', trigger: 'manual' });
    assert.equal(runs.length, 2);
    const [dump, quiet] = runs;
    assert.equal(dump.ok, true, dump.output);
    assert.ok(dump.output.length <= 8192, `the event keeps ${dump.output.length} characters`);
    assert.ok(!dump.output.includes(SECRET));
    const log = dump.log ?? assert.fail('the dump has no log');
    assert.ok(log.startsWith('logs/hooks/') && log.endsWith('-pre_deploy-1.log'), log);
    const text = readFileSync(join(s.dir, log), 'utf8');
    const lines = text.split('\n').filter(Boolean);
    assert.equal(lines.length, LINES + 1, 'every line of stdout, and stderr\'s');
    assert.equal(lines[0], 'row 0000000 pw=***');
    assert.ok(lines.includes(`row ${String(LINES - 1).padStart(7, '0')} pw=***`));
    assert.ok(lines.includes('done'));
    assert.ok(!text.includes(SECRET), 'the secret is masked in the log');
    assert.equal(statSync(join(s.dir, log)).mode & 0o777, 0o600);
    assert.equal(statSync(join(s.dir, 'logs', 'hooks')).mode & 0o777, 0o700);
    // a hook whose whole output fits in the event leaves no log
    assert.equal(quiet.log, null);
    assert.equal(quiet.output.trim(), 'small output');
    assert.deepEqual(readdirSync(join(s.dir, 'logs', 'hooks')), [log.split('/').pop()]);
    // the event names the log
    const event = s.ctx.store.listEvents(s.ctx.project.name, { type: 'hook' }).find((e) => e.message.includes('dump.js'));
    assert.equal(event?.details.log, log);
  } finally {
    s.close();
  }
});

test('LineRedactor masks a secret cut between two chunks, and lets an endless line through in bounded pieces', () => {
  const r = new LineRedactor(['s3cr3t-value'], 100);
  assert.equal(r.push('a s3cr'), '');
  assert.equal(r.push('3t-value b\nc '), 'a *** b\n');
  assert.equal(r.push('s3cr3t-value'), '');
  assert.equal(r.end(), 'c ***');
  const long = 'x'.repeat(250);
  assert.equal(r.push(long), long, 'a line longer than the bound is not held back');
  assert.equal(r.end(), '');
});
