// Real servers on 127.0.0.1: a Bot API look-alike, an SMTP server with auth, a webhook receiver.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { botApi as startBotApi, listen, type BotApi, type Mode } from '../fixtures/bot-api';
import { createHmac } from 'node:crypto';
import { smtpServer } from '../fixtures/smtp';
import { configuredChannels, notifyAll } from '../../src/adapters/notify';
import { telegramChannel, parseChatIds } from '../../src/adapters/notify/telegram';
import { emailChannel, smtpTransportOptions } from '../../src/adapters/notify/email';
import { isLoopbackHost } from '../../src/domain/loopback';
import * as nodemailer from 'nodemailer';
import { webhookChannel } from '../../src/adapters/notify/webhook';
import { Store } from '../../src/adapters/store';
import type { NotificationEvent } from '../../src/domain/notification';
import { notifyEvent } from '../../src/release/record/notify';
import type { OpContext } from '../../src/release/context';
import type { RawConfig } from '../../src/config/schema';

const TOKEN = '123456:SECRET-token-value';

function ev(over: Partial<NotificationEvent> = {}): NotificationEvent {
  return {
    type: 'rollback_success', urgent: false, project: 'recyclic', environment: null, host: 'web_host*1',
    user: 'alice', version: 'v1_2*3', fromVersion: 'bad<9>', restoredVersion: 'v1_2*3', cause: 'api & bot < down >',
    durationSeconds: 3, incident: null, at: new Date('2026-01-01T12:00:00Z'), lang: 'fr', outcomeOk: true, ...over,
  };
}

const servers: Array<{ close: () => void }> = [];
after(() => {
  for (const s of servers) s.close();
});

async function botApi(mode: Mode): Promise<BotApi> {
  const api = await startBotApi(TOKEN, mode);
  servers.push(api);
  return api;
}

async function closedPort(): Promise<number> {
  const s = createServer();
  const port = await listen(s);
  await new Promise((r) => s.close(r));
  return port;
}

function noToken(x: unknown): void {
  const s = JSON.stringify(x);
  assert.equal(s.includes(TOKEN), false, `token leaked: ${s}`);
  assert.equal(s.includes('SECRET-token'), false, `token leaked: ${s}`);
}

test('ADMIN_TELEGRAM_IDS: comma-separated, spaces ignored', () => {
  assert.deepEqual(parseChatIds(' 111, 222 ,,-100333 '), ['111', '222', '-100333']);
  assert.deepEqual(parseChatIds(undefined), []);
});

test('telegram: every chat id gets a JSON sendMessage in HTML mode with escaped text', async () => {
  const api = await botApi('ok');
  const ch = telegramChannel({ token: TOKEN, chatIds: ['111', '222'], apiUrl: api.url });
  const res = await notifyAll(ev(), [ch], { budgetMs: 5000 });
  assert.deepEqual(res.map((d) => [d.channel, d.recipient, d.ok, d.error, d.attempts]), [
    ['telegram', '111', true, null, 1],
    ['telegram', '222', true, null, 1],
  ]);
  assert.deepEqual(api.received.map((r) => r.body.chat_id).sort(), ['111', '222']);
  for (const r of api.received) {
    assert.match(r.contentType, /^application\/json/);
    assert.equal(r.body.parse_mode, 'HTML');
    assert.equal(r.body.disable_web_page_preview, true);
    const text = String(r.body.text);
    assert.match(text, /^<b>🚨 ROLLBACK EFFECTUÉ<\/b>\n- Heure : 2026-01-01 12:00:00 UTC\n- Version précédente : v1_2\*3\n- Cause : api &amp; bot &lt; down &gt;\n/);
    assert.match(text, /- Hôte : web_host\*1\n/);
    assert.match(text, /- Versions : bad&lt;9&gt; → v1_2\*3/);
    noToken(r.body);
  }
  noToken(res);
});

