'use strict';
// Recyclic database migrations: a one-shot job, like `alembic upgrade head`. Waits for the database (a real
// PostgreSQL) up to 90 s, brings its schema to this version's head (store.js: 0001 creates `deposits`, 0002 adds
// and back-fills `weight_kg`) in one transaction, and exits 0. A database already at a newer head is left as it
// is: this version's code runs on it (columns are only added).
// Broken mode (/app/BROKEN): migrations-fail → exits 1 before changing anything.
const { VERSION, BROKEN, log, onShutdown, database } = require('./common');
const store = require('./store');

const NAME = 'api-migrations';

async function main() {
  onShutdown(NAME);
  const target = store.HEAD;
  log(NAME, `running migrations for version ${VERSION} (head ${target})`);
  // compose starts it once db is healthy (depends_on), Swarm has no start order: on a busy machine a first
  // start of the database (initdb) can take most of a minute, and a one-shot that gave up would fail the release
  const deadline = Date.now() + 90000;
  let state = 'unreachable';
  while (Date.now() < deadline) {
    state = await store.databaseState();
    if (state !== 'unreachable') break;
    await new Promise((r) => setTimeout(r, 250));
  }
  if (state === 'unreachable') {
    log(NAME, `FATAL could not connect to server: ${database().host}:${database().port}`);
    return 1;
  }
  if (state === 'auth_failed') {
    log(NAME, `FATAL password authentication failed for user "${database().user}"`);
    return 1;
  }
  if (BROKEN === 'migrations-fail') {
    log(NAME, 'ERROR migration 0042_add_deposit_weight failed: OperationalError (demo: broken build)');
    return 1;
  }
  const { from, to } = await store.migrate();
  if (from === to && from > target) log(NAME, `database at head ${from}, newer than this version's ${target}: left as it is`);
  else if (from === to) log(NAME, `database already at head ${to}`);
  else log(NAME, `migrations applied: ${from || '(empty)'} -> ${to} (${VERSION})`);
  return 0;
}

main().then(
  async (code) => {
    await store.close();
    process.exit(code);
  },
  (err) => {
    log(NAME, `ERROR ${err && err.message ? err.message : err}`);
    process.exit(1);
  },
);
