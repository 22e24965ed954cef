#!/usr/bin/env bash
# Builds the Recyclic demo images locally, in seconds, without any registry.
#
#   bash scripts/build-images.sh [--base-only] [--rebuild-base] [--broken MODE] [--break-after N] [--schema N] [--only SERVICES] [--latest] VERSION...
#
# - reprise-demo-base:2           FROM scratch: the host's node + its shared libraries, busybox (sh, wget, nc, …),
#                                 and the `pg` client (with its dependencies, from this repository's node_modules)
#                                 in /node_modules
# - recyclic-postgres:15-demo     the demo's database: a real PostgreSQL (reprise-postgres:15, Debian's PostgreSQL,
#                                 built by scripts/build-postgres.sh when missing; needs POSTGRES_PASSWORD)
# - recyclic-redis:7-demo         the demo's cache: a real Redis (reprise-redis:7, scripts/build-redis.sh)
# - recyclic-proxy:1.22-demo      FROM scratch: Debian's nginx 1.22 (its .deb, fetched once with
#                                 `apt-get download`, cached in ${REPRISE_CACHE_DIR:-/var/cache/reprise}) + libs + busybox;
#                                 /etc/nginx/nginx.conf = examples/recyclic/infra/nginx.conf, Docker HEALTHCHECK
#   (these four are built once, each when missing; --rebuild-base rebuilds them all)
# - for each VERSION: recyclic-api:V, recyclic-frontend:V, recyclic-bot:V, recyclic-api-migrations:V,
#   each a tiny layer over the base with examples/recyclic/app/ and /app/VERSION.
#
# --broken MODE bakes /app/BROKEN into the version's images:
#   health500        api /health answers HTTP 500
#   unhealthy        api /health answers 200 {"status":"unhealthy"}
#   exit             the api process exits 1 after ~1 s
#   hang             api /health never answers (the request stays open)
#   migrations-fail  the api-migrations container exits 1
#   late500          api healthy at first, then every route answers 500 and logs "Internal Server Error"
#   slow             api healthy at first, then every answer takes 3× longer plus 300 ms
# --break-after N   late500/slow: seconds before the api breaks (default 20; the container's
#                   REPRISE_DEMO_BREAK_AFTER overrides it)
# --schema N        the database schema head the version's code is written for (1: table deposits; 2: adds
#                   deposits.weight_kg, back-filled by its migrations service); default 1
# --only api,bot    build only these services (makes an incomplete version)
# --latest          also tag the (last) VERSION's images as :latest
#
# Every image carries the label org.reprise.demo=1 (versioned ones also org.opencontainers.image.version=V).
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
APP_DIR="$REPO_ROOT/examples/recyclic/app"
INFRA_DIR="$REPO_ROOT/examples/recyclic/infra"

BASE_IMAGE="reprise-demo-base:2"
PROXY_IMAGE="recyclic-proxy:1.22-demo"
ALL_SERVICES=(api frontend bot api-migrations)
VERSION_RE='^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$'

# The legacy builder works with both the Debian 20.10 client and the v28 client (which has no buildx here).
export DOCKER_BUILDKIT=0

usage() {
  sed -n '2,28p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

BASE_ONLY=0
REBUILD_BASE=0
BROKEN=""
BREAK_AFTER=""
SCHEMA=""
ONLY=""
TAG_LATEST=0
VERSIONS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --base-only) BASE_ONLY=1 ;;
    --rebuild-base) REBUILD_BASE=1 ;;
    --broken) [ $# -ge 2 ] || { echo "--broken: MODE manquant / missing MODE" >&2; exit 2; }; BROKEN="$2"; shift ;;
    --broken=*) BROKEN="${1#*=}" ;;
    --break-after) [ $# -ge 2 ] || { echo "--break-after: N manquant / missing N" >&2; exit 2; }; BREAK_AFTER="$2"; shift ;;
    --break-after=*) BREAK_AFTER="${1#*=}" ;;
    --schema) [ $# -ge 2 ] || { echo "--schema: N manquant / missing N" >&2; exit 2; }; SCHEMA="$2"; shift ;;
    --schema=*) SCHEMA="${1#*=}" ;;
    --only) [ $# -ge 2 ] || { echo "--only: services manquants / missing services" >&2; exit 2; }; ONLY="$2"; shift ;;
    --only=*) ONLY="${1#*=}" ;;
    --latest) TAG_LATEST=1 ;;
    -h|--help) usage; exit 0 ;;
    --) shift; VERSIONS+=("$@"); break ;;
    -*) echo "Option inconnue / Unknown option: $1" >&2; exit 2 ;;
    *) VERSIONS+=("$1") ;;
  esac
  shift
