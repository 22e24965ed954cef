'use strict';
// The compiled CLI, started by bin/reprise (a shell wrapper: see there). Run `npm run build` (done by the
// README's set-up commands) first.
const path = require('node:path');
const main = path.join(__dirname, '..', 'dist', 'src', 'cli', 'main.js');
try {
  require.resolve(main);
} catch {
  process.stderr.write('reprise: not built yet — run `bash scripts/setup.sh` (or `npm run build`) first.\n');
  process.exit(2);
}
require(main).run(process.argv.slice(2));
