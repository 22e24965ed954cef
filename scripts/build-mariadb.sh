#!/usr/bin/env bash
# Builds reprise-mariadb:10.11, a real MariaDB server image, locally and without any registry: FROM scratch,
# the host's Debian MariaDB (mariadb-server-core and mariadb-client, installed by setup.sh; they have no
# service) with the shared libraries they need, and busybox for the entrypoint's shell.
#
#   bash scripts/build-mariadb.sh [--rebuild]
#
# The image behaves like the official one for what the tests use: MARIADB_ROOT_PASSWORD (or MYSQL_…),
# MARIADB_DATABASE, MARIADB_USER and MARIADB_PASSWORD create the database and its user on first start
# (datadir /var/lib/mysql, a volume); `mariadb`, `mariadb-dump` and `mariadb-admin` are in the image; a Docker
# HEALTHCHECK pings the server. It runs as the user mysql (uid 999), never as root.
set -euo pipefail

IMAGE="reprise-mariadb:10.11"
# shellcheck source=lib/server-image.sh
. "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib/server-image.sh"
skip_if_present "$IMAGE" "${1:-}"

[ -x /usr/sbin/mariadbd ] && [ -x /usr/bin/mariadb-dump ] || { echo "MariaDB introuvable (bash scripts/setup.sh) / MariaDB not found" >&2; exit 1; }
BB="$(static_busybox)" || exit 1

WORK="$(mktemp -d /tmp/reprise-mariadb.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
ROOT="$WORK/rootfs"
t0=$SECONDS
say "Image MariaDB / MariaDB image $IMAGE (Debian's $(/usr/sbin/mariadbd --version | grep -oE '[0-9]+\.[0-9]+\.[0-9]+' | head -n1))"

mkdir -p "$ROOT/bin" "$ROOT/usr/bin" "$ROOT/usr/sbin" "$ROOT/etc/mysql" "$ROOT/tmp" "$ROOT/usr/share"
chmod 1777 "$ROOT/tmp"
# the server, the clients a snapshot and a restore use, the files they read (error messages, charsets, the
# system tables' SQL) and the server's plugins
for b in /usr/sbin/mariadbd /usr/bin/mariadb /usr/bin/mariadb-dump /usr/bin/mariadb-admin /usr/bin/my_print_defaults; do
  cp -L "$b" "$ROOT$b"
  copy_libs "$b"
done
cp -a /usr/share/mysql "$ROOT/usr/share/"
PLUGINS="$(/usr/sbin/mariadbd --verbose --help 2>/dev/null | awk '$1 == "plugin-dir" { print $2 }' || true)"
if [ -n "$PLUGINS" ] && [ -d "$PLUGINS" ]; then
  mkdir -p "$ROOT$PLUGINS"
  cp -a "$PLUGINS/." "$ROOT$PLUGINS/"
fi
install_busybox "$BB" sh cat echo ls mkdir rm chmod printf test true false sleep grep sed env id head tail
ln -sf mariadb "$ROOT/usr/bin/mysql"
ln -sf mariadb-dump "$ROOT/usr/bin/mysqldump"
cat >"$ROOT/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/bin/sh
mysql:x:999:999:MariaDB:/var/lib/mysql:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
EOF
cat >"$ROOT/etc/group" <<'EOF'
root:x:0:
mysql:x:999:
nogroup:x:65534:
EOF
echo 'hosts: files dns' >"$ROOT/etc/nsswitch.conf"
cat >"$ROOT/etc/mysql/my.cnf" <<'EOF'
[client-server]
socket = /run/mysqld/mysqld.sock

[mariadbd]
datadir = /var/lib/mysql
bind-address = 0.0.0.0
skip-name-resolve
character-set-server = utf8mb4
collation-server = utf8mb4_general_ci
# small enough for a test machine
innodb_buffer_pool_size = 32M
performance_schema = OFF
EOF
OWNED="$WORK/owned"
mkdir -p "$OWNED/var/lib/mysql" "$OWNED/run/mysqld"
chmod 0700 "$OWNED/var/lib/mysql"

