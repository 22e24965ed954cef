// The schema head a release runs with (issue 22, `data.schema`): how it is read, and what a rollback is told
// when its target ran with another one. Pure.
import { PSQL_CONN } from './data-snapshot';
import { isMysqlKind, MYSQL_SCHEMA_QUERY } from './mysql-data';

/** a kind whose service answers SQL: a schema query runs there */
export function isSqlKind(kind: string | undefined): boolean {
  return kind === 'postgres' || (kind !== undefined && isMysqlKind(kind));
}

export interface SchemaSetting {
  service: string;
  query?: string;
  command?: string[];
}

/** one SQL statement that reads (SELECT, WITH, TABLE, VALUES): SPEC's `schema_head: ["SELECT …"]` */
const SQL_READ = /^\s*(select|with|table|values)\b/i;

/**
 * SPEC's short form `data.schema_head` as the long one: a single SQL statement is a query run in the first
 * postgres, mysql or mariadb service of data.services; anything else is a command (argument list, no shell) run in the first
 * service of data.services. null when there is no such service.
 */
export function schemaHeadSetting(schemaHead: readonly string[], services: Readonly<Record<string, { kind: string }>>): SchemaSetting | null {
  const names = Object.keys(services);
  if (schemaHead.length === 1 && SQL_READ.test(schemaHead[0])) {
    const sql = names.find((n) => isSqlKind(services[n].kind));
    return sql ? { service: sql, query: schemaHead[0] } : null;
  }
  return names.length ? { service: names[0], command: [...schemaHead] } : null;
}

/** How the schema head is read: data.schema, else data.schema_head; undefined when neither is set. */
export function schemaSettingOf(data: { schema?: SchemaSetting; schema_head?: string[]; services: Record<string, { kind: string }> } | undefined): SchemaSetting | undefined {
  if (!data) return undefined;
  if (data.schema) return data.schema;
  return data.schema_head ? (schemaHeadSetting(data.schema_head, data.services) ?? undefined) : undefined;
}

/**
 * The command run in the service's container (of `kind`), and the environment it gets: a query is run by psql
 * (or the mariadb/mysql client) as the container's own user and database, and reaches it as an environment
 * value (REPRISE_SCHEMA_QUERY), never as part of a command line or a shell script; a command is the argument
 * list as written (no shell).
 */
export function schemaHeadCommand(s: SchemaSetting, kind?: string): { cmd: string[]; env: string[] } {
  if (s.command) return { cmd: [...s.command], env: [] };
  return {
    cmd: kind !== undefined && isMysqlKind(kind) ? [...MYSQL_SCHEMA_QUERY] : ['sh', '-c', `exec psql -X -A -t -v ON_ERROR_STOP=1 ${PSQL_CONN} -c "$REPRISE_SCHEMA_QUERY"`],
    env: [`REPRISE_SCHEMA_QUERY=${s.query ?? ''}`],
  };
}

const HEAD_MAX = 200;

/**
 * The head in a command's output: its last non-empty line (`alembic current` logs first, then `ae1027a6acf
 * (head)`), without alembic's ` (head)` mark, at most 200 characters; null when there is none.
 */
export function parseSchemaHead(output: string): string | null {
  const lines = output.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  const last = lines.at(-1);
  if (last === undefined) return null;
  return last.replace(/\s+\(head\)$/, '').slice(0, HEAD_MAX);
}

export interface SchemaChange {
  /** the head the database has now (null: could not be read) */
  now: string | null;
  /** the head recorded with the target version's newest successful release (null: none recorded) */
  target: string | null;
  /** both known and different: the target's code would run against another schema */
  differs: boolean;
}

export function schemaChange(now: string | null, target: string | null): SchemaChange {
  return { now, target, differs: now !== null && target !== null && now !== target };
}
