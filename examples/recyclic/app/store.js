'use strict';
// Recyclic's data in the demo: a real PostgreSQL (the `pg` client, baked into reprise-demo-base at /node_modules)
// and a real Redis (its inline protocol over a socket). The schema this version's code was written for is baked
// into the image (/app/SCHEMA, `build-images.sh --schema N`, default 1):
//   0001  deposits (id, item, created_at) and alembic_version, as Alembic keeps it
//   0002  deposits.weight_kg, back-filled to 1.0 for the rows written before it
// The migrations service brings the database up to this head; the api reads and writes `deposits` with the
// columns its head knows, so an older version's code keeps working on a newer schema (columns are only added).
const { Pool } = require('pg');
const { ask, cache, database } = require('./common');
const fs = require('node:fs');
const path = require('node:path');

/** The schema head this version's code expects: 1 or 2. */
const SCHEMA = (() => {
  try {
    const n = Number(fs.readFileSync(path.join(__dirname, 'SCHEMA'), 'utf8').trim());
    return n >= 2 ? 2 : 1;
  } catch {
    return 1;
  }
})();

const HEADS = ['0001', '0002'];
/** this version's head, as alembic_version holds it */
const HEAD = HEADS[SCHEMA - 1];
const MIGRATIONS = {
  '0001': [
    'CREATE TABLE IF NOT EXISTS deposits (id bigserial PRIMARY KEY, item text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())',
  ],
  '0002': ['ALTER TABLE deposits ADD COLUMN IF NOT EXISTS weight_kg numeric(8,2)', 'UPDATE deposits SET weight_kg = 1.0 WHERE weight_kg IS NULL'],
};

let pool = null;
function db() {
  if (!pool) {
    const d = database();
    // the password reaches the client in memory only (never a command line, never a log line)
    pool = new Pool({ host: d.host, port: d.port, user: d.user, password: d.password, database: d.name, max: 3, connectionTimeoutMillis: 2000, query_timeout: 5000, idleTimeoutMillis: 30000 });
    pool.on('error', () => {});
  }
  return pool;
}

/** 'ok' | 'auth_failed' | 'unreachable' */
async function databaseState() {
  try {
    await db().query('SELECT 1');
    return 'ok';
  } catch (e) {
    return e && (e.code === '28P01' || e.code === '28000') ? 'auth_failed' : 'unreachable';
  }
}

async function cacheState() {
  const c = cache();
  return (await ask(c.host, c.port, 'PING')) === '+PONG' ? 'ok' : 'unreachable';
}

/** The head the database is at ('' before the first migration). */
async function currentHead(client) {
  const r = await client.query("SELECT to_regclass('alembic_version') IS NOT NULL AS present");
  if (!r.rows[0].present) return '';
  const v = await client.query('SELECT version_num FROM alembic_version');
  return v.rows[0] ? v.rows[0].version_num : '';
}

/**
 * Brings the database to this version's head in one transaction; a newer head is left as it is (the code of an
 * older version runs on it: columns are only ever added). Resolves to {from, to}.
 */
async function migrate() {
  const client = await db().connect();
  try {
    await client.query('BEGIN');
    // two migration runs at once (two releases' one-shot containers) take turns
    await client.query('SELECT pg_advisory_xact_lock(22022)');
    await client.query('CREATE TABLE IF NOT EXISTS alembic_version (version_num varchar(32) PRIMARY KEY)');
    const from = await currentHead(client);
    if (from >= HEAD) {
      await client.query('COMMIT');
      return { from, to: from };
    }
    for (const head of HEADS) {
      if (head <= from || head > HEAD) continue;
      for (const sql of MIGRATIONS[head]) await client.query(sql);
    }
    await client.query('DELETE FROM alembic_version');
    await client.query('INSERT INTO alembic_version (version_num) VALUES ($1)', [HEAD]);
    await client.query('COMMIT');
    return { from, to: HEAD };
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw e;
  } finally {
    client.release();
  }
}

/** Writes one deposit; its row as this version's code sees it. */
async function addDeposit(item, weightKg) {
  const r =
    SCHEMA >= 2
      ? await db().query('INSERT INTO deposits (item, weight_kg) VALUES ($1, $2) RETURNING id, item, weight_kg, created_at', [item, weightKg ?? 1.0])
      : await db().query('INSERT INTO deposits (item) VALUES ($1) RETURNING id, item, created_at', [item]);
  return r.rows[0];
}

/** How many deposits there are, and the newest ones (at most `limit`). */
async function listDeposits(limit = 20) {
  const cols = SCHEMA >= 2 ? 'id, item, weight_kg, created_at' : 'id, item, created_at';
  const [count, rows] = await Promise.all([db().query('SELECT count(*)::int AS n FROM deposits'), db().query(`SELECT ${cols} FROM deposits ORDER BY id DESC LIMIT $1`, [limit])]);
  return { count: count.rows[0].n, deposits: rows.rows };
}

async function close() {
  if (pool) await pool.end().catch(() => {});
  pool = null;
}

module.exports = { SCHEMA, HEAD, databaseState, cacheState, migrate, addDeposit, listDeposits, close };
