#!/usr/bin/env bash
# reprise — machine set-up (idempotent; fast when everything is already present).
#
#   bash scripts/setup.sh [--no-images] [--with-browser] [--with-current-engine] [--with-registry] [--with-mariadb]
#
# Environment: REPRISE_SKIP_BUILD=1 skips `npm run build` (scripts/test.sh builds itself);
# REPRISE_DEMO_VERSION sets the demo version built in step 5 (default demo001).
#
# 1. Debian packages: docker.io, docker-compose (v1), busybox-static, git, curl, ca-certificates, iproute2
#    (+ chromium with --with-browser: the dashboard's browser test; scripts/test.sh asks for it)
#    (+ openssl and openssh with --with-current-engine: the remote-engine tests; scripts/test.sh asks for it)
#    (+ docker-registry with --with-current-engine or --with-registry: the registry tests, demo.sh --registry)
#    + postgresql and redis-server, their services never started: the demo's database and cache are real ones
#    (reprise-postgres:15 and reprise-redis:7, under the demo's names), unless --no-images
#    (+ mariadb-server-core and mariadb-client with --with-mariadb: the tests' reprise-mariadb:10.11; no service)
# 2. Compose v2 CLI plugin, unpacked from Debian trixie's docker-compose 2.x package with a
#    TEMPORARY apt configuration (nothing about trixie is ever written under /etc/apt)
# 3. dockerd started in the background when the engine does not answer (with DOCKER_SERVICE_PREFER_OFFLINE_IMAGE=1
#    so that Swarm tasks use the local images)
# 4. node dependencies (npm ci) and the TypeScript build
# 5. the demo images (base image + one default version), unless --no-images
#    + the router tests' HAProxy and Caddy images, from Debian packages (scripts/build-routers.sh), unless --no-images
# 6. with --with-current-engine: Debian's newest docker.io, containerd and docker-compose unpacked for the
#    tests' second engine (scripts/current-engine.sh install; scripts/test.sh starts it)
#
# User-facing messages are bilingual (French / English).
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"

WITH_IMAGES=1
WITH_BROWSER=0
WITH_CURRENT_ENGINE=0
WITH_REGISTRY=0
WITH_POSTGRES=1
WITH_MARIADB=0
DEMO_VERSION="${REPRISE_DEMO_VERSION:-demo001}"

usage() {
  cat <<'EOF'
Usage: bash scripts/setup.sh [--no-images]

Installe et démarre tout ce dont reprise a besoin / Installs and starts everything reprise needs:
  Docker engine, docker-compose v1, Compose v2 plugin, node dependencies, build, demo images.

  --no-images     ne pas construire les images de démo ni des routeurs / do not build the demo and router images
  --with-browser  installer aussi Chromium (test du tableau de bord) / also install Chromium (dashboard test)
  --with-current-engine  installer aussi le moteur Docker actuel des tests / also install the tests' current Docker engine
  --with-registry  installer aussi docker-registry (démo --registry) / also install docker-registry (demo --registry)
  --with-mariadb  installer aussi MariaDB (sans service) pour l'image des tests reprise-mariadb / also install MariaDB (no service) for the tests' reprise-mariadb image
  --with-postgres  (par défaut / the default) PostgreSQL et Redis (sans leurs services) pour les images de la démo / PostgreSQL and Redis (not their services) for the demo's images
  -h, --help    cette aide / this help
EOF
}

while [ $# -gt 0 ]; do
  case "$1" in
    --no-images) WITH_IMAGES=0; WITH_POSTGRES=0 ;;
    --with-browser) WITH_BROWSER=1 ;;
    --with-current-engine) WITH_CURRENT_ENGINE=1; WITH_REGISTRY=1; WITH_POSTGRES=1 ;;
    --with-postgres) WITH_POSTGRES=1 ;;
    --with-mariadb) WITH_MARIADB=1 ;;
    --with-registry) WITH_REGISTRY=1 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "Option inconnue / Unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

say()  { printf '==> %s\n' "$*" >&2; }
ok()   { printf '    ok: %s\n' "$*" >&2; }
die()  { printf 'ERREUR / ERROR: %s\n' "$*" >&2; exit 1; }

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else die "root ou sudo requis / root or sudo required"; fi
fi

export DEBIAN_FRONTEND=noninteractive