done

case "$BROKEN" in
  ""|health500|unhealthy|exit|hang|migrations-fail|late500|slow) ;;
  *) echo "Mode --broken inconnu / Unknown --broken mode: $BROKEN (health500|unhealthy|exit|hang|migrations-fail|late500|slow)" >&2; exit 2 ;;
esac
if [ -n "$BREAK_AFTER" ] && ! [[ "$BREAK_AFTER" =~ ^[0-9]+(\.[0-9]+)?$ ]]; then
  echo "--break-after: nombre de secondes attendu / expected a number of seconds: $BREAK_AFTER" >&2
  exit 2
fi

case "$SCHEMA" in
  ""|1|2) ;;
  *) echo "--schema: 1 ou 2 attendu / expected 1 or 2: $SCHEMA" >&2; exit 2 ;;
esac

SERVICES=("${ALL_SERVICES[@]}")
if [ -n "$ONLY" ]; then
  SERVICES=()
  IFS=',' read -r -a requested <<<"$ONLY"
  for s in "${requested[@]}"; do
    [ "$s" = "migrations" ] && s="api-migrations"
    case " ${ALL_SERVICES[*]} " in
      *" $s "*) SERVICES+=("$s") ;;
      *) echo "Service inconnu / Unknown service: $s (${ALL_SERVICES[*]})" >&2; exit 2 ;;
    esac
  done
fi

for v in "${VERSIONS[@]}"; do
  if ! [[ "$v" =~ $VERSION_RE ]]; then
    echo "Version invalide / Invalid version: '$v'" >&2
    exit 2
  fi
