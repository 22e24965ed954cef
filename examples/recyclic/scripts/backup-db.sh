#!/usr/bin/env bash
# pre_deploy hook of the demo (reprise.yml → hooks.pre_deploy): copies the database's data directory out of
# the running db container into backups/, named after the version being replaced, before anything changes.
# Runs without a shell string: reprise spawns it with REPRISE_* variables in its environment.
#
# Restoring after a rollback whose target cannot read the newer schema (seed §7.1, migrations that are not
# backward compatible): stop the api, put the saved data back, then roll back:
#   docker compose stop api bot frontend
#   docker cp backups/db-<timestamp>-<version>/. "$(docker compose ps -q db)":/var/lib/postgresql/data/
#   docker compose restart db && reprise rollback <version> --yes
set -euo pipefail

project="${REPRISE_PROJECT:?run by reprise as a hook}"
cd "${REPRISE_PROJECT_DIR:-.}"
db="$(docker ps -q --filter "label=com.docker.compose.project=$project" --filter "label=com.docker.compose.service=db" | head -n1)"
if [ -z "$db" ]; then
  echo "backup-db: pas de conteneur db en marche, rien à sauvegarder / no running db container, nothing to back up"
  exit 0
fi
dest="backups/db-$(date -u +%Y%m%dT%H%M%SZ)-${REPRISE_FROM_VERSION:-none}"
mkdir -p "$dest"
docker cp "$db:/var/lib/postgresql/data/." "$dest/"
echo "backup-db: $dest ($(du -sh "$dest" | cut -f1))"