# ---------------------------------------------------------------------------
# 1. Debian packages
# ---------------------------------------------------------------------------
PACKAGES=(docker.io docker-compose busybox-static git curl ca-certificates iproute2)
# Debian's Chromium, driven by playwright-core in the dashboard's browser test (never a downloaded browser)
[ "$WITH_BROWSER" = "1" ] && PACKAGES+=(chromium)
# a TLS daemon and an ssh:// engine in the remote-engine tests (they start their own sshd on 127.0.0.1)
[ "$WITH_CURRENT_ENGINE" = "1" ] && PACKAGES+=(openssl openssh-client openssh-server)
# the registry the registry tests push to and pull from (Debian's CNCF distribution registry; each test starts
# its own on 127.0.0.1, so the packaged service is stopped below)
[ "$WITH_REGISTRY" = "1" ] && PACKAGES+=(docker-registry)
# MariaDB's server and clients for the tests' reprise-mariadb image (scripts/build-mariadb.sh): these two
# packages ship no service, nothing starts on this machine
[ "$WITH_MARIADB" = "1" ] && PACKAGES+=(mariadb-server-core mariadb-client)
missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! dpkg -s "$pkg" 2>/dev/null | grep -q '^Status: install ok installed'; then
    missing+=("$pkg")
  fi
done
# better-sqlite3 is compiled from source when its prebuilt binary cannot be downloaded (no GitHub here):
# that needs a C++ toolchain and python3.
if ! command -v g++ >/dev/null 2>&1 || ! command -v make >/dev/null 2>&1; then
  dpkg -s build-essential >/dev/null 2>&1 || missing+=(build-essential)
fi
if ! command -v python3 >/dev/null 2>&1; then
  missing+=(python3)
