// Incidents (logs of replaced containers kept, report.md from the seed's template) and hooks
// (pre_* aborts with nothing changed, on_failure runs, output recorded, REPRISE_* variables).
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  cleanupAll,
  deployOk,
  expectCode,
  metricsCount,
  portAllocator,
  reprise,
  snapshot,
  versionedImages,
  expectedImages,
  stackOnTwoVersions,
  type Project,
} from './harness';

const ports = portAllocator(10);
after(() => cleanupAll());

function incidentDirs(p: Project): string[] {
  const d = join(p.dir, 'logs', 'incidents');
  return existsSync(d) ? readdirSync(d).sort() : [];
}

function writeHook(p: Project, name: string, body: string): void {
  writeFileSync(join(p.dir, name), `#!/bin/sh\n${body}\n`);
  chmodSync(join(p.dir, name), 0o755);
}

describe('incidents and hooks', () => {
  const { p, A, B, X } = stackOnTwoVersions({
    label: 'incident',
    ports: ports(0),
    extraConfig: [
      'hooks:',
      '  pre_deploy: ["./pre.sh deploy"]',
      '  post_deploy: ["./post.sh"]',
      '  on_failure: ["./on-failure.sh"]',
      '  pre_rollback: ["./pre-rollback.sh"]',
      '',
    ].join('\n'),
    versions: { A: 'a', B: 'b', X: { prefix: 'x', broken: 'health500' } },
    prepare: (q) => {
      writeHook(q, 'pre.sh', 'echo "pre $1 $REPRISE_COMMAND $REPRISE_FROM_VERSION->$REPRISE_VERSION $REPRISE_TRIGGER $REPRISE_PROJECT" >> hooks.log\n[ -f block-pre ] && { echo "blocked by pre hook"; exit 7; }\nexit 0');
      writeHook(q, 'post.sh', 'echo "post $REPRISE_VERSION" >> hooks.log');
      writeHook(q, 'on-failure.sh', 'echo "on_failure $REPRISE_VERSION" >> hooks.log; echo "failure hook output"');
      writeHook(q, 'pre-rollback.sh', 'echo "pre_rollback $REPRISE_FROM_VERSION->$REPRISE_VERSION" >> hooks.log');
    },
    deploy: ['A'],
  });

  test('pre and post deploy hooks run with the REPRISE_* variables', () => {
    deployOk(p, B);
    const log = readFileSync(join(p.dir, 'hooks.log'), 'utf8');
    assert.match(log, new RegExp(`pre deploy deploy ${A}->${B} manual ${p.name}`));
    assert.match(log, new RegExp(`post ${B}`));
  });

  test('a failing pre_deploy hook aborts with nothing changed and its output recorded', () => {
    writeFileSync(join(p.dir, 'block-pre'), '');
    const before = snapshot(p);
    const metrics = metricsCount(p);
    const r = expectCode(reprise(p, ['deploy', A, '--json']), 1, 'deploy blocked by pre hook');
    assert.equal(r.json.error.code, 'OPERATION_FAILED');
    assert.match(r.json.error.message, /pre_deploy/);
    assert.match(r.json.error.message, /blocked by pre hook/);
    assert.deepEqual(snapshot(p), before, 'containers unchanged');
    assert.deepEqual(versionedImages(p), expectedImages(B));
    assert.equal(metricsCount(p), metrics);
    const h = reprise(p, ['history', '--json']).json;
    const hook = h.events.find((e: { type: string }) => e.type === 'hook_failed');
    assert.ok(hook, 'hook_failed event recorded');
    assert.match(hook.details.output, /blocked by pre hook/);
    assert.equal(h.releases[0].version, B, 'no release recorded for the aborted deploy');
  });

  test('a failed deploy writes an incident with the failing container logs and the seed template, and runs on_failure', () => {
    rmSync(join(p.dir, 'block-pre'));
    const beforeDirs = incidentDirs(p);
    const r = expectCode(reprise(p, ['deploy', X, '--json']), 3, 'broken deploy');
    assert.deepEqual(versionedImages(p), expectedImages(B));
    const dirs = incidentDirs(p).filter((d) => !beforeDirs.includes(d));
    assert.equal(dirs.length, 1, `one new incident folder (got ${dirs.join(', ')})`);
    assert.match(dirs[0], new RegExp(`^\\d{8}T\\d{6}Z-${X}$`));
    assert.equal(r.json.error.details.incident, join('logs', 'incidents', dirs[0]));
    const dir = join(p.dir, 'logs', 'incidents', dirs[0]);
    const files = readdirSync(dir);
    const apiLog = files.find((f) => f.startsWith(`api-${X}-`) && f.endsWith('.log'));
    assert.ok(apiLog, `logs of the failing api container kept (files: ${files.join(', ')})`);
    // the demo api logs every request; its health answered 500
    const text = readFileSync(join(dir, apiLog), 'utf8');
    assert.match(text, /health/);
    assert.ok(files.some((f) => f.startsWith(`api-${X}-`) && f.endsWith('.health.json')));
    const report = readFileSync(join(dir, 'report.md'), 'utf8');
    assert.match(report, /^```\n🚨 ROLLBACK EFFECTUÉ\n- Heure : \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\n- Version précédente : /);
    assert.match(report, new RegExp(`- Version précédente : ${B}`));
    assert.match(report, /- Cause : api: /);
    assert.match(report, /- Statut : Services restaurés/);
    assert.match(report, /- Prochaine étape : Investigation en cours/);
    assert.match(report, /## Timeline/);
    for (const f of files) {
      const content = readFileSync(join(dir, f), 'utf8');
      for (const secret of Object.values(p.secrets)) assert.ok(!content.includes(secret), `${f} holds no secret`);
    }
    assert.match(readFileSync(join(p.dir, 'hooks.log'), 'utf8'), new RegExp(`on_failure ${X}`));
    const h = reprise(p, ['history', '--json']).json;
    const failed = h.releases.find((x: { version: string; kind: string }) => x.version === X && x.kind === 'deploy');
    assert.equal(failed.incident, join('logs', 'incidents', dirs[0]));
    assert.ok(h.events.some((e: { type: string; details: { output?: string } }) => e.type === 'hook' && /failure hook output/.test(e.details.output ?? '')), 'on_failure output recorded');
  });

  test('a manual rollback writes an incident for the version left, and runs pre_rollback', () => {
    const beforeDirs = incidentDirs(p);
    const r = expectCode(reprise(p, ['rollback', '--yes', '--json', '--reason', 'checkout broken']), 0, 'rollback');
    assert.equal(r.json.version, A);
    const dirs = incidentDirs(p).filter((d) => !beforeDirs.includes(d));
    assert.equal(dirs.length, 1);
    assert.match(dirs[0], new RegExp(`-${B}$`));
    const dir = join(p.dir, 'logs', 'incidents', dirs[0]);
    const report = readFileSync(join(dir, 'report.md'), 'utf8');
    assert.match(report, new RegExp(`- Version précédente : ${A}`));
    assert.match(report, /- Cause : checkout broken/);
    assert.ok(readdirSync(dir).some((f) => f.startsWith(`api-${B}-`) && f.endsWith('.log')), 'logs of the replaced api kept');
    assert.match(readFileSync(join(p.dir, 'hooks.log'), 'utf8'), new RegExp(`pre_rollback ${B}->${A}`));
  });
});