test('telegram in English', async () => {
  const api = await botApi('ok');
  await notifyAll(ev({ lang: 'en', type: 'rollback_failed', urgent: true, outcomeOk: false, restoredVersion: null }), [telegramChannel({ token: TOKEN, chatIds: ['7'], apiUrl: api.url })]);
  assert.match(String(api.received[0].body.text), /^<b>URGENT — 🆘 ROLLBACK FAILED — EMERGENCY ALERT<\/b>\n- Time: /);
  assert.match(String(api.received[0].body.text), /- Status: Services NOT restored/);
});

test('telegram: endpoint down → failure per chat id after retries, no token in the error', async () => {
  const port = await closedPort();
  const ch = telegramChannel({ token: TOKEN, chatIds: ['111'], apiUrl: `http://127.0.0.1:${port}` });
  const res = await notifyAll(ev(), [ch], { budgetMs: 5000 });
  assert.equal(res.length, 1);
  assert.equal(res[0].ok, false);
  assert.equal(res[0].attempts, 3);
  assert.match(res[0].error ?? '', /ECONNREFUSED/);
  noToken(res);
});

test('telegram: hanging endpoint → timeout failure within the budget', async () => {
  const api = await botApi('hang');
  const ch = telegramChannel({ token: TOKEN, chatIds: ['111', '222'], apiUrl: api.url, timeoutMs: 600 });
  const t0 = Date.now();
  const res = await notifyAll(ev(), [ch], { budgetMs: 1500 });
  const ms = Date.now() - t0;
  assert.deepEqual(res.map((d) => d.ok), [false, false]);
  for (const d of res) assert.match(d.error ?? '', /timeout/);
  assert.ok(ms < 1500 + 1000, `took ${ms} ms`);
  assert.ok(api.calls() >= 2);
  noToken(res);
});

test('telegram: 429 with retry_after 1 then 200 → delivered on the second attempt, after ~1 s', async () => {
  const api = await botApi('429-then-ok');
  const t0 = Date.now();
  const res = await notifyAll(ev(), [telegramChannel({ token: TOKEN, chatIds: ['111'], apiUrl: api.url })], { budgetMs: 5000 });
  assert.equal(res[0].ok, true, res[0].error ?? '');
  assert.equal(res[0].attempts, 2);
  assert.ok(Date.now() - t0 >= 950);
  assert.equal(api.received.length, 1);
});

test('telegram: 429 whose retry_after exceeds the budget fails at once instead of waiting', async () => {
  const api = await botApi('429-then-ok');
  const t0 = Date.now();
  const res = await notifyAll(ev(), [telegramChannel({ token: TOKEN, chatIds: ['111'], apiUrl: api.url })], { budgetMs: 800 });
  assert.equal(res[0].ok, false);
  assert.match(res[0].error ?? '', /429/);
  assert.ok(Date.now() - t0 < 800 + 500);
});

