// Secrets never appear in output, logs, metrics, reports, the state store, the dashboard or process arguments
// (SPEC §8). Recognisable values for the Telegram token, the SMTP credentials, the database password, the
// dashboard token, a health URL's query-string nonce and a broker URL's password are used for real — the chat and the mailbox receive messages — by deploy, a failed deploy,
// rollback, verify, doctor, notify test and the dashboard; then every output, every file under the project
// (logs/, .reprise/, incident reports, the metrics file) and the process list sampled during the run are searched.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';
import { botApi, type BotApi } from '../fixtures/bot-api';
import { smtpServer, type SmtpStandIn } from '../fixtures/smtp';
import { cleanupAll, expectCode, portAllocator, startDashboardProcess, repriseAsync, filesUnder, stackOnTwoVersions, type RunResult } from './harness';

const ports = portAllocator(21);
const TG_TOKEN = '515151:SECRET-telegram-token-zq8';
const SMTP_PASSWORD = 'SECRET-smtp-pass-7h2k';
const DASHBOARD_TOKEN = 'SECRET-dashboard-token-91fd03';
/** in the api's health URL's query string (`?nonce=${HEALTHCHECK_NONCE}`), under a name no rule calls secret */
const HEALTH_NONCE = 'SECRET-health-nonce-5t1m';
/** the password of a broker URL, under a name no rule calls secret */
const BROKER_PASSWORD = 'SECRET-broker-pw-3k9d';
/** written inline in the compose file's `environment:` (no variable): the state store keeps that file */
const INLINE_SIGNING = 'SECRET-inline-signing-6q2p';
after(() => cleanupAll());

