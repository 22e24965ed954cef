#!/usr/bin/env bash
# Builds the two reverse-proxy images of the router tests locally, in seconds, without any registry.
#
#   bash scripts/build-routers.sh [--rebuild] [haproxy|caddy]...      (no name: both)
#
# - reprise-router-haproxy:2.6   FROM scratch: Debian's haproxy 2.6 (its .deb) + its shared libraries
#                                (those the host lacks, e.g. liblua5.3, come from their own .debs) + busybox;
#                                CMD haproxy -W -db -f /usr/local/etc/haproxy/haproxy.cfg (master-worker, foreground)
# - reprise-router-caddy:2.6     FROM scratch: Debian's caddy 2.6.2 (its .deb) + libs + busybox;
#                                CMD caddy run --config /etc/caddy/Caddyfile --adapter caddyfile
#
# The .debs are fetched once with `apt-get download` and kept in ${REPRISE_CACHE_DIR:-/var/cache/reprise}
# (next to nginx's, see scripts/build-images.sh). Each image carries only a minimal default configuration
# (port 8080 answers "mount your own configuration"); tests mount their own, e.g.
# test/fixtures/routers/haproxy.cfg and test/fixtures/routers/Caddyfile (read their header for the
# environment variables they expect). Busybox gives sh, wget, nc, cat, sleep, kill, ps, grep, echo.
#
# An image already present is left alone unless --rebuild. Both carry the label org.reprise.demo=1.
set -euo pipefail

HAPROXY_IMAGE="reprise-router-haproxy:2.6"
CADDY_IMAGE="reprise-router-caddy:2.6"

# The legacy builder works with both the Debian 20.10 client and the v28 client (which has no buildx here).
export DOCKER_BUILDKIT=0

usage() {
  sed -n '2,18p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

REBUILD=0
ROUTERS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --rebuild) REBUILD=1 ;;
    -h|--help) usage; exit 0 ;;
    haproxy|caddy)
      case " ${ROUTERS[*]:-} " in *" $1 "*) ;; *) ROUTERS+=("$1") ;; esac ;;
    -*) echo "Option inconnue / Unknown option: $1" >&2; exit 2 ;;
    *) echo "Routeur inconnu / Unknown router: $1 (haproxy|caddy)" >&2; exit 2 ;;
  esac
  shift
done
[ ${#ROUTERS[@]} -gt 0 ] || ROUTERS=(haproxy caddy)

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'ERREUR / ERROR: %s\n' "$*" >&2; exit 1; }

WORK="$(mktemp -d /tmp/reprise-routers.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT

have_image() { docker image inspect "$1" >/dev/null 2>&1; }

# docker build, quiet unless it fails.
docker_build() {
  # $1: context dir (holding its Dockerfile), $2: tag
  local out="$WORK/build-$RANDOM.log"
  if ! docker build -q --force-rm -t "$2" "$1" >"$out" 2>&1; then
    echo "ERREUR: construction de $2 échouée / ERROR: building $2 failed:" >&2
    cat "$out" >&2
    return 1
  fi
}

# Where the .debs are kept between builds (rebuilds need no network); the same place as nginx's.
deb_cache_dir() {
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

# Prints the path of PKG's .deb: the cached copy, else `apt-get download PKG` (after a quiet
# `apt-get update` when apt's lists lack PKG), else a copy left in apt's own archive cache.
fetch_deb() {
  local pkg="$1" cache deb sudo="" dl="$WORK/download-$1"
  cache="$(deb_cache_dir)"
  deb="$(ls -1 "$cache/${pkg}"_*.deb 2>/dev/null | sort -V | tail -n1 || true)"
  if [ -n "$deb" ] && dpkg-deb --info "$deb" >/dev/null 2>&1; then
    echo "$deb"
    return 0
  fi
  if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then sudo="sudo"; fi
  mkdir -p "$dl"
  if ! apt-cache show "$pkg" >/dev/null 2>&1; then
    $sudo apt-get update -qq </dev/null >/dev/null 2>&1 || true
  fi
  # Sandbox user = ourselves: the download directory need not be writable by _apt.
  (cd "$dl" && apt-get -qq -o "APT::Sandbox::User=$(id -un)" download "$pkg" </dev/null >/dev/null 2>&1) || true
  deb="$(ls -1 "$dl/${pkg}"_*.deb 2>/dev/null | head -n1 || true)"
  if [ -z "$deb" ]; then
    deb="$(ls -1 /var/cache/apt/archives/"${pkg}"_*_"$(dpkg --print-architecture)".deb 2>/dev/null | sort -V | tail -n1 || true)"
  fi
  if [ -z "$deb" ] || ! dpkg-deb --info "$deb" >/dev/null 2>&1; then
    echo "$pkg: téléchargement du paquet échoué / package download failed (apt-get download $pkg)" >&2
    return 1
  fi
  if [ "$cache" != "$WORK" ] && cp "$deb" "$cache/" 2>/dev/null; then
    deb="$cache/$(basename "$deb")"
  fi
  echo "$deb"
}

installed() { [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = 'install ok installed' ]; }

# Unpacks into STAGE the library packages DEB depends on that the host lacks (recursively): they provide
# the shared objects ldd cannot find on the host (haproxy: liblua5.3-0, libopentracing-c-wrapper0, …).
stage_missing_libs() {
  local deb="$1" stage="$2" dep pkg sub
  mkdir -p "$stage"
  while read -r dep; do
    pkg="${dep%%|*}"             # first alternative
    pkg="${pkg%%(*}"              # no version constraint
    pkg="$(echo "$pkg" | tr -d ' ')"
    pkg="${pkg%%:*}"              # no :any
    case "$pkg" in lib*) ;; *) continue ;; esac
    installed "$pkg" && continue
    [ -e "$stage/.staged-$pkg" ] && continue
    touch "$stage/.staged-$pkg"
    sub="$(fetch_deb "$pkg")" || return 1
    dpkg-deb -x "$sub" "$stage" || return 1
    stage_missing_libs "$sub" "$stage" || return 1
  done < <(dpkg-deb -f "$deb" Depends Pre-Depends | tr ',' '\n' | sed -E 's/^(Pre-)?Depends: *//' | grep -v '^ *$')
}

