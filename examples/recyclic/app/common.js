'use strict';
// Shared helpers of the Recyclic demo services (plain Node.js; store.js adds the `pg` client).
// Each service is a tiny HTTP server that logs one line per request and exits
// promptly on SIGTERM/SIGINT (as pid 1 in a container, an unhandled SIGTERM is ignored).
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const path = require('node:path');

function readText(file, fallback) {
  try {
    return fs.readFileSync(path.join(__dirname, file), 'utf8').trim();
  } catch {
    return fallback;
  }
}

/** Version baked into the image (/app/VERSION). */
const VERSION = readText('VERSION', 'dev');
/** Broken mode baked into the image (/app/BROKEN): health500 | unhealthy | exit | hang | migrations-fail | ''. */
const BROKEN = readText('BROKEN', '');

function log(name, message) {
  process.stdout.write(`[${name}] ${message}\n`);
}

function onShutdown(name, cleanup) {
  const stop = (signal) => {
    log(name, `received ${signal}, shutting down`);
    try {
      if (cleanup) cleanup();
    } finally {
      process.exit(0);
    }
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

function json(status, body) {
  return { status, type: 'application/json', body: JSON.stringify(body) };
}

/**
 * Starts an HTTP server. `handler(req)` returns (or resolves to) {status, type, body}.
 * Logs "METHOD URL STATUS DURATIONms" for every request.
 */
function serve(name, port, handler) {
  const server = http.createServer((req, res) => {
    const started = process.hrtime.bigint();
    Promise.resolve()
      .then(() => handler(req))
      .catch((err) => {
        log(name, `ERROR ${err && err.stack ? err.stack : err}`);
        return json(500, { status: 'error', detail: 'Internal Server Error' });
      })
      .then((r) => {
        const result = r || json(404, { detail: 'Not Found' });
        res.writeHead(result.status, { 'content-type': result.type, 'cache-control': 'no-store' });
        res.end(result.body);
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        log(name, `${req.method} ${req.url} ${result.status} ${ms.toFixed(1)}ms`);
      });
  });
  server.keepAliveTimeout = 2000;
  server.listen(port, '0.0.0.0', () => log(name, `version ${VERSION} listening on :${port}`));
  onShutdown(name, () => server.close());
  return server;
}

/**
 * Opens a TCP connection, sends `line` and resolves to the first line answered
 * (or null on error/timeout).
 */
function ask(host, port, line, timeoutMs = 1000) {
  return new Promise((resolve) => {
    let done = false;
    let buf = '';
    const finish = (value) => {
      if (done) return;
      done = true;
      socket.destroy();
      resolve(value);
    };
    const socket = net.connect({ host, port });
    socket.setTimeout(timeoutMs, () => finish(null));
    socket.on('connect', () => socket.write(`${line}\n`));
    socket.on('data', (d) => {
      buf += d.toString('utf8');
      const i = buf.indexOf('\n');
      if (i >= 0) finish(buf.slice(0, i).trim());
    });
    socket.on('error', () => finish(null));
    socket.on('close', () => finish(buf ? buf.trim() : null));
  });
}

/** Parses DATABASE_URL (postgresql://user:password@host:port/db) without logging the password. */
function database() {
  const raw = process.env.DATABASE_URL || 'postgresql://recyclic@db:5432/recyclic';
  try {
    const u = new URL(raw);
    return {
      host: u.hostname || 'db',
      port: Number(u.port || 5432),
      user: decodeURIComponent(u.username || 'recyclic'),
      password: decodeURIComponent(u.password || ''),
      name: decodeURIComponent(u.pathname.replace(/^\//, '') || 'recyclic'),
    };
  } catch {
    return { host: 'db', port: 5432, user: 'recyclic', password: '', name: 'recyclic' };
  }
}

function cache() {
  try {
    const u = new URL(process.env.REDIS_URL || 'redis://cache:6379/0');
    return { host: u.hostname || 'cache', port: Number(u.port || 6379) };
  } catch {
    return { host: 'cache', port: 6379 };
  }
}

module.exports = { VERSION, BROKEN, log, onShutdown, json, serve, ask, database, cache };
