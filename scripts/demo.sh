#!/usr/bin/env bash
# The demo: deploy, break, automatic rollback, manual rollback, history — on the bundled Recyclic stack.
# Idempotent: every run starts from a clean copy in .demo/recyclic (the previous demo stack is removed).
#
#   bash scripts/demo.sh            # set-up (engine, compose, node deps, images) + the demo
#   bash scripts/demo.sh --swarm    # the same demo on a single-node Docker Swarm (engine: swarm; the swarm is
#                                   # created when the engine is in none, and left again by --down)
#   bash scripts/demo.sh --registry # the same demo with its images in a registry (Debian's docker-registry on
#                                   # 127.0.0.1:5055): pushed, removed from the engine, pulled by reprise
#   bash scripts/demo.sh --down     # removes the demo stack (the stack keeps running at the end of a demo)
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
DEMO="$ROOT/.demo/recyclic"
PROJECT=recyclic
REPRISE="$ROOT/bin/reprise"
export REPRISE_BIN="$REPRISE"

say() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
run() { printf '$ %s\n' "$*"; "$@"; }

SWARM_MARK="$ROOT/.demo/swarm-created-by-demo"

compose_down() {
  if [ -f "$DEMO/docker-compose.yml" ]; then
    (cd "$DEMO" && docker compose -p "$PROJECT" down -v --remove-orphans >/dev/null 2>&1 \
      || docker-compose -p "$PROJECT" down -v --remove-orphans >/dev/null 2>&1 || true)
  fi
  # the swarm flavour of the demo: its stack, once its containers (and published ports) are gone
  if docker info --format '{{.Swarm.LocalNodeState}}' 2>/dev/null | grep -qx active \
     && [ -n "$(docker stack ls --format '{{.Name}}' 2>/dev/null | grep -x "$PROJECT" || true)" ]; then
    docker stack rm "$PROJECT" >/dev/null
    for _ in $(seq 1 120); do
      [ -z "$(docker ps -aq --filter "label=com.docker.stack.namespace=$PROJECT")" ] \
        && [ -z "$(docker network ls -q --filter "label=com.docker.stack.namespace=$PROJECT")" ] && break
      sleep 0.5
    done
    docker volume ls -q --filter "label=com.docker.stack.namespace=$PROJECT" | xargs -r docker volume rm -f >/dev/null
  fi
}

SWARM=0
REGISTRY=0
case "${1:-}" in
  --down)
    compose_down
    if [ -f "$SWARM_MARK" ]; then
      docker swarm leave --force >/dev/null 2>&1 || true
      docker network rm docker_gwbridge >/dev/null 2>&1 || true
      rm -f "$SWARM_MARK"
    fi
    echo "Pile de démo supprimée / demo stack removed."
    exit 0
    ;;
  --swarm) SWARM=1 ;;
  --registry) REGISTRY=1 ;;
  "") ;;
  *) echo "Option inconnue / Unknown option: $1 (--swarm, --registry, --down)" >&2; exit 2 ;;
esac

say "Installation / Set-up (Docker engine, compose v1 + v2, Node dependencies, images)"
if [ "$REGISTRY" -eq 1 ]; then bash "$ROOT/scripts/setup.sh" --with-registry; else bash "$ROOT/scripts/setup.sh"; fi

say "Projet de démo propre / Fresh demo project in $DEMO"
compose_down
rm -rf "$DEMO"
mkdir -p "$DEMO"
cp -r "$ROOT/examples/recyclic/." "$DEMO/"
cd "$DEMO"
if [ "$SWARM" -eq 1 ]; then
  say "Docker Swarm: un swarm à un nœud, la même pile / a single-node swarm, the same stack (engine: swarm)"
  if ! docker info --format '{{.Swarm.LocalNodeState}}' | grep -qx active; then
    run docker swarm init --advertise-addr 127.0.0.1 >/dev/null
    touch "$SWARM_MARK"
  fi
  # what changes for the operator: the engine, and the swarm overlay read after the compose file
  sed -i 's/^compose_files: .*/compose_files: [docker-compose.yml, docker-compose.swarm.yml]\nengine: swarm/' reprise.yml
  grep -E '^(engine|compose_files):' reprise.yml
fi
# --registry: a registry on 127.0.0.1 (its storage in .demo/registry); the compose file names its repositories
REG_HOST=127.0.0.1:5055
REG_PID=""
if [ "$REGISTRY" -eq 1 ]; then
  say "Registre / Registry: docker-registry on $REG_HOST; the compose file's images are $REG_HOST/recyclic/…"
  rm -rf "$ROOT/.demo/registry" && mkdir -p "$ROOT/.demo/registry/storage"
  cat >"$ROOT/.demo/registry/config.yml" <<YML
