'use strict';
// Recyclic API stand-in. GET /health checks the database (auth) and the cache.
// Broken modes (/app/BROKEN): health500, unhealthy, exit.
const { VERSION, BROKEN, log, json, serve, ask, database, cache } = require('./common');

const NAME = 'api';
const PORT = 8000;
const db = database();
const redis = cache();

async function dependencies() {
  const [dbAnswer, cacheAnswer] = await Promise.all([
    ask(db.host, db.port, `AUTH ${db.user} ${db.password}`),
    ask(redis.host, redis.port, 'PING'),
  ]);
  return {
    database: dbAnswer === 'OK' ? 'ok' : dbAnswer && dbAnswer.startsWith('ERR') ? 'auth_failed' : 'unreachable',
    cache: cacheAnswer === '+PONG' ? 'ok' : 'unreachable',
  };
}

async function handler(req) {
  const url = new URL(req.url, 'http://localhost');
  switch (url.pathname) {
    case '/health': {
      if (BROKEN === 'health500') {
        log(NAME, 'ERROR Internal Server Error: sqlalchemy.exc.OperationalError (demo: broken build)');
        return json(500, { status: 'error', detail: 'Internal Server Error', version: VERSION });
      }
      if (BROKEN === 'unhealthy') {
        return json(200, { status: 'unhealthy', version: VERSION, database: 'error', cache: 'ok' });
      }
      const deps = await dependencies();
      const healthy = deps.database === 'ok' && deps.cache === 'ok';
      if (!healthy) log(NAME, `WARNING dependencies not ready: database=${deps.database} cache=${deps.cache}`);
      return json(healthy ? 200 : 503, { status: healthy ? 'ok' : 'down', version: VERSION, ...deps });
    }
    case '/v1/health/version':
      return json(200, { version: VERSION });
    case '/':
      return json(200, { name: 'recyclic-api', version: VERSION, docs: '/docs' });
    case '/docs':
      return {
        status: 200,
        type: 'text/html; charset=utf-8',
        body: `<!doctype html><title>Recyclic API ${VERSION}</title><h1>Recyclic API</h1><p>Version ${VERSION}</p><ul><li>GET /health</li><li>GET /v1/health/version</li></ul>`,
      };
    default:
      return json(404, { detail: 'Not Found' });
  }
}

serve(NAME, PORT, handler);
if (BROKEN) log(NAME, `demo broken mode: ${BROKEN}`);
if (BROKEN === 'exit') {
  setTimeout(() => {
    log(NAME, 'FATAL could not start application (demo: broken build), exiting with status 1');
    process.exit(1);
  }, 1000);
}
