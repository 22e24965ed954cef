#!/usr/bin/env bash
# Builds reprise-redis:7, a real Redis server image, locally and without any registry: FROM scratch, the host's
# Debian Redis (redis-server and redis-tools, installed by setup.sh without starting their service) with the
# shared libraries they need, and busybox for a shell.
#
#   bash scripts/build-redis.sh [--rebuild]
#
# Like the official image for what the tests use: data in /data (a volume), RDB snapshots there (dump.rdb),
# no AOF unless asked, `redis-cli` in the image, REDIS_PASSWORD (when set) required of clients (given to the
# server through a private config file, never on its command line). It runs as the user redis (uid 999).
set -euo pipefail

IMAGE="reprise-redis:7"
# shellcheck source=lib/server-image.sh
. "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib/server-image.sh"
skip_if_present "$IMAGE" "${1:-}"

SERVER="$(command -v redis-server || true)"
CLI="$(command -v redis-cli || true)"
[ -n "$SERVER" ] && [ -n "$CLI" ] || { echo "Redis introuvable (bash scripts/setup.sh) / Redis not found" >&2; exit 1; }
BB="$(static_busybox)" || exit 1

WORK="$(mktemp -d /tmp/reprise-redis.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
ROOT="$WORK/rootfs"
t0=$SECONDS
say "Image Redis / Redis image $IMAGE (Debian's Redis $("$SERVER" --version | cut -d' ' -f3 | cut -d= -f2))"

mkdir -p "$ROOT/bin" "$ROOT/etc" "$ROOT/tmp" "$ROOT/usr/local/bin"
chmod 1777 "$ROOT/tmp"
cp -L "$SERVER" "$ROOT/usr/local/bin/redis-server"
cp -L "$CLI" "$ROOT/usr/local/bin/redis-cli"
copy_libs "$SERVER"
copy_libs "$CLI"
install_busybox "$BB" sh cat echo ls mkdir rm chmod printf test true false sleep grep env id head tail stat
cat >"$ROOT/etc/passwd" <<'EOT'
root:x:0:0:root:/root:/bin/sh
redis:x:999:999:Redis:/data:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
EOT
cat >"$ROOT/etc/group" <<'EOT'
root:x:0:
redis:x:999:
nogroup:x:65534:
EOT
OWNED="$WORK/owned"
mkdir -p "$OWNED/data"
chmod 0750 "$OWNED/data"

# the password (when set) goes into a 0600 config file the server reads: never on its command line
cat >"$ROOT/usr/local/bin/docker-entrypoint.sh" <<'EOT'
#!/bin/sh
set -eu
conf=/tmp/redis.conf
( umask 077
  printf 'bind * -::*\nprotected-mode no\ndir /data\ndbfilename dump.rdb\nappendonly %s\nsave 3600 1 300 100 60 10000\n' "${REDIS_APPENDONLY:-no}" >"$conf"
  if [ -n "${REDIS_PASSWORD:-}" ]; then printf 'requirepass "%s"\n' "$REDIS_PASSWORD" >>"$conf"; fi )
exec redis-server "$conf"
EOT
chmod 0755 "$ROOT/usr/local/bin/docker-entrypoint.sh"

cat >"$WORK/Dockerfile" <<EOF
FROM scratch
COPY rootfs/ /
COPY --chown=999:999 owned/ /
ENV PATH=/usr/local/bin:/bin LANG=C.UTF-8 TZ=UTC
LABEL org.reprise.demo="1" org.opencontainers.image.title="Redis (Debian's, for reprise's tests)"
USER 999:999
WORKDIR /data
VOLUME /data
EXPOSE 6379
HEALTHCHECK --interval=2s --timeout=2s --start-period=5s --retries=5 CMD sh -c '[ -n "\${REDIS_PASSWORD:-}" ] && export REDISCLI_AUTH="\$REDIS_PASSWORD"; redis-cli ping | grep -q PONG'
ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]
EOF
build_image "$IMAGE" "$WORK" "$t0"
