// Notifications from real operations: a Bot API look-alike on 127.0.0.1 receives deploy and rollback
// messages (seed template, the project's language); a hanging endpoint never holds a rollback; no token
// in output or files; Slack and Teams look-alikes receive the rollback in their own formats.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { botApi, type BotApi } from '../fixtures/bot-api';
import { chatHook } from '../fixtures/chat-hooks';
import { cleanupAll, deployOk, expectCode, portAllocator, reprise, repriseAsync, filesUnder, stackOnTwoVersions } from './harness';

const ports = portAllocator(12);
const TOKEN = '987654:SECRET-notify-token-value';
const apis: BotApi[] = [];
after(() => {
  for (const a of apis) a.close();
  cleanupAll();
});

describe('notifications from deploy and rollback', () => {
  const { p, A, B } = stackOnTwoVersions({
    label: 'notify',
    ports: ports(0),
    extraConfig: 'lang: fr\nnotifications:\n  telegram: { enabled: true }\n',
    prepare: (q) => appendFileSync(join(q.dir, '.env'), `TELEGRAM_BOT_TOKEN=${TOKEN}\nADMIN_TELEGRAM_IDS=111, 222\n`),
    deploy: [],
  });
  let ok: BotApi;
  let hang: BotApi;

  before(async () => {
    ok = await botApi(TOKEN, 'ok');
    hang = await botApi(TOKEN, 'hang');
    apis.push(ok, hang);
  });

  test('deploy and rollback reach every admin chat, in French, with the seed template', async () => {
    deployOk(p, A);
    // the project's language (reprise.yml lang: fr) decides; the harness sets REPRISE_LANG=en, so set fr here
    const env = { TELEGRAM_API_URL: ok.url, REPRISE_LANG: 'fr' };
    expectCode(await repriseAsync(p, ['deploy', B, '--yes', '--json'], env), 0, 'deploy B');
    const r = expectCode(await repriseAsync(p, ['rollback', '--yes', '--json', '--reason', 'paiement_cassé *urgent*'], env), 0, 'rollback');
    assert.equal(r.json.version, A);
    const chats = ok.received.map((m) => String(m.body.chat_id));
    assert.deepEqual([...new Set(chats)].sort(), ['111', '222']);
    const rollbackMsg = ok.received.filter((m) => String(m.body.text).includes('ROLLBACK EFFECTUÉ'));
    assert.equal(rollbackMsg.length, 2, 'one rollback message per chat');
    const text = String(rollbackMsg[0].body.text);
    assert.equal(rollbackMsg[0].body.parse_mode, 'HTML');
    assert.match(text, /Heure : /);
    assert.match(text, new RegExp(`Version précédente : ${A}`));
    assert.match(text, /Cause : paiement_cassé \*urgent\*/);
    assert.match(text, /Statut : /);
    assert.match(text, /Prochaine étape : /);
    assert.ok(ok.received.some((m) => String(m.body.text).includes(B)), 'the deploy of B was announced too');
    for (const m of ok.received) assert.ok(!m.raw.includes(TOKEN), 'the token is not in the message');
  });

  test('a hanging Bot API does not hold the rollback: exit 0, failure recorded and shown', async () => {
    const started = Date.now();
    const ps: string[] = [];
    const r = expectCode(await repriseAsync(p, ['rollback', B, '--yes', '--json'], { TELEGRAM_API_URL: hang.url }, ps), 0, 'rollback with a hanging endpoint');
    assert.ok(ps.length >= 5, 'the process list was sampled during the run');
    for (const sample of ps) {
      assert.ok(!sample.includes(TOKEN), 'no token in any process argument');
      assert.ok(!sample.includes(p.secrets.POSTGRES_PASSWORD), 'no password in any process argument');
    }
    const seconds = (Date.now() - started) / 1000;
    console.log(`rollback with a hanging Bot API took ${seconds.toFixed(1)} s (notification budget 10 s)`);
    assert.equal(r.json.version, B);
    assert.ok(hang.calls() >= 1, 'the endpoint was called');
    const h = reprise(p, ['history', '--json']).json;
    const n = h.events.find((e: { type: string }) => e.type === 'notification');
    assert.ok(n, 'a notification event is recorded');
    const deliveries = n.details.deliveries as Array<{ ok: boolean; error: string | null; recipient: string }>;
    assert.equal(deliveries.length, 2);
    assert.ok(deliveries.every((d) => !d.ok && d.error), 'each delivery failed with its reason');
    const s = reprise(p, ['status', '--json']).json;
    assert.ok(s.lastNotification, 'status shows the last notification');
    assert.equal(s.lastNotification.details.deliveries.length, 2);
    const human = reprise(p, ['history']);
    assert.match(human.stderr, /notification/);
  });

  test('Slack and Teams receive a rollback in their own formats (a 500 retried), their secret URLs shown nowhere', async () => {
    const slack = await chatHook('slack');
    const teams = await chatHook('teams', '500-then-ok');
    try {
      const env = { TELEGRAM_API_URL: ok.url, SLACK_WEBHOOK_URL: slack.url, TEAMS_WEBHOOK_URL: teams.url };
      const r = expectCode(await repriseAsync(p, ['rollback', A, '--yes', '--json', '--reason', 'a <b>bad</b> & broken release'], env), 0, 'rollback with Slack and Teams');
      assert.equal(r.json.version, A);
      // Slack: one message, the template as text and as blocks, its control characters escaped
      assert.equal(slack.received.length, 1, 'one message to Slack');
      const s = slack.received[0] as { text: string; blocks: Array<{ type: string; text: { type: string; text: string } }> };
      assert.match(s.text, /ROLLBACK/);
      assert.match(s.text, /Cause: a &lt;b&gt;bad&lt;\/b&gt; &amp; broken release/);
      assert.deepEqual(s.blocks.map((b) => b.type), ['header', 'section']);
      assert.match(s.blocks[1].text.text, new RegExp(`\\*Previous version\\*: ${A}`));
      // Teams: retried after its 500, then one Adaptive Card whose facts are the template's lines
      assert.equal(teams.calls(), 2, 'the 500 was retried');
      assert.equal(teams.received.length, 1, 'one message to Teams');
      const card = (teams.received[0] as { type: string; attachments: Array<{ contentType: string; content: { type: string; body: Array<{ type: string; text?: string; facts?: Array<{ title: string; value: string }> }> } }> });
      assert.equal(card.type, 'message');
      assert.equal(card.attachments[0].contentType, 'application/vnd.microsoft.card.adaptive');
      assert.equal(card.attachments[0].content.type, 'AdaptiveCard');
      const facts = card.attachments[0].content.body.find((b) => b.type === 'FactSet')?.facts ?? [];
      assert.equal(facts.find((f) => f.title === 'Cause')?.value, 'a <b>bad</b> & broken release', 'nothing of it is Markdown');
      assert.equal(facts.find((f) => f.title === 'Previous version')?.value, A);
      // the deliveries are recorded by host; the secret paths appear in no output, history or file
      const n = reprise(p, ['history', '--json']).json.events.find((e: { type: string }) => e.type === 'notification');
      const deliveries = n.details.deliveries as Array<{ channel: string; ok: boolean; recipient: string }>;
      for (const channel of ['slack', 'teams']) {
        const d = deliveries.find((x) => x.channel === channel);
        assert.ok(d?.ok, `${channel} delivered: ${JSON.stringify(deliveries)}`);
        assert.match(d!.recipient, /^127\.0\.0\.1:\d+$/);
      }
      for (const secret of ['xoxSecretHookPath42', 'TeamsSecretSig42']) {
        for (const o of [r, reprise(p, ['history', '--json']), reprise(p, ['status', '--json'])]) assert.ok(!o.stdout.includes(secret) && !o.stderr.includes(secret), `${secret} in no output`);
        for (const f of filesUnder(p.dir)) assert.ok(!readFileSync(f).includes(secret), `${f} holds no ${secret}`);
      }
    } finally {
      slack.close();
      teams.close();
    }
  });

  test('the token appears in no output and in no file but .env', () => {
    const outputs = [reprise(p, ['status']), reprise(p, ['history', '--json']), reprise(p, ['versions'])];
    for (const o of outputs) assert.ok(!o.stdout.includes(TOKEN) && !o.stderr.includes(TOKEN));
    for (const f of filesUnder(p.dir)) {
      // the env file, its copy for the emergency procedure and the configuration history's copies of it
      // hold the secrets by design, readable by their owner only
      if (f.endsWith('/.env') || f.endsWith('/.env.rollback')) continue;
      if (/\/\.reprise\/env-snapshots\/[0-9a-f]{64}\.env$/.test(f)) {
        assert.equal(statSync(f).mode & 0o077, 0, `${f} is readable by its owner only`);
        continue;
      }
      const content = readFileSync(f);
      assert.ok(!content.includes(TOKEN), `${f} holds no token`);
    }
  });
});
