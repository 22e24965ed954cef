'use strict';
// Recyclic database migrations stand-in: a one-shot job. Connects to the database
// (retrying for a while), "applies" the migrations of this version, exits 0.
// Broken mode (/app/BROKEN): migrations-fail → exits 1.
const { VERSION, BROKEN, log, onShutdown, ask, database } = require('./common');

const NAME = 'api-migrations';
const db = database();

async function main() {
  onShutdown(NAME);
  log(NAME, `running migrations for version ${VERSION}`);
  const deadline = Date.now() + 20000;
  let answer = null;
  while (Date.now() < deadline) {
    answer = await ask(db.host, db.port, `AUTH ${db.user} ${db.password}`);
    if (answer !== null) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  if (answer === null) {
    log(NAME, `FATAL could not connect to server: ${db.host}:${db.port}`);
    return 1;
  }
  if (answer !== 'OK') {
    log(NAME, `FATAL password authentication failed for user "${db.user}"`);
    return 1;
  }
  if (BROKEN === 'migrations-fail') {
    log(NAME, 'ERROR migration 0042_add_deposit_weight failed: OperationalError (demo: broken build)');
    return 1;
  }
  const result = await ask(db.host, db.port, `MIGRATE ${VERSION}`);
  if (result !== 'OK') {
    log(NAME, `ERROR migration failed: ${result === null ? 'no answer' : result}`);
    return 1;
  }
  log(NAME, `migrations applied (${VERSION})`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    log(NAME, `ERROR ${err && err.stack ? err.stack : err}`);
    process.exit(1);
  },
);
