'use strict';
// Recyclic Telegram bot stand-in (offline: it never contacts Telegram). Serves /health.
const { VERSION, log, json, serve } = require('./common');

serve('bot', 8001, (req) => {
  const { pathname } = new URL(req.url, 'http://localhost');
  if (pathname === '/health') return json(200, { status: 'ok', version: VERSION });
  if (pathname === '/') return json(200, { name: 'recyclic-bot', version: VERSION });
  return json(404, { detail: 'Not Found' });
});
log('bot', `api at ${process.env.API_URL || 'http://api:8000'} (demo: telegram polling disabled)`);
