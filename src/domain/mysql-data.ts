// The commands a snapshot and a restore of a MariaDB or MySQL database run in its container (issue 22, `kind:
// mysql` or `mariadb`). Pure: only variable names are written here — the credentials are the container's own
// environment (MARIADB_… or MYSQL_… as the official images have them, or their `_FILE` forms), handed to the
// client as MYSQL_PWD, never on a command line or in a process list.

export const MYSQL_KINDS = ['mysql', 'mariadb'] as const;

export function isMysqlKind(kind: string): boolean {
  return (MYSQL_KINDS as readonly string[]).includes(kind);
}

/** the prefix of the lock a restore's session holds (GET_LOCK, `reprise-restore-<pid>`): how one out of time is found (IS_USED_LOCK) and ended */
export const MYSQL_RESTORE_LOCK = 'reprise-restore';

const pw = (name: string): string => `\${MARIADB_${name}:-\${MYSQL_${name}:-}}`;

/**
 * Sets `u` (root when its password is known, else the application's user), exports MYSQL_PWD, sets `db` (the
 * container's MARIADB_DATABASE / MYSQL_DATABASE) and `c`/`d` (the client and the dump tool: mariadb's names,
 * else mysql's). Ends the script (exit 2) when the database is not named there.
 */
const SETUP = [
  `p="${pw('ROOT_PASSWORD')}"; u=root`,
  `f="${pw('ROOT_PASSWORD_FILE')}"; [ -z "$p" ] && [ -n "$f" ] && [ -r "$f" ] && p="$(cat "$f")"`,
  `if [ -z "$p" ]; then a="${pw('PASSWORD')}"; f="${pw('PASSWORD_FILE')}"; [ -z "$a" ] && [ -n "$f" ] && [ -r "$f" ] && a="$(cat "$f")"; if [ -n "$a" ]; then p="$a"; u="\${MARIADB_USER:-\${MYSQL_USER:-root}}"; fi; fi`,
  '[ -n "$p" ] && export MYSQL_PWD="$p"; unset p a f',
  `db="${pw('DATABASE')}"`,
  '[ -n "$db" ] || { echo "no MARIADB_DATABASE or MYSQL_DATABASE in the container environment: which database is unknown" >&2; exit 2; }',
  'c="$(command -v mariadb || command -v mysql)"; d="$(command -v mariadb-dump || command -v mysqldump)"',
].join('; ');

/**
 * The dump: the database with its CREATE DATABASE, tables, routines and triggers, in one consistent read
 * (--single-transaction: InnoDB tables are not locked), binary values as hex, UTF-8 throughout; MySQL's mysqldump
 * also without GTID statements (`--set-gtid-purged=OFF`, when it knows the option), which a restore could not run.
 */
export const MYSQL_DUMP = [
  'sh',
  '-c',
  `${SETUP}; [ -n "$d" ] || { echo "neither mariadb-dump nor mysqldump is in the container" >&2; exit 127; }; g=""; "$d" --help 2>/dev/null | grep -q -- --set-gtid-purged && g=--set-gtid-purged=OFF; exec "$d" -u "$u" --default-character-set=utf8mb4 --single-transaction --quick --hex-blob --routines --triggers --no-tablespaces $g --databases "$db"`,
];

/**
 * The restore of a dump streamed into the container at `path`: the dump checked first (there, not empty, ending as
 * a finished dump does — nothing is dropped otherwise), then the database dropped (what a migration created
 * since would stay otherwise) and the dump run — it creates the database again — by one session holding a lock
 * named for this restore alone (written to `path.lock`: how mysqlCancelRestore finds it); the files removed
 * afterwards. MariaDB and MySQL commit each DDL statement, so this is not all or nothing: a restore that fails
 * part-way leaves the database partly restored (the safety snapshot taken before holds what was there).
 */
export function mysqlRestore(path: string): string[] {
  return [
    'sh',
    '-c',
    [
      `rm -f ${path}.cancel ${path}.lock`,
      SETUP,
      '[ -n "$c" ] || { echo "neither mariadb nor mysql is in the container" >&2; exit 127; }',
      `[ -s ${path} ] && tail -n 1 ${path} | grep -q '^-- Dump completed' || { echo "the dump in the container is missing, empty or cut short: nothing was dropped" >&2; rm -f ${path}; exit 3; }`,
      `q="$(printf '%s' "$db" | sed 's/\`/\`\`/g')"; l="${MYSQL_RESTORE_LOCK}-$$"; echo "$l" > ${path}.lock`,
      `[ ! -e ${path}.cancel ] && { printf 'DROP DATABASE IF EXISTS \`%s\`;\\n' "$q"; cat ${path} || echo 'reprise: the dump could not be read;'; } | "$c" -u "$u" --default-character-set=utf8mb4 --init-command="DO GET_LOCK('$l', 0)"`,
      `s=$?; rm -f ${path} ${path}.lock; exit $s`,
    ].join('; '),
  ];
}

/**
 * Ends a restore that ran out of time: a mark that stops the script before its client starts, then the session
 * that holds this restore's lock killed by the server — waited for a few seconds when the client is still
 * connecting, given up as soon as the restore is over.
 */
export function mysqlCancelRestore(path: string): string[] {
  return [
    'sh',
    '-c',
    [
      `: > ${path}.cancel`,
      SETUP,
      `l="$(cat ${path}.lock 2>/dev/null)"`,
      `case "$l" in ${MYSQL_RESTORE_LOCK}-*[!0-9]*) exit 0 ;; ${MYSQL_RESTORE_LOCK}-[0-9]*) ;; *) exit 0 ;; esac`,
      `i=0; while :; do id="$("$c" -u "$u" -N -B -e "SELECT IS_USED_LOCK('$l')")"; case "$id" in ''|*[!0-9]*) ;; *) break ;; esac; i=$((i + 1)); [ "$i" -lt 50 ] && [ -e ${path}.lock ] || exit 0; sleep 0.1 2>/dev/null || sleep 1; done`,
      'exec "$c" -u "$u" -e "KILL CONNECTION $id"',
    ].join('; '),
  ];
}

/** A schema query run by the container's client with the credentials above, in its database; the query from the environment. */
export const MYSQL_SCHEMA_QUERY = ['sh', '-c', `${SETUP}; exec "$c" -u "$u" -N -B "$db" -e "$REPRISE_SCHEMA_QUERY"`];
