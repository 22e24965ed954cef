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
REPRISE_SKIP_BUILD=1 bash "$SCRIPT_DIR/setup.sh" --with-browser --with-current-engine --with-mariadb
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
files=()
for d in dist/test/unit dist/test/integration dist/test/e2e; do
  [ -d "$d" ] && while IFS= read -r f; do files+=("$f"); done < <(find "$d" -maxdepth 1 -name '*.test.js' | sort)
done
if [ ${#files[@]} -eq 0 ]; then
  echo "ERREUR: aucun test compilé dans dist/test / ERROR: no compiled tests in dist/test" >&2
  exit 1
fi
status=0
mkdir -p test-results
rm -f test-results/lane-*.log test-results/suite-times-*.json
# Two lanes, one per Docker engine, run side by side (the whole suite in about half the time): the files
# named in test/current-lane.txt (and the unit tests) run one after the other against the current engine
# (docker.io 28.5, compose 2.40: REPRISE_TEST_LANE=current makes compose v2 their default), every other file
# one after the other against the host's engine (20.10, compose v1 and v2, Swarm). Within a lane nothing
# changes: one file at a time on its engine, so the files never see each other's images, stacks or prunes.
# REPRISE_TEST_LANES=1 runs everything in one lane on the host's engine, as before.
cur_host="$(bash "$SCRIPT_DIR/current-engine.sh" env | sed -n 's/^REPRISE_CURRENT_DOCKER_HOST=//p')"
cur_cli="$(bash "$SCRIPT_DIR/current-engine.sh" env | sed -n 's/^REPRISE_CURRENT_CLI=//p')"
cur_plugins="$(bash "$SCRIPT_DIR/current-engine.sh" env | sed -n 's/^REPRISE_CURRENT_CLI_PLUGINS=//p')"
declare -a lane_host=() lane_current=()
if [ "${REPRISE_TEST_LANES:-2}" = "1" ] || ! DOCKER_HOST="$cur_host" docker version >/dev/null 2>&1; then
  lane_host=("${files[@]}")
else
  mapfile -t wanted < <(sed -e 's/#.*//' -e 's/[[:space:]]//g' test/current-lane.txt | grep -v '^$')
  for f in "${files[@]}"; do
    base="$(basename "$f" .js)"
    if [[ "$f" == dist/test/unit/* ]] || printf '%s\n' "${wanted[@]}" | grep -qx "$base"; then lane_current+=("$f"); else lane_host+=("$f"); fi
  done
fi
# run_lane NAME FILE…: the Node test runner over those files, one at a time (a test that hangs is cut after
# 15 minutes); its spec output goes to test-results/lane-NAME.log, each file's duration (scripts/suite-times.mjs)
# to test-results/suite-times-NAME.json.
run_lane() {
  local name="$1"
  shift
  REPRISE_SUITE_TIMES="$REPO_ROOT/test-results/suite-times-$name.json" \
    node --test --test-concurrency=1 --test-timeout=900000 \
    --test-reporter=spec --test-reporter-destination="test-results/lane-$name.log" \
    --test-reporter="$SCRIPT_DIR/suite-times.mjs" --test-reporter-destination=/dev/null \
    "$@"
}
pids=()
run_lane host "${lane_host[@]}" &
pids+=("$!")
if [ ${#lane_current[@]} -gt 0 ]; then
  cfg="$(mktemp -d)"
  mkdir -p "$cfg/cli-plugins"
  ln -s "$cur_plugins/docker-compose" "$cfg/cli-plugins/docker-compose"
  echo "    deux voies / two lanes: ${#lane_host[@]} fichiers / files on $(docker version --format '{{.Server.Version}}' 2>/dev/null || echo '?'), ${#lane_current[@]} on $(DOCKER_HOST="$cur_host" docker version --format '{{.Server.Version}}' 2>/dev/null || echo '?') (test/current-lane.txt)" >&2
  (
    unset DOCKER_CONTEXT
    export DOCKER_HOST="$cur_host" DOCKER_CONFIG="$cfg" PATH="$cur_cli:$PATH" REPRISE_TEST_LANE=current
    run_lane current "${lane_current[@]}"
  ) &
  pids+=("$!")
fi
for pid in "${pids[@]}"; do wait "$pid" || status=$?; done
runlog="test-results/runner.log"
: >"$runlog"
for lane in host current; do
  [ -f "test-results/lane-$lane.log" ] || continue
  printf '\n==> Voie / Lane %s\n' "$lane"
  cat "test-results/lane-$lane.log"
  cat "test-results/lane-$lane.log" >>"$runlog"
done
export REPRISE_SUITE_TIMES="$REPO_ROOT/test-results/suite-times.json"
node "$SCRIPT_DIR/suite-times.mjs" --merge "$REPRISE_SUITE_TIMES" test-results/suite-times-*.json || true
phase "tests"

# Where the time went: each phase, then the ten slowest files (full list: $REPRISE_SUITE_TIMES).
{
  printf '\n==> Durées / Timings (total %s s)\n' "$((SECONDS - t0))"
  for p in "${phases[@]}"; do printf '    %-8s %6s s\n' "${p% *}" "${p##* }"; done
  if [ -s "$REPRISE_SUITE_TIMES" ]; then
    echo "    les dix fichiers les plus lents / the ten slowest files:"
    node -e 'const r = require(process.argv[1]); for (const f of r.files.slice(0, 10)) console.log(`    ${(f.ms / 1000).toFixed(0).padStart(6)} s  ${String(f.tests).padStart(4)} tests  ${f.file}${f.lane ? `  (${f.lane})` : ""}`);' "$REPRISE_SUITE_TIMES"
  fi
  if [ "$status" -eq 0 ]; then
    printf '==> Tout est vert / All green (%s s)\n' "$((SECONDS - t0))"
  else
    printf '==> ÉCHEC des tests / Tests FAILED (code %s, %s s)\n' "$status" "$((SECONDS - t0))"
  fi
} >&2
# the runner's summary closes the output (ℹ tests … ℹ duration_ms), as CI reads it: with two lanes, the
# sum of both runners' counts (duration_ms: the longer lane)
node -e '
const lines = require("fs").readFileSync(process.argv[1], "utf8").split("\n");
const keys = ["tests", "suites", "pass", "fail", "cancelled", "skipped", "todo", "duration_ms"];
const sum = Object.fromEntries(keys.map((k) => [k, 0]));
for (const l of lines) {
  const m = /^ℹ (\w+) ([\d.]+)$/.exec(l);
  if (m && m[1] in sum) sum[m[1]] = m[1] === "duration_ms" ? Math.max(sum[m[1]], Number(m[2])) : sum[m[1]] + Number(m[2]);
}
for (const k of keys) console.log(`ℹ ${k} ${sum[k]}`);
' "$runlog"
exit "$status"