fi
if [ ${#missing[@]} -gt 0 ]; then
  say "Installation des paquets Debian / Installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
  ok "paquets installés / packages installed"
else
  ok "paquets Debian présents / Debian packages present (${PACKAGES[*]})"
fi
# PostgreSQL's binaries for the reprise-postgres image (scripts/build-postgres.sh): installed with every service
# start refused (policy-rc.d), so no cluster runs on this machine
if [ "$WITH_POSTGRES" = "1" ] && ! ls /usr/lib/postgresql/[0-9]*/bin/postgres >/dev/null 2>&1; then
  say "Installation de PostgreSQL (sans démarrer son service) / Installing PostgreSQL (its service not started)"
  policy_made=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
    $SUDO chmod 755 /usr/sbin/policy-rc.d
    policy_made=1
  fi
  apt-cache show postgresql >/dev/null 2>&1 || $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  [ "$policy_made" = "1" ] && $SUDO rm -f /usr/sbin/policy-rc.d
  ok "PostgreSQL installé / installed ($(ls -1d /usr/lib/postgresql/[0-9]* | sort -V | tail -n1))"
fi
# Redis's binaries for the reprise-redis image (scripts/build-redis.sh): same way, its service never started
if [ "$WITH_POSTGRES" = "1" ] && ! command -v redis-server >/dev/null 2>&1; then
  say "Installation de Redis (sans démarrer son service) / Installing Redis (its service not started)"
  policy_made=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
    $SUDO chmod 755 /usr/sbin/policy-rc.d
    policy_made=1
  fi
  apt-cache show redis-server >/dev/null 2>&1 || $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends redis-server redis-tools >/dev/null
  [ "$policy_made" = "1" ] && $SUDO rm -f /usr/sbin/policy-rc.d
  ok "Redis installé / installed ($(redis-server --version | cut -d' ' -f3))"
fi
# the package starts a registry listening on every interface (port 5000) where systemd runs: the tests do not
# use it, and nothing here should listen beyond 127.0.0.1
if [ "$WITH_REGISTRY" = "1" ] && command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet docker-registry 2>/dev/null; then
  $SUDO systemctl disable --now docker-registry >/dev/null 2>&1 || true
  ok "service docker-registry du paquet arrêté / the package's docker-registry service stopped"
fi

# ---------------------------------------------------------------------------
# 2. Compose v2 plugin (from Debian trixie, temporary apt config)
# ---------------------------------------------------------------------------
PLUGIN_DIRS=("${HOME:-/root}/.docker/cli-plugins" "/usr/local/lib/docker/cli-plugins")

compose_v2_ok() {
  docker compose version 2>/dev/null | grep -Eq 'v?2\.[0-9]+'
}

install_plugin_copies() {
  # $1: path of a docker-compose v2 plugin binary
  local src="$1" dir
  for dir in "${PLUGIN_DIRS[@]}"; do
    if [ ! -x "$dir/docker-compose" ] || ! cmp -s "$src" "$dir/docker-compose"; then
      $SUDO mkdir -p "$dir"
      $SUDO install -m 0755 "$src" "$dir/docker-compose"
    fi
  done
}

if compose_v2_ok; then
  ok "Compose v2 présent / Compose v2 present: $(docker compose version --short 2>/dev/null || true)"
  # Make sure both docker clients (v28 in /usr/local/bin and Debian's 20.10) find it.
  for dir in "${PLUGIN_DIRS[@]}"; do
    if [ -x "$dir/docker-compose" ]; then install_plugin_copies "$dir/docker-compose"; break; fi
  done
else
  say "Installation du plugin Compose v2 (Debian trixie) / Installing the Compose v2 plugin (Debian trixie)"
  TMP_APT="$(mktemp -d /tmp/reprise-apt.XXXXXX)"
  trap 'rm -rf "$TMP_APT"' EXIT
  mkdir -p "$TMP_APT/lists/partial" "$TMP_APT/archives/partial" "$TMP_APT/sources.list.d" "$TMP_APT/deb"
  KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
  [ -r "$KEYRING" ] || die "trousseau Debian absent / Debian keyring missing: $KEYRING (apt-get install debian-archive-keyring)"
  echo "deb [signed-by=$KEYRING] http://deb.debian.org/debian trixie main" >"$TMP_APT/sources.list"
  ARCH="$(dpkg --print-architecture)"
  APT_OPTS=(
    -o "Dir::Etc::SourceList=$TMP_APT/sources.list"
    -o "Dir::Etc::SourceParts=$TMP_APT/sources.list.d"
    -o "Dir::State::Lists=$TMP_APT/lists"
    -o "Dir::Cache::archives=$TMP_APT/archives"
    -o "Dir::Cache::pkgcache=" -o "Dir::Cache::srcpkgcache="
    -o "Acquire::Languages=none"
    -o "APT::Architecture=$ARCH" -o "APT::Architectures::=$ARCH"
    -o "APT::Sandbox::User=root"
    -o "Debug::NoLocking=1"
  )
  $SUDO apt-get "${APT_OPTS[@]}" -qq update
  (cd "$TMP_APT" && $SUDO apt-get "${APT_OPTS[@]}" -qq download docker-compose)
  DEB="$(ls "$TMP_APT"/docker-compose_*.deb 2>/dev/null | head -n1)"
  [ -n "$DEB" ] || die "téléchargement de docker-compose (trixie) échoué / download of docker-compose (trixie) failed"
  dpkg-deb -x "$DEB" "$TMP_APT/deb"
  PLUGIN_BIN="$(find "$TMP_APT/deb" -type f -path '*cli-plugins/docker-compose' | head -n1)"
  [ -n "$PLUGIN_BIN" ] || die "plugin introuvable dans le paquet / plugin not found in the package ($DEB)"
  install_plugin_copies "$PLUGIN_BIN"
  rm -rf "$TMP_APT"
  trap - EXIT
  compose_v2_ok || die "docker compose version ne répond pas en 2.x / docker compose version does not report 2.x"
  ok "Compose v2 installé / Compose v2 installed: $(docker compose version --short)"
fi

v1="$(docker-compose version --short 2>/dev/null || true)"
case "$v1" in
  1.*) ok "docker-compose v1: $v1" ;;
  *) die "docker-compose v1 introuvable / docker-compose v1 not found (got: '${v1}')" ;;
esac

# ---------------------------------------------------------------------------
# 3. Docker engine
# ---------------------------------------------------------------------------
if docker info >/dev/null 2>&1; then
  ok "moteur Docker actif / Docker engine running ($(docker version --format '{{.Server.Version}}' 2>/dev/null || echo '?'))"