test('telegram: ok:false is a failure with Telegram\'s description, not retried', async () => {
  const api = await botApi('ok-false');
  const res = await notifyAll(ev(), [telegramChannel({ token: TOKEN, chatIds: ['111'], apiUrl: api.url })]);
  assert.equal(res[0].ok, false);
  assert.equal(res[0].attempts, 1);
  assert.match(res[0].error ?? '', /can't parse entities/);
  noToken(res);
});

test('telegram: 500 then 200 → retried and delivered', async () => {
  const api = await botApi('500-then-ok');
  const res = await notifyAll(ev(), [telegramChannel({ token: TOKEN, chatIds: ['111', '222'], apiUrl: api.url })], { budgetMs: 5000 });
  assert.deepEqual(res.map((d) => [d.ok, d.attempts]), [[true, 2], [true, 2]]);
  assert.equal(api.received.length, 2);
});

test('smtp: a real server with auth receives the message: envelope, subject, body; no password in results', async () => {
  const smtp = await smtpServer('mailer', 's3cret-pa$$');
  const { port, mails } = smtp;
  servers.push({ close: () => smtp.close() });

  const url = `smtp://mailer:${encodeURIComponent('s3cret-pa$$')}@127.0.0.1:${port}`;
  const res = await notifyAll(ev({ lang: 'en', version: 'abc1234', cause: 'health 500' }), [emailChannel({ smtpUrl: url, to: ['ops@example.org', 'lead@example.org'] })], { budgetMs: 5000 });
  assert.deepEqual(res.map((d) => [d.channel, d.recipient, d.ok]), [['email', 'ops@example.org', true], ['email', 'lead@example.org', true]]);
  assert.equal(mails.length, 1);
  assert.deepEqual(mails[0].to.sort(), ['lead@example.org', 'ops@example.org']);
  assert.equal(mails[0].user, 'mailer');
  const unfolded = mails[0].data.replace(/\r?\n[ \t]+/g, ' ');
  assert.match(unfolded, /^Subject: \[Recyclic\] Rollback success - Version abc1234$/m);
  assert.match(unfolded, /🚨 ROLLBACK DONE|=F0=9F=9A=A8 ROLLBACK DONE/);
  assert.match(unfolded, /Cause: health 500/);

  // wrong password: a failure that does not quote the password or the URL
  const bad = `smtp://mailer:${encodeURIComponent('wrong-pass-123')}@127.0.0.1:${port}`;
  const res2 = await notifyAll(ev(), [emailChannel({ smtpUrl: bad, to: ['ops@example.org'] })], { budgetMs: 5000 });
  assert.equal(res2[0].ok, false);
  assert.ok(res2[0].error);
  assert.equal(JSON.stringify(res2).includes('wrong-pass-123'), false);
  assert.equal(JSON.stringify(res).includes('s3cret'), false);
});

test('webhook: JSON with the event fields and text, HMAC-SHA256 signature of the body; recipient is the host only', async () => {
  const got: Array<{ raw: string; sig: string | undefined; type: string | undefined }> = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      got.push({ raw, sig: req.headers['x-reprise-signature'] as string | undefined, type: req.headers['content-type'] });
      res.writeHead(200).end('ok');
    });
  });
  const port = await listen(server);
  servers.push({ close: () => server.close() });
  const url = `http://127.0.0.1:${port}/services/T000/B000/secretpath`;
  const res = await notifyAll(ev(), [webhookChannel({ url, secret: 'hook-secret' })], { budgetMs: 5000 });
  assert.deepEqual(res.map((d) => [d.channel, d.recipient, d.ok]), [['webhook', `127.0.0.1:${port}`, true]]);
  assert.equal(got.length, 1);
  assert.equal(got[0].sig, `sha256=${createHmac('sha256', 'hook-secret').update(got[0].raw).digest('hex')}`);
  assert.notEqual(got[0].sig, `sha256=${createHmac('sha256', 'other').update(got[0].raw).digest('hex')}`);
  assert.match(String(got[0].type), /^application\/json/);
  const body = JSON.parse(got[0].raw) as Record<string, unknown>;
  assert.equal(body.type, 'rollback_success');
  assert.equal(body.version, 'v1_2*3');
  assert.equal(body.at, '2026-01-01T12:00:00.000Z');
  assert.match(String(body.text), /^🚨 ROLLBACK EFFECTUÉ\n- Heure : /);
  assert.equal(JSON.stringify(res).includes('secretpath'), false);

  // without a secret: no signature header
  await notifyAll(ev(), [webhookChannel({ url })]);
  assert.equal(got[1].sig, undefined);
});

test('configuredChannels: process env, then env file, then reprise.yml; enabled:false turns Telegram off', () => {
  const config: RawConfig = { notifications: { email: { to: 'a@example.org, b@example.org' }, webhook: { url: 'https://hooks.example.org/x' } } };
  const envVars = new Map([['TELEGRAM_BOT_TOKEN', TOKEN], ['ADMIN_TELEGRAM_IDS', '1, 2'], ['SMTP_URL', 'smtp://u:p@127.0.0.1:25']]);
  const chs = configuredChannels({ envVars, config }, { ADMIN_TELEGRAM_IDS: '9' });
  assert.deepEqual(chs.map((c) => [c.name, c.recipients]), [['telegram', ['9']], ['email', ['a@example.org', 'b@example.org']], ['webhook', ['hooks.example.org']]]);
  const off = configuredChannels({ envVars, config: { notifications: { telegram: { enabled: false } } } }, {});
  assert.deepEqual(off.map((c) => c.name), []);
  assert.deepEqual(configuredChannels({ envVars: new Map(), config: {} }, {}), []);
});

