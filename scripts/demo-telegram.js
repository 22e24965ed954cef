// A stand-in for Telegram's Bot API on 127.0.0.1 for the demo: accepts POST /bot<token>/sendMessage,
// answers like Telegram, and appends each message (chat id and text) to the file given as argument.
//   node scripts/demo-telegram.js PORT LOGFILE
'use strict';
const http = require('node:http');
const fs = require('node:fs');

const port = Number(process.argv[2] || 8089);
const logFile = process.argv[3] || 'telegram-messages.log';

const server = http.createServer((req, res) => {
  let raw = '';
  req.on('data', (c) => (raw += c));
  req.on('end', () => {
    let body = {};
    try {
      body = JSON.parse(raw);
    } catch {
      // not JSON: answered below as Telegram would
    }
    const ok = req.method === 'POST' && /^\/bot[^/]+\/sendMessage$/.test(req.url || '') && body.chat_id && body.text;
    if (ok) {
      const text = String(body.text).replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
      fs.appendFileSync(logFile, `--- chat ${body.chat_id} (${new Date().toISOString()})\n${text}\n`);
    }
    res.writeHead(ok ? 200 : 400, { 'content-type': 'application/json' });
    res.end(JSON.stringify(ok ? { ok: true, result: { message_id: 1 } } : { ok: false, error_code: 400, description: 'Bad Request' }));
  });
});
server.listen(port, '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
