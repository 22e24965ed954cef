# Shared by build-postgres.sh, build-redis.sh and build-mariadb.sh: each builds a server image FROM scratch out of
# the host's Debian binaries, their shared libraries and a static busybox. Sourced, never run; the caller sets
# `set -euo pipefail` and, before copy_libs or install_busybox, ROOT (the image's root folder being assembled).

export DOCKER_BUILDKIT=0

say() { printf '==> %s\n' "$*" >&2; }

# Ends the calling script (exit 0) when IMAGE is already there, unless its second argument is --rebuild.
skip_if_present() {
  [ "${2:-}" = "--rebuild" ] && return 0
  if docker image inspect "$1" >/dev/null 2>&1; then
    say "$1 présente / present"
    exit 0
  fi
}

# Prints the host's static busybox; fails with a line saying what to install when there is none.
static_busybox() {
  local c
  for c in /bin/busybox "$(command -v busybox || true)"; do
    [ -n "$c" ] && [ -x "$c" ] && ! ldd "$c" >/dev/null 2>&1 && { printf '%s\n' "$c"; return 0; }
  done
  echo "busybox statique introuvable (busybox-static) / static busybox not found" >&2
  return 1
}

# Copies the shared libraries the binary $1 needs under $ROOT, at their own paths.
copy_libs() {
  local lib
  while read -r lib; do
    [ -n "$lib" ] || continue
    [ -e "$ROOT$lib" ] && continue
    mkdir -p "$ROOT$(dirname "$lib")"
    cp -L "$lib" "$ROOT$lib"
  done < <(ldd "$1" 2>/dev/null | grep -oE '(/[^ ]+)' | sort -u)
}

# busybox $1 as $ROOT/bin/busybox, and the applets named after it as links to it.
install_busybox() {
  local bb=$1 applet
  shift
  cp -L "$bb" "$ROOT/bin/busybox"
  for applet in "$@"; do ln -sf busybox "$ROOT/bin/$applet"; done
}

# docker build of the context $2 (its Dockerfile) as $1, quiet unless it fails; says how long since $3 (SECONDS).
build_image() {
  local out="$2/build.log"
  if ! docker build -q --force-rm -t "$1" "$2" >"$out" 2>&1; then
    echo "ERREUR: construction de $1 échouée / ERROR: building $1 failed:" >&2
    cat "$out" >&2
    exit 1
  fi
  say "  $1 construite en / built in $((SECONDS - $3)) s"
}
