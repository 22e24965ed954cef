#!/usr/bin/env bash
# Builds reprise-postgres:15, a real PostgreSQL server image, locally and without any registry: FROM scratch,
# the host's Debian PostgreSQL (postgresql-15, installed by setup.sh without starting its service) with the
# shared libraries it needs, and busybox for the entrypoint's shell.
#
#   bash scripts/build-postgres.sh [--rebuild]
#
# The image behaves like the official one for what the demo and tests use: POSTGRES_USER, POSTGRES_PASSWORD
# and POSTGRES_DB create the cluster, user and database on first start (PGDATA=/var/lib/postgresql/data, a
# volume); password authentication (scram-sha-256) over TCP, trust on the local socket; `pg_dump`,
# `pg_restore`, `psql` and `pg_isready` are in the image; a Docker HEALTHCHECK runs pg_isready. It runs as
# the user postgres (uid 999), never as root.
set -euo pipefail

IMAGE="reprise-postgres:15"
# shellcheck source=lib/server-image.sh
. "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib/server-image.sh"
skip_if_present "$IMAGE" "${1:-}"

PGROOT="$(ls -1d /usr/lib/postgresql/[0-9]* 2>/dev/null | sort -V | tail -n1 || true)"
[ -n "$PGROOT" ] && [ -x "$PGROOT/bin/postgres" ] || { echo "PostgreSQL introuvable (bash scripts/setup.sh) / PostgreSQL not found" >&2; exit 1; }
MAJOR="$(basename "$PGROOT")"
SHARE="/usr/share/postgresql/$MAJOR"
BB="$(static_busybox)" || exit 1

WORK="$(mktemp -d /tmp/reprise-postgres.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
ROOT="$WORK/rootfs"
t0=$SECONDS
say "Image PostgreSQL / PostgreSQL image $IMAGE (Debian's PostgreSQL $MAJOR)"

mkdir -p "$ROOT/bin" "$ROOT/etc" "$ROOT/tmp" "$ROOT/run/postgresql" "$ROOT/var/lib/postgresql/data" "$ROOT/usr/lib/postgresql" "$ROOT/usr/share/postgresql" "$ROOT/usr/local/bin"
chmod 1777 "$ROOT/tmp"
# the server, its modules (plpgsql, …; not the JIT: no LLVM in the image) and its share files
cp -a "$PGROOT" "$ROOT/usr/lib/postgresql/"
rm -rf "$ROOT$PGROOT/lib/bitcode" "$ROOT$PGROOT/lib/llvmjit"* 2>/dev/null || true
cp -a "$SHARE" "$ROOT/usr/share/postgresql/"
for f in "$ROOT$PGROOT"/bin/* "$ROOT$PGROOT"/lib/*.so; do
  [ -f "$f" ] && copy_libs "${f#"$ROOT"}"
done
# time zone data (Debian builds PostgreSQL with the system's): UTC and Europe/Paris are enough here
mkdir -p "$ROOT/usr/share/zoneinfo/Europe"
cp -L /usr/share/zoneinfo/UTC "$ROOT/usr/share/zoneinfo/UTC" 2>/dev/null || true
cp -L /usr/share/zoneinfo/Europe/Paris "$ROOT/usr/share/zoneinfo/Europe/Paris" 2>/dev/null || true
install_busybox "$BB" sh cat echo ls mkdir rm chmod printf test true false sleep grep env id head tail
for b in postgres initdb pg_ctl pg_dump pg_restore psql pg_isready; do ln -sf "$PGROOT/bin/$b" "$ROOT/usr/local/bin/$b"; done
cat >"$ROOT/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/bin/sh
postgres:x:999:999:PostgreSQL:/var/lib/postgresql:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
EOF
cat >"$ROOT/etc/group" <<'EOF'
root:x:0:
postgres:x:999:
nogroup:x:65534:
EOF
echo 'hosts: files dns' >"$ROOT/etc/nsswitch.conf"
# the folders the server writes, owned by postgres (COPY gives root everything else)
OWNED="$WORK/owned"
mkdir -p "$OWNED/var/lib/postgresql" "$OWNED/run"
mv "$ROOT/var/lib/postgresql/data" "$OWNED/var/lib/postgresql/data"
mv "$ROOT/run/postgresql" "$OWNED/run/postgresql"
chmod 0700 "$OWNED/var/lib/postgresql/data"

# first start: the cluster, the user (its password read from the environment, written to a private file that
# initdb reads and that is removed at once) and the database; then the server, in the foreground
cat >"$ROOT/usr/local/bin/docker-entrypoint.sh" <<'EOF'
#!/bin/sh
set -eu
: "${POSTGRES_USER:=postgres}"
: "${POSTGRES_DB:=$POSTGRES_USER}"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  if [ -z "${POSTGRES_PASSWORD:-}" ]; then echo "POSTGRES_PASSWORD is required" >&2; exit 1; fi
  pw="$(mktemp -p /tmp pw.XXXXXX 2>/dev/null || echo /tmp/pw.$$)"
  ( umask 077; printf '%s\n' "$POSTGRES_PASSWORD" >"$pw" )
  initdb -D "$PGDATA" -U "$POSTGRES_USER" --pwfile="$pw" -E UTF8 --locale=C --auth-local=trust --auth-host=scram-sha-256 >/dev/null
  rm -f "$pw"
  printf "listen_addresses = '*'\nunix_socket_directories = '/run/postgresql'\n" >>"$PGDATA/postgresql.conf"
  printf 'host all all all scram-sha-256\n' >>"$PGDATA/pg_hba.conf"
  if [ "$POSTGRES_DB" != "postgres" ]; then
    echo "CREATE DATABASE \"$POSTGRES_DB\" OWNER \"$POSTGRES_USER\";" | postgres --single -D "$PGDATA" -j postgres >/dev/null
  fi
fi
exec postgres -D "$PGDATA"
EOF
chmod 0755 "$ROOT/usr/local/bin/docker-entrypoint.sh"

cat >"$WORK/Dockerfile" <<EOF
FROM scratch
COPY rootfs/ /
COPY --chown=999:999 owned/ /
ENV PATH=/usr/local/bin:/bin PGDATA=/var/lib/postgresql/data PGHOST=/run/postgresql LANG=C.UTF-8 TZ=UTC
LABEL org.reprise.demo="1" org.opencontainers.image.title="PostgreSQL $MAJOR (Debian's, for reprise's demo and tests)"
USER 999:999
VOLUME /var/lib/postgresql/data
EXPOSE 5432
STOPSIGNAL SIGINT
HEALTHCHECK --interval=1s --timeout=3s --start-period=10s --retries=5 CMD pg_isready -q -h /run/postgresql -U "\$POSTGRES_USER" -d "\$POSTGRES_DB"
ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]
EOF
build_image "$IMAGE" "$WORK" "$t0"