else
  say "Démarrage de dockerd / Starting dockerd (log: /var/log/reprise-dockerd.log)"
  DOCKERD="$(command -v dockerd || echo /usr/sbin/dockerd)"
  [ -x "$DOCKERD" ] || die "dockerd introuvable / dockerd not found"
  # A stale pid file from a dead daemon prevents a new one from starting.
  if [ -f /var/run/docker.pid ] && ! kill -0 "$(cat /var/run/docker.pid 2>/dev/null)" 2>/dev/null; then
    $SUDO rm -f /var/run/docker.pid
  fi
  # DOCKER_SERVICE_PREFER_OFFLINE_IMAGE=1: a Swarm task uses the local image instead of asking a registry
  # first (images are built locally here; see README "Docker Swarm")
  $SUDO sh -c "DOCKER_SERVICE_PREFER_OFFLINE_IMAGE=1 setsid nohup '$DOCKERD' >>/var/log/reprise-dockerd.log 2>&1 </dev/null &"
  for _ in $(seq 1 120); do
    if docker info >/dev/null 2>&1; then break; fi
    sleep 0.5
  done
  if ! docker info >/dev/null 2>&1; then
    tail -n 30 /var/log/reprise-dockerd.log >&2 || true
    die "dockerd ne répond pas après 60 s / dockerd not answering after 60 s"
  fi
  ok "moteur Docker démarré / Docker engine started ($(docker version --format '{{.Server.Version}}'))"
fi

# ---------------------------------------------------------------------------
# 4. Node dependencies and build
# ---------------------------------------------------------------------------
cd "$REPO_ROOT"
if [ ! -d node_modules ] || [ ! -f node_modules/.package-lock.json ] \
   || [ package-lock.json -nt node_modules/.package-lock.json ] \
   || [ package.json -nt node_modules/.package-lock.json ]; then
  say "Installation des dépendances node / Installing node dependencies (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
  ok "dépendances installées / dependencies installed"
else
  ok "dépendances node à jour / node dependencies up to date"
fi

if [ "${REPRISE_SKIP_BUILD:-0}" = "1" ]; then
  ok "compilation laissée à l'appelant / build left to the caller (REPRISE_SKIP_BUILD=1)"
else
  say "Compilation / Building (npm run build)"
  npm run --silent build
  ok "compilé dans dist/ / built into dist/"
fi

# ---------------------------------------------------------------------------
# 5. Demo images
# ---------------------------------------------------------------------------
if [ "$WITH_IMAGES" -eq 1 ]; then
  # the real PostgreSQL and Redis the demo's db and cache run (their images are built once)
  if [ "$WITH_POSTGRES" = "1" ]; then
    bash "$SCRIPT_DIR/build-postgres.sh"
    bash "$SCRIPT_DIR/build-redis.sh"
  fi
  # the tests' MariaDB (kind: mariadb snapshots), not the demo's
  [ "$WITH_MARIADB" = "1" ] && bash "$SCRIPT_DIR/build-mariadb.sh"
  if docker image inspect reprise-demo-base:2 recyclic-postgres:15-demo recyclic-redis:7-demo recyclic-proxy:1.22-demo \
       "recyclic-api:$DEMO_VERSION" "recyclic-frontend:$DEMO_VERSION" "recyclic-bot:$DEMO_VERSION" \
       "recyclic-api-migrations:$DEMO_VERSION" >/dev/null 2>&1; then
    ok "images de démo présentes / demo images present (version $DEMO_VERSION)"
  else
    say "Construction des images de démo / Building the demo images (version $DEMO_VERSION)"
    bash "$SCRIPT_DIR/build-images.sh" "$DEMO_VERSION"
  fi
  if docker image inspect reprise-router-haproxy:2.6 reprise-router-caddy:2.6 >/dev/null 2>&1; then
    ok "images des routeurs présentes / router images present (HAProxy, Caddy)"
  else
    say "Construction des images des routeurs / Building the router images (HAProxy, Caddy)"
    bash "$SCRIPT_DIR/build-routers.sh"
  fi
else
  ok "images de démo ignorées (--no-images) / demo images skipped (--no-images)"
fi

# ---------------------------------------------------------------------------
# 6. The tests' current engine (Debian unstable's docker.io 28.5, containerd 2.1, docker-compose 2.40)
# ---------------------------------------------------------------------------
if [ "$WITH_CURRENT_ENGINE" -eq 1 ]; then
  $SUDO bash "$SCRIPT_DIR/current-engine.sh" install
fi

say "Prêt / Ready."
