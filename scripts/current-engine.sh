#!/usr/bin/env bash
# reprise — the CURRENT Docker engine the tests run beside the host's own (idempotent).
#
#   bash scripts/current-engine.sh install   # unpack Debian's newest docker.io, containerd, docker-compose
#   bash scripts/current-engine.sh start     # start it (installs first when needed); prints nothing on success
#   bash scripts/current-engine.sh stop
#   bash scripts/current-engine.sh status    # exit 0 when it answers
#   bash scripts/current-engine.sh env      # KEY=VALUE lines the tests read (see below)
#
# What it is: Debian's newest `docker.io` (28.5, unstable suite) with its `containerd` (2.1) and the host's
# `runc` and `docker-init`, its `docker-cli`, and Debian's newest `docker-compose` (2.40) as a CLI plugin. The packages are
# fetched with a TEMPORARY apt configuration (nothing about the unstable suite is ever written under
# /etc/apt) and unpacked with `dpkg-deb -x` into $REPRISE_CURRENT_ENGINE_DIR (default /opt/reprise/current-engine).
#
# How it runs: a second dockerd on its own socket, data root, exec root and pid file, started with
# DOCKER_MIN_API_VERSION=1.44 so that it refuses old clients exactly like Docker Engine 29 does. Its
# networks come from 10.213.0.0/24 (default bridge) and 10.214.0.0/16 (compose networks), apart from the
# host engine's; it leaves iptables to the host engine (--iptables=false: two daemons must not own the
# same chains) and this script lets its bridges forward (the host engine's FORWARD policy is DROP).
# Published ports reach it through docker-proxy. It also listens on tcp://127.0.0.1:23760 with TLS and
# client certificates made here at each start (a CA, a server certificate for 127.0.0.1, a client one).
#
# `env` prints:
#   REPRISE_CURRENT_DOCKER_HOST   unix socket of the engine
#   REPRISE_CURRENT_TLS_HOST      tcp://127.0.0.1:23760 (TLS, client certificate required)
#   REPRISE_CURRENT_TLS_CERTS     directory holding ca.pem, cert.pem, key.pem for a client (DOCKER_CERT_PATH)
#   REPRISE_CURRENT_CLI_PLUGINS   directory holding the docker-compose 2.40 plugin (copy or link it into a
#                                 DOCKER_CONFIG's cli-plugins/ to use that compose)
#   REPRISE_CURRENT_CLI           directory holding only its docker CLI (28.5)
#   REPRISE_CURRENT_VERSIONS      the unpacked package versions
#
# User-facing messages are bilingual (French / English).
set -euo pipefail

DIR="${REPRISE_CURRENT_ENGINE_DIR:-/opt/reprise/current-engine}"
RUN="/run/reprise-current-engine"
DATA="/var/lib/reprise-current-engine"
SOCK="$RUN/docker.sock"
TLS_PORT=23760
LOG=/var/log/reprise-current-engine.log
BRIDGE_CIDR=10.213.0.1/24
POOL=10.214.0.0/16