done
if [ "$BASE_ONLY" -eq 0 ] && [ ${#VERSIONS[@]} -eq 0 ]; then
  echo "Version manquante / Missing VERSION (or --base-only)" >&2
  usage >&2
  exit 2
fi

say() { printf '==> %s\n' "$*" >&2; }

WORK="$(mktemp -d /tmp/reprise-build.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT

# docker build, quiet unless it fails.
build() {
  # $1: context dir, $2: Dockerfile, $3: tag
  local out="$WORK/build-$$-$RANDOM.log"
  if ! docker build -q --force-rm -f "$2" -t "$3" "$1" >"$out" 2>&1; then
    echo "ERREUR: construction de $3 échouée / ERROR: building $3 failed:" >&2
    cat "$out" >&2
    return 1
  fi
}

have_image() { docker image inspect "$1" >/dev/null 2>&1; }

# The static busybox every image carries (sh, wget, nc, … for healthchecks); exits when there is none.
static_busybox() {
  local bb
  bb="$(command -v busybox || true)"
  [ -x /bin/busybox ] && bb=/bin/busybox
  [ -n "$bb" ] || { echo "busybox introuvable (apt-get install busybox-static) / busybox not found" >&2; exit 1; }
  if ldd "$bb" >/dev/null 2>&1; then
    echo "busybox doit être statique (busybox-static) / busybox must be static (busybox-static)" >&2
    exit 1
  fi
  printf '%s\n' "$bb"
}

# Copies the shared libraries a binary needs into a rootfs, at the same paths as on the host (ld.so included).
copy_libs() {
  local bin="$1" root="$2" lib
  while read -r lib; do
    [ -n "$lib" ] || continue
    mkdir -p "$root$(dirname "$lib")"
    cp -L "$lib" "$root$lib"
  done < <(ldd "$bin" | grep -oE '(/[^ ]+)' | sort -u)
}

# ---------------------------------------------------------------------------
# Base image: FROM scratch + node + libs + busybox
# ---------------------------------------------------------------------------
build_base() {
  local t0=$SECONDS root="$WORK/base/rootfs" node busybox
  say "Image de base / Base image $BASE_IMAGE"
  node="$(readlink -f "$(command -v node)")"
  busybox="$(static_busybox)"
  mkdir -p "$root/usr/bin" "$root/bin" "$root/etc" "$root/tmp" "$root/app" "$root/var/lib/postgresql/data" "$root/data"
  chmod 1777 "$root/tmp"
  cp -L "$node" "$root/usr/bin/node"
  copy_libs "$node" "$root"
  cp -L "$busybox" "$root/bin/busybox"
  for applet in sh ash sleep cat echo nc wget grep ls ps kill env true false test printf head tail; do
    ln -sf busybox "$root/bin/$applet"
  done
  cat >"$root/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
EOF
  cat >"$root/etc/group" <<'EOF'
root:x:0:
nogroup:x:65534:
EOF
  echo 'hosts: files dns' >"$root/etc/nsswitch.conf"
  # the `pg` client and what it needs, as this repository's `npm ci` installed them (no registry at build time)
  node - "$REPO_ROOT/node_modules" "$root/node_modules" <<'JS' || { echo "le client pg manque (npm ci) / the pg client is missing (npm ci)" >&2; exit 1; }
const fs = require('node:fs');
const path = require('node:path');
const [from, to] = process.argv.slice(2);
const seen = new Set();
const visit = (name) => {
  if (seen.has(name)) return;
  seen.add(name);
  const pkg = JSON.parse(fs.readFileSync(path.join(from, name, 'package.json'), 'utf8'));
  fs.cpSync(path.join(from, name), path.join(to, name), { recursive: true, dereference: true });
  for (const dep of Object.keys(pkg.dependencies || {})) visit(dep);
  for (const dep of Object.keys(pkg.optionalDependencies || {})) if (fs.existsSync(path.join(from, dep))) visit(dep);
};
visit('pg');
JS
  cat >"$WORK/base/Dockerfile" <<'EOF'
FROM scratch
COPY rootfs/ /
ENV PATH=/usr/bin:/bin NODE_ENV=production
LABEL org.reprise.demo="1" org.opencontainers.image.title="reprise demo base (node + busybox)"
WORKDIR /app
CMD ["/bin/sh"]
EOF
  build "$WORK/base" "$WORK/base/Dockerfile" "$BASE_IMAGE"
  say "  $BASE_IMAGE construite en / built in $((SECONDS - t0)) s"
}

# ---------------------------------------------------------------------------
# Infrastructure: the real PostgreSQL and Redis images (Debian's, built here), under the demo's names
# ---------------------------------------------------------------------------
build_infra() {
  local name="$1" tag="$2" from="$3" script="$4" ctx="$WORK/infra-$1"
  if ! have_image "$from"; then
    bash "$SCRIPT_DIR/$script"
  fi
  mkdir -p "$ctx"
  cat >"$ctx/Dockerfile" <<EOF
FROM $from
LABEL org.reprise.demo="1" org.opencontainers.image.title="recyclic demo $name ($from)"
EOF
  build "$ctx" "$ctx/Dockerfile" "$tag"
}

# ---------------------------------------------------------------------------
# Reverse proxy: FROM scratch + Debian's nginx (from its .deb) + libs + busybox
# ---------------------------------------------------------------------------
# Contract with the deploy tool (see examples/recyclic/infra/nginx.conf): /etc/nginx/reprise/<service>.conf
# holds one line, `set $reprise_upstream HOST:PORT;`; the default is the compose service name.

# Where nginx's .deb is kept between builds (rebuilds need no network).
proxy_cache_dir() {
  local d
  for d in "${REPRISE_CACHE_DIR:-}" /var/cache/reprise "${XDG_CACHE_HOME:-${HOME:-/nonexistent}/.cache}/reprise"; do
    [ -n "$d" ] || continue
    if mkdir -p "$d" 2>/dev/null && [ -w "$d" ]; then
      echo "$d"
      return 0
    fi
  done
  echo "$WORK"
}

# Prints the path of nginx's .deb: the cached copy, else `apt-get download nginx` (after a quiet
# `apt-get update` when apt's lists lack nginx), else a copy left in apt's own archive cache.
nginx_deb() {
  local cache deb sudo="" dl="$WORK/nginx-download"
  cache="$(proxy_cache_dir)"
  deb="$(ls -1 "$cache"/nginx_*.deb 2>/dev/null | sort -V | tail -n1 || true)"
  if [ -n "$deb" ] && dpkg-deb --info "$deb" >/dev/null 2>&1; then
    echo "$deb"
    return 0
  fi
  if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then sudo="sudo"; fi
  mkdir -p "$dl"
  if ! apt-cache show nginx >/dev/null 2>&1; then
    $sudo apt-get update -qq >/dev/null 2>&1 || true
  fi
  # Sandbox user = ourselves: the download directory need not be writable by _apt.
  (cd "$dl" && apt-get -qq -o "APT::Sandbox::User=$(id -un)" download nginx >/dev/null 2>&1) || true
  deb="$(ls -1 "$dl"/nginx_*.deb 2>/dev/null | head -n1 || true)"
  if [ -z "$deb" ]; then
    deb="$(ls -1 /var/cache/apt/archives/nginx_*_"$(dpkg --print-architecture)".deb 2>/dev/null | sort -V | tail -n1 || true)"
  fi
  if [ -z "$deb" ] || ! dpkg-deb --info "$deb" >/dev/null 2>&1; then
    echo "nginx: téléchargement du paquet échoué / package download failed (apt-get download nginx)" >&2
    return 1
  fi
  if [ "$cache" != "$WORK" ] && cp "$deb" "$cache/" 2>/dev/null; then
    deb="$cache/$(basename "$deb")"
  fi
  echo "$deb"
}

build_proxy() {
  local t0=$SECONDS ctx="$WORK/proxy" deb nginx busybox lib d
  local root="$ctx/rootfs"
  deb="$(nginx_deb)" || exit 1
  mkdir -p "$ctx/deb"
  dpkg-deb -x "$deb" "$ctx/deb"
  nginx="$ctx/deb/usr/sbin/nginx"
  [ -x "$nginx" ] || { echo "nginx absent du paquet / nginx missing from $deb" >&2; exit 1; }
  if ldd "$nginx" | grep -q 'not found'; then
    echo "nginx : bibliothèques absentes de l'hôte / libraries missing on the host:" >&2
    ldd "$nginx" | grep 'not found' >&2
    exit 1
  fi
  busybox="$(static_busybox)"
  mkdir -p "$root/usr/sbin" "$root/bin" "$root/etc/nginx/reprise" "$root/var/log/nginx" "$root/run" "$root/tmp"
  for d in body proxy fastcgi uwsgi scgi; do
    mkdir -p "$root/var/lib/nginx/$d"
    chmod 1777 "$root/var/lib/nginx/$d"
  done
  chmod 1777 "$root/tmp"
  cp "$nginx" "$root/usr/sbin/nginx"
  copy_libs "$nginx" "$root"
  cp -L "$busybox" "$root/bin/busybox"
  for applet in sh wget nc grep cat ls ps kill sleep echo true false; do
    ln -sf busybox "$root/bin/$applet"
  done
  printf '%s\n' 'root:x:0:0:root:/root:/bin/sh' 'nobody:x:65534:65534:nobody:/nonexistent:/bin/false' >"$root/etc/passwd"
  printf '%s\n' 'root:x:0:' 'nogroup:x:65534:' >"$root/etc/group"
  printf '%s\n' 'passwd: files' 'group: files' 'hosts: files dns' >"$root/etc/nsswitch.conf"
  cp "$INFRA_DIR/nginx.conf" "$root/etc/nginx/nginx.conf"
  # Default pins: the compose service names (resolved by Docker's DNS at request time).
  printf '%s\n' 'set $reprise_upstream api:8000;' >"$root/etc/nginx/reprise/api.conf"
  printf '%s\n' 'set $reprise_upstream frontend:4444;' >"$root/etc/nginx/reprise/frontend.conf"
  {
    echo 'FROM scratch'
    echo 'COPY rootfs/ /'
    echo 'ENV PATH=/usr/sbin:/usr/bin:/sbin:/bin'
    echo 'LABEL org.reprise.demo="1" org.opencontainers.image.title="recyclic demo reverse proxy (Debian nginx 1.22)"'
    echo 'EXPOSE 8000 4444 8080'
    echo 'HEALTHCHECK --interval=1s --timeout=2s --start-period=2s --retries=3 CMD wget -q -O - http://127.0.0.1:8080/healthz | grep -q ok'
    echo 'STOPSIGNAL SIGQUIT'
    echo 'CMD ["/usr/sbin/nginx", "-g", "daemon off;"]'
  } >"$ctx/Dockerfile"
  build "$ctx" "$ctx/Dockerfile" "$PROXY_IMAGE"
  say "  $PROXY_IMAGE construite en / built in $((SECONDS - t0)) s ($(basename "$deb"))"
}

t_start=$SECONDS
if [ "$REBUILD_BASE" -eq 1 ] || ! have_image "$BASE_IMAGE"; then
  build_base
  REBUILD_INFRA=1
else
  REBUILD_INFRA=0
fi
infra_pids=()
if [ "$REBUILD_INFRA" -eq 1 ] || ! have_image recyclic-postgres:15-demo || ! have_image recyclic-redis:7-demo; then
  say "Images d'infrastructure / Infrastructure images recyclic-postgres:15-demo, recyclic-redis:7-demo"
  build_infra postgres recyclic-postgres:15-demo reprise-postgres:15 build-postgres.sh &
  infra_pids+=($!)
  build_infra redis recyclic-redis:7-demo reprise-redis:7 build-redis.sh &
  infra_pids+=($!)
fi
if [ "$REBUILD_INFRA" -eq 1 ] || ! have_image "$PROXY_IMAGE"; then
  say "Proxy inverse / Reverse proxy $PROXY_IMAGE (nginx)"
  build_proxy &
  infra_pids+=($!)
fi
for p in "${infra_pids[@]}"; do wait "$p" || exit 1; done
[ "$BASE_ONLY" -eq 1 ] && { say "Terminé / Done ($((SECONDS - t_start)) s)"; exit 0; }

# ---------------------------------------------------------------------------
# Versioned images
# ---------------------------------------------------------------------------
service_cmd() {
  case "$1" in
    api) echo '8000 api.js' ;;
    frontend) echo '4444 frontend.js' ;;
    bot) echo '8001 bot.js' ;;
    api-migrations) echo '- migrations.js' ;;
  esac
}

