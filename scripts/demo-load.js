#!/usr/bin/env node
// Runs a command while a small load (20 requests/s, 127.0.0.1 only) goes through the demo's proxy, then
// prints how many requests failed during it. Used by scripts/demo.sh around the manual rollback.
//   node scripts/demo-load.js URL[,URL…] COMMAND [ARG…]     (stdin is passed to COMMAND)
'use strict';
const { spawn } = require('node:child_process');
const { join } = require('node:path');
const { startLoad } = require(join(__dirname, '..', 'dist', 'bench', 'load.js'));

const [urls, cmd, ...args] = process.argv.slice(2);
if (!urls || !cmd) {
  console.error('usage: demo-load.js URL[,URL…] COMMAND [ARG…]');
  process.exit(2);
}
const load = startLoad(urls.split(','), 20, { timeoutMs: 5000, maxRequests: 5000 });
const child = spawn(cmd, args, { stdio: 'inherit' });
child.on('close', async (code) => {
  const r = await load.stop();
  console.log(
    `Charge pendant l'opération / Load during the operation: ${r.requests} requêtes/requests, ${r.failed} échec(s)/failed, ` +
      `plus long trou sans réponse / longest gap without an answer ${r.longestGapMs} ms, p99 ${r.p99Ms} ms`,
  );
  process.exit(code ?? 1);
});