version: 0.1
log: { level: warn, accesslog: { disabled: true } }
storage: { filesystem: { rootdirectory: $ROOT/.demo/registry/storage }, delete: { enabled: true } }
http: { addr: $REG_HOST }
YML
  docker-registry serve "$ROOT/.demo/registry/config.yml" >"$ROOT/.demo/registry/registry.log" 2>&1 &
  REG_PID=$!
  for _ in $(seq 1 100); do curl -s -o /dev/null "http://$REG_HOST/v2/" && break; sleep 0.1; done
  for s in api-migrations api frontend bot; do sed -i "s|image: recyclic-$s:|image: $REG_HOST/recyclic/$s:|" docker-compose.yml; done
  grep -E "image: $REG_HOST" docker-compose.yml
fi
# push VERSION: CI's part — the version's images pushed to the registry, then gone from this engine
push_version() {
  local s
  for s in api api-migrations frontend bot; do
    docker tag "recyclic-$s:$1" "$REG_HOST/recyclic/$s:$1"
    docker push -q "$REG_HOST/recyclic/$s:$1" >/dev/null
    docker rmi "$REG_HOST/recyclic/$s:$1" "recyclic-$s:$1" >/dev/null
  done
  echo "pushed $1 to $REG_HOST and removed it from the engine"
}
# the env file holds the passwords: readable by its owner only (git does not keep file modes)
chmod 600 .env
# Notifications go to a local stand-in for Telegram's Bot API (nothing leaves this machine).
TG_PORT=8089
TG_LOG="$DEMO/telegram-messages.log"
: >"$TG_LOG"
node "$ROOT/scripts/demo-telegram.js" "$TG_PORT" "$TG_LOG" &
TG_PID=$!
trap 'kill "$TG_PID" ${REG_PID:+"$REG_PID"} 2>/dev/null || true' EXIT
cat >>.env <<ENV
# demo: notifications to the local Bot API stand-in (scripts/demo-telegram.js)
TELEGRAM_BOT_TOKEN=000000:demo-token-not-secret
ADMIN_TELEGRAM_IDS=1001
TELEGRAM_API_URL=http://127.0.0.1:$TG_PORT
ENV
git init -q -b main .
git -c user.name=demo -c user.email=demo@example.org commit -q --allow-empty -m "Recyclic v1"
V1=$(git rev-parse --short=7 HEAD)
bash "$ROOT/scripts/build-images.sh" "$V1" >/dev/null
git -c user.name=demo -c user.email=demo@example.org commit -q --allow-empty -m "Recyclic v2"
V2=$(git rev-parse --short=7 HEAD)
# v2's migrations add a column to the database (deposits.weight_kg, back-filled): schema 0001 → 0002
bash "$ROOT/scripts/build-images.sh" --schema 2 "$V2" >/dev/null
echo "versions: $V1 (v1), $V2 (v2)"
if [ "$REGISTRY" -eq 1 ]; then push_version "$V1"; push_version "$V2"; fi

say "1. Déploiement de v1 (version = SHA git) / Deploy v1 (version = git SHA)"
git -c advice.detachedHead=false checkout -q "$V1"
if [ "$REGISTRY" -eq 1 ]; then
  # the engine has none of v1's images: pulled before anything changes (v2's, later, only in the registry: pulled too)
  run "$REPRISE" deploy --pull -m "first release"
else
  run "$REPRISE" deploy -m "first release"
fi
run curl -fsS http://127.0.0.1:8000/v1/health/version; echo
# the api writes to the real PostgreSQL: two deposits under v1's schema
for item in "vélo" "lave-linge"; do
  curl -fsS -X POST -H 'content-type: application/json' -d "{\"item\":\"$item\"}" http://127.0.0.1:8000/v1/deposits >/dev/null
done
run curl -fsS "http://127.0.0.1:8000/v1/deposits?limit=2"; echo

say "2. Déploiement de v2 (sa migration ajoute une colonne ; pg_dump avant) / Deploy v2 (its migration adds a column; a pg_dump first)"
git checkout -q main
run "$REPRISE" deploy -m "second release"
run curl -fsS http://127.0.0.1:8000/v1/health/version; echo
run curl -fsS "http://127.0.0.1:8000/v1/deposits?limit=2"; echo
run "$REPRISE" snapshots