test('configuredChannels: telegram enabled without a token is a reported failure, not silence', async () => {
  const chs = configuredChannels({ envVars: new Map(), config: { notifications: { telegram: { enabled: true } } } }, { ADMIN_TELEGRAM_IDS: '5' });
  const res = await notifyAll(ev(), chs);
  assert.deepEqual(res.map((d) => [d.channel, d.recipient, d.ok]), [['telegram', '5', false]]);
  assert.match(res[0].error ?? '', /TELEGRAM_BOT_TOKEN/);
});

test('notifyAll: channels run concurrently within the budget; a channel that never settles is a timeout', async () => {
  const api = await botApi('ok');
  const stuck = { name: 'email' as const, recipients: ['x@example.org'], send: () => new Promise<never>(() => undefined) };
  const broken = { name: 'webhook' as const, recipients: ['h'], send: () => Promise.reject(new Error(`boom ${TOKEN}`)) };
  const t0 = Date.now();
  const res = await notifyAll(ev(), [telegramChannel({ token: TOKEN, chatIds: ['1'], apiUrl: api.url }), stuck, broken], { budgetMs: 700 });
  const ms = Date.now() - t0;
  assert.deepEqual(res.map((d) => [d.channel, d.ok]), [['telegram', true], ['email', false], ['webhook', false]]);
  assert.match(res[1].error ?? '', /timeout/);
  assert.ok(ms >= 650 && ms < 700 + 1000, `took ${ms} ms`);
  noToken(res);
});

test('notifyEvent records every delivery as a notification event, warns per failure, never throws', async () => {
  const api = await botApi('ok-false');
  const store = Store.open(':memory:');
  const lines: string[] = [];
  const warns: string[] = [];
  const ctx = {
    project: { name: 'recyclic', environment: null, envVars: new Map(), config: {} },
    store,
    env: {},
    lang: 'en',
    out: { line: (s: string) => lines.push(s), warn: (s: string) => warns.push(s) },
    now: () => new Date('2026-01-01T12:00:00Z'),
    host: 'h',
    user: 'u',
  } as unknown as OpContext;
  const res = await notifyEvent(ctx, { type: 'rollback_success', version: 'abc1234', fromVersion: 'def5678' }, null, {
    channels: [telegramChannel({ token: TOKEN, chatIds: ['111'], apiUrl: api.url })],
  });
  assert.equal(res[0].ok, false);
  const events = store.listEvents('recyclic');
  assert.equal(events.length, 1);
  assert.equal(events[0].type, 'notification');
  assert.deepEqual((events[0].details as { deliveries: unknown[] }).deliveries, res);
  assert.equal(warns.length, 1);
  assert.match(warns[0], /telegram 111: Telegram: Bad Request/);
  assert.deepEqual(lines, ['Notifications: 0/1 delivered.']);
  noToken([events, warns, lines]);
  // no channel configured: nothing sent, nothing recorded
  assert.deepEqual(await notifyEvent(ctx, { type: 'test', version: 'x' }, null), []);
  assert.equal(store.listEvents('recyclic').length, 1);
  store.close();
});

// ---- TLS for SMTP credentials (issue 20 item 10), endpoints from the project's env file (item 11) ----

