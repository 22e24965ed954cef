'use strict';
// Recyclic API stand-in. GET /health checks the database (a real PostgreSQL: SELECT 1) and the cache (a real
// Redis: PING); /v1/deposits reads and writes the `deposits` table (store.js).
// Broken modes (/app/BROKEN): health500, unhealthy, exit, hang; late500 and slow break only after a delay
// (REPRISE_DEMO_BREAK_AFTER seconds, else /app/BREAK_AFTER baked by build-images.sh --break-after, else 20).
const { VERSION, BROKEN, log, json, serve } = require('./common');
const store = require('./store');

const NAME = 'api';
const PORT = 8000;

async function dependencies() {
  const [database, cache] = await Promise.all([store.databaseState(), store.cacheState()]);
  return { database, cache };
}

/** The request's body as JSON ({} when empty or not JSON), at most 16 KiB. */
function bodyOf(req) {
  return new Promise((resolve) => {
    let buf = '';
    req.on('data', (d) => {
      buf += d;
      if (buf.length > 16384) req.destroy();
    });
    req.on('end', () => {
      try {
        resolve(buf ? JSON.parse(buf) : {});
      } catch {
        resolve({});
      }
    });
    req.on('error', () => resolve({}));
  });
}

async function deposits(req, url) {
  if (req.method === 'POST') {
    const body = await bodyOf(req);
    const item = typeof body.item === 'string' && body.item.trim() ? body.item.trim().slice(0, 200) : null;
    if (!item) return json(422, { detail: 'item (a non-empty string) is required' });
    const weight = typeof body.weight_kg === 'number' && body.weight_kg >= 0 ? body.weight_kg : undefined;
    return json(201, { version: VERSION, schema: store.HEAD, deposit: await store.addDeposit(item, weight) });
  }
  const limit = Math.min(100, Math.max(1, Number(url.searchParams.get('limit')) || 20));
  return json(200, { version: VERSION, schema: store.HEAD, ...(await store.listDeposits(limit)) });
}

async function handler(req) {
  const url = new URL(req.url, 'http://localhost');
  switch (url.pathname) {
    case '/health': {
      if (BROKEN === 'health500') {
        log(NAME, 'ERROR Internal Server Error: sqlalchemy.exc.OperationalError (demo: broken build)');
        return json(500, { status: 'error', detail: 'Internal Server Error', version: VERSION });
      }
      if (BROKEN === 'hang') {
        // never answers: the request stays open until the client gives up
        return new Promise(() => {});
      }
      if (BROKEN === 'unhealthy') {
        return json(200, { status: 'unhealthy', version: VERSION, database: 'error', cache: 'ok' });
      }
      const deps = await dependencies();
      const healthy = deps.database === 'ok' && deps.cache === 'ok';
      if (!healthy) log(NAME, `WARNING dependencies not ready: database=${deps.database} cache=${deps.cache}`);
      return json(healthy ? 200 : 503, { status: healthy ? 'ok' : 'down', version: VERSION, ...deps });
    }
    case '/debug/log': {
      // demo only: writes one critical line to the logs, for `reprise verify` / `monitor` to find
      if (url.searchParams.get('level') === 'error') log(NAME, 'ERROR Traceback (demo): error line requested through /debug/log');
      return json(200, { logged: url.searchParams.get('level') === 'error' });
    }
    case '/v1/deposits':
      return deposits(req, url);
    case '/v1/health/version':
      return json(200, { version: VERSION });
    case '/':
      return json(200, { name: 'recyclic-api', version: VERSION, docs: '/docs' });
    case '/docs':
      return {
        status: 200,
        type: 'text/html; charset=utf-8',
        body: `<!doctype html><title>Recyclic API ${VERSION}</title><h1>Recyclic API</h1><p>Version ${VERSION}</p><ul><li>GET /health</li><li>GET /v1/health/version</li><li>GET, POST /v1/deposits</li></ul>`,
      };
    default:
      return json(404, { detail: 'Not Found' });
  }
}

// late500: every route answers 500 after the delay; slow: every answer takes 3× longer plus 300 ms.
const LATE = BROKEN === 'late500' || BROKEN === 'slow';
const BREAK_AFTER_S = Number(process.env.REPRISE_DEMO_BREAK_AFTER || readBakedDelay() || 20);
let lateBroken = false;
function readBakedDelay() {
  try {
    return require('node:fs').readFileSync(`${__dirname}/BREAK_AFTER`, 'utf8').trim();
  } catch {
    return '';
  }
}
async function withDemoFaults(req) {
  if (lateBroken && BROKEN === 'late500') {
    log(NAME, `ERROR Internal Server Error on ${req.url} (demo: late500)`);
    return json(500, { status: 'error', detail: 'Internal Server Error', version: VERSION });
  }
  const started = Date.now();
  const answer = await handler(req);
  if (lateBroken && BROKEN === 'slow') await new Promise((r) => setTimeout(r, 2 * (Date.now() - started) + 300));
  return answer;
}
if (LATE) {
  setTimeout(() => {
    lateBroken = true;
    log(NAME, `demo broken mode ${BROKEN}: broken from now on (after ${BREAK_AFTER_S} s)`);
  }, BREAK_AFTER_S * 1000).unref();
}

serve(NAME, PORT, LATE ? withDemoFaults : handler);
if (BROKEN) log(NAME, `demo broken mode: ${BROKEN}`);
if (BROKEN === 'exit') {
  setTimeout(() => {
    log(NAME, 'FATAL could not start application (demo: broken build), exiting with status 1');
    process.exit(1);
  }, 1000);
}
