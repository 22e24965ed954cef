// Issue 23, incidents as a process: SPEC's incidents:/escalation: keys, what an incident is owed and when
// (levels while nobody acknowledged it, the investigation and post-mortem reminders), the messages built on the
// guide's template, and the clock itself on a real state store sending to look-alikes on 127.0.0.1: each level's
// contacts once, nothing twice across two clocks, a claim orphaned by a dead process sent again.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadConfigFile } from '../../src/config/load';
import { acknowledgedAtOpening, incidentKind, incidentPolicy, owed, type Incident } from '../../src/domain/incidents';
import { renderText, emailSubject, type NotificationEvent } from '../../src/domain/notification';
import { configuredChannels } from '../../src/adapters/notify';
import { bootId, pidNamespace, pidStartTime, Store } from '../../src/adapters/store';
import { CLAIM_STALE_MS, MAX_ATTEMPTS, RETRY_MS, runIncidentClock } from '../../src/release/record/incident-clock';
import { createServer } from 'node:net';
import { acknowledgeIncident, attachPostmortem, listIncidents, resolveIncident } from '../../src/commands/incidents';
import { botApi, type BotApi } from '../fixtures/bot-api';
import { chatHook, type ChatHook } from '../fixtures/chat-hooks';
import { smtpServer, type SmtpStandIn } from '../fixtures/smtp';
import { dirWith, repriseErrorOf } from '../fixtures/project-dir';
import { fakeStack } from './fake-engine';
import { notesFile } from '../../src/cli/commands/incident';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';

const SPEC_BLOCK = `incidents:
  investigation_deadline: 2h      # seed §6.2
  postmortem_deadline: 24h        # seed §6.3
escalation:                       # seed §8: notified in turn while an incident is not acknowledged
  levels:
    - { after: 0m,  telegram: ["123456789"], email: [dev-team@example.org] }
    - { after: 30m, telegram: ["987654321"], email: [tech-lead@example.org, devops@example.org] }
    - { after: 60m, email: [management@example.org] }
`;

test("SPEC's incidents: and escalation: blocks are accepted as written, and read as delays and contacts", () => {
  const d = dirWith({ 'reprise.yml': `project: demo\n${SPEC_BLOCK}` }, 'reprise-inc-');
  const policy = incidentPolicy(loadConfigFile(join(d, 'reprise.yml'), false));
  assert.equal(policy.investigationMs, 2 * 3600_000);
  assert.equal(policy.postmortemMs, 24 * 3600_000);
  assert.deepEqual(policy.levels.map((l) => l.afterMs), [0, 30 * 60_000, 60 * 60_000]);
  assert.deepEqual(policy.levels[1].email, ['tech-lead@example.org', 'devops@example.org']);
  assert.deepEqual(policy.levels[0].telegram, ['123456789']);
  // without the keys: the guide's deadlines, no escalation
  assert.deepEqual(incidentPolicy({}), { investigationMs: 2 * 3600_000, postmortemMs: 24 * 3600_000, levels: [] });
});

test('levels out of order, a bad address or an unknown contact key are CONFIG_INVALID with the line', () => {
  for (const [body, key] of [
    ['escalation:\n  levels:\n    - { after: 30m, email: [a@example.org] }\n    - { after: 5m, email: [b@example.org] }\n', 'escalation.levels'],
    ['escalation:\n  levels:\n    - { after: 0m, email: [not-an-address] }\n', 'escalation.levels.0.email.0'],
    ['escalation:\n  levels:\n    - { after: 0m, pager: [x] }\n', 'escalation.levels.0.pager'],
    ['incidents:\n  investigation_deadline: soon\n', 'incidents.investigation_deadline'],
  ] as const) {
    const d = dirWith({ 'reprise.yml': `project: demo\n${body}` }, 'reprise-inc-');
    const e = repriseErrorOf(() => loadConfigFile(join(d, 'reprise.yml'), false));
    assert.equal(e.code, 'CONFIG_INVALID', body);
    assert.equal(e.details.key, key, body);
    assert.ok(Number(e.details.line) >= 2, body);
  }
});

