#!/usr/bin/env bash
# Recyclic — rollback entry point kept from the deployment guide:
#
#   bash scripts/rollback.sh              # back to the previous good version
#   bash scripts/rollback.sh abc1234      # back to a given version
#   bash scripts/rollback.sh --help       # help and available versions
#
# It only hands over to reprise (`reprise rollback "$@"`); arguments are passed as they are,
# never through a shell string. reprise is found as $REPRISE_BIN, else `reprise` on PATH,
# else the repository's bin/reprise (relative to this script's real location).
set -euo pipefail

script_dir="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
project_dir="$(cd "$script_dir/.." && pwd)"

# The guide runs this script from the project directory; if it is run from elsewhere,
# work on the project this script belongs to.
has_compose_file() {
  local f
  for f in docker-compose.yml docker-compose.yaml compose.yml compose.yaml; do
    [ -f "$f" ] && return 0
  done
  return 1
}
if ! has_compose_file; then
  cd "$project_dir"
fi

if [ -n "${REPRISE_BIN:-}" ]; then
  exec "$REPRISE_BIN" rollback "$@"
fi
if command -v reprise >/dev/null 2>&1; then
  exec reprise rollback "$@"
fi
repo_bin="$script_dir/../../../bin/reprise"
if [ -x "$repo_bin" ]; then
  exec "$repo_bin" rollback "$@"
fi

echo "reprise introuvable : définissez REPRISE_BIN ou installez reprise (voir README)." >&2
echo "reprise not found: set REPRISE_BIN or install reprise (see README)." >&2
exit 2
