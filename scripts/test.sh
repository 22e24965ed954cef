#!/usr/bin/env bash
# reprise — the whole check, as CI runs it (.ci/run):
#   set-up (engine, compose, node deps, demo images, Chromium, the current engine) → build → lint → unit,
#   integration and browser tests.
# The integration tests use the real Docker engine started by scripts/setup.sh and a second, current one
# (Debian's docker.io 28.5, refusing clients below API 1.44: scripts/current-engine.sh); the browser test (test/e2e)
# drives Debian's Chromium with playwright-core.
# Exit status is non-zero when any step or any test fails.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
cd "$REPO_ROOT"

step() { printf '\n==> %s\n' "$*" >&2; }

t0=$SECONDS
mark=$SECONDS
declare -a phases=()
# phase NAME: records how long the phase that just ended took (printed at the end)
phase() { phases+=("$1 $((SECONDS - mark))"); mark=$SECONDS; }
step "Préparation de la machine / Machine set-up (scripts/setup.sh)"
REPRISE_SKIP_BUILD=1 bash "$SCRIPT_DIR/setup.sh" --with-browser --with-current-engine
step "Moteur Docker actuel / Current Docker engine (scripts/current-engine.sh start)"
bash "$SCRIPT_DIR/current-engine.sh" start
# Stacks left by an earlier, interrupted run (test projects are named rit-*) come back with dockerd
# (restart: unless-stopped) and would share the 2 cores with this run: remove them, and say what else runs.
for host in "unix:///var/run/docker.sock" "$(bash "$SCRIPT_DIR/current-engine.sh" env | sed -n 's/^REPRISE_CURRENT_DOCKER_HOST=//p')"; do
  stale="$(DOCKER_HOST="$host" docker ps -a --filter label=com.docker.compose.project \
    --format '{{.ID}} {{.Label "com.docker.compose.project"}}' 2>/dev/null | awk '$2 ~ /^rit-/ {print $1}')"
  if [ -n "$stale" ]; then
    echo "    restes d'un run précédent supprimés / leftovers of an earlier run removed ($host): $(echo "$stale" | wc -l) containers" >&2
    # shellcheck disable=SC2086
    DOCKER_HOST="$host" docker rm -f -v $stale >/dev/null 2>&1 || true
  fi
  others="$(DOCKER_HOST="$host" docker ps -q 2>/dev/null | wc -l)"
  [ "$others" -eq 0 ] || echo "    attention / note: $others other containers run on $host during the tests" >&2
done
phase "set-up"

step "Compilation / Build (npm run build)"
npm run --silent build

# tsc never deletes outputs: drop compiled tests whose TypeScript source is gone.
if [ -d dist/test ]; then
  while IFS= read -r js; do
    rel="${js#dist/}"
    [ -f "${rel%.js}.ts" ] || { echo "    suppression / removing stale $js" >&2; rm -f "$js"; }
  done < <(find dist/test -type f -name '*.js')
fi

phase "build"
step "Analyse statique / Lint (npm run lint)"
npm run --silent lint
phase "lint"

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
mkdir -p test-results
runlog="test-results/runner.log"
export REPRISE_SUITE_TIMES="$REPO_ROOT/test-results/suite-times.json"
# A test that hangs is cut after 15 minutes (none takes more than a few): CI never waits for its own limit.
# Beside the spec reporter, scripts/suite-times.mjs writes each file's duration to $REPRISE_SUITE_TIMES.
node --test --test-concurrency=1 --test-timeout=900000 \
  --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter="$SCRIPT_DIR/suite-times.mjs" --test-reporter-destination=/dev/null \
  "${dirs[@]}" | tee "$runlog" || status=$?
phase "tests"

# Where the time went: each phase, then the ten slowest files (full list: $REPRISE_SUITE_TIMES).
{
  printf '\n==> Durées / Timings (total %s s)\n' "$((SECONDS - t0))"
  for p in "${phases[@]}"; do printf '    %-8s %6s s\n' "${p% *}" "${p##* }"; done
  if [ -s "$REPRISE_SUITE_TIMES" ]; then
    echo "    les dix fichiers les plus lents / the ten slowest files:"
    node -e 'const r = require(process.argv[1]); for (const f of r.files.slice(0, 10)) console.log(`    ${(f.ms / 1000).toFixed(0).padStart(6)} s  ${String(f.tests).padStart(4)} tests  ${f.file}`);' "$REPRISE_SUITE_TIMES"
  fi
  if [ "$status" -eq 0 ]; then
    printf '==> Tout est vert / All green (%s s)\n' "$((SECONDS - t0))"
  else
    printf '==> ÉCHEC des tests / Tests FAILED (code %s, %s s)\n' "$status" "$((SECONDS - t0))"
  fi
} >&2
# the runner's own summary closes the output (ℹ tests … ℹ duration_ms), as CI reads it
grep -E '^ℹ (tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) ' "$runlog" | tail -n 8
exit "$status"
