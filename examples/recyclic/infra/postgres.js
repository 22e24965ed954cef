'use strict';
// PostgreSQL stand-in for the Recyclic demo (image recyclic-postgres:15-demo).
// Line protocol on :5432 — "PING" → "PONG", "AUTH user password" → "OK" | "ERR ...",
// "MIGRATE version" → "OK" (appended to the data directory, kept in the named volume).
// Refuses to start without POSTGRES_PASSWORD, like the real image.
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const DATA = process.env.PGDATA || '/var/lib/postgresql/data';
const USER = process.env.POSTGRES_USER || 'postgres';
const PASSWORD = process.env.POSTGRES_PASSWORD || '';
const log = (m) => process.stdout.write(`${new Date().toISOString().replace('T', ' ').slice(0, 19)} UTC LOG:  ${m}\n`);

if (!PASSWORD) {
  process.stderr.write(
    'Error: Database is uninitialized and superuser password is not specified.\n' +
      '       You must specify POSTGRES_PASSWORD to a non-empty value for the superuser.\n',
  );
  process.exit(1);
}

fs.mkdirSync(DATA, { recursive: true });
const marker = path.join(DATA, 'PG_VERSION');
if (!fs.existsSync(marker)) {
  log('initializing database cluster (demo)');
  fs.writeFileSync(marker, '15\n');
} else {
  log('database system was shut down; data directory found');
}

const server = net.createServer((socket) => {
  let buf = '';
  socket.on('error', () => {});
  socket.on('data', (d) => {
    buf += d.toString('utf8');
    let i;
    while ((i = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, i).trim();
      buf = buf.slice(i + 1);
      const [cmd, ...args] = line.split(' ');
      if (cmd === 'PING') socket.write('PONG\n');
      else if (cmd === 'AUTH') {
        const ok = args[0] === USER && args.slice(1).join(' ') === PASSWORD;
        if (!ok) log(`FATAL:  password authentication failed for user "${args[0] || ''}"`);
        socket.write(ok ? 'OK\n' : 'ERR password authentication failed\n');
      } else if (cmd === 'MIGRATE') {
        fs.appendFileSync(path.join(DATA, 'migrations.log'), `${new Date().toISOString()} ${args[0] || ''}\n`);
        log(`migrations recorded for version ${args[0] || ''}`);
        socket.write('OK\n');
      } else socket.write('ERR unknown command\n');
    }
  });
});
server.listen(5432, '0.0.0.0', () => log('database system is ready to accept connections'));

const stop = () => {
  log('received fast shutdown request');
  server.close();
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