# first start: the system tables, then (the server on its socket only) root's password, the database and its
# user, from the environment through a private file that is removed at once; then the server in the foreground
mkdir -p "$ROOT/usr/local/bin"
cat >"$ROOT/usr/local/bin/docker-entrypoint.sh" <<'EOF'
#!/bin/sh
set -eu
root_pw="${MARIADB_ROOT_PASSWORD:-${MYSQL_ROOT_PASSWORD:-}}"
db="${MARIADB_DATABASE:-${MYSQL_DATABASE:-}}"
user="${MARIADB_USER:-${MYSQL_USER:-}}"
pw="${MARIADB_PASSWORD:-${MYSQL_PASSWORD:-}}"
lit() { printf "'%s'" "$(printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e "s/'/\\\\'/g")"; }
ident() { printf '`%s`' "$(printf '%s' "$1" | sed 's/`/``/g')"; }
if [ ! -d /var/lib/mysql/mysql ]; then
  if [ -z "$root_pw" ]; then echo "MARIADB_ROOT_PASSWORD is required" >&2; exit 1; fi
  { echo "CREATE DATABASE IF NOT EXISTS mysql;"; echo "use mysql;"; echo "SET @auth_root_socket=NULL;"; cat /usr/share/mysql/mysql_system_tables.sql /usr/share/mysql/mysql_performance_tables.sql /usr/share/mysql/mysql_system_tables_data.sql; } \
    | mariadbd --bootstrap --datadir=/var/lib/mysql --skip-networking --log-error=/tmp/bootstrap.log >/dev/null 2>&1 \
    || { cat /tmp/bootstrap.log >&2; exit 1; }
  # on a socket of its own: the health check does not see this server, only the real one
  mariadbd --skip-networking --socket=/tmp/init.sock --log-error=/tmp/first.log &
  i=0
  until mariadb --socket=/tmp/init.sock -u root -e 'SELECT 1' >/dev/null 2>&1; do
    i=$((i + 1)); [ "$i" -lt 300 ] || { cat /tmp/first.log >&2; exit 1; }; sleep 0.2
  done
  init="$(mktemp -p /tmp init.XXXXXX 2>/dev/null || echo /tmp/init.$$)"
  ( umask 077
    {
      echo "DELETE FROM mysql.global_priv WHERE User = '' OR (User = 'root' AND Host <> 'localhost');"
      echo "FLUSH PRIVILEGES;"
      echo "ALTER USER 'root'@'localhost' IDENTIFIED VIA unix_socket OR mysql_native_password USING PASSWORD($(lit "$root_pw"));"
      echo "CREATE USER 'root'@'%' IDENTIFIED BY $(lit "$root_pw");"
      echo "GRANT ALL ON *.* TO 'root'@'%' WITH GRANT OPTION;"
      if [ -n "$db" ]; then echo "CREATE DATABASE IF NOT EXISTS $(ident "$db");"; fi
      if [ -n "$user" ] && [ -n "$pw" ]; then
        echo "CREATE USER $(lit "$user")@'%' IDENTIFIED BY $(lit "$pw");"
        if [ -n "$db" ]; then echo "GRANT ALL ON $(ident "$db").* TO $(lit "$user")@'%';"; fi
      fi
    } >"$init" )
  mariadb --socket=/tmp/init.sock -u root <"$init"
  rm -f "$init"
  MYSQL_PWD="$root_pw" mariadb-admin --socket=/tmp/init.sock -u root shutdown
  wait || true
fi
exec mariadbd
EOF
chmod 0755 "$ROOT/usr/local/bin/docker-entrypoint.sh"

cat >"$WORK/Dockerfile" <<EOF
FROM scratch
COPY rootfs/ /
COPY --chown=999:999 owned/ /
ENV PATH=/usr/local/bin:/usr/bin:/usr/sbin:/bin LANG=C.UTF-8 TZ=UTC
LABEL org.reprise.demo="1" org.opencontainers.image.title="MariaDB (Debian's, for reprise's tests)"
USER 999:999
VOLUME /var/lib/mysql
EXPOSE 3306
HEALTHCHECK --interval=1s --timeout=3s --start-period=20s --retries=5 CMD mariadb-admin -u root ping --silent
ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]
EOF
build_image "$IMAGE" "$WORK" "$t0"