for v in "${VERSIONS[@]}"; do
  ctx="$WORK/v-$v"
  mkdir -p "$ctx/app"
  cp "$APP_DIR"/*.js "$ctx/app/"
  printf '%s\n' "$v" >"$ctx/app/VERSION"
  [ -n "$BROKEN" ] && printf '%s\n' "$BROKEN" >"$ctx/app/BROKEN"
  [ -n "$SCHEMA" ] && printf '%s\n' "$SCHEMA" >"$ctx/app/SCHEMA"
  [ -n "$BREAK_AFTER" ] && printf '%s\n' "$BREAK_AFTER" >"$ctx/app/BREAK_AFTER"
  pids=()
  for s in "${SERVICES[@]}"; do
    read -r port script <<<"$(service_cmd "$s")"
    expose=""
    [ "$port" != "-" ] && expose="EXPOSE $port"
    cat >"$ctx/Dockerfile.$s" <<EOF
FROM $BASE_IMAGE
COPY app/ /app/
$expose
LABEL org.reprise.demo="1" org.reprise.demo.service="$s" org.reprise.demo.broken="$BROKEN" org.reprise.demo.schema="${SCHEMA:-1}" org.opencontainers.image.title="recyclic-$s" org.opencontainers.image.version="$v"
STOPSIGNAL SIGTERM
CMD ["/usr/bin/node", "/app/$script"]
EOF
    build "$ctx" "$ctx/Dockerfile.$s" "recyclic-$s:$v" &
    pids+=($!)
  done
  fail=0
  for p in "${pids[@]}"; do wait "$p" || fail=1; done
  [ "$fail" -eq 0 ] || exit 1
  say "Version $v: ${SERVICES[*]/#/recyclic-}${BROKEN:+ (broken: $BROKEN)}"
done

if [ "$TAG_LATEST" -eq 1 ]; then
  last="${VERSIONS[${#VERSIONS[@]}-1]}"
  for s in "${SERVICES[@]}"; do docker tag "recyclic-$s:$last" "recyclic-$s:latest"; done
  say "Tag latest → $last"
fi
say "Terminé / Done ($((SECONDS - t_start)) s)"