say() { printf '==> %s\n' "$*" >&2; }
ok()  { printf '    ok: %s\n' "$*" >&2; }
die() { printf 'ERREUR / ERROR: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || die "root requis (démarre un dockerd) / root required (starts a dockerd)"

installed() {
  [ -x "$DIR/bin/dockerd" ] && [ -x "$DIR/bin/containerd" ] && [ -x "$DIR/bin/containerd-shim-runc-v2" ] \
    && [ -x "$DIR/bin/docker-proxy" ] && [ -x "$DIR/cli-plugins/docker-compose" ] && [ -x "$DIR/cli/docker" ] && [ -s "$DIR/VERSIONS" ]
}

cmd_install() {
  if installed; then
    ok "moteur actuel présent / current engine present ($(tr '\n' ' ' <"$DIR/VERSIONS"))"
    return 0
  fi
  say "Installation du moteur Docker actuel (Debian unstable) / Installing the current Docker engine (Debian unstable)"
  local tmp
  tmp="$(mktemp -d /tmp/reprise-current-apt.XXXXXX)"
  # shellcheck disable=SC2064
  trap "rm -rf '$tmp'" RETURN
  mkdir -p "$tmp/lists/partial" "$tmp/archives/partial" "$tmp/sources.list.d" "$tmp/x"
  local keyring=/usr/share/keyrings/debian-archive-keyring.gpg
  [ -r "$keyring" ] || die "trousseau Debian absent / Debian keyring missing: $keyring (apt-get install debian-archive-keyring)"
  echo "deb [signed-by=$keyring] http://deb.debian.org/debian unstable main" >"$tmp/sources.list"
  local arch
  arch="$(dpkg --print-architecture)"
  local opts=(
    -o "Dir::Etc::SourceList=$tmp/sources.list" -o "Dir::Etc::SourceParts=$tmp/sources.list.d"
    -o "Dir::State::Lists=$tmp/lists" -o "Dir::Cache::archives=$tmp/archives"
    -o "Dir::Cache::pkgcache=" -o "Dir::Cache::srcpkgcache=" -o "Acquire::Languages=none"
    -o "APT::Architecture=$arch" -o "APT::Architectures::=$arch" -o "APT::Sandbox::User=root" -o "Debug::NoLocking=1"
  )
  apt-get "${opts[@]}" -qq update
  (cd "$tmp" && apt-get "${opts[@]}" -qq download docker.io docker-cli containerd docker-compose)
  local deb
  for deb in "$tmp"/*.deb; do dpkg-deb -x "$deb" "$tmp/x"; done
  mkdir -p "$DIR/bin" "$DIR/cli-plugins" "$DIR/cli"
  install -m 0755 "$tmp/x/usr/sbin/dockerd" "$tmp/x/usr/sbin/docker-proxy" "$tmp/x/usr/bin/containerd" \
    "$tmp/x/usr/bin/containerd-shim-runc-v2" "$DIR/bin/"
  install -m 0755 "$tmp/x/usr/libexec/docker/cli-plugins/docker-compose" "$DIR/cli-plugins/docker-compose"
  # its docker CLI, alone in cli/: the tests put that directory first on PATH for this engine
  install -m 0755 "$tmp/x/usr/bin/docker" "$DIR/cli/docker"
  # the host's runc and docker-init: the newer runc needs a newer C library than the host's
  local runc init
  runc="$(command -v runc || true)"; init="$(command -v docker-init || true)"
  [ -n "$runc" ] || die "runc introuvable (paquet runc) / runc not found (package runc)"
  ln -sf "$runc" "$DIR/bin/runc"
  [ -n "$init" ] && ln -sf "$init" "$DIR/bin/docker-init"
  {
    for deb in "$tmp"/*.deb; do dpkg-deb -W --showformat='${Package} ${Version}\n' "$deb"; done
    echo "runc $("$runc" --version | head -n1 | awk '{print $3}') (host)"
  } >"$DIR/VERSIONS"
  "$DIR/bin/dockerd" --version >/dev/null || die "dockerd ne démarre pas / dockerd does not run ($DIR/bin/dockerd)"
  ok "installé dans / installed in $DIR: $(tr '\n' ';' <"$DIR/VERSIONS")"
}

answers() {
  curl -sf --max-time 3 --unix-socket "$SOCK" http://docker/_ping >/dev/null 2>&1
}

make_certs() {
  local t="$RUN/tls"
  rm -rf "$t"; mkdir -p "$t/client"; chmod 0700 "$t"
  (
    cd "$t"
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=reprise test CA" -keyout ca-key.pem -out ca.pem 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -keyout server-key.pem -out server.csr 2>/dev/null
    printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n' >server.ext
    openssl x509 -req -in server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 2 -extfile server.ext -out server-cert.pem 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj "/CN=reprise-client" -keyout client/key.pem -out client.csr 2>/dev/null
    printf 'extendedKeyUsage=clientAuth\n' >client.ext
    openssl x509 -req -in client.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 2 -extfile client.ext -out client/cert.pem 2>/dev/null
    cp ca.pem client/ca.pem
    chmod 0600 ./*-key.pem client/key.pem
  )
}

forwarding() {
  # the host engine sets FORWARD's policy to DROP; this engine's bridges forward (idempotent: -C first)
  local cidr rule
  for cidr in "${BRIDGE_CIDR%.*}.0/24" "$POOL"; do
    for rule in "-s $cidr -j ACCEPT" "-d $cidr -j ACCEPT"; do
      # shellcheck disable=SC2086
      iptables -C FORWARD $rule 2>/dev/null || iptables -I FORWARD 1 $rule
    done
  done
}

cmd_start() {
  if answers; then forwarding; return 0; fi
  cmd_install
  command -v openssl >/dev/null || die "openssl introuvable / openssl not found (apt-get install openssl)"
  mkdir -p "$RUN" "$DATA"
  if [ -f "$RUN/docker.pid" ] && kill -0 "$(cat "$RUN/docker.pid")" 2>/dev/null; then
    kill "$(cat "$RUN/docker.pid")" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$(cat "$RUN/docker.pid")" 2>/dev/null || break; sleep 0.25; done
  fi
  rm -f "$RUN/docker.pid" "$SOCK"
  make_certs
  forwarding
  say "Démarrage du moteur actuel / Starting the current engine (log: $LOG)"
  # PATH first: dockerd starts its own containerd (2.1) and finds the shim, runc and docker-init there
  PATH="$DIR/bin:$PATH" DOCKER_MIN_API_VERSION=1.44 setsid nohup "$DIR/bin/dockerd" \
    --host "unix://$SOCK" --host "tcp://127.0.0.1:$TLS_PORT" \
    --tlsverify --tlscacert "$RUN/tls/ca.pem" --tlscert "$RUN/tls/server-cert.pem" --tlskey "$RUN/tls/server-key.pem" \
    --data-root "$DATA" --exec-root "$RUN/exec" --pidfile "$RUN/docker.pid" \
    --iptables=false --ip6tables=false --bip "$BRIDGE_CIDR" --default-address-pool "base=$POOL,size=24" \
    >>"$LOG" 2>&1 </dev/null &
  for _ in $(seq 1 120); do answers && break; sleep 0.5; done
  if ! answers; then tail -n 30 "$LOG" >&2 || true; die "le moteur actuel ne répond pas après 60 s / the current engine is not answering after 60 s"; fi
  ok "moteur actuel démarré / current engine started: $(curl -s --unix-socket "$SOCK" http://docker/version | sed -n 's/.*"ApiVersion":"\([0-9.]*\)".*"MinAPIVersion":"\([0-9.]*\)".*/API \1 (min \2)/p' | head -n1)"
}

cmd_stop() {
  if [ -f "$RUN/docker.pid" ] && kill -0 "$(cat "$RUN/docker.pid")" 2>/dev/null; then
    kill "$(cat "$RUN/docker.pid")"
    for _ in $(seq 1 60); do kill -0 "$(cat "$RUN/docker.pid" 2>/dev/null)" 2>/dev/null || break; sleep 0.25; done
  fi
  ok "moteur actuel arrêté / current engine stopped"
}

cmd_env() {
  echo "REPRISE_CURRENT_DOCKER_HOST=unix://$SOCK"
  echo "REPRISE_CURRENT_TLS_HOST=tcp://127.0.0.1:$TLS_PORT"
  echo "REPRISE_CURRENT_TLS_CERTS=$RUN/tls/client"
  echo "REPRISE_CURRENT_CLI_PLUGINS=$DIR/cli-plugins"
  echo "REPRISE_CURRENT_CLI=$DIR/cli"
  echo "REPRISE_CURRENT_VERSIONS=$( [ -s "$DIR/VERSIONS" ] && tr '\n' ';' <"$DIR/VERSIONS" )"
}

case "${1:-}" in
  install) cmd_install ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) answers ;;
  env) cmd_env ;;
  *) echo "Usage: bash scripts/current-engine.sh install|start|stop|status|env" >&2; exit 2 ;;
esac
