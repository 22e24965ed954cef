// End to end: `reprise notify test --json` in a temporary project (no Docker needed) against a local Bot API.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const BIN = path.join(ROOT, 'bin', 'reprise');
const TOKEN = '123456:SECRET-token-value';

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(BIN, args, { env, timeout: 30_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath ?? e.path, e.name));
}

function cleanEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C', ...extra };
  return env;
}

test('reprise notify test --json: both chat ids get the message; the token is nowhere in output or project files', async () => {
  const received: Array<{ url: string; body: Record<string, unknown> }> = [];
  let fail222 = false;
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      const body = JSON.parse(raw) as Record<string, unknown>;
      received.push({ url: req.url ?? '', body });
      res.writeHead(200, { 'content-type': 'application/json' });
      if (fail222 && body.chat_id === '222') res.end(JSON.stringify({ ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' }));
      else res.end(JSON.stringify({ ok: true, result: { message_id: 1 } }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reprise-notify-'));
  try {
    fs.copyFileSync(path.join(ROOT, 'examples', 'recyclic', 'docker-compose.yml'), path.join(dir, 'docker-compose.yml'));
    fs.writeFileSync(path.join(dir, '.env'), `TELEGRAM_BOT_TOKEN=${TOKEN}\nADMIN_TELEGRAM_IDS="111, 222"\nTELEGRAM_API_URL=http://127.0.0.1:${port}\n`);

    const r = await run(['-C', dir, 'notify', 'test', '--json'], cleanEnv({ REPRISE_LANG: 'fr' }));
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as { ok: boolean; deliveries: Array<{ channel: string; recipient: string; ok: boolean }> };
    assert.equal(doc.ok, true);
    assert.deepEqual(doc.deliveries.map((d) => [d.channel, d.recipient, d.ok]), [['telegram', '111', true], ['telegram', '222', true]]);
    assert.deepEqual(received.map((x) => x.body.chat_id).sort(), ['111', '222']);
    for (const x of received) {
      assert.equal(x.url, `/bot${TOKEN}/sendMessage`);
      assert.match(String(x.body.text), /^<b>🔔 TEST DE NOTIFICATION<\/b>\n- Heure : /);
    }

    // one chat failing: exit 1, the failure shown in human form (English), still no token
    fail222 = true;
    const r2 = await run(['-C', dir, 'notify', 'test', '--lang', 'en'], cleanEnv({}));
    assert.equal(r2.code, 1, r2.stderr);
    assert.match(r2.stderr, /✓ telegram 111: delivered/);
    assert.match(r2.stderr, /✗ telegram 222: Telegram: Forbidden: bot was blocked by the user/);

    for (const out of [r.stdout, r.stderr, r2.stdout, r2.stderr]) assert.equal(out.includes('SECRET-token'), false, out);
    for (const f of filesUnder(dir)) {
      if (path.basename(f) === '.env') continue;
      assert.equal(fs.readFileSync(f).includes('SECRET-token'), false, `token found in ${f}`);
    }

    // nothing configured: exit 0 and say so
    fs.writeFileSync(path.join(dir, '.env'), 'API_TAG=x\n');
    const r3 = await run(['-C', dir, 'notify', 'test', '--lang', 'en'], cleanEnv({}));
    assert.equal(r3.code, 0, r3.stderr);
    assert.match(r3.stderr, /No notification channel is configured/);
    const r4 = await run(['-C', dir, 'notify', 'test', '--json'], cleanEnv({}));
    assert.deepEqual(JSON.parse(r4.stdout), { ok: true, deliveries: [] });
  } finally {
    server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
