'use strict';
// Redis stand-in for the Recyclic demo (image recyclic-redis:7-demo): answers "PING" with "+PONG" on :6379.
const net = require('node:net');

const log = (m) => process.stdout.write(`1:M ${new Date().toISOString()} * ${m}\n`);

const server = net.createServer((socket) => {
  let buf = '';
  socket.on('error', () => {});
  socket.on('data', (d) => {
    buf += d.toString('utf8');
    let i;
    while ((i = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, i).trim().toUpperCase();
      buf = buf.slice(i + 1);
      socket.write(line.startsWith('PING') ? '+PONG\r\n' : '-ERR unknown command (demo)\r\n');
    }
  });
});
server.listen(6379, '0.0.0.0', () => log('Ready to accept connections tcp'));

const stop = () => {
  log('Received SIGTERM scheduling shutdown...');
  server.close();
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
