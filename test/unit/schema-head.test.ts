// Issue 22 item 4, the decisions without a database: how the schema head is read (the query never on a command
// line), what is taken from the output, when a rollback is told the schema differs, and data.schema's checks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadConfigFile } from '../../src/config/load';
import { parseSchemaHead, schemaChange, schemaHeadCommand, schemaHeadSetting, schemaSettingOf } from '../../src/domain/schema-head';
import { dirWith as dirWithFiles, repriseErrorOf } from '../fixtures/project-dir';

test('a query reaches psql as an environment value, never on the command line; a command is run as written', () => {
  const query = "SELECT version_num FROM alembic_version; -- '$(touch /tmp/x)'";
  const q = schemaHeadCommand({ service: 'db', query });
  assert.deepEqual(q.env, [`REPRISE_SCHEMA_QUERY=${query}`]);
  assert.ok(!q.cmd.join(' ').includes('alembic_version'));
  assert.match(q.cmd[2], /-c "\$REPRISE_SCHEMA_QUERY"$/);
  assert.deepEqual(schemaHeadCommand({ service: 'api', command: ['alembic', 'current'] }), { cmd: ['alembic', 'current'], env: [] });
  // in a mariadb or mysql service, the container's client does it the same way
  for (const kind of ['mariadb', 'mysql']) {
    const m = schemaHeadCommand({ service: 'sql', query }, kind);
    assert.deepEqual(m.env, [`REPRISE_SCHEMA_QUERY=${query}`]);
    assert.ok(!m.cmd.join(' ').includes('alembic_version'));
    assert.match(m.cmd[2], /-e "\$REPRISE_SCHEMA_QUERY"$/);
    assert.doesNotMatch(m.cmd[2], /psql/);
  }
});

test('the head is the last non-empty line, without alembic\'s (head) mark, bounded', () => {
  assert.equal(parseSchemaHead('INFO  [alembic.runtime.migration] Context impl PostgresqlImpl.\nae1027a6acf (head)\n\n'), 'ae1027a6acf');
  assert.equal(parseSchemaHead('v2\n'), 'v2');
  assert.equal(parseSchemaHead(' \n\n'), null);
  assert.equal(parseSchemaHead('x'.repeat(500))?.length, 200);
});

test('a rollback is told the schema differs only when both heads are known and differ', () => {
  assert.deepEqual(schemaChange('v2', 'v1'), { now: 'v2', target: 'v1', differs: true });
  assert.equal(schemaChange('v1', 'v1').differs, false);
  assert.equal(schemaChange(null, 'v1').differs, false);
  assert.equal(schemaChange('v2', null).differs, false);
});

test('data.schema: exactly one of query and command; a query needs a postgres service of data.services', () => {
  const load = (data: string) => {
    const d = dirWithFiles({ 'reprise.yml': `project: demo\ndata:\n  services:\n    db: { kind: postgres }\n${data}` }, 'reprise-schema-');
    return () => loadConfigFile(join(d, 'reprise.yml'), false);
  };
  assert.doesNotThrow(load('  schema: { service: db, query: "SELECT 1" }\n'));
  assert.doesNotThrow(load('  schema: { service: api, command: [alembic, current] }\n'));
  for (const bad of ['  schema: { service: db }\n', '  schema: { service: db, query: "SELECT 1", command: [x] }\n', '  schema: { service: api, query: "SELECT 1" }\n']) {
    const e = repriseErrorOf(load(bad));
    assert.equal(e.code, 'CONFIG_INVALID', bad);
    assert.equal(e.exitCode, 2);
  }
});

test("SPEC's short form schema_head: one SQL statement is a query in the postgres service, anything else a command in the first service", () => {
  const services = { cache: { kind: 'redis' }, db: { kind: 'postgres' } };
  assert.deepEqual(schemaHeadSetting(['SELECT version_num FROM alembic_version'], services), { service: 'db', query: 'SELECT version_num FROM alembic_version' });
  assert.deepEqual(schemaHeadSetting(['  with h as (select 1) select * from h'], services)?.service, 'db');
  assert.deepEqual(schemaHeadSetting(['alembic', 'current'], services), { service: 'cache', command: ['alembic', 'current'] });
  assert.equal(schemaHeadSetting(['SELECT 1'], { cache: { kind: 'redis' } }), null, 'a query needs a postgres service');
  assert.deepEqual(schemaHeadSetting(['SELECT 1'], { cache: { kind: 'redis' }, sql: { kind: 'mariadb' } }), { service: 'sql', query: 'SELECT 1' }, 'or a mariadb one');
  assert.equal(schemaHeadSetting(['x'], {}), null);
  assert.deepEqual(schemaSettingOf({ services, schema: { service: 'db', command: ['x'] } }), { service: 'db', command: ['x'] });
  assert.deepEqual(schemaSettingOf({ services, schema_head: ['SELECT 1'] }), { service: 'db', query: 'SELECT 1' });
  assert.equal(schemaSettingOf({ services }), undefined);
  assert.equal(schemaSettingOf(undefined), undefined);
});

test("SPEC's data section as written is accepted (kinds, schema_head, timeout); schema and schema_head together are not", () => {
  const load = (data: string) => {
    const d = dirWithFiles({ 'reprise.yml': `project: demo\ndata:\n  snapshot: migrations\n${data}` }, 'reprise-schema-');
    return () => loadConfigFile(join(d, 'reprise.yml'), false);
  };
  assert.doesNotThrow(load('  services:\n    db: { kind: postgres }\n  schema_head: ["SELECT version_num FROM alembic_version"]\n  timeout: 10m\n'));
  // every kind SPEC names
  assert.doesNotThrow(load('  services:\n    a: { kind: postgres }\n    b: { kind: mysql }\n    c: { kind: mariadb }\n    d: { kind: redis }\n    e: { kind: volume }\n'));
  assert.doesNotThrow(load('  services:\n    sql: { kind: mysql }\n  schema: { service: sql, query: "SELECT 1" }\n'));
  for (const bad of [
    '  services:\n    db: { kind: postgres }\n  schema_head: ["SELECT 1"]\n  schema: { service: db, query: "SELECT 1" }\n',
    '  services:\n    cache: { kind: redis }\n  schema_head: ["SELECT 1"]\n',
    '  services:\n    db: { kind: postgres }\n  timeout: soon\n',
    '  services:\n    db: { kind: mongodb }\n',
  ]) {
    const e = repriseErrorOf(load(bad));
    assert.equal(e.code, 'CONFIG_INVALID', bad);
  }
});
