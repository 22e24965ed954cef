// Doctor (issue 5): the summary, configuration, engine, compose, services, stats, versions,
// drift, env file tags and .env.rollback. The other checks are in doctor-host.ts and swarm.ts.
import type { Entry } from './entry';

export const doctorMessages = {
  doctorHeader: { en: 'reprise doctor — project {project} ({dir})', fr: 'reprise doctor — projet {project} ({dir})' },
  doctorHeaderNoProject: { en: 'reprise doctor — {dir} (project configuration unreadable)', fr: 'reprise doctor — {dir} (configuration du projet illisible)' },
  doctorPassed: {
    en: 'Doctor: nothing failed — {ok} ok, {warn} warning(s), {skipped} skipped.',
    fr: 'Diagnostic : aucun échec — {ok} OK, {warn} avertissement(s), {skipped} non vérifié(s).',
  },
  doctorFailedSummary: {
    en: 'Doctor: {fail} check(s) failed ({ids}) — {warn} warning(s), {ok} ok, {skipped} skipped.',
    fr: 'Diagnostic : {fail} contrôle(s) en échec ({ids}) — {warn} avertissement(s), {ok} OK, {skipped} non vérifié(s).',
  },
  doctorCheckError: { en: 'could not be checked: {reason}', fr: 'contrôle impossible : {reason}' },
  doctorSkippedEngine: { en: 'not checked: the Docker engine does not answer (see engine)', fr: 'non vérifié : le moteur Docker ne répond pas (voir engine)' },
  doctorSkippedConfig: { en: 'not checked: the project configuration cannot be loaded (see config)', fr: 'non vérifié : la configuration du projet ne peut pas être chargée (voir config)' },
  doctorSkippedStore: { en: 'not checked: the release history cannot be read (see lock)', fr: 'non vérifié : l\'historique des releases est illisible (voir lock)' },
  doctorEnvRollbackNothing: { en: 'nothing released successfully yet: {file} is written after the first successful release', fr: 'aucune mise en service réussie pour l\'instant : {file} est écrit après la première' },
  doctorEnvRollbackOkPrevious: { en: '{file} names {version}, the previous good version to return to', fr: '{file} désigne {version}, la version précédente valide vers laquelle revenir' },
  doctorEnvRollbackOkRunning: { en: '{file} names the running version {version} (there is no previous good version to return to; its first line says why)', fr: '{file} désigne la version en service {version} (il n\'y a pas de version précédente valide ; sa première ligne dit pourquoi)' },
  doctorEnvRollbackMissing: {
    en: '{file} is missing while there is a previous good version ({version}): the manual emergency command `docker compose --env-file {file} up -d` (seed §4.2) cannot work — was it deleted by an old script?',
    fr: '{file} est absent alors qu\'il existe une version précédente valide ({version}) : la commande d\'urgence manuelle `docker compose --env-file {file} up -d` (guide §4.2) ne peut pas fonctionner — supprimé par un ancien script ?',
  },
  doctorEnvRollbackMissingNoPrevious: { en: '{file} is missing; there is no previous good version to return to yet (it would name the running {version}): the next release writes it', fr: '{file} est absent ; il n\'y a pas encore de version précédente valide (il désignerait la version en service {version}) : la prochaine mise en service l\'écrit' },
  doctorEnvRollbackStale: {
    en: '{file} names {names}, not {version} as reprise wrote it after the last release — rewritten by another script or by hand?',
    fr: '{file} désigne {names}, et non {version} comme reprise l\'a écrit après la dernière mise en service — réécrit par un autre script ou à la main ?',
  },
  doctorEnvRollbackFix: {
    en: '`reprise deploy {current}` (the version already running: nothing is recreated) writes {file} again now; every successful release writes it too. If an old script (the guide\'s rollback.sh) deletes or rewrites it, stop it: reprise keeps this file.',
    fr: '`reprise deploy {current}` (la version déjà en service : rien n\'est recréé) réécrit {file} maintenant ; chaque mise en service réussie l\'écrit aussi. Si un ancien script (le rollback.sh du guide) le supprime ou le réécrit, arrêtez-le : reprise tient ce fichier à jour.',
  },
  doctorConfigOk: {
    en: 'project {project}: {count} versioned service(s) ({services}); compose file(s): {files}; env file: {envFile}; configuration: {config}',
    fr: 'projet {project} : {count} service(s) versionné(s) ({services}) ; fichier(s) compose : {files} ; fichier env : {envFile} ; configuration : {config}',
  },
  doctorNoConfigFile: { en: 'no reprise.yml (defaults)', fr: 'pas de reprise.yml (valeurs par défaut)' },
  doctorConfigFail: { en: 'the project configuration cannot be loaded — {reason}', fr: 'la configuration du projet ne peut pas être chargée — {reason}' },
  doctorConfigFix: { en: 'Fix the file named above (every key of reprise.yml is described in the README), then run `reprise doctor` again.', fr: 'Corrigez le fichier indiqué (chaque clé de reprise.yml est décrite dans le README), puis relancez `reprise doctor`.' },
  doctorEngineOk: {
    en: 'Docker {version} (API {api}, min {minApi}; reprise speaks {clientApi}{via}), {os}/{arch} at {endpoint}',
    fr: 'Docker {version} (API {api}, min {minApi} ; reprise parle {clientApi}{via}), {os}/{arch} sur {endpoint}',
  },
  doctorEngineFail: { en: 'the Docker engine does not answer at {endpoint}: {reason}', fr: 'le moteur Docker ne répond pas sur {endpoint} : {reason}' },
  doctorEngineFix: {
    en: 'Start the daemon (`systemctl start docker`, or `bash scripts/setup.sh`), or point DOCKER_HOST at its socket; check with `docker info`.',
    fr: 'Démarrez le démon (`systemctl start docker`, ou `bash scripts/setup.sh`), ou faites pointer DOCKER_HOST sur sa socket ; vérifiez avec `docker info`.',
  },
  doctorEngineFixSsh: {
    en: 'Check from here with the same address: `DOCKER_HOST={url} docker info`. reprise cannot answer ssh prompts: the key must be in ssh-agent or ~/.ssh/config, the host key in known_hosts, and the remote user allowed to use Docker.',
    fr: 'Vérifiez d\'ici avec la même adresse : `DOCKER_HOST={url} docker info`. reprise ne peut pas répondre aux questions de ssh : la clé doit être dans ssh-agent ou ~/.ssh/config, la clé de l\'hôte dans known_hosts, et l\'utilisateur distant autorisé à utiliser Docker.',
  },
  doctorEngineFixTcp: {
    en: 'Check from here with the same settings: `DOCKER_HOST={url} docker info` (the port open to this machine; with TLS, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH or the context\'s certificates matching the engine\'s).',
    fr: 'Vérifiez d\'ici avec les mêmes réglages : `DOCKER_HOST={url} docker info` (le port ouvert à cette machine ; avec TLS, DOCKER_TLS_VERIFY et DOCKER_CERT_PATH ou les certificats du contexte accordés à ceux du moteur).',
  },
  doctorComposeOk: { en: 'compose {flavour} {version} (`{command}`)', fr: 'compose {flavour} {version} (`{command}`)' },
  doctorComposeValid: { en: 'compose {flavour} {version} (`{command}`); the project\'s compose file(s) pass `config -q`', fr: 'compose {flavour} {version} (`{command}`) ; le(s) fichier(s) compose du projet passent `config -q`' },
  doctorComposeFail: {
    en: 'neither `docker compose` (v2) nor `docker-compose` (v1) answers (REPRISE_COMPOSE={forced})',
    fr: 'ni `docker compose` (v2) ni `docker-compose` (v1) ne répond (REPRISE_COMPOSE={forced})',
  },
  doctorComposeInvalid: { en: 'compose {flavour} {version} rejects the project\'s files: {reason}', fr: 'compose {flavour} {version} refuse les fichiers du projet : {reason}' },
  doctorComposeInvalidFix: { en: 'Run `{command} config` in the project directory and fix what it reports.', fr: 'Lancez `{command} config` dans le répertoire du projet et corrigez ce qu\'il signale.' },
  doctorServicesOk: { en: '{count} service(s) up: {list}', fr: '{count} service(s) en service : {list}' },
  doctorServicesNone: { en: 'no container of project {project}: nothing deployed, or the stack was removed', fr: 'aucun conteneur du projet {project} : rien de déployé, ou la pile a été supprimée' },
  doctorServicesNoneFix: { en: 'Deploy a version: `reprise deploy VERSION` (see `reprise versions`).', fr: 'Déployez une version : `reprise deploy VERSION` (voir `reprise versions`).' },
  doctorServicesIncomplete: { en: 'service(s) missing or still starting: {list}', fr: 'service(s) absent(s) ou encore en démarrage : {list}' },
  doctorServicesFailed: { en: 'service(s) down, failing or unhealthy: {list}', fr: 'service(s) arrêté(s), en échec ou non sain(s) : {list}' },
  doctorServicesFailedFix: {
    en: 'Read `docker logs {container}` and `reprise status`; if the last release is at fault, `reprise rollback`.',
    fr: 'Lisez `docker logs {container}` et `reprise status` ; si la dernière release est en cause, `reprise rollback`.',
  },
  doctorStatsOk: {
    en: '{count} running container(s): CPU up to {cpu} % ({cpuService}), memory up to {mem} % ({memService}) — thresholds {cpuLimit} % / {memLimit} %',
    fr: '{count} conteneur(s) en marche : CPU jusqu\'à {cpu} % ({cpuService}), mémoire jusqu\'à {mem} % ({memService}) — seuils {cpuLimit} % / {memLimit} %',
  },
  doctorStatsNone: { en: 'no running container to measure', fr: 'aucun conteneur en marche à mesurer' },
  doctorStatsHigh: { en: 'over the thresholds (CPU {cpu} %, memory {mem} %): {list}', fr: 'au-dessus des seuils (CPU {cpu} %, mémoire {mem} %) : {list}' },
  doctorStatsFix: {
    en: 'Watch `docker stats`; if it began with the last release, `reprise verify` then `reprise rollback`; otherwise raise the container limits or `thresholds` in reprise.yml.',
    fr: 'Surveillez `docker stats` ; si cela a commencé avec la dernière release, `reprise verify` puis `reprise rollback` ; sinon augmentez les limites des conteneurs ou les `thresholds` de reprise.yml.',
  },
  doctorVersionsOk: { en: '{count} complete version(s), none incomplete; current {current}, rollback target {previous}', fr: '{count} version(s) complète(s), aucune incomplète ; actuelle {current}, cible de rollback {previous}' },
  doctorVersionsIncomplete: { en: 'incomplete version(s), missing services in parentheses: {list}', fr: 'version(s) incomplète(s), services manquants entre parenthèses : {list}' },
  doctorVersionsTargetIncomplete: {
    en: 'the rollback target {version} is incomplete (missing: {missing}): `reprise rollback` would be refused',
    fr: 'la cible de rollback {version} est incomplète (manque : {missing}) : `reprise rollback` serait refusé',
  },
  doctorVersionsCurrentIncomplete: {
    en: 'the running version {version} is incomplete (missing: {missing}): those services could not be recreated',
    fr: 'la version en service {version} est incomplète (manque : {missing}) : ces services ne pourraient pas être recréés',
  },
  doctorVersionsFix: {
    en: 'Build or load the missing images ({images}) — e.g. your CI build or `docker load` — or remove the leftover tags of a version you no longer need.',
    fr: 'Construisez ou chargez les images manquantes ({images}) — par ex. votre build CI ou `docker load` — ou supprimez les tags restants d\'une version devenue inutile.',
  },
  doctorDriftNoHistory: { en: 'no release recorded yet: nothing to compare with', fr: 'aucune release enregistrée : rien à comparer' },
  doctorDriftOk: { en: 'what runs is what reprise last deployed ({version})', fr: 'ce qui tourne est ce que reprise a déployé en dernier ({version})' },
  doctorDriftFound: {
    en: 'what runs differs from what reprise last deployed ({expected}): {list} — changed outside reprise',
    fr: 'ce qui tourne diffère de ce que reprise a déployé en dernier ({expected}) : {list} — modifié hors de reprise',
  },
  doctorDriftFix: {
    en: '`reprise deploy {expected}` puts back what reprise deployed; if the change was intended, deploy that version with reprise so the history and rollbacks know it.',
    fr: '`reprise deploy {expected}` remet ce que reprise a déployé ; si le changement était voulu, déployez cette version avec reprise pour que l\'historique et les rollbacks la connaissent.',
  },
  doctorEnvTagsNothing: { en: 'no versioned service runs: nothing to compare the env files with', fr: 'aucun service versionné ne tourne : rien à comparer avec les fichiers env' },
  doctorEnvTagsOk: {
    en: 'the env files name what runs ({count} service(s)): a plain `docker compose up -d` changes nothing',
    fr: 'les fichiers env nomment ce qui tourne ({count} service(s)) : un simple `docker compose up -d` ne change rien',
  },
  doctorEnvTagsDiffer: {
    en: 'a plain `docker compose up -d` would recreate services — what compose reads (file, `environment` = the shell, `default` = the compose file) ≠ what runs: {list}',
    fr: 'un simple `docker compose up -d` recréerait des services — ce que lit compose (fichier, `environment` = le shell, `default` = le fichier compose) ≠ ce qui tourne : {list}',
  },
  doctorEnvTagsFix: {
    en: 'set {lines} in the env file(s) (reprise rewrites these lines after every release; a hand edit or another tool changed them); unset in the shell: {shell}',
    fr: 'mettez {lines} dans le(s) fichier(s) env (reprise réécrit ces lignes après chaque mise en production ; une modification à la main ou un autre outil les a changées) ; à retirer du shell : {shell}',
  },
  doctorEnvTagsFixOff: {
    en: 'set {lines} in the env file(s) — `sync_env_file: false` in reprise.yml: reprise leaves these lines to you (remove it to keep them in step); unset in the shell: {shell}',
    fr: 'mettez {lines} dans le(s) fichier(s) env — `sync_env_file: false` dans reprise.yml : reprise vous laisse ces lignes (retirez-le pour qu\'elles suivent) ; à retirer du shell : {shell}',
  },
} satisfies Record<string, Entry>;