test('isLoopbackHost: localhost, 127.0.0.0/8 and ::1 only (as WHATWG URL spells hostnames)', () => {
  for (const u of ['http://localhost:1', 'http://127.0.0.1', 'http://127.255.3.4:80', 'http://[::1]:8080', 'http://LOCALHOST', 'http://0x7f000001/', 'http://[0:0:0:0:0:0:0:1]/']) {
    assert.equal(isLoopbackHost(new URL(u).hostname), true, u);
  }
  for (const u of ['http://localhost.evil.example', 'http://127.0.0.1.nip.io', 'http://128.0.0.1', 'http://10.0.0.1', 'http://[::2]', 'http://evil.example', 'http://localhost./', 'http://[::ffff:127.0.0.1]/']) {
    assert.equal(isLoopbackHost(new URL(u).hostname), false, u);
  }
});

test('smtpTransportOptions: smtps is implicit TLS; smtp with credentials to a remote host requires STARTTLS; loopback and no credentials unchanged', () => {
  const opts = (url: string, fromEnvFile = false): ReturnType<typeof smtpTransportOptions> => smtpTransportOptions(new URL(url), { timeoutMs: 1234, fromEnvFile });
  const tls = (url: string, fromEnvFile = false): [boolean, boolean] => [opts(url, fromEnvFile).secure, opts(url, fromEnvFile).requireTLS];

  const s = opts('smtps://mailer:p%40ss@mail.example.org');
  assert.deepEqual([s.host, s.port, s.secure, s.requireTLS, s.auth], ['mail.example.org', 465, true, false, { user: 'mailer', pass: 'p@ss' }]);
  assert.deepEqual([s.connectionTimeout, s.greetingTimeout, s.socketTimeout], [1234, 1234, 1234]);

  const p = opts('smtp://mailer:pw@mail.example.org:587');
  assert.deepEqual([p.host, p.port, p.secure, p.requireTLS], ['mail.example.org', 587, false, true]);
  assert.deepEqual(tls('smtp://mailer@mail.example.org'), [false, true], 'a user name alone is a login');
  assert.deepEqual(tls('smtp://mailer:pw@10.0.0.5:25'), [false, true]);
  assert.deepEqual(tls('smtp://mailer:pw@localhost.evil.example:25'), [false, true]);

  // no credentials, or the server on this machine: as before (STARTTLS when offered, plain otherwise)
  assert.deepEqual(tls('smtp://mail.example.org:25'), [false, false]);
  assert.equal(opts('smtp://mail.example.org:25').auth, undefined);
  for (const u of ['smtp://mailer:pw@127.0.0.1:2525', 'smtp://mailer:pw@localhost:25', 'smtp://mailer:pw@127.1.2.3', 'smtp://mailer:pw@[::1]:25']) {
    assert.deepEqual(tls(u), [false, false], u);
  }
  assert.equal(opts('smtp://mailer:pw@[::1]:25').host, '::1', 'an IPv6 host is given to nodemailer without brackets');

  // from the project's env file: TLS whenever the server is not on this machine, credentials or not
  assert.deepEqual(tls('smtp://mail.example.org:25', true), [false, true]);
  assert.deepEqual(tls('smtp://127.0.0.1:25', true), [false, false]);
  assert.deepEqual(tls('smtps://mail.example.org', true), [true, false]);
});

type FetchLike = typeof globalThis.fetch;

/** Runs `body` with globalThis.fetch replaced: every URL asked for is recorded, none is contacted. */
async function withFakeFetch<T>(body: (urls: string[]) => Promise<T>, answer = '{"ok":true,"result":{}}'): Promise<T> {
  const real = globalThis.fetch;
  const urls: string[] = [];
  globalThis.fetch = (async (input: Parameters<FetchLike>[0]) => {
    urls.push(String(input instanceof Request ? input.url : input));
    return new Response(answer, { status: 200, headers: { 'content-type': 'application/json' } });
  }) as FetchLike;
  try {
    return await body(urls);
  } finally {
    globalThis.fetch = real;
  }
}

const tgVars = (extra: Array<[string, string]> = []): Map<string, string> => new Map([['TELEGRAM_BOT_TOKEN', TOKEN], ['ADMIN_TELEGRAM_IDS', '111'], ...extra]);