# The library path ldd should also search: every directory of STAGE holding shared objects.
stage_lib_path() {
  find "$1" -name '*.so*' \( -type f -o -type l \) -printf '%h\n' 2>/dev/null | sort -u | paste -sd: -
}

# The static busybox every image carries (sh, wget, nc, …); exits when there is none.
static_busybox() {
  local bb
  bb="$(command -v busybox || true)"
  [ -x /bin/busybox ] && bb=/bin/busybox
  [ -n "$bb" ] || die "busybox introuvable (apt-get install busybox-static) / busybox not found"
  if ldd "$bb" >/dev/null 2>&1; then
    die "busybox doit être statique (busybox-static) / busybox must be static (busybox-static)"
  fi
  printf '%s\n' "$bb"
}

# Copies the shared libraries BIN needs into ROOT, at the same paths as on the host (ld.so included);
# those found in STAGE (unpacked .debs) land at their path inside the package.
copy_libs() {
  local bin="$1" root="$2" stage="$3" libpath deps lib dest
  libpath="$(stage_lib_path "$stage")"
  deps="$(LD_LIBRARY_PATH="$libpath" ldd "$bin")" || { echo "ldd $bin: échec / failed" >&2; return 1; }
  if grep 'not found' <<<"$deps" >/dev/null; then
    echo "$(basename "$bin") : bibliothèques introuvables / libraries not found:" >&2
    grep 'not found' <<<"$deps" >&2
    return 1
  fi
  while read -r lib; do
    [ -n "$lib" ] || continue
    dest="$lib"
    case "$lib" in "$stage"/*) dest="${lib#"$stage"}" ;; esac
    mkdir -p "$root$(dirname "$dest")" || return 1
    cp -L "$lib" "$root$dest" || return 1
  done < <(grep -oE '(/[^ ]+)' <<<"$deps" | sort -u)
}

# A rootfs with busybox ($BUSYBOX), /tmp, /run, /etc/{passwd,group,nsswitch.conf}.
base_rootfs() {
  local root="$1" applet
  mkdir -p "$root/bin" "$root/etc" "$root/tmp" "$root/run" || return 1
  chmod 1777 "$root/tmp"
  cp -L "$BUSYBOX" "$root/bin/busybox" || return 1
  for applet in sh wget nc cat sleep kill ps grep echo ls true false; do
    ln -sf busybox "$root/bin/$applet"
  done
  printf '%s\n' 'root:x:0:0:root:/root:/bin/sh' 'haproxy:x:101:101::/var/lib/haproxy:/bin/false' \
    'nobody:x:65534:65534:nobody:/nonexistent:/bin/false' >"$root/etc/passwd"
  printf '%s\n' 'root:x:0:' 'haproxy:x:101:' 'nogroup:x:65534:' >"$root/etc/group"
  printf '%s\n' 'passwd: files' 'group: files' 'hosts: files dns' >"$root/etc/nsswitch.conf"
}

# Unpacks PKG's .deb into CTX/deb, checks BIN (a path inside the package) is there, prints the package's version.
unpack_pkg() {
  local pkg="$1" ctx="$2" bin="$3" deb
  deb="$(fetch_deb "$pkg")" || return 1
  mkdir -p "$ctx/deb"
  dpkg-deb -x "$deb" "$ctx/deb" || return 1
  [ -x "$ctx/deb$bin" ] || { echo "$bin absent du paquet / missing from $deb" >&2; return 1; }
  mkdir -p "$ctx/libs"
  # Only when the host lacks some of the binary's libraries (caddy's Depends has tools it never loads).
  # (ldd's output is read whole: with pipefail, `ldd | grep -q` may fail when grep stops reading early)
  if ldd "$ctx/deb$bin" 2>/dev/null | grep 'not found' >/dev/null; then
    stage_missing_libs "$deb" "$ctx/libs" || return 1
  fi
  dpkg-deb -f "$deb" Version
}

# ---------------------------------------------------------------------------
# HAProxy
# ---------------------------------------------------------------------------
build_haproxy() {
  local t0=$SECONDS ctx="$WORK/haproxy" version
  local root="$ctx/rootfs"
  version="$(unpack_pkg haproxy "$ctx" /usr/sbin/haproxy)" || return 1
  base_rootfs "$root" || return 1
  mkdir -p "$root/usr/sbin" "$root/usr/local/etc/haproxy" "$root/var/lib/haproxy" "$root/run/haproxy" "$root/etc/haproxy"
  cp "$ctx/deb/usr/sbin/haproxy" "$root/usr/sbin/haproxy"
  copy_libs "$ctx/deb/usr/sbin/haproxy" "$root" "$ctx/libs" || return 1
  [ -d "$ctx/deb/etc/haproxy/errors" ] && cp -r "$ctx/deb/etc/haproxy/errors" "$root/etc/haproxy/"
  cat >"$root/usr/local/etc/haproxy/haproxy.cfg" <<'EOF'
# reprise-router-haproxy default configuration: mount your own over this file
# (e.g. -v "$PWD/test/fixtures/routers/haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro").
global
	log stdout format raw local0

defaults
	log global
	mode http
	timeout connect 5s
	timeout client 30s
	timeout server 30s

frontend default
	bind :8080
	http-request return status 503 content-type text/plain string "reprise-router-haproxy: no configuration mounted at /usr/local/etc/haproxy/haproxy.cfg"
EOF
  cat >"$ctx/Dockerfile" <<EOF
FROM scratch
COPY rootfs/ /
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
LABEL org.reprise.demo="1" org.opencontainers.image.title="reprise test router (Debian haproxy 2.6)" org.opencontainers.image.version="$version"
EXPOSE 8080
STOPSIGNAL SIGUSR1
CMD ["/usr/sbin/haproxy", "-W", "-db", "-f", "/usr/local/etc/haproxy/haproxy.cfg"]
EOF
  docker_build "$ctx" "$HAPROXY_IMAGE" || return 1
  say "  $HAPROXY_IMAGE construite en / built in $((SECONDS - t0)) s (haproxy $version)"
}

# ---------------------------------------------------------------------------
# Caddy
# ---------------------------------------------------------------------------
build_caddy() {
  local t0=$SECONDS ctx="$WORK/caddy" version
  local root="$ctx/rootfs"
  version="$(unpack_pkg caddy "$ctx" /usr/bin/caddy)" || return 1
  base_rootfs "$root" || return 1
  mkdir -p "$root/usr/bin" "$root/etc/caddy" "$root/tmp/caddy"
  chmod 1777 "$root/tmp/caddy"
  cp "$ctx/deb/usr/bin/caddy" "$root/usr/bin/caddy"
  copy_libs "$ctx/deb/usr/bin/caddy" "$root" "$ctx/libs" || return 1
  cat >"$root/etc/caddy/Caddyfile" <<'EOF'
# reprise-router-caddy default configuration: mount your own over this file
# (e.g. -v "$PWD/test/fixtures/routers/Caddyfile:/etc/caddy/Caddyfile:ro").
:8080 {
	respond "reprise-router-caddy: no configuration mounted at /etc/caddy/Caddyfile" 503
}
EOF
  cat >"$ctx/Dockerfile" <<EOF
FROM scratch
COPY rootfs/ /
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/tmp XDG_DATA_HOME=/tmp/caddy XDG_CONFIG_HOME=/tmp/caddy
LABEL org.reprise.demo="1" org.opencontainers.image.title="reprise test router (Debian caddy 2.6)" org.opencontainers.image.version="$version"
EXPOSE 8080
STOPSIGNAL SIGTERM
CMD ["/usr/bin/caddy", "run", "--config", "/etc/caddy/Caddyfile", "--adapter", "caddyfile"]
EOF
  docker_build "$ctx" "$CADDY_IMAGE" || return 1
  say "  $CADDY_IMAGE construite en / built in $((SECONDS - t0)) s (caddy $version)"
}

t_start=$SECONDS
BUSYBOX=""
for r in "${ROUTERS[@]}"; do
  case "$r" in
    haproxy) image="$HAPROXY_IMAGE" ;;
    caddy) image="$CADDY_IMAGE" ;;
  esac
  if [ "$REBUILD" -eq 0 ] && have_image "$image"; then
    say "Routeur présent / Router present: $image"
    continue
  fi
  [ -n "$BUSYBOX" ] || BUSYBOX="$(static_busybox)"
  say "Routeur / Router $image (paquet Debian / Debian package $r)"
  "build_$r" || die "$image non construite / not built"
done
say "Terminé / Done ($((SECONDS - t_start)) s)"
