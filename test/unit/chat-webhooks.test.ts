// Issue 23 item 4, Slack and Microsoft Teams: which variable holds each URL, when a channel exists, what an
// env file may point them at, the bodies each service is sent (the guide's template, escaped for Slack), and the
// answers that count as delivered, retried or failed — against look-alike servers on 127.0.0.1.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { configuredChannels, notifyAll } from '../../src/adapters/notify';
import { slackChannel, teamsChannel } from '../../src/adapters/notify/chat-webhook';
import { chatWebhookVariable, escapeSlack, escapeTeams, slackPayload, teamsPayload } from '../../src/domain/chat-webhooks';
import type { NotificationEvent } from '../../src/domain/notification';
import { chatHook, type ChatHook } from '../fixtures/chat-hooks';

function ev(over: Partial<NotificationEvent> = {}): NotificationEvent {
  return {
    type: 'rollback_success', urgent: false, project: 'recyclic', environment: null, host: 'web1',
    user: 'alice', version: 'v1', fromVersion: 'v2', restoredVersion: 'v1', cause: 'api <down> & bot *broken*',
    durationSeconds: 3, incident: null, at: new Date('2026-01-01T12:00:00Z'), lang: 'fr', outcomeOk: true, ...over,
  };
}

const hooks: ChatHook[] = [];
after(() => {
  for (const h of hooks) h.close();
});
async function hook(kind: 'slack' | 'teams', mode?: 'ok' | '500-then-ok' | 'hang'): Promise<ChatHook> {
  const h = await chatHook(kind, mode);
  hooks.push(h);
  return h;
}

test('the URL variable: SLACK_WEBHOOK_URL / TEAMS_WEBHOOK_URL unless webhook_url_env names another', () => {
  assert.equal(chatWebhookVariable('slack', undefined), 'SLACK_WEBHOOK_URL');
  assert.equal(chatWebhookVariable('teams', {}), 'TEAMS_WEBHOOK_URL');
  assert.equal(chatWebhookVariable('teams', { teams: { webhook_url_env: 'OPS_TEAMS_HOOK' } }), 'OPS_TEAMS_HOOK');
});

test('configuredChannels: a URL turns the channel on (recipient: its host only); asked for without one, a failure that says so', async () => {
  const envVars = new Map([['OPS_SLACK', 'https://hooks.slack.com/services/T1/B2/secretpath']]);
  const chs = configuredChannels({ envVars, config: { notifications: { slack: { webhook_url_env: 'OPS_SLACK' } } } }, { TEAMS_WEBHOOK_URL: 'https://prod.westeurope.logic.azure.com/workflows/x?sig=s3cr3t' });
  assert.deepEqual(chs.map((c) => [c.name, c.recipients]), [['slack', ['hooks.slack.com']], ['teams', ['prod.westeurope.logic.azure.com']]]);
  const missing = configuredChannels({ envVars: new Map(), config: { notifications: { slack: {}, teams: { webhook_url_env: 'T_HOOK' } } } }, {});
  const res = await notifyAll(ev(), missing);
  assert.deepEqual(res.map((d) => [d.channel, d.ok, d.error]), [['slack', false, 'not configured: SLACK_WEBHOOK_URL not set'], ['teams', false, 'not configured: T_HOOK not set']]);
  assert.deepEqual(configuredChannels({ envVars: new Map(), config: {} }, {}), [], 'nothing set, nothing configured');
});

test('an env file may point them only at https:// or this machine', async () => {
  const envVars = new Map([['SLACK_WEBHOOK_URL', 'http://hooks.example.org/services/secretpath']]);
  const [ch] = configuredChannels({ envVars, config: {} }, {});
  const [d] = await notifyAll(ev(), [ch]);
  assert.equal(d.ok, false);
  assert.match(d.error ?? '', /SLACK_WEBHOOK_URL from the project's env file must be https:\/\/ or a loopback address/);
  assert.ok(!JSON.stringify(d).includes('secretpath'));
});

test('Slack: the template as text and blocks, its control characters escaped; the header within its limit', () => {
  const p = slackPayload(ev({ cause: `<!channel> & ${'x'.repeat(10)}` })) as { text: string; blocks: Array<{ type: string; text: { text: string } }> };
  assert.match(p.text, /^🚨 ROLLBACK EFFECTUÉ\n/);
  assert.match(p.text, /- Cause : &lt;!channel&gt; &amp; x{10}/);
  assert.doesNotMatch(JSON.stringify(p), /<!channel>/, 'no mention reaches Slack unescaped');
  assert.equal(p.blocks[0].type, 'header');
  assert.match(p.blocks[1].text.text, /\*Version précédente\* : v1/);
  assert.equal(escapeSlack('a<b>&c'), 'a&lt;b&gt;&amp;c');
});

test('Teams: a message whose attachment is an Adaptive Card: the title, then one fact per line of the template, its Markdown escaped', () => {
  const p = teamsPayload(ev({ lang: 'en', urgent: true })) as { type: string; attachments: Array<{ contentType: string; content: { type: string; version: string; body: Array<{ type: string; color?: string; facts?: Array<{ title: string; value: string }> }> } }> };
  assert.equal(p.type, 'message');
  const card = p.attachments[0];
  assert.equal(card.contentType, 'application/vnd.microsoft.card.adaptive');
  assert.equal(card.content.type, 'AdaptiveCard');
  assert.equal(card.content.body[0].color, 'Attention', 'urgent');
  const facts = card.content.body[1].facts ?? [];
  assert.deepEqual(facts.slice(0, 3).map((f) => f.title), ['Time', 'Previous version', 'Cause']);
  assert.equal(facts[2].value, 'api <down> & bot \\*broken\\*', 'a card renders Markdown: a cause cannot make bold text or a link');
  const link = teamsPayload(ev({ cause: '[click](https://evil.example) _x_ `y` # z' })) as { attachments: Array<{ content: { body: Array<{ facts?: Array<{ title: string; value: string }> }> } }> };
  assert.equal(link.attachments[0].content.body[1].facts?.find((f) => f.title === 'Cause')?.value, '\\[click\\]\\(https://evil.example\\) \\_x\\_ \\`y\\` \\# z');
  assert.equal(escapeTeams('- a\n> b'), '\\- a\n\\> b');
});

test('delivery: Slack\'s 200 ok and Teams\' 202 count; a 500 is retried; a 404 fails at once with its code; no secret path in an error', async () => {
  const slack = await hook('slack');
  const teams = await hook('teams', '500-then-ok');
  const res = await notifyAll(ev(), [slackChannel({ url: slack.url }), teamsChannel({ url: teams.url })]);
  assert.deepEqual(res.map((d) => [d.channel, d.ok, d.attempts]), [['slack', true, 1], ['teams', true, 2]]);
  assert.equal(slack.received.length, 1);
  assert.equal(teams.received.length, 1);
  const wrong = await notifyAll(ev(), [slackChannel({ url: `${new URL(slack.url).origin}/services/T/B/wrongSecretPath` })]);
  assert.deepEqual(wrong.map((d) => [d.ok, d.attempts, d.error]), [[false, 1, 'HTTP 404 no_service']]);
  const hang = await hook('teams', 'hang');
  const t = await notifyAll(ev(), [teamsChannel({ url: hang.url, timeoutMs: 200 })], { budgetMs: 900 });
  assert.equal(t[0].ok, false);
  assert.match(t[0].error ?? '', /timeout/);
  assert.ok(!JSON.stringify([...res, ...wrong, ...t]).match(/xoxSecretHookPath42|TeamsSecretSig42|wrongSecretPath/), 'no secret path in a delivery');
});