test('which incident an operation opens, and who has it in hand from the start', () => {
  assert.equal(incidentKind('deploy', 'manual'), 'deploy_failed');
  assert.equal(incidentKind('rollback', 'auto'), 'auto_rollback');
  assert.equal(incidentKind('rollback', 'manual'), 'rollback');
  assert.equal(incidentKind('rollback', 'dashboard'), 'rollback');
  assert.equal(incidentKind('emergency', 'emergency'), 'emergency');
  // a person's own rollback that worked is theirs already; anything automatic, or unrestored, waits (and escalates)
  assert.equal(acknowledgedAtOpening('rollback', true), true);
  assert.equal(acknowledgedAtOpening('emergency', true), true);
  assert.equal(acknowledgedAtOpening('rollback', false), false);
  assert.equal(acknowledgedAtOpening('deploy_failed', true), false);
  assert.equal(acknowledgedAtOpening('auto_rollback', true), false);
});

const T0 = Date.parse('2026-01-01T10:00:00Z');
function incident(over: Partial<Incident> = {}): Incident {
  return {
    id: 7, project: 'p', state: 'open', kind: 'deploy_failed', openedAt: new Date(T0).toISOString(), version: 'b2', fromVersion: 'a1',
    releaseId: 3, report: null, cause: 'api unhealthy', level: 0, acknowledgedBy: null, acknowledgedAt: null, resolvedBy: null,
    resolvedAt: null, postmortemBy: null, postmortemAt: null, ...over,
  };
}
const policy = incidentPolicy({ incidents: { investigation_deadline: '2h', postmortem_deadline: '24h' }, escalation: { levels: [{ after: '0m' }, { after: '30m' }, { after: '60m' }] } });
const keys = (i: Incident, at: number, sent: string[] = []): string[] => owed(i, policy, at, new Set(sent)).map((o) => o.key);

test('an open incident is owed each level once its delay has passed, in order, and nothing already sent', () => {
  assert.deepEqual(keys(incident(), T0), ['level:1']);
  assert.deepEqual(keys(incident(), T0 + 29 * 60_000, ['level:1']), []);
  assert.deepEqual(keys(incident(), T0 + 30 * 60_000, ['level:1']), ['level:2']);
  // a clock that was down for 3 hours catches up, oldest first: the levels, then the investigation reminder
  assert.deepEqual(keys(incident(), T0 + 3 * 3600_000), ['level:1', 'level:2', 'level:3', 'reminder:investigation']);
  assert.deepEqual(keys(incident(), T0 + 25 * 3600_000, ['level:1', 'level:2', 'level:3', 'reminder:investigation']), ['reminder:postmortem']);
});

test('acknowledged: no more levels, the reminders still come; resolved: only the post-mortem one; with a post-mortem: nothing', () => {
  const ack = incident({ state: 'acknowledged', acknowledgedBy: 'alice' });
  assert.deepEqual(keys(ack, T0 + 90 * 60_000, ['level:1']), []);
  assert.deepEqual(keys(ack, T0 + 3 * 3600_000, ['level:1']), ['reminder:investigation']);
  const resolved = incident({ state: 'resolved' });
  assert.deepEqual(keys(resolved, T0 + 25 * 3600_000, ['level:1']), ['reminder:postmortem']);
  assert.deepEqual(keys(incident({ state: 'resolved', postmortemAt: new Date(T0).toISOString() }), T0 + 48 * 3600_000), []);
});

function noticeEvent(over: Partial<NotificationEvent> = {}): NotificationEvent {
  return {
    type: 'incident_escalation', urgent: true, project: 'recyclic', environment: 'production', host: 'web1', user: 'reprise',
    version: 'b2', fromVersion: 'a1', restoredVersion: 'a1', cause: 'api unhealthy', durationSeconds: null,
    incident: 'logs/incidents/20260101T100000Z-b2', at: new Date(T0 + 31 * 60_000), lang: 'fr', outcomeOk: true,
    notice: { id: 7, level: 2, levels: 3, deadline: null, openedAt: new Date(T0), state: 'open', acknowledgedBy: null },
    ...over,
  };
}