describe('secrets', () => {
  const { p, A, B, X } = stackOnTwoVersions({
    label: 'secrets',
    ports: ports(0),
    extraConfig: 'notifications:\n  telegram: { enabled: true }\n',
    versions: { A: 'a', B: 'b', X: { prefix: 'x', broken: 'health500' } }, // X: broken, its api answers 500 on /health
    deploy: [],
  });
  let tg: BotApi;
  let smtp: SmtpStandIn;
  const outputs: Array<{ what: string; text: string }> = [];
  const ps: string[] = [];
  let secrets: Record<string, string>;

  before(async () => {
    tg = await botApi(TG_TOKEN, 'ok');
    smtp = await smtpServer('mailer', SMTP_PASSWORD);
    appendFileSync(
      join(p.dir, '.env'),
      [`TELEGRAM_BOT_TOKEN=${TG_TOKEN}`, 'ADMIN_TELEGRAM_IDS=777', `TELEGRAM_API_URL=${tg.url}`, `SMTP_URL=smtp://mailer:${SMTP_PASSWORD}@127.0.0.1:${smtp.port}`, 'NOTIFICATION_EMAIL=ops@example.org', `HEALTHCHECK_NONCE=${HEALTH_NONCE}`, `CELERY_BROKER=amqp://guest:${BROKER_PASSWORD}@127.0.0.1:5672//`, ''].join('\n'),
    );
    // the api's health URL carries the nonce in its query string: probes use it, reasons and reports must not show it
    const yml = join(p.dir, 'reprise.yml');
    writeFileSync(yml, readFileSync(yml, 'utf8').replace(/(api: \{ health: \{ url: "http:\/\/127\.0\.0\.1:\d+\/health)"/, '$1?nonce=${HEALTHCHECK_NONCE}"'));
    assert.match(readFileSync(yml, 'utf8'), /\/health\?nonce=\$\{HEALTHCHECK_NONCE\}/);
    // a signing key written inline in the compose file: the configuration history must not keep it in the database
    const compose = join(p.dir, 'docker-compose.yml');
    writeFileSync(compose, readFileSync(compose, 'utf8').replace('      SECRET_KEY: ${SECRET_KEY}\n', `      SECRET_KEY: \${SECRET_KEY}\n      JWT_SIGNING: ${INLINE_SIGNING}\n`));
    assert.ok(readFileSync(compose, 'utf8').includes(INLINE_SIGNING));
    chmodSync(join(p.dir, '.env'), 0o600); // as the operator keeps it (doctor says so otherwise)
    secrets = { TELEGRAM_BOT_TOKEN: TG_TOKEN, SMTP_PASSWORD, REPRISE_DASHBOARD_TOKEN: DASHBOARD_TOKEN, HEALTHCHECK_NONCE: HEALTH_NONCE, BROKER_PASSWORD, JWT_SIGNING: INLINE_SIGNING, ...p.secrets };
  });
  after(() => {
    tg?.close();
    smtp?.close();
  });

  const run = async (what: string, args: string[], code: number): Promise<RunResult> => {
    const r = await repriseAsync(p, args, { REPRISE_DASHBOARD_TOKEN: DASHBOARD_TOKEN }, ps);
    outputs.push({ what, text: r.stdout + r.stderr });
    return expectCode(r, code, what);
  };

  test('deploy, failed deploy, rollback, verify, doctor, notify test: the secrets are used for real', async () => {
    await run('deploy A', ['deploy', A, '--yes'], 0);
    await run('deploy B (json)', ['deploy', B, '--yes', '--json'], 0);
    await run('failed deploy X', ['deploy', X, '--yes'], 3);
    await run('failed deploy X (json)', ['deploy', X, '--yes', '--json', '-v'], 3);
    await run('rollback', ['rollback', A, '--yes', '--reason', 'secrets test'], 0);
    await run('verify', ['verify', '--json'], 0);
    await run('doctor', ['doctor', '-v'], 0);
    await run('notify test', ['notify', 'test', '--json'], 0);
    await run('status, history', ['history', '--json', '--limit', '50'], 0);
    // they were really used: the chat and the mailbox got the messages
    assert.ok(tg.received.length >= 4, `the chat got the messages (${tg.received.length})`);
    assert.ok(smtp.mails.length >= 4, `the mailbox got the messages (${smtp.mails.length})`);
    assert.ok(smtp.mails.every((m) => m.user === 'mailer'), 'the SMTP login was used');
  });

  test('the dashboard: page, API, incident report and /metrics', async () => {
    const { bg, url } = await startDashboardProcess(p, { REPRISE_DASHBOARD_TOKEN: DASHBOARD_TOKEN });
    try {
      const auth = { Authorization: `Bearer ${DASHBOARD_TOKEN}` };
      const history = (await (await fetch(`${url}api/history?limit=50`, { headers: auth })).json()) as { releases: Array<{ incident: string | null }> };
      const incident = history.releases.find((r) => r.incident)?.incident as string;
      assert.ok(incident, 'an incident report is linked');
      for (const path of ['', 'api/status', 'api/versions', 'api/history', 'api/insights', 'api/lock', 'metrics', `incidents/${incident.split('/').pop()}/report.md`, `incidents/${incident.split('/').pop()}/status.json`]) {
        const r = await fetch(`${url}${path}`, { headers: auth, signal: AbortSignal.timeout(20_000) });
        outputs.push({ what: `dashboard /${path} (${r.status})`, text: await r.text() });
      }
      ps.push(spawnSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).stdout);
    } finally {
      bg.child.kill('SIGTERM');
      await bg.exited;
      outputs.push({ what: 'dashboard output', text: bg.stdout() + bg.stderr() });
    }
  });

  test('no secret in any output, file of the project, or process argument', () => {
    assert.ok(outputs.length >= 15 && ps.length >= 10, `outputs ${outputs.length}, process list samples ${ps.length}`);
    const leaks: string[] = [];
    for (const [name, value] of Object.entries(secrets)) {
      for (const o of outputs) if (o.text.includes(value)) leaks.push(`${name} in the output of ${o.what}`);
      if (ps.some((s) => s.includes(value))) leaks.push(`${name} in a process's arguments`);
      for (const f of filesUnder(p.dir)) {
        const rel = relative(p.dir, f);
        // the env file, its copy for the emergency procedure, the compose file and the configuration history's
        // copies of them (a file that holds a secret, whole, for rollback --with-config) hold the secrets by
        // design, readable by their owner only
        if (rel === '.env' || rel === '.env.rollback' || /^\.reprise\/(env-snapshots\/[0-9a-f]{64}\.env|config-files\/[0-9a-f]{64})$/.test(rel)) {
          assert.equal(statSync(f).mode & 0o077, 0, `${rel} is readable by its owner only`);
          continue;
        }
        if (rel === 'docker-compose.yml' && value === INLINE_SIGNING) continue;
        if (readFileSync(f).includes(value)) leaks.push(`${name} in ${rel}`);
      }
    }
    assert.deepEqual(leaks, []);
    // what was searched: the incident reports and the state store are among the files
    const files = filesUnder(p.dir).map((f) => relative(p.dir, f));
    assert.ok(files.some((f) => /^logs\/incidents\/.+\/report\.md$/.test(f)), 'incident reports were searched');
    assert.ok(files.includes('.reprise/state.db') && files.includes('logs/rollback-metrics.json'));
    assert.ok(files.some((f) => f.startsWith('.reprise/config-files/')), 'the compose file with the inline key was kept whole, privately');
  });
});
