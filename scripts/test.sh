#!/usr/bin/env bash
# reprise — the whole check, as CI runs it (.ci/run):
#   set-up (engine, compose, node deps, demo images, Chromium) → build → lint → unit, integration and browser tests.
# The integration tests use the real Docker engine started by scripts/setup.sh; the browser test (test/e2e)
# drives Debian's Chromium with playwright-core.
# Exit status is non-zero when any step or any test fails.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
cd "$REPO_ROOT"

step() { printf '\n==> %s\n' "$*" >&2; }

t0=$SECONDS
step "Préparation de la machine / Machine set-up (scripts/setup.sh)"
REPRISE_SKIP_BUILD=1 bash "$SCRIPT_DIR/setup.sh" --with-browser

step "Compilation / Build (npm run build)"
npm run --silent build

# tsc never deletes outputs: drop compiled tests whose TypeScript source is gone.
if [ -d dist/test ]; then
  while IFS= read -r js; do
    rel="${js#dist/}"
    [ -f "${rel%.js}.ts" ] || { echo "    suppression / removing stale $js" >&2; rm -f "$js"; }
  done < <(find dist/test -type f -name '*.js')
fi

step "Analyse statique / Lint (npm run lint)"
npm run --silent lint

step "Tests unitaires, d'intégration et navigateur / Unit, integration and browser tests"
dirs=()
for d in dist/test/unit dist/test/integration dist/test/e2e; do
  [ -d "$d" ] && dirs+=("$d/")
done
if [ ${#dirs[@]} -eq 0 ]; then
  echo "ERREUR: aucun test compilé dans dist/test / ERROR: no compiled tests in dist/test" >&2
  exit 1
fi
# One runner invocation: its final summary (ℹ tests / ℹ pass / ℹ fail) covers everything.
# Files run one at a time: integration tests share the Docker engine and the published ports.
status=0
# A test that hangs is cut after 15 minutes (none takes more than a few): CI never waits for its own limit.
node --test --test-concurrency=1 --test-timeout=900000 --test-reporter=spec "${dirs[@]}" || status=$?

if [ "$status" -eq 0 ]; then
  step "Tout est vert / All green ($((SECONDS - t0)) s)"
else
  step "ÉCHEC des tests / Tests FAILED (code $status, $((SECONDS - t0)) s)"
fi
exit "$status"