say "3. Une version cassée (l'API répond 500 sur /health) → retour automatique / A broken version (api /health answers 500) → automatic rollback"
git -c user.name=demo -c user.email=demo@example.org commit -q --allow-empty -m "Recyclic v3 (broken)"
V3=$(git rev-parse --short=7 HEAD)
bash "$ROOT/scripts/build-images.sh" --broken health500 "$V3" >/dev/null
[ "$REGISTRY" -eq 1 ] && push_version "$V3"
set +e
"$REPRISE" deploy -m "broken release" --timeout 20s
code=$?
set -e
echo "exit code: $code (3 = échec, retour automatique réussi / failed, rolled back automatically)"
run curl -fsS http://127.0.0.1:8000/v1/health/version; echo

say "4. Retour manuel avec le script du guide / Manual rollback with the guide's script: bash scripts/rollback.sh"
run bash scripts/rollback.sh --help 2>&1 | tail -n 8
# a small load through the proxy during the rollback: api and frontend are switched start-first
echo "oui" | node "$ROOT/scripts/demo-load.js" http://127.0.0.1:8000/,http://127.0.0.1:4444/ bash scripts/rollback.sh
run curl -fsS http://127.0.0.1:8000/v1/health/version; echo
# v1's code on v2's schema (columns are only added): the rows are all there; `rollback --restore-data` would
# bring back the database as it was before v2 (the pg_dump above), explicitly
run curl -fsS "http://127.0.0.1:8000/v1/deposits?limit=2"; echo

say "5. Historique, versions, état / History, versions, status"
run "$REPRISE" history
if [ "$REGISTRY" -eq 1 ]; then
  # v2 leaves this engine (pruned, say): versions marks it `registry`; a rollback to it would pull it by the
  # digest its release recorded (history --json: images)
  for s in api api-migrations frontend bot; do docker rmi "$REG_HOST/recyclic/$s:$V2" >/dev/null; done
  echo "($V2 removed from the engine: only the registry has it now)"
fi
run "$REPRISE" versions
run "$REPRISE" status

say "6. Métriques (logs/rollback-metrics.json) et .env.rollback"
node -e 'const m=JSON.parse(require("fs").readFileSync("logs/rollback-metrics.json","utf8")); for (const e of m) console.log(e.timestamp, e.event, (e.from_version||"-")+" → "+e.version, e.duration_seconds+" s", e.performance.rollback_speed)'
grep -E '_IMAGE_TAG=' .env.rollback || true

say "7. Notifications reçues par les administrateurs / Notifications the admins received (local Bot API stand-in)"
cat "$TG_LOG"

say "8. Diagnostic du guide (§9.1) / The guide's diagnostics: reprise doctor"
run "$REPRISE" doctor || true

say "9. Tableau de bord et métriques Prometheus / Dashboard and Prometheus metrics: reprise dashboard"
DASH_OUT="$DEMO/.dashboard.json"
"$REPRISE" dashboard --port 0 --json >"$DASH_OUT" 2>/dev/null &
DASH_PID=$!
trap 'kill "$TG_PID" "$DASH_PID" ${REG_PID:+"$REG_PID"} 2>/dev/null || true' EXIT
DASH_URL=""
for _ in $(seq 1 100); do
  DASH_URL=$(node -e 'try { process.stdout.write(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).url) } catch {}' "$DASH_OUT")
  [ -n "$DASH_URL" ] && break
  sleep 0.1
done
if [ -n "$DASH_URL" ]; then
  echo "page: $DASH_URL (DORA, charts, history; read-only)"
  curl -fsS "${DASH_URL}api/insights" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const d=JSON.parse(s).dora; console.log(`DORA (${d.windowDays} d): ${d.deployments} deploys, change failure rate ${Math.round(d.changeFailureRate*100)} %, time to restore ${d.timeToRestoreMedianSeconds} s, rollback median ${d.rollbackMedianSeconds} s`)})'
  curl -fsS "${DASH_URL}metrics" | grep -E '^reprise_(releases_total|current_version_info)' || true
  kill "$DASH_PID" 2>/dev/null || true
  wait "$DASH_PID" 2>/dev/null || true
else
  echo "le tableau de bord n'a pas démarré / the dashboard did not start" >&2
fi
echo "→ $REPRISE -C $DEMO dashboard   puis/then http://127.0.0.1:8088/"

say "Démo terminée / Demo done — the stack keeps running in $DEMO (project $PROJECT$([ "$SWARM" -eq 1 ] && echo ', Swarm stack')); 'bash scripts/demo.sh --down' removes it."