test('configuredChannels: TELEGRAM_API_URL over plain HTTP to another host from the env file → misconfigured, nothing sent', async () => {
  await withFakeFetch(async (urls) => {
    const chs = configuredChannels({ envVars: tgVars([['TELEGRAM_API_URL', 'http://evil.example:8080']]), config: {} }, {});
    assert.deepEqual(chs.map((c) => [c.name, c.recipients]), [['telegram', ['111']]]);
    const res = await notifyAll(ev(), chs, { budgetMs: 2000 });
    assert.deepEqual(res.map((d) => [d.channel, d.recipient, d.ok, d.attempts]), [['telegram', '111', false, 0]]);
    assert.match(res[0].error ?? '', /TELEGRAM_API_URL/);
    assert.match(res[0].error ?? '', /env file/);
    assert.match(res[0].error ?? '', /https:\/\//);
    assert.match(res[0].error ?? '', /http:\/\/evil\.example:8080/);
    assert.deepEqual(urls, [], 'no request is made');
    noToken(res);
    // the token in the process environment does not change that: the URL still comes from the file
    const chs2 = configuredChannels({ envVars: new Map([['ADMIN_TELEGRAM_IDS', '111'], ['TELEGRAM_API_URL', 'http://evil.example:8080']]), config: {} }, { TELEGRAM_BOT_TOKEN: TOKEN });
    const res2 = await notifyAll(ev(), chs2, { budgetMs: 2000 });
    assert.deepEqual(res2.map((d) => [d.ok, d.attempts]), [[false, 0]]);
    // neither do other schemes or a URL that does not parse
    for (const bad of ['ftp://api.example.org', 'api.telegram.org', 'http://127.0.0.1.nip.io:8080']) {
      const r = await notifyAll(ev(), configuredChannels({ envVars: tgVars([['TELEGRAM_API_URL', bad]]), config: {} }, {}), { budgetMs: 2000 });
      assert.deepEqual(r.map((d) => [d.ok, d.attempts]), [[false, 0]], bad);
      assert.match(r[0].error ?? '', /TELEGRAM_API_URL/, bad);
    }
    assert.deepEqual(urls, []);
  });
});

test('configuredChannels: TELEGRAM_API_URL on loopback from the env file → sent normally', async () => {
  const api = await botApi('ok');
  assert.match(api.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  const chs = configuredChannels({ envVars: tgVars([['TELEGRAM_API_URL', api.url]]), config: {} }, {});
  const res = await notifyAll(ev(), chs, { budgetMs: 5000 });
  assert.deepEqual(res.map((d) => [d.channel, d.recipient, d.ok, d.error]), [['telegram', '111', true, null]]);
  assert.equal(api.received.length, 1);
});

test('configuredChannels: any TELEGRAM_API_URL from the process environment, and https:// from the env file, are used as they are', async () => {
  await withFakeFetch(async (urls) => {
    const fromEnv = configuredChannels({ envVars: tgVars([['TELEGRAM_API_URL', 'https://ignored.example']]), config: {} }, { TELEGRAM_API_URL: 'http://evil.example:8080' });
    const res = await notifyAll(ev(), fromEnv, { budgetMs: 2000 });
    assert.deepEqual(res.map((d) => [d.ok, d.error]), [[true, null]]);
    assert.deepEqual(urls, [`http://evil.example:8080/bot${TOKEN}/sendMessage`]);
    const https = configuredChannels({ envVars: tgVars([['TELEGRAM_API_URL', 'https://tg-proxy.example.org/']]), config: {} }, {});
    assert.deepEqual((await notifyAll(ev(), https, { budgetMs: 2000 })).map((d) => d.ok), [true]);
    assert.deepEqual(urls.slice(1), [`https://tg-proxy.example.org/bot${TOKEN}/sendMessage`]);
  });
});

test('configuredChannels: NOTIFICATION_WEBHOOK_URL from the env file must be https:// or loopback; the environment and reprise.yml are kept', async () => {
  await withFakeFetch(async (urls) => {
    const file = (url: string): Promise<Awaited<ReturnType<typeof notifyAll>>> =>
      notifyAll(ev(), configuredChannels({ envVars: new Map([['NOTIFICATION_WEBHOOK_URL', url]]), config: {} }, {}), { budgetMs: 2000 });
    const bad = await file('http://hooks.example.org/services/T0/B0/secretpath');
    assert.deepEqual(bad.map((d) => [d.channel, d.recipient, d.ok, d.attempts]), [['webhook', 'hooks.example.org', false, 0]]);
    assert.match(bad[0].error ?? '', /NOTIFICATION_WEBHOOK_URL from the project's env file/);
    assert.equal(JSON.stringify(bad).includes('secretpath'), false);
    assert.deepEqual(urls, []);

    assert.deepEqual((await file('https://hooks.example.org/x')).map((d) => d.ok), [true]);
    assert.deepEqual((await file('http://127.0.0.1:9/x')).map((d) => d.ok), [true]);
    const env = await notifyAll(ev(), configuredChannels({ envVars: new Map(), config: {} }, { NOTIFICATION_WEBHOOK_URL: 'http://hooks.example.org/y' }), { budgetMs: 2000 });
    assert.deepEqual(env.map((d) => d.ok), [true]);
    const yml = await notifyAll(ev(), configuredChannels({ envVars: new Map(), config: { notifications: { webhook: { url: 'http://hooks.example.org/z' } } } }, {}), { budgetMs: 2000 });
    assert.deepEqual(yml.map((d) => d.ok), [true]);
    assert.deepEqual(urls, ['https://hooks.example.org/x', 'http://127.0.0.1:9/x', 'http://hooks.example.org/y', 'http://hooks.example.org/z']);
  }, 'ok');
});

/** Runs `body` with nodemailer's createTransport replaced: the options of every transport are recorded, nothing connects. */
async function withTransportStub<T>(body: (seen: Array<Record<string, unknown>>) => Promise<T>): Promise<T> {
  const mod = nodemailer as unknown as { createTransport: unknown };
  const real = mod.createTransport;
  const seen: Array<Record<string, unknown>> = [];
  mod.createTransport = (options: Record<string, unknown>) => {
    seen.push(options);
    return { sendMail: async (m: { to: string[] }) => ({ accepted: m.to }), close: () => undefined };
  };
  try {
    return await body(seen);
  } finally {
    mod.createTransport = real;
  }
}

test('configuredChannels: SMTP_URL from the env file requires TLS unless on loopback; from the environment only with credentials', async () => {
  await withTransportStub(async (seen) => {
    const send = async (file: Array<[string, string]>, env: NodeJS.ProcessEnv): Promise<[unknown, unknown]> => {
      const chs = configuredChannels({ envVars: new Map([['NOTIFICATION_EMAIL', 'ops@example.org'], ...file]), config: {} }, env);
      const res = await notifyAll(ev(), chs, { budgetMs: 2000 });
      assert.deepEqual(res.map((d) => [d.channel, d.ok]), [['email', true]]);
      const o = seen[seen.length - 1];
      return [o.secure, o.requireTLS];
    };
    assert.deepEqual(await send([['SMTP_URL', 'smtp://mail.example.org:25']], {}), [false, true]);
    assert.deepEqual(await send([['SMTP_URL', 'smtp://u:p@mail.example.org:587']], {}), [false, true]);
    assert.deepEqual(await send([['SMTP_URL', 'smtp://u:p@127.0.0.1:2525']], {}), [false, false]);
    assert.deepEqual(await send([['SMTP_URL', 'smtps://u:p@mail.example.org']], {}), [true, false]);
    assert.deepEqual(await send([], { SMTP_URL: 'smtp://mail.example.org:25' }), [false, false]);
    assert.deepEqual(await send([['SMTP_URL', 'smtps://ignored.example']], { SMTP_URL: 'smtp://u:p@mail.example.org:587' }), [false, true]);
    assert.equal(seen.length, 6);
  });
});
