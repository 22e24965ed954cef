// Issue 22 item 4, the decisions without a database: how the schema head is read (the query never on a command
// line), what is taken from the output, when a rollback is told the schema differs, and data.schema's checks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadConfigFile } from '../../src/config/load';
import { parseSchemaHead, schemaChange, schemaHeadCommand } from '../../src/domain/schema-head';
import { dirWith as dirWithFiles, repriseErrorOf } from '../fixtures/project-dir';

test('a query reaches psql as an environment value, never on the command line; a command is run as written', () => {
  const query = "SELECT version_num FROM alembic_version; -- '$(touch /tmp/x)'";
  const q = schemaHeadCommand({ service: 'db', query });
  assert.deepEqual(q.env, [`REPRISE_SCHEMA_QUERY=${query}`]);
  assert.ok(!q.cmd.join(' ').includes('alembic_version'));
  assert.match(q.cmd[2], /-c "\$REPRISE_SCHEMA_QUERY"$/);
  assert.deepEqual(schemaHeadCommand({ service: 'api', command: ['alembic', 'current'] }), { cmd: ['alembic', 'current'], env: [] });
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