test("the escalation message is the guide's template: which incident, which level, for how long, how to acknowledge", () => {
  const fr = renderText(noticeEvent());
  assert.match(fr, /INCIDENT n°7 NON ACQUITTÉ — ESCALADE NIVEAU 2\/3/);
  assert.match(fr, /- Ouvert : 2026-01-01 10:00:00 UTC/);
  assert.match(fr, /- Version précédente : a1/);
  assert.match(fr, /- Cause : api unhealthy/);
  assert.match(fr, /- Statut : Non acquitté depuis 31 min/);
  assert.match(fr, /- Prochaine étape : Acquitter : `reprise incident ack 7`/);
  assert.match(fr, /- Rapport d'incident : logs\/incidents\/20260101T100000Z-b2/);
  const en = renderText(noticeEvent({ lang: 'en', type: 'incident_reminder', urgent: false, notice: { id: 7, level: 0, levels: 3, deadline: 'postmortem', openedAt: new Date(T0), state: 'acknowledged', acknowledgedBy: 'alice' } }));
  assert.match(en, /INCIDENT #7: POST-MORTEM DEADLINE PASSED/);
  assert.match(en, /Status: Acknowledged by alice, open for 31 min/);
  assert.match(en, /reprise incident postmortem 7 --file NOTES\.md/);
  assert.equal(emailSubject(noticeEvent()), '[Recyclic] URGENT: Incident n°7 non acquitté (niveau 2) - Version b2');
});

test("a level's channels are its own contacts: its chat ids and addresses, the project's webhooks only when it asks", () => {
  const project = { envVars: new Map([['TELEGRAM_BOT_TOKEN', '1:tok'], ['ADMIN_TELEGRAM_IDS', '999'], ['SMTP_URL', 'smtp://127.0.0.1:2525'], ['NOTIFICATION_EMAIL', 'all@example.org'], ['SLACK_WEBHOOK_URL', 'https://hooks.example/x']]), config: {} };
  const level = configuredChannels(project, {}, { telegram: ['111'], email: ['lead@example.org'], slack: false, teams: false, webhook: false });
  assert.deepEqual(level.map((c) => [c.name, c.recipients]), [['telegram', ['111']], ['email', ['lead@example.org']]]);
  const third = configuredChannels(project, {}, { telegram: [], email: [], slack: true, teams: true, webhook: false });
  assert.deepEqual(third.map((c) => c.name), ['slack', 'teams']);
  // Teams asked for but not configured: a failure that says so, not silence
  assert.equal(third[1].recipients[0], '-');
});

const servers: Array<{ close(): void }> = [];
after(() => {
  for (const s of servers) s.close();
});

test('the clock on a real store: each level once to its own contacts, nothing twice, ack stops it, a dead claim is sent again, all recorded', async () => {
  const TOKEN = '4242:clock-test-token';
  const bot: BotApi = await botApi(TOKEN, 'ok');
  const smtp: SmtpStandIn = await smtpServer('mailer', 'mail-pass-1234');
  const slack: ChatHook = await chatHook('slack');
  servers.push(bot, smtp, slack);
  const s = fakeStack({
    reprise: `escalation:\n  levels:\n    - { after: 0s, telegram: ["111"] }\n    - { after: 5s, email: [lead@example.org] }\n    - { after: 10s, slack: true }\nincidents: { investigation_deadline: 20s, postmortem_deadline: 30s }\n`,
  });
  try {
    let now = T0;
    const ctx = { ...s.ctx, now: () => new Date(now), env: { ...s.ctx.env, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_URL: bot.url, SMTP_URL: `smtp://mailer:mail-pass-1234@127.0.0.1:${smtp.port}`, SLACK_WEBHOOK_URL: slack.url } };
    mkdirSync(join(s.dir, 'logs', 'incidents', 'x-b2'), { recursive: true });
    writeFileSync(join(s.dir, 'logs', 'incidents', 'x-b2', 'report.md'), '# report\n');
    // the failed deploy was carol's: the messages name her, not the user the clock runs as
    const failed = ctx.store.startRelease({ project: ctx.project.name, kind: 'deploy', trigger: 'manual', version: 'b2', fromVersion: 'a1', startedAt: new Date(T0).toISOString(), user: 'carol', host: 'h', message: null });
    const opened = ctx.store.incidents.open({ project: ctx.project.name, kind: 'deploy_failed', openedAt: new Date(T0).toISOString(), version: 'b2', fromVersion: 'a1', releaseId: failed.id, report: 'logs/incidents/x-b2', cause: 'api unhealthy', acknowledgedBy: null });
    // a second clock on the same file (another process, or serve beside an operation)
    const other = Store.open(ctx.project.stateFile);
    const ctx2 = { ...ctx, store: other };

    assert.deepEqual((await runIncidentClock(ctx)).map((x) => x.key), ['level:1']);
    assert.deepEqual(await runIncidentClock(ctx2), [], 'the other clock does not send it again');
    assert.equal(bot.received.length, 1);
    assert.equal(String(bot.received[0].body.chat_id), '111');
    assert.match(String(bot.received[0].body.text), /ESCALATION LEVEL 1\/3/);
    assert.match(String(bot.received[0].body.text), /carol/);
    assert.doesNotMatch(String(bot.received[0].body.text), new RegExp(`\\b${ctx.user}@`));

    now = T0 + 6_000;
    const [sent2, again] = await Promise.all([runIncidentClock(ctx), runIncidentClock(ctx2)]);
    assert.equal(sent2.length + again.length, 1, 'two clocks at once: level 2 sent once');
    assert.equal(smtp.mails.length, 1);
    assert.deepEqual(smtp.mails[0].to, ['lead@example.org']);
    assert.equal(bot.received.length, 1, 'level 2 is not sent to level 1');
    assert.equal(ctx.store.incidents.get(ctx.project.name, opened.id)?.level, 2);

    acknowledgeIncident(ctx, opened.id, 'alice');
    now = T0 + 11_000;
    assert.deepEqual(await runIncidentClock(ctx), [], 'acknowledged: level 3 is not sent');
    assert.equal(slack.received.length, 0);

    // a claim held by a live process is left to it; one whose process died before sending it (killed -9 while
    // sending) is sent again; one older than CLAIM_STALE_MS is sent again whoever holds it (a process the
    // liveness check cannot judge: another PID namespace)
    now = T0 + 21_000;
    const live = JSON.stringify({ pid: process.pid, host: ctx.host, pidStart: pidStartTime(process.pid), bootId: bootId(), pidNs: pidNamespace() });
    ctx.store.incidents.claim(opened.id, 'reminder:investigation', new Date(now).toISOString(), live);
    assert.deepEqual(await runIncidentClock(ctx), [], 'a live claim is left to its process');
    now = T0 + 31_000;
    ctx.store.incidents.claim(opened.id, 'reminder:postmortem', new Date(now).toISOString(), JSON.stringify({ pid: 2 ** 22 + 17, host: ctx.host, pidStart: '1', bootId: null, pidNs: null }));
    assert.deepEqual((await runIncidentClock(ctx)).map((x) => x.key), ['reminder:postmortem'], 'a dead claim is sent again');
    assert.match(String(bot.received[1].body.text), /POST-MORTEM DEADLINE PASSED/);
    assert.equal(String(bot.received[1].body.chat_id), '111', 'reminders go to the first level');
    now = T0 + 21_000 + CLAIM_STALE_MS - 1_000;
    assert.deepEqual(await runIncidentClock(ctx), [], 'the live claim is not stale yet');
    now = T0 + 21_000 + CLAIM_STALE_MS + 1_000;
    assert.deepEqual((await runIncidentClock(ctx)).map((x) => x.key), ['reminder:investigation'], 'a stale claim is sent again');
    assert.match(String(bot.received[2].body.text), /INVESTIGATION DEADLINE PASSED/);
    assert.equal(bot.received.length, 3);

    resolveIncident(ctx, opened.id);
    const notes = join(s.dir, 'notes.md');
    writeFileSync(notes, `Root cause: migration. DB password was ${'fake-secret-password'}.\n`);
    now += 1_000;
    attachPostmortem(ctx, opened.id, notes);
    now += 1_000;
    assert.deepEqual(await runIncidentClock(ctx), [], 'closed: nothing more');
    assert.equal(bot.received.length, 3);

    const pm = readFileSync(join(s.dir, 'logs', 'incidents', 'x-b2', 'postmortem.md'), 'utf8');
    assert.match(pm, /Root cause: migration/);
    assert.ok(!pm.includes('fake-secret-password'), 'the notes are masked');
    assert.equal(statSync(join(s.dir, 'logs', 'incidents', 'x-b2', 'postmortem.md')).mode & 0o077, 0);
    const report = readFileSync(join(s.dir, 'logs', 'incidents', 'x-b2', 'report.md'), 'utf8');
    const follow = report.slice(report.indexOf('## Suivi / Follow-up'));
    for (const line of [/escalation level 1 — 1\/1 \(telegram 111 ok\)/, /escalation level 2 — 1\/1 \(email lead@example.org ok\)/, /acknowledged by alice/, /reminder: post-mortem deadline passed/, /reminder: investigation deadline passed/, /resolved by test/, /post-mortem attached by test/]) assert.match(follow, line);
    const inc = listIncidents(ctx).incidents[0];
    assert.deepEqual(
      { state: inc.state, level: inc.level, acknowledged_by: inc.acknowledged_by, report: inc.report, version: inc.version, from_version: inc.from_version, kind: inc.kind },
      { state: 'resolved', level: 2, acknowledged_by: 'alice', report: 'logs/incidents/x-b2/report.md', version: 'b2', from_version: 'a1', kind: 'deploy_failed' },
    );
    const types = ctx.store.listEvents(ctx.project.name).map((e) => e.type).reverse();
    assert.deepEqual(types, ['incident_escalated', 'incident_escalated', 'incident_acknowledged', 'incident_reminder', 'incident_reminder', 'incident_resolved', 'incident_postmortem']);
    other.close();
  } finally {
    s.close();
  }
});

test('postmortem --file: the notes are the --file after the word postmortem, the compose files the others', () => {
  // `reprise -f a.yml incident postmortem 3 --file notes.md`: the global -f collected both
  assert.deepEqual(notesFile(['-f', 'a.yml', 'incident', 'postmortem', '3', '--file', 'notes.md'], ['a.yml', 'notes.md']), { notes: 'notes.md', composeFiles: ['a.yml'] });
  assert.deepEqual(notesFile(['incident', 'postmortem', '3', '--file=n.md', '--json'], ['n.md']), { notes: 'n.md', composeFiles: undefined });
  assert.deepEqual(notesFile(['incident', 'postmortem', '3', '-f', 'n.md'], ['n.md']), { notes: 'n.md', composeFiles: undefined });
  // none after postmortem: every --file stays a compose file (the command then says --file is missing)
  assert.deepEqual(notesFile(['--file', 'a.yml', 'incident', 'postmortem', '3'], ['a.yml']), { composeFiles: ['a.yml'] });
  // the same name as a compose file: only the last one is taken as the notes
  assert.deepEqual(notesFile(['-f', 'x.md', 'incident', 'postmortem', '3', '--file', 'x.md'], ['x.md', 'x.md']), { notes: 'x.md', composeFiles: ['x.md'] });
  assert.deepEqual(notesFile(['incident', 'list'], undefined), { composeFiles: undefined });
});

/** a port on 127.0.0.1 nothing listens on (a mail server that is down) */
async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address() as { port: number };
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

test('a message none of whose deliveries succeeded is sent again a minute later, three attempts at most', async () => {
  const smtp: SmtpStandIn = await smtpServer('mailer', 'mail-pass-1234');
  servers.push(smtp);
  const s = fakeStack({ reprise: `escalation:\n  levels:\n    - { after: 0s, email: [oncall@example.org] }\n` });
  try {
    let now = T0;
    const down = { ...s.ctx.env, SMTP_URL: `smtp://mailer:mail-pass-1234@127.0.0.1:${await closedPort()}` };
    const up = { ...s.ctx.env, SMTP_URL: `smtp://mailer:mail-pass-1234@127.0.0.1:${smtp.port}` };
    const ctx = { ...s.ctx, now: () => new Date(now), env: down };
    const incident = (): number => ctx.store.incidents.open({ project: ctx.project.name, kind: 'deploy_failed', openedAt: new Date(now).toISOString(), version: 'b2', fromVersion: 'a1', releaseId: null, report: null, cause: 'api unhealthy', acknowledgedBy: null }).id;
    const notice = (id: number): { sent: boolean; attempts: number } => {
      const [n] = ctx.store.incidents.notices(id);
      return { sent: n.sentAt !== null, attempts: n.attempts };
    };

    // the mail server is down: recorded as failed, owed again in a minute
    const one = incident();
    const first = await runIncidentClock(ctx, { budgetMs: 1_000 });
    assert.deepEqual(first.map((x) => [x.key, x.deliveries.map((d) => d.ok)]), [['level:1', [false]]]);
    assert.deepEqual(notice(one), { sent: false, attempts: 1 });
    assert.equal(ctx.store.incidents.get(ctx.project.name, one)?.level, 0, 'nobody told yet: the level is not reached');
    now = T0 + RETRY_MS - 1_000;
    assert.deepEqual(await runIncidentClock(ctx, { budgetMs: 1_000 }), [], 'not before its minute');
    // it is back: the second attempt arrives, and nothing more
    now = T0 + RETRY_MS + 1_000;
    const second = await runIncidentClock({ ...ctx, env: up }, { budgetMs: 10_000 });
    assert.deepEqual(second.map((x) => x.deliveries.map((d) => d.ok)), [[true]]);
    assert.equal(smtp.mails.length, 1);
    assert.deepEqual(smtp.mails[0].to, ['oncall@example.org']);
    assert.deepEqual(notice(one), { sent: true, attempts: 2 });
    assert.equal(ctx.store.incidents.get(ctx.project.name, one)?.level, 1);
    now += 3 * RETRY_MS;
    assert.deepEqual(await runIncidentClock({ ...ctx, env: up }, { budgetMs: 10_000 }), []);
    assert.equal(smtp.mails.length, 1, 'sent once it arrived');

    // never back: MAX_ATTEMPTS attempts a minute apart, then it stays recorded as failed
    const two = incident();
    for (let k = 1; k <= MAX_ATTEMPTS; k++) {
      assert.equal((await runIncidentClock(ctx, { budgetMs: 1_000 })).length, 1, `attempt ${k}`);
      assert.deepEqual(notice(two), { sent: k === MAX_ATTEMPTS, attempts: k });
      now += RETRY_MS + 1_000;
    }
    assert.deepEqual(await runIncidentClock(ctx, { budgetMs: 1_000 }), [], 'no attempt after the last');
    const retried = ctx.store.listEvents(ctx.project.name).filter((e) => e.details.incident === two);
    assert.deepEqual(retried.map((e) => e.details.retry).reverse(), [true, true, false], 'each attempt is an event; the last is not retried');
  } finally {
    s.close();
  }
});

test('claims: a take-over compares the claim as it was read; only the holder records it sent', () => {
  const store = Store.open(':memory:');
  try {
    const t = store.incidents;
    const i = t.open({ project: 'p', kind: 'deploy_failed', openedAt: '2026-01-01T10:00:00Z', version: 'b', fromVersion: 'a', releaseId: null, report: null, cause: null, acknowledgedBy: null });
    assert.equal(t.claim(i.id, 'level:1', '2026-01-01T10:00:00Z', 'A'), true);
    assert.equal(t.claim(i.id, 'level:1', '2026-01-01T10:00:01Z', 'B'), false, 'one claim per message');
    // A failed every delivery: the claim waits under the retry mark
    t.retryLater(i.id, 'level:1', '2026-01-01T10:00:02Z', 'RETRY', [], 'A');
    const read = t.notices(i.id)[0];
    // clock C takes the due retry over, fails again, and puts the mark back at a new time
    assert.equal(t.reclaim(i.id, 'level:1', '2026-01-01T10:01:03Z', 'C', read.claimedBy, read.claimedAt), true);
    t.retryLater(i.id, 'level:1', '2026-01-01T10:01:04Z', 'RETRY', [], 'C');
    // clock B, holding the same old read, cannot take it: the time changed (no second attempt at once)
    assert.equal(t.reclaim(i.id, 'level:1', '2026-01-01T10:01:05Z', 'B', read.claimedBy, read.claimedAt), false);
    assert.equal(t.markSent(i.id, 'level:1', '2026-01-01T10:01:05Z', [], 'B'), false, 'B holds nothing: records nothing');
    const now = t.notices(i.id)[0];
    assert.deepEqual({ by: now.claimedBy, attempts: now.attempts, sent: now.sentAt }, { by: 'RETRY', attempts: 2, sent: null });
    assert.equal(t.reclaim(i.id, 'level:1', '2026-01-01T10:02:05Z', 'B', now.claimedBy, now.claimedAt), true);
    assert.equal(t.markSent(i.id, 'level:1', '2026-01-01T10:02:06Z', [{ ok: true }], 'B'), true);
    assert.equal(t.notices(i.id)[0].attempts, 3);
  } finally {
    store.close();
  }
});
