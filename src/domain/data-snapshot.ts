// When a release takes a data snapshot first (issue 22), and how a snapshot file is named. Pure.
import type { Plan } from './plan';
import { isMysqlKind } from './mysql-data';
import { compactUtc } from './timestamp';

export type SnapshotSetting = 'migrations' | 'always' | 'never';

/**
 * `migrations` (the default): the plan runs a one-shot service (the migrations); `always`: every release that
 * changes something; `never`. A stack that never ran a version (nothing deployed yet) has nothing to protect.
 */
export function snapshotNeeded(plan: Pick<Plan, 'steps' | 'fromVersion'>, setting: SnapshotSetting | undefined): boolean {
  if (setting === 'never' || plan.steps.length === 0) return false;
  if (setting === 'always') return true;
  return plan.steps.some((s) => s.oneShot);
}

/** `backups/<UTC>-<version>-<service>.dump` (relative to the project directory) */
export function snapshotFile(now: Date, version: string, service: string, kind: string): string {
  const ext = kind === 'postgres' ? 'dump' : kind === 'redis' ? 'rdb' : kind === 'volume' ? 'tar' : isMysqlKind(kind) ? 'sql' : 'bin';
  return `backups/${compactUtc(now)}-${version}-${service}.${ext}`;
}

/**
 * The command run in a postgres container: pg_dump in its custom format, as the user and database of the
 * container's own environment (POSTGRES_USER, POSTGRES_DB), through its local socket. Only variable names are
 * written here: no credential ever reaches a command line or a process list.
 */
export const POSTGRES_DUMP = ['sh', '-c', 'exec pg_dump -Fc -U "${POSTGRES_USER:-postgres}" "${POSTGRES_DB:-${POSTGRES_USER:-postgres}}"'];

/** where a dump run by reprise leaves its process id in the container: how one out of time is found */
export const DUMP_PID = '/tmp/reprise-dump.pid';

/** A dump script (`sh -c '… exec TOOL …'`) that first writes its process id — the tool's, once exec'd — to DUMP_PID. */
export function withDumpPid(cmd: readonly string[]): string[] {
  return [cmd[0], cmd[1], `{ echo $$ > ${DUMP_PID}; } 2>/dev/null; ${cmd[2]}`, ...cmd.slice(3)];
}

/**
 * Stops a dump that ran out of time (the engine does not stop an exec it stopped waiting for): the process in
 * DUMP_PID, when it is still a dump, is sent SIGTERM (the server ends its session once it notices the client
 * gone: at once when it was sending, after its wait when it was queued for a lock).
 */
export const DUMP_CANCEL = ['sh', '-c', `p="$(cat ${DUMP_PID} 2>/dev/null)"; rm -f ${DUMP_PID}; case "$p" in ''|*[!0-9]*) exit 0 ;; esac; grep -q dump /proc/$p/cmdline 2>/dev/null && kill $p; exit 0`];

/** psql's user and database in a postgres container: its own POSTGRES_USER / POSTGRES_DB (names only, no value) */
export const PSQL_CONN = '-U "${POSTGRES_USER:-postgres}" -d "${POSTGRES_DB:-${POSTGRES_USER:-postgres}}"';

/**
 * The command that restores an archive streamed into the container at `path`, all or nothing: the archive made
 * into SQL by pg_restore, then, in one psql transaction, the public schema dropped with everything in it (what
 * a migration created since — a table, a foreign key to a restored one — would otherwise stay or block the
 * restore) and the SQL run, as the session `reprise-restore` (postgresCancelRestore ends it); the files removed
 * afterwards.
 */
export function postgresRestore(path: string): string[] {
  const sql = `${path}.sql`;
  return [
    'sh',
    '-c',
    `rm -f ${path}.cancel; pg_restore --no-owner -f ${sql} ${path} && [ ! -e ${path}.cancel ] && PGAPPNAME=${RESTORE_APP_NAME} psql -X -q -1 -v ON_ERROR_STOP=1 ${PSQL_CONN} -c 'DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;' -f ${sql}; s=$?; rm -f ${path} ${sql}; exit $s`,
  ];
}

/** Prints the user a container's commands run as (`uid gid`): who must own a file put there for them. */
export const EXEC_OWNER = ['sh', '-c', 'echo "$(id -u) $(id -g)"'];

/** `uid gid` as printed by EXEC_OWNER; null when it is not two numbers. */
export function parseOwner(text: string): { uid: number; gid: number } | null {
  const m = /^\s*(\d+)\s+(\d+)\s*$/.exec(text);
  return m ? { uid: Number(m[1]), gid: Number(m[2]) } : null;
}

/** what the restore's psql session is called in pg_stat_activity: how a restore out of time is found and ended */
export const RESTORE_APP_NAME = 'reprise-restore';

/**
 * Ends a restore that ran out of time (the engine does not stop an exec it stopped waiting for): a mark that
 * stops the restore script before its psql step if it has not started yet, then the restore's session
 * terminated by PostgreSQL itself — its one transaction is rolled back, the data stays as it was.
 */
export function postgresCancelRestore(path: string): string[] {
  return [
    'sh',
    '-c',
    `: > ${path}.cancel; exec psql -X -q -A -t ${PSQL_CONN} -c "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = '${RESTORE_APP_NAME}' AND pid <> pg_backend_pid()"`,
  ];
}

/**
 * The snapshots prune removes with the versions it removes: those taken for (or, safety ones, at) a removed
 * version — never the newest snapshot of a service, the last copy of its data.
 */
export function snapshotsToPrune<S extends { id: number; service: string; version: string }>(snapshots: S[], removedVersions: string[]): S[] {
  const removed = new Set(removedVersions);
  const newest = new Map<string, number>();
  for (const s of snapshots) newest.set(s.service, Math.max(newest.get(s.service) ?? 0, s.id));
  return snapshots.filter((s) => removed.has(s.version) && newest.get(s.service) !== s.id);
}

/**
 * redis-cli in a redis container with fixed arguments: the container's own REDIS_PASSWORD (when set) reaches it
 * as REDISCLI_AUTH, never on a command line.
 */
export function redisCli(args: string[]): string[] {
  return ['sh', '-c', '[ -n "${REDIS_PASSWORD:-}" ] && export REDISCLI_AUTH="$REDIS_PASSWORD"; exec redis-cli --no-auth-warning "$@"', 'redis-cli', ...args];
}

/** `INFO` output (`name:value` lines) as a map. */
export function parseRedisInfo(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0 && !line.startsWith('#')) out.set(line.slice(0, i).trim(), line.slice(i + 1).trim());
  }
  return out;
}

/** `CONFIG GET name` output (the name, then the value, one per line): the value, or null. */
export function parseRedisConfig(text: string, name: string): string | null {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const i = lines.indexOf(name);
  return i >= 0 && i + 1 < lines.length && lines[i + 1] !== '' ? lines[i + 1] : null;
}
