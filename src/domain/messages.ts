// Every user-facing message, in English and French. Codes never change with the language;
// the seed's three messages keep their original French wording.
import type { Params } from './errors';

export type Lang = 'en' | 'fr';

interface Entry {
  en: string;
  fr: string;
  /** what to do next, shown on the line after an error */
  hint?: { en: string; fr: string };
}

const M = {
  // --- errors (SPEC §5) ---
  invalidVersion: {
    en: 'Invalid version "{version}": a version is 1 to 128 characters among letters, digits, "_", "." and "-", not starting with "." or "-".',
    fr: 'Version invalide « {version} » : une version compte 1 à 128 caractères parmi lettres, chiffres, « _ », « . » et « - », sans commencer par « . » ni « - ».',
    hint: { en: 'Run `reprise versions` to see the available versions.', fr: 'Lancez `reprise versions` pour voir les versions disponibles.' },
  },
  versionNotFound: {
    en: 'La version {version} n\'existe pas ou est incomplète (version {version} does not exist). Available versions: {available}',
    fr: 'La version {version} n\'existe pas ou est incomplète. Versions disponibles : {available}',
    hint: { en: 'Pick one of the available versions, or build it first (`reprise deploy --build`).', fr: 'Choisissez une des versions disponibles, ou construisez-la d\'abord (`reprise deploy --build`).' },
  },
  versionIncomplete: {
    en: 'La version {version} n\'existe pas ou est incomplète (version {version} is incomplete). Missing images: {missing}',
    fr: 'La version {version} n\'existe pas ou est incomplète. Images manquantes : {missing}',
    hint: { en: 'Build or load the missing images, then try again.', fr: 'Construisez ou chargez les images manquantes, puis recommencez.' },
  },
  alreadyCurrent: {
    en: 'Version {version} is already the one running: nothing to do.',
    fr: 'La version {version} est déjà celle en service : rien à faire.',
    hint: { en: 'Name another version, or run `reprise versions`.', fr: 'Indiquez une autre version, ou lancez `reprise versions`.' },
  },
  noCurrentVersion: {
    en: 'Impossible de déterminer la version actuellement déployée (cannot tell which version is deployed: no versioned service is running).',
    fr: 'Impossible de déterminer la version actuellement déployée',
    hint: { en: 'Check `docker ps -a`, then deploy a version: `reprise deploy VERSION`.', fr: 'Vérifiez `docker ps -a`, puis déployez une version : `reprise deploy VERSION`.' },
  },
  noPreviousVersion: {
    en: 'No previous good version to roll back to (current: {current}).',
    fr: 'Aucune version précédente valide vers laquelle revenir (actuelle : {current}).',
    hint: { en: 'Name the version explicitly: `reprise rollback VERSION` (see `reprise versions`).', fr: 'Indiquez la version : `reprise rollback VERSION` (voir `reprise versions`).' },
  },
  gitUnavailable: {
    en: 'Impossible d\'accéder à l\'historique Git (cannot read the git history: {reason}).',
    fr: 'Impossible d\'accéder à l\'historique Git ({reason})',
    hint: { en: 'Run it from the project\'s git checkout, or give the version: `reprise deploy VERSION`.', fr: 'Lancez-le depuis le dépôt git du projet, ou donnez la version : `reprise deploy VERSION`.' },
  },
  dockerUnavailable: {
    en: 'The Docker engine is not reachable: {reason}',
    fr: 'Le moteur Docker est injoignable : {reason}',
    hint: { en: 'Start it (`bash scripts/setup.sh`, or `dockerd &`) and check `docker info`.', fr: 'Démarrez-le (`bash scripts/setup.sh`, ou `dockerd &`) et vérifiez `docker info`.' },
  },
  dockerEndpointUnsupported: {
    en: 'The Docker engine address "{value}" (from {origin}) is not one reprise can reach: it supports unix://PATH, tcp://HOST[:PORT] (TLS with DOCKER_TLS_VERIFY and DOCKER_CERT_PATH) and ssh://[USER@]HOST[:PORT].',
    fr: 'L\'adresse de moteur Docker « {value} » (venant de {origin}) n\'est pas joignable par reprise : il prend en charge unix://CHEMIN, tcp://HÔTE[:PORT] (TLS avec DOCKER_TLS_VERIFY et DOCKER_CERT_PATH) et ssh://[UTILISATEUR@]HÔTE[:PORT].',
    hint: {
      en: 'Point DOCKER_HOST (or the docker context) at one of those, for example unix:///var/run/docker.sock or ssh://deploy@server, and check with `docker info`; nothing was changed.',
      fr: 'Faites pointer DOCKER_HOST (ou le contexte docker) vers l\'une de ces formes, par exemple unix:///var/run/docker.sock ou ssh://deploy@serveur, et vérifiez avec `docker info` ; rien n\'a été modifié.',
    },
  },
  dockerContextMissing: {
    en: 'The docker context "{name}" (from {origin}) does not exist: no {file}.',
    fr: 'Le contexte docker « {name} » (venant de {origin}) n\'existe pas : pas de {file}.',
    hint: {
      en: '`docker context ls` lists the contexts: name one of them, create it (`docker context create {name} --docker host=…`), or unset it; nothing was changed.',
      fr: '`docker context ls` liste les contextes : indiquez-en un, créez celui-ci (`docker context create {name} --docker host=…`), ou retirez-le ; rien n\'a été modifié.',
    },
  },
  dockerEndpointUnreadable: {
    en: 'Cannot tell which Docker engine to use: {file} (from {origin}) cannot be read: {reason}.',
    fr: 'Impossible de savoir quel moteur Docker utiliser : {file} (venant de {origin}) est illisible : {reason}.',
    hint: {
      en: 'Repair that file or folder (`docker context inspect` reads the same ones), or set DOCKER_HOST explicitly; nothing was changed.',
      fr: 'Réparez ce fichier ou ce dossier (`docker context inspect` lit les mêmes), ou fixez DOCKER_HOST explicitement ; rien n\'a été modifié.',
    },
  },
  dockerApiNoCommonVersion: {
    en: 'The Docker engine at {endpoint} speaks API {daemonMin} to {daemonMax} and reprise speaks {clientMin} to {clientMax}: no version in common. Upgrade reprise, use an engine whose API range overlaps {clientMin}–{clientMax}, or set DOCKER_API_VERSION to a version the engine accepts.',
    fr: 'Le moteur Docker sur {endpoint} parle l\'API {daemonMin} à {daemonMax} et reprise parle {clientMin} à {clientMax} : aucune version commune. Mettez reprise à jour, utilisez un moteur dont l\'API recoupe {clientMin}–{clientMax}, ou fixez DOCKER_API_VERSION à une version que le moteur accepte.',
    hint: { en: 'Compare with `docker version` (Server: "API version" and "minimum version"); nothing was changed.', fr: 'Comparez avec `docker version` (Server : « API version » et « minimum version ») ; rien n\'a été modifié.' },
  },
  dockerApiTooOld: {
    en: 'The Docker engine at {endpoint} refuses API {version} set by DOCKER_API_VERSION: its minimum is {daemonMin} (reprise speaks {clientMin} to {clientMax}). Unset DOCKER_API_VERSION so that reprise picks a version both accept, or set it to {daemonMin} or newer.',
    fr: 'Le moteur Docker sur {endpoint} refuse l\'API {version} fixée par DOCKER_API_VERSION : son minimum est {daemonMin} (reprise parle {clientMin} à {clientMax}). Retirez DOCKER_API_VERSION pour que reprise choisisse une version acceptée des deux côtés, ou fixez-la à {daemonMin} ou plus.',
    hint: { en: 'See what the engine accepts with `docker version`; nothing was changed.', fr: 'Voyez ce que le moteur accepte avec `docker version` ; rien n\'a été modifié.' },
  },
  dockerApiTooNew: {
    en: 'The Docker engine at {endpoint} refuses API {version} set by DOCKER_API_VERSION: its maximum is {daemonMax} (reprise speaks {clientMin} to {clientMax}). Unset DOCKER_API_VERSION so that reprise picks a version both accept, or set it to {daemonMax} or older.',
    fr: 'Le moteur Docker sur {endpoint} refuse l\'API {version} fixée par DOCKER_API_VERSION : son maximum est {daemonMax} (reprise parle {clientMin} à {clientMax}). Retirez DOCKER_API_VERSION pour que reprise choisisse une version acceptée des deux côtés, ou fixez-la à {daemonMax} ou moins.',
    hint: { en: 'See what the engine accepts with `docker version`; nothing was changed.', fr: 'Voyez ce que le moteur accepte avec `docker version` ; rien n\'a été modifié.' },
  },
  dockerApiVersionInvalid: {
    en: 'DOCKER_API_VERSION="{value}" is not an API version (MAJOR.MINOR, for example 1.44).',
    fr: 'DOCKER_API_VERSION=« {value} » n\'est pas une version d\'API (MAJEUR.MINEUR, par exemple 1.44).',
    hint: { en: 'Unset DOCKER_API_VERSION to let reprise choose, or set it like `DOCKER_API_VERSION=1.44`; nothing was changed.', fr: 'Retirez DOCKER_API_VERSION pour laisser reprise choisir, ou fixez-la ainsi : `DOCKER_API_VERSION=1.44` ; rien n\'a été modifié.' },
  },
  composeUnavailable: {
    en: 'Neither `docker compose` (v2) nor `docker-compose` (v1) is installed.',
    fr: 'Ni `docker compose` (v2) ni `docker-compose` (v1) n\'est installé.',
    hint: { en: 'Install one (`bash scripts/setup.sh` does both).', fr: 'Installez-en un (`bash scripts/setup.sh` installe les deux).' },
  },
  configInvalid: {
    en: 'Invalid configuration in {file}, line {line}, key "{key}": {problem}',
    fr: 'Configuration invalide dans {file}, ligne {line}, clé « {key} » : {problem}',
    hint: { en: 'Fix that line; every key of reprise.yml is described in the README.', fr: 'Corrigez cette ligne ; chaque clé de reprise.yml est décrite dans le README.' },
  },
  envFilesCompose: {
    en: '{command} {version} reads a single --env-file, and this project has {count}: {files}.',
    fr: '{command} {version} ne lit qu\'un seul --env-file, et ce projet en a {count} : {files}.',
    hint: {
      en: 'Use compose v2.17 or later (`docker compose`; REPRISE_COMPOSE=v2), or merge the files into one and name it in `env_file:` of reprise.yml; nothing was changed.',
      fr: 'Utilisez compose v2.17 ou plus récent (`docker compose` ; REPRISE_COMPOSE=v2), ou réunissez les fichiers en un seul et nommez-le dans `env_file:` de reprise.yml ; rien n\'a été modifié.',
    },
  },
  envSyncDone: {
    en: 'Env file(s) {files}: {variables} set to {version}, so that a plain `docker compose up -d` changes nothing (only those lines were rewritten).',
    fr: 'Fichier(s) env {files} : {variables} mis à {version}, pour qu\'un simple `docker compose up -d` ne change rien (seules ces lignes ont été réécrites).',
  },
  envSyncCreated: {
    en: 'Created {file} (mode 0600) with the tag variables of {version}: compose reads it by default, so a plain `docker compose up -d` changes nothing (`sync_env_file: false` in reprise.yml turns this off).',
    fr: '{file} créé (mode 0600) avec les variables de tag de {version} : compose le lit par défaut, donc un simple `docker compose up -d` ne change rien (`sync_env_file: false` dans reprise.yml désactive ceci).',
  },
  envSyncShared: {
    en: 'Env file {file} not updated: environment(s) {others} use it too, so its tag lines cannot follow this one alone — give each environment its own env_file in reprise.yml (or set `sync_env_file: false`).',
    fr: 'Fichier env {file} non mis à jour : le(s) environnement(s) {others} l\'utilisent aussi, ses lignes de tag ne peuvent pas suivre celui-ci seul — donnez à chaque environnement son propre env_file dans reprise.yml (ou mettez `sync_env_file: false`).',
  },
  envSyncNoFile: {
    en: 'No env file holds the tag variables, so a plain `docker compose up -d` would not run {version}: give this environment ({environment}) its own env_file in reprise.yml (or set `sync_env_file: false`).',
    fr: 'Aucun fichier env ne porte les variables de tag, un simple `docker compose up -d` ne lancerait donc pas {version} : donnez à cet environnement ({environment}) son propre env_file dans reprise.yml (ou mettez `sync_env_file: false`).',
  },
  envSyncFailed: {
    en: 'The tag lines of the env file could not be updated ({problem}); the release itself succeeded — `reprise doctor` shows what differs.',
    fr: 'Les lignes de tag du fichier env n\'ont pas pu être mises à jour ({problem}) ; la mise en production elle-même a réussi — `reprise doctor` montre ce qui diffère.',
  },
  composeFileMissing: {
    en: 'No compose file found in {dir} (looked for {files}).',
    fr: 'Aucun fichier compose trouvé dans {dir} (cherché : {files}).',
    hint: { en: 'Run reprise from the project directory, or use -C DIR / -f FILE.', fr: 'Lancez reprise depuis le répertoire du projet, ou utilisez -C DIR / -f FICHIER.' },
  },
  noVersionedService: {
    en: 'No versioned service in {files}: no image tag comes from a variable (e.g. image: app:${APP_TAG}).',
    fr: 'Aucun service versionné dans {files} : aucun tag d\'image ne vient d\'une variable (ex. image: app:${APP_TAG}).',
    hint: { en: 'Use a tag variable in the image of each service reprise should version.', fr: 'Utilisez une variable de tag dans l\'image de chaque service à versionner.' },
  },
  locked: {
    en: 'Another operation holds the lock: {holder} (pid {pid}, {host}) since {since}{message}.',
    fr: 'Une autre opération détient le verrou : {holder} (pid {pid}, {host}) depuis {since}{message}.',
    hint: { en: 'Wait for it to finish; if it is a manual lock, `reprise lock release`.', fr: 'Attendez sa fin ; s\'il s\'agit d\'un verrou manuel, `reprise lock release`.' },
  },
  healthCheckFailed: {
    en: 'Service {service} did not become healthy on version {version}: {reason}',
    fr: 'Le service {service} n\'est pas devenu sain en version {version} : {reason}',
    hint: { en: 'Look at `docker logs` of the service and `reprise status`.', fr: 'Consultez `docker logs` du service et `reprise status`.' },
  },
  interruptedOperation: {
    en: 'An operation was interrupted: {kind} to {version} (from {from}), started {since} by pid {pid}; services changed: {done}.',
    fr: 'Une opération a été interrompue : {kind} vers {version} (depuis {from}), lancée {since} par le pid {pid} ; services modifiés : {done}.',
    hint: { en: '`reprise rollback --yes` finishes an interrupted rollback or undoes an interrupted deploy; `reprise deploy VERSION` finishes a deploy.', fr: '`reprise rollback --yes` termine un rollback interrompu ou annule un déploiement interrompu ; `reprise deploy VERSION` termine un déploiement.' },
  },
  usage: {
    en: '{problem}',
    fr: '{problem}',
    hint: { en: 'See `reprise --help`.', fr: 'Voir `reprise --help`.' },
  },
  usageDuration: {
    en: '{flag}: invalid duration "{value}" (e.g. 90s, 2m)',
    fr: '{flag} : durée invalide « {value} » (par ex. 90s, 2m)',
    hint: { en: 'See `reprise --help`.', fr: 'Voir `reprise --help`.' },
  },
  usagePositiveInteger: {
    en: '{flag}: expected a positive integer, got "{value}"',
    fr: '{flag} : entier positif attendu, reçu « {value} »',
    hint: { en: 'See `reprise --help`.', fr: 'Voir `reprise --help`.' },
  },
  usageReleaseId: {
    en: '--show: expected a release id (e.g. 12, as shown by `reprise history`), got "{value}"',
    fr: '--show : numéro de release attendu (par ex. 12, comme l\'affiche `reprise history`), reçu « {value} »',
    hint: { en: 'Run `reprise history` to see the release ids.', fr: 'Lancez `reprise history` pour voir les numéros de release.' },
  },
  usageSameEnvironment: {
    en: '--from and --to name the same environment "{env}"',
    fr: '--from et --to désignent le même environnement « {env} »',
    hint: { en: 'Promote from one environment to another, e.g. --from staging --to production.', fr: 'Promouvez d\'un environnement vers un autre, par ex. --from staging --to production.' },
  },
  usageEnvContradicts: {
    en: '-e {env} contradicts --to {to}',
    fr: '-e {env} contredit --to {to}',
    hint: { en: 'Leave out -e: --to names the environment deployed to.', fr: 'Retirez -e : --to désigne l\'environnement déployé.' },
  },
  usageCommander: {
    en: '{problem}',
    fr: '{problem}',
    hint: { en: 'See `reprise --help`.', fr: 'Voir `reprise --help`.' },
  },
  operationFailed: {
    en: 'The operation failed: {reason}',
    fr: 'L\'opération a échoué : {reason}',
    hint: { en: 'See `reprise status` and `reprise history`.', fr: 'Voir `reprise status` et `reprise history`.' },
  },
  oneShotFailed: {
    en: 'One-shot service {service} exited with code {exitCode} on version {version}.',
    fr: 'Le service ponctuel {service} s\'est terminé avec le code {exitCode} en version {version}.',
    hint: { en: 'Look at `docker logs` of the service.', fr: 'Consultez `docker logs` du service.' },
  },
  composeFailed: {
    en: 'compose failed for service {service}: {reason}',
    fr: 'compose a échoué pour le service {service} : {reason}',
    hint: { en: 'Check the compose file and `docker info`.', fr: 'Vérifiez le fichier compose et `docker info`.' },
  },
  deployRolledBack: {
    en: 'Deploy of {version} failed ({reason}); rolled back automatically to {previous}, which is healthy.',
    fr: 'Le déploiement de {version} a échoué ({reason}) ; retour automatique à {previous}, qui est sain.',
    hint: { en: 'The logs of the failed version are in the containers\' history; see `reprise history`.', fr: 'Voir `reprise history` pour le détail.' },
  },
  autoRollbackFailed: {
    en: 'Deploy of {version} failed ({reason}) and the automatic rollback to {previous} failed too: {rollbackReason}',
    fr: 'Le déploiement de {version} a échoué ({reason}) et le retour automatique à {previous} a échoué aussi : {rollbackReason}',
    hint: { en: 'Run `reprise status`, then `reprise rollback VERSION --yes` or the emergency procedure in the README.', fr: 'Lancez `reprise status`, puis `reprise rollback VERSION --yes` ou la procédure d\'urgence du README.' },
  },
  lockNotHeld: {
    en: 'The lock is not held.',
    fr: 'Le verrou n\'est pas détenu.',
  },
  initSeveralProjects: {
    en: 'Several compose projects of {dir} run: {projects}; reprise init cannot choose without asking.',
    fr: 'Plusieurs projets compose de {dir} tournent : {projects} ; reprise init ne peut pas choisir sans demander.',
    hint: { en: 'Name the one to adopt: `reprise init -p {name}` (or run it in a terminal without --yes to be asked).', fr: 'Nommez celui à adopter : `reprise init -p {name}` (ou lancez-le dans un terminal sans --yes pour qu\'il demande).' },
  },
  initSeveralFiles: {
    en: 'Several compose files in {dir} and none of compose\'s default names: {files}; reprise init cannot choose without asking.',
    fr: 'Plusieurs fichiers compose dans {dir} et aucun au nom par défaut de compose : {files} ; reprise init ne peut pas choisir sans demander.',
    hint: { en: 'Name the one to adopt: `reprise init -f {first}` (or run it in a terminal without --yes to be asked).', fr: 'Nommez celui à adopter : `reprise init -f {first}` (ou lancez-le dans un terminal sans --yes pour qu\'il demande).' },
  },
  initAskProject: {
    en: 'Adopt the running compose project {project} ({files})? [y/N] ',
    fr: 'Adopter le projet compose {project} qui tourne ({files}) ? [o/N] ',
  },
  initAskFiles: {
    en: 'Adopt {files}? [y/N] ',
    fr: 'Adopter {files} ? [o/N] ',
  },
  initFromRunning: {
    en: 'adopted the running compose project {project} ({running} of its {containers} containers run): its files, env files and name come from compose\'s labels',
    fr: 'projet compose {project} adopté tel qu\'il tourne ({running} de ses {containers} conteneurs tournent) : fichiers, fichiers env et nom viennent des étiquettes de compose',
  },
  initFromFiles: {
    en: 'no compose project of this directory runs: took the compose file(s) present, {files}',
    fr: 'aucun projet compose de ce dossier ne tourne : fichier(s) compose présent(s) retenu(s), {files}',
  },
  initFromFlags: { en: 'took the compose file(s) given: {files}', fr: 'fichier(s) compose donné(s) retenu(s) : {files}' },
  initRunningUnreadable: {
    en: 'could not look at the running containers ({reason}): only the files were considered — run init again once the engine answers to adopt what runs',
    fr: 'impossible de regarder les conteneurs qui tournent ({reason}) : seuls les fichiers ont été pris en compte — relancez init quand le moteur répond pour adopter ce qui tourne',
  },
  initRunningStale: {
    en: 'running project(s) {projects} of this directory were started from files that are gone: not adopted',
    fr: 'le(s) projet(s) {projects} de ce dossier tournent à partir de fichiers disparus : non adopté(s)',
  },
  initComposeFiles: { en: 'compose file(s): {files}', fr: 'fichier(s) compose : {files}' },
  initComposeOthers: {
    en: 'other compose files present, not used: {files} — if the stack runs from one of them, name it (or run init with -f)',
    fr: 'autres fichiers compose présents, non utilisés : {files} — si la pile tourne à partir de l\'un d\'eux, nommez-le (ou lancez init avec -f)',
  },
  initEnvFiles: { en: 'env file(s), read in this order (a later one overrides an earlier one): {files}', fr: 'fichier(s) env, lus dans cet ordre (un suivant l\'emporte sur un précédent) : {files}' },
  initNoEnvFile: { en: 'no env file', fr: 'aucun fichier env' },
  initEnvFilesUnused: {
    en: 'env files present but not used: {files} — add them to env_file if compose reads them',
    fr: 'fichiers env présents mais non utilisés : {files} — ajoutez-les à env_file si compose les lit',
  },
  initProjectName: { en: 'compose project name: {project}', fr: 'nom du projet compose : {project}' },
  initHealthPublished: { en: '{service}: health URL {url} (its published port)', fr: '{service} : URL de santé {url} (son port publié)' },
  initHealthProxy: { en: '{service}: health URL {url} (through the stack\'s proxy {proxy})', fr: '{service} : URL de santé {url} (via le proxy {proxy} de la pile)' },
  initNoHealthUrl: {
    en: '{service}: no health URL — it publishes no port and no proxy of the stack fronts it, so nothing reaches it from this host; add one if a URL does',
    fr: '{service} : pas d\'URL de santé — il ne publie aucun port et aucun proxy de la pile n\'est devant lui, rien ne l\'atteint depuis cet hôte ; ajoutez-en une si une URL l\'atteint',
  },
  initHealthcheckHttp: {
    en: '{service}: gated on its Docker healthcheck, an HTTP call to {url} inside the container',
    fr: '{service} : validé par son healthcheck Docker, un appel HTTP à {url} dans le conteneur',
  },
  initHealthcheckCommand: { en: '{service}: gated on its Docker healthcheck (a command)', fr: '{service} : validé par son healthcheck Docker (une commande)' },
  initNoHealthcheck: {
    en: '{service}: neither a health URL nor a Docker healthcheck — a release only checks that it keeps running for health.readiness_delay',
    fr: '{service} : ni URL de santé ni healthcheck Docker — une mise en production vérifie seulement qu\'il reste démarré pendant health.readiness_delay',
  },
  initRouterLabels: {
    en: '{services}: routed by {router} from their labels (a router outside the project), network(s) {networks}',
    fr: '{services} : routés par {router} d\'après leurs étiquettes (un routeur hors du projet), réseau(x) {networks}',
  },
  initExternalNetwork: {
    en: '{services}: on the external network(s) {networks} (reached from outside the project by their name there)',
    fr: '{services} : sur le(s) réseau(x) externe(s) {networks} (atteints depuis l\'extérieur du projet par leur nom)',
  },
  initRouterKindLabels: {
    en: '{services}: released start-first beside their running container; the router follows Docker labels and skips containers that are not healthy (router: kind labels) — if it resolves the service\'s name instead (nginx, HAProxy, Caddy), change it',
    fr: '{services} : mis en production en start-first à côté du conteneur en marche ; le routeur suit les étiquettes Docker et ignore les conteneurs pas encore sains (router: kind labels) — s\'il résout le nom du service (nginx, HAProxy, Caddy), changez-le',
  },
  initRouterKindDns: {
    en: '{services}: released start-first beside their running container; the router resolves the service\'s name through Docker\'s DNS (router: kind dns) — if it follows Docker labels (Traefik), change it',
    fr: '{services} : mis en production en start-first à côté du conteneur en marche ; le routeur résout le nom du service par le DNS de Docker (router: kind dns) — s\'il suit les étiquettes Docker (Traefik), changez-le',
  },
  initStrategyStartFirst: { en: '{service}: released start-first (zero downtime)', fr: '{service} : mis en production en start-first (sans interruption)' },
  initStrategyRecreate: { en: '{service}: recreated at each release ({why})', fr: '{service} : recréé à chaque mise en production ({why})' },
  initPrune: {
    en: 'prune after every deploy: old versions\' images are removed, current, previous and the {keep} newest kept — remove the line to prune only when you run `reprise prune`',
    fr: 'nettoyage après chaque déploiement : les images des anciennes versions sont supprimées, l\'actuelle, la précédente et les {keep} plus récentes gardées — retirez la ligne pour ne nettoyer qu\'avec `reprise prune`',
  },
  initSyncEnvFile: {
    en: 'after every release, the tag lines of {files} are set to what runs, so a plain `docker compose up -d` changes nothing — add the line to turn this off',
    fr: 'après chaque mise en production, les lignes de tag de {files} sont mises à ce qui tourne, pour qu\'un simple `docker compose up -d` ne change rien — ajoutez la ligne pour désactiver',
  },
  initLine: { en: 'reprise.yml: {line}', fr: 'reprise.yml : {line}' },
  initExists: {
    en: '{file} already exists.',
    fr: '{file} existe déjà.',
    hint: { en: 'Use `reprise init --force` to overwrite it.', fr: 'Utilisez `reprise init --force` pour l\'écraser.' },
  },

  preHookFailed: {
    en: 'The {hook} hook `{command}` failed (exit {exitCode}): {output}. Nothing was changed.',
    fr: 'Le hook {hook} `{command}` a échoué (code {exitCode}) : {output}. Rien n\'a été modifié.',
    hint: { en: 'Fix the hook or its script, then run the command again.', fr: 'Corrigez le hook ou son script, puis relancez la commande.' },
  },

  watchRolledBack: {
    en: 'Deploy of {version} was watched and a rollback criterion was met ({criterion}); rolled back automatically to {previous}.',
    fr: 'Le déploiement de {version} était surveillé et un critère de retour arrière a été atteint ({criterion}) ; retour automatique à {previous}.',
    hint: { en: 'See the incident report (`reprise history`).', fr: 'Voir le rapport d\'incident (`reprise history`).' },
  },
  watchFailed: {
    en: 'Deploy of {version} was watched and a rollback criterion was met ({criterion}); the stack was not rolled back.',
    fr: 'Le déploiement de {version} était surveillé et un critère de retour arrière a été atteint ({criterion}) ; la pile n\'a pas été restaurée.',
    hint: { en: 'Run `reprise status`, then `reprise rollback --yes`.', fr: 'Lancez `reprise status`, puis `reprise rollback --yes`.' },
  },

  // --- progress and results ---
  lockTakenOver: {
    en: 'warning: took over the lock of a dead process ({holder}, pid {pid}, since {since}).',
    fr: 'attention : verrou repris à un processus mort ({holder}, pid {pid}, depuis {since}).',
  },
  interruptedFound: {
    en: 'warning: INTERRUPTED_OPERATION — {kind} to {version} (from {from}) was interrupted; services changed: {done}.',
    fr: 'attention : INTERRUPTED_OPERATION — {kind} vers {version} (depuis {from}) a été interrompu ; services modifiés : {done}.',
  },
  resumingInterrupted: {
    en: 'Bringing the stack to {version} to finish the interrupted operation.',
    fr: 'Mise de la pile en version {version} pour terminer l\'opération interrompue.',
  },
  planHeader: {
    en: '{kind} {from} → {version} (project {project}, {engine})',
    fr: '{kind} {from} → {version} (projet {project}, {engine})',
  },
  planService: {
    en: '  {service}: {fromVersion} → {version}{oneShot}{strategy}',
    fr: '  {service} : {fromVersion} → {version}{oneShot}{strategy}',
  },
  planOrder: {
    en: '  order: {levels} (each step healthy or completed before the next; one-shots first)',
    fr: '  ordre : {levels} (chaque étape saine ou terminée avant la suivante ; les services ponctuels d\'abord)',
  },
  planUnchanged: {
    en: '  unchanged: {services}',
    fr: '  inchangés : {services}',
  },
  planNothing: {
    en: '  every service already runs {version}: nothing to change.',
    fr: '  tous les services sont déjà en {version} : rien à changer.',
  },
  dryRunDone: {
    en: 'Dry run: nothing was changed.',
    fr: 'Simulation : rien n\'a été modifié.',
  },
  confirmRollback: {
    en: 'Roll back {project} from {from} to {version}? [y/N] ',
    fr: 'Revenir de {from} à {version} pour {project} ? [o/N] ',
  },
  cancelled: {
    en: 'Rollback cancelled: nothing was changed.',
    fr: 'Rollback annulé : rien n\'a été modifié.',
  },
  serviceUpdating: {
    en: '→ {service}: starting {version}…',
    fr: '→ {service} : démarrage de {version}…',
  },
  serviceHealthy: {
    en: '✓ {service}: {version} healthy ({seconds} s)',
    fr: '✓ {service} : {version} sain ({seconds} s)',
  },
  serviceCompleted: {
    en: '✓ {service}: {version} completed ({seconds} s)',
    fr: '✓ {service} : {version} terminé ({seconds} s)',
  },
  serviceFailed: {
    en: '✗ {service}: {reason}',
    fr: '✗ {service} : {reason}',
  },
  revertingChanged: {
    en: 'Putting back the services already changed: {services}',
    fr: 'Remise en place des services déjà modifiés : {services}',
  },
  autoRollbackStart: {
    en: 'Deploy failed: rolling back automatically to {version}…',
    fr: 'Échec du déploiement : retour automatique à {version}…',
  },
  deployDone: {
    en: 'Deployed {version} in {seconds} s.',
    fr: '{version} déployée en {seconds} s.',
  },
  rollbackDone: {
    en: 'Rolled back to {version} in {seconds} s.',
    fr: 'Retour à {version} effectué en {seconds} s.',
  },
  previousFromImages: {
    en: 'No release history yet: taking the newest complete local version other than the running one ({version}).',
    fr: 'Pas encore d\'historique : choix de la version locale complète la plus récente autre que celle en service ({version}).',
  },
  versionFromGit: {
    en: 'Version from git: {version}',
    fr: 'Version tirée de git : {version}',
  },
  building: {
    en: 'Building images for {version} with compose…',
    fr: 'Construction des images de {version} avec compose…',
  },
  pulling: {
    en: 'Pulling images for {version} with compose…',
    fr: 'Récupération des images de {version} avec compose…',
  },
  metricsWarning: {
    en: 'warning: metrics file: {problem}',
    fr: 'attention : fichier de métriques : {problem}',
  },
  envRollbackHeaderPrevious: {
    en: '# reprise: {file} holds the previous good version to return to, {version} (running now: {current}); `docker compose --env-file {file} up -d` brings it back with every other variable of the env file(s)',
    fr: '# reprise : {file} contient la version précédente valide vers laquelle revenir, {version} (en service : {current}) ; `docker compose --env-file {file} up -d` la remet en place avec toutes les autres variables du ou des fichiers d\'environnement',
  },
  envRollbackHeaderFirst: {
    en: '# reprise: no previous good version to return to (no other version has been released successfully yet): {file} holds the running version, {version}, so that `docker compose --env-file {file} up -d` keeps it',
    fr: '# reprise : aucune version précédente valide vers laquelle revenir (aucune autre version n\'a encore été mise en service avec succès) : {file} contient la version en service, {version}, pour que `docker compose --env-file {file} up -d` la conserve',
  },
  envRollbackHeaderExcluded: {
    en: '# reprise: no previous good version to return to (the other versions released, {versions}, were rolled back from or failed since: never picked by themselves — `reprise rollback VERSION` names one): {file} holds the running version, {version}, so that `docker compose --env-file {file} up -d` keeps it',
    fr: '# reprise : aucune version précédente valide vers laquelle revenir (les autres versions mises en service, {versions}, ont été quittées par un rollback ou ont échoué depuis : jamais choisies d\'office — `reprise rollback VERSION` en désigne une) : {file} contient la version en service, {version}, pour que `docker compose --env-file {file} up -d` la conserve',
  },
  envRollbackTagsPrevious: {
    en: '# reprise: image tags of the previous good version ({version})',
    fr: '# reprise : tags d\'image de la version précédente valide ({version})',
  },
  envRollbackTagsRunning: {
    en: '# reprise: image tags of the running version ({version}): there is no previous good version',
    fr: '# reprise : tags d\'image de la version en service ({version}) : il n\'y a pas de version précédente valide',
  },
  envRollbackRestored: {
    en: '{file} was missing or named another version: written again ({version}); reprise keeps it after every release',
    fr: '{file} était absent ou désignait une autre version : réécrit ({version}) ; reprise le tient à jour après chaque mise en service',
  },
  metricsImported: {
    en: '{file}: {count} entr(y/ies) written by the old rollback.sh (concatenated JSON objects) imported into the JSON array, kept as they were',
    fr: '{file} : {count} entrée(s) écrite(s) par l\'ancien rollback.sh (objets JSON concaténés) importée(s) dans le tableau JSON, telles quelles',
  },
  envRollbackWarning: {
    en: 'warning: could not write .env.rollback: {problem}',
    fr: 'attention : impossible d\'écrire .env.rollback : {problem}',
  },
  hookRunning: {
    en: 'hook {hook}: {command}',
    fr: 'hook {hook} : {command}',
  },
  hookFailed: {
    en: 'warning: hook {hook} `{command}` failed (exit {exitCode}): {output}',
    fr: 'attention : le hook {hook} `{command}` a échoué (code {exitCode}) : {output}',
  },
  incidentWritten: {
    en: 'Incident report: {path}',
    fr: 'Rapport d\'incident : {path}',
  },
  lockAcquired: {
    en: 'Lock acquired{message}.',
    fr: 'Verrou pris{message}.',
  },
  lockReleased: {
    en: 'Lock released.',
    fr: 'Verrou libéré.',
  },
  lockFree: {
    en: 'The lock is free.',
    fr: 'Le verrou est libre.',
  },
  lockHeld: {
    en: 'Lock held by {holder} (pid {pid}, {host}, {user}) since {since}{message}.',
    fr: 'Verrou détenu par {holder} (pid {pid}, {host}, {user}) depuis {since}{message}.',
  },
  initWritten: {
    en: 'Wrote {file}: {count} versioned services ({services}).',
    fr: '{file} écrit : {count} services versionnés ({services}).',
  },
  versionsHeader: {
    en: 'Versions of {project} (current: {current}, previous: {previous})',
    fr: 'Versions de {project} (actuelle : {current}, précédente : {previous})',
  },
  availableVersions: {
    en: 'Available versions (newest first):',
    fr: 'Versions disponibles (les plus récentes d\'abord) :',
  },
  versionsElsewhere: {
    en: '{count} other tag(s) of these repositories belong to other projects or environments ({projects}): not this project\'s, not listed (`reprise versions --all` lists them; a version named on the command line can still be deployed)',
    fr: '{count} autre(s) tag(s) de ces dépôts appartiennent à d\'autres projets ou environnements ({projects}) : pas à ce projet, non listés (`reprise versions --all` les liste ; une version nommée en ligne de commande reste déployable)',
  },
  versionsElsewhereListed: {
    en: '{count} tag(s) above, marked "elsewhere", belong to other projects or environments ({projects}): not this project\'s',
    fr: '{count} tag(s) ci-dessus, marqués « ailleurs », appartiennent à d\'autres projets ou environnements ({projects}) : pas à ce projet',
  },
  versionsElsewhereMarker: { en: 'elsewhere: {projects}', fr: 'ailleurs : {projects}' },
  versionsUnavailable: {
    en: 'Available versions: unknown here ({reason}).',
    fr: 'Versions disponibles : inconnues ici ({reason}).',
  },
  none: { en: 'none', fr: 'aucune' },
  historyEmpty: { en: 'No release yet.', fr: 'Aucune release pour l\'instant.' },
  statusHeader: {
    en: 'Project {project} ({engine}) — version {version}',
    fr: 'Projet {project} ({engine}) — version {version}',
  },
  statusMixed: {
    en: 'mixed versions: {versions}',
    fr: 'versions mélangées : {versions}',
  },
  drift: {
    en: 'drift: {service} runs {actual}, reprise last deployed {expected}',
    fr: 'dérive : {service} tourne en {actual}, reprise a déployé {expected}',
  },

  // --- verify and baselines ---
  verifyHeader: {
    en: 'Verification of {project} — version {version} (logs since {since})',
    fr: 'Vérification de {project} — version {version} (logs depuis {since})',
  },
  checkServiceRunning: { en: '{service}: running and healthy', fr: '{service} : démarré et sain' },
  checkServiceCompleted: { en: '{service}: completed (exit 0)', fr: '{service} : terminé (code 0)' },
  checkHealthUrl: { en: '{service}: health URL answers in time', fr: '{service} : l\'URL de santé répond à temps' },
  checkLogErrors: { en: '{service}: no critical line in the logs', fr: '{service} : aucune ligne critique dans les logs' },
  checkErrorRate: { en: '{service}: error rate', fr: '{service} : taux d\'erreur' },
  checkAvailability: { en: '{service}: availability', fr: '{service} : disponibilité' },
  checkCpu: { en: '{service}: CPU', fr: '{service} : CPU' },
  checkMemory: { en: '{service}: memory', fr: '{service} : mémoire' },
  checkDegradation: { en: '{service}: latency against the previous release', fr: '{service} : latence par rapport à la release précédente' },
  verifyThreshold: { en: 'threshold {bound} {threshold}', fr: 'seuil {bound} {threshold}' },
  verifySkipped: { en: 'not checked', fr: 'non vérifié' },
  verifySinceStart: { en: 'the start of each container', fr: 'le démarrage de chaque conteneur' },
  verifyPassed: {
    en: 'Verification passed: {count} checks OK.',
    fr: 'Vérification réussie : {count} contrôles OK.',
  },
  verifyFailed: {
    en: 'Verification failed: {failed} of {count} checks failed ({ids}).',
    fr: 'Vérification échouée : {failed} contrôle(s) sur {count} en échec ({ids}).',
    hint: {
      en: 'Look at `reprise status` and `docker logs` of the services; if the release is at fault, `reprise rollback`.',
      fr: 'Consultez `reprise status` et `docker logs` des services ; si la release est en cause, `reprise rollback`.',
    },
  },
  baselineWarning: {
    en: 'warning: latency baseline not recorded for {url}: {problem}',
    fr: 'attention : référence de latence non enregistrée pour {url} : {problem}',
  },
  // --- monitor / deploy --watch (domain/criteria.ts, commands/monitor.ts) ---
  criterion_not_answering: { en: 'service not answering', fr: 'service qui ne répond plus' },
  criterion_error_rate: { en: 'error rate', fr: 'taux d\'erreur' },
  criterion_latency_degradation: { en: 'latency degradation', fr: 'dégradation de la latence' },
  criterion_critical_logs: { en: 'critical errors in the logs', fr: 'erreurs critiques dans les logs' },
  detail_not_answering: {
    en: '{failed} failed probes in a row ({reason})',
    fr: '{failed} sondes en échec d\'affilée ({reason})',
  },
  detail_error_rate: {
    en: '{failed} of the last {samples} probes failed (last: {reason})',
    fr: '{failed} des {samples} dernières sondes en échec (dernière : {reason})',
  },
  detail_latency_degradation: {
    en: 'median {median} ms over {samples} probes against a baseline of {baseline} ms (+{change} %, limit +{limit} %)',
    fr: 'médiane {median} ms sur {samples} sondes contre une référence de {baseline} ms (+{change} %, limite +{limit} %)',
  },
  detail_critical_logs: {
    en: '{lines} log lines matching {patterns}; last: {last}',
    fr: '{lines} lignes de log correspondant à {patterns} ; dernière : {last}',
  },
  monitorCriterion: {
    en: 'rollback criterion met — {criterion} on {service}: measured {measured}{unit}, threshold {threshold}{unit} ({detail})',
    fr: 'critère de rollback atteint — {criterion} sur {service} : mesuré {measured}{unit}, seuil {threshold}{unit} ({detail})',
  },
  monitorStarted: {
    en: 'Watching {project} ({version}) for {seconds} s, a probe every {interval} ms: {services}',
    fr: 'Surveillance de {project} ({version}) pendant {seconds} s, une sonde toutes les {interval} ms : {services}',
  },
  monitorFailing: {
    en: '{at} {service}: failing ({reason})',
    fr: '{at} {service} : en échec ({reason})',
  },
  monitorSlow: {
    en: '{at} {service}: slow (median {median} ms)',
    fr: '{at} {service} : lent (médiane {median} ms)',
  },
  monitorRecovered: {
    en: '{at} {service}: answering normally again',
    fr: '{at} {service} : répond de nouveau normalement',
  },
  monitorLogLine: {
    en: '{at} {service}: critical log line: {line}',
    fr: '{at} {service} : ligne de log critique : {line}',
  },
  monitorPaused: {
    en: '{at} another operation is running ({holder}, pid {pid}): watch paused',
    fr: '{at} une autre opération est en cours ({holder}, pid {pid}) : surveillance suspendue',
  },
  monitorPausedManual: {
    en: '{at} the lock is held by hand ({user}@{host}{message}): watch paused until `reprise lock release`',
    fr: '{at} le verrou est pris à la main ({user}@{host}{message}) : surveillance suspendue jusqu\'à `reprise lock release`',
  },
  monitorResumed: {
    en: '{at} watch resumed on {version} (fresh window)',
    fr: '{at} surveillance reprise sur {version} (nouvelle fenêtre)',
  },
  monitorReadFailed: {
    en: 'warning: could not read the {what}: {reason}',
    fr: 'attention : lecture impossible ({what}) : {reason}',
  },
  monitorPassed: {
    en: '✓ Watched for {seconds} s ({samples} samples): no rollback criterion met.',
    fr: '✓ Surveillé pendant {seconds} s ({samples} échantillons) : aucun critère de rollback atteint.',
  },
  monitorStopped: {
    en: 'Watch stopped after {seconds} s ({samples} samples): no rollback criterion met.',
    fr: 'Surveillance arrêtée après {seconds} s ({samples} échantillons) : aucun critère de rollback atteint.',
  },
  monitorRollingBack: {
    en: 'Rolling back automatically (trigger auto)…',
    fr: 'Rollback automatique en cours (déclencheur auto)…',
  },
  monitorRolledBack: {
    en: 'Rolled back automatically to {version} — {criterion}',
    fr: 'Rollback automatique vers {version} effectué — {criterion}',
  },
  monitorRollbackFailed: {
    en: 'A rollback criterion was met but the automatic rollback failed: {reason}',
    fr: 'Un critère de rollback a été atteint mais le rollback automatique a échoué : {reason}',
    hint: { en: 'Run `reprise status`, then `reprise rollback --yes` or the emergency procedure in the README.', fr: 'Lancez `reprise status`, puis `reprise rollback --yes` ou la procédure d\'urgence du README.' },
  },
  monitorCriterionMet: {
    en: 'The current version meets a rollback criterion: {criterion}',
    fr: 'La version en service atteint un critère de rollback : {criterion}',
    hint: { en: 'Roll back with `reprise rollback`, or watch with `reprise monitor --auto-rollback`.', fr: 'Revenez en arrière avec `reprise rollback`, ou surveillez avec `reprise monitor --auto-rollback`.' },
  },
  // --- notifications (SPEC §7 notifications, `notify test`) ---
  notifTitleDeploySuccess: { en: '✅ DEPLOY SUCCEEDED', fr: '✅ DÉPLOIEMENT RÉUSSI' },
  notifTitleDeployFailedRestored: { en: '❌ DEPLOY FAILED — ROLLED BACK', fr: '❌ DÉPLOIEMENT ÉCHOUÉ — ROLLBACK EFFECTUÉ' },
  notifTitleDeployFailed: { en: '🆘 DEPLOY FAILED — SERVICES NOT RESTORED', fr: '🆘 DÉPLOIEMENT ÉCHOUÉ — SERVICES NON RESTAURÉS' },
  notifTitleRollbackSuccess: { en: '🚨 ROLLBACK DONE', fr: '🚨 ROLLBACK EFFECTUÉ' },
  notifTitleRollbackFailed: { en: '🆘 ROLLBACK FAILED — EMERGENCY ALERT', fr: '🆘 ROLLBACK ÉCHOUÉ — ALERTE D\'URGENCE' },
  notifTitleRollbackCancelled: { en: 'ℹ️ ROLLBACK CANCELLED', fr: 'ℹ️ ROLLBACK ANNULÉ' },
  notifTitleAutoRollback: { en: '🚨 AUTOMATIC ROLLBACK DONE', fr: '🚨 ROLLBACK AUTOMATIQUE EFFECTUÉ' },
  notifTitleAutoRollbackFailed: { en: '🆘 AUTOMATIC ROLLBACK FAILED — EMERGENCY ALERT', fr: '🆘 ROLLBACK AUTOMATIQUE ÉCHOUÉ — ALERTE D\'URGENCE' },
  notifTitleEmergency: { en: '🚨 EMERGENCY ROLLBACK DONE', fr: '🚨 ROLLBACK D\'URGENCE EFFECTUÉ' },
  notifTitleEmergencyFailed: { en: '🆘 EMERGENCY ROLLBACK FAILED', fr: '🆘 ROLLBACK D\'URGENCE ÉCHOUÉ' },
  notifTitleInterrupted: { en: '⚠️ INTERRUPTED OPERATION FOUND', fr: '⚠️ OPÉRATION INTERROMPUE DÉTECTÉE' },
  notifTitleTest: { en: '🔔 NOTIFICATION TEST', fr: '🔔 TEST DE NOTIFICATION' },
  notifUrgent: { en: 'URGENT', fr: 'URGENT' },
  notifTime: { en: 'Time', fr: 'Heure' },
  notifPrevious: { en: 'Previous version', fr: 'Version précédente' },
  notifCause: { en: 'Cause', fr: 'Cause' },
  notifStatus: { en: 'Status', fr: 'Statut' },
  notifNext: { en: 'Next step', fr: 'Prochaine étape' },
  notifHost: { en: 'Host', fr: 'Hôte' },
  notifProject: { en: 'Project', fr: 'Projet' },
  notifBy: { en: 'By', fr: 'Par' },
  notifDuration: { en: 'Duration', fr: 'Durée' },
  notifVersions: { en: 'Versions', fr: 'Versions' },
  notifIncident: { en: 'Incident report', fr: 'Rapport d\'incident' },
  notifStatusDeployed: { en: 'Version {version} in service', fr: 'Version {version} en service' },
  notifStatusRestored: { en: 'Services restored', fr: 'Services restaurés' },
  notifStatusNotRestored: { en: 'Services NOT restored', fr: 'Services NON restaurés' },
  notifStatusCancelled: { en: 'Cancelled, nothing changed', fr: 'Annulé, rien n\'a changé' },
  notifStatusInterrupted: { en: 'An operation was interrupted (stack may be mixed)', fr: 'Une opération a été interrompue (pile peut-être mixte)' },
  notifStatusTest: { en: 'Test message, nothing changed', fr: 'Message de test, rien n\'a changé' },
  notifNextWatch: { en: 'Watch the release (`reprise monitor`)', fr: 'Surveiller la release (`reprise monitor`)' },
  notifNextInvestigate: { en: 'Investigation under way', fr: 'Investigation en cours' },
  notifNextUrgent: { en: 'Act now: `reprise status`, then `reprise rollback --yes` or the emergency procedure', fr: 'Intervenir immédiatement : `reprise status`, puis `reprise rollback --yes` ou la procédure d\'urgence' },
  notifNextNone: { en: 'None', fr: 'Aucune' },
  notifNextInterrupted: { en: '`reprise rollback --yes` finishes or undoes it', fr: '`reprise rollback --yes` la termine ou l\'annule' },
  notifSubjectDeploySuccess: { en: 'Deploy success', fr: 'Déploiement réussi' },
  notifSubjectDeployFailed: { en: 'Deploy failed', fr: 'Déploiement échoué' },
  notifSubjectRollbackSuccess: { en: 'Rollback success', fr: 'Rollback réussi' },
  notifSubjectRollbackFailed: { en: 'Rollback failed', fr: 'Rollback échoué' },
  notifSubjectRollbackCancelled: { en: 'Rollback cancelled', fr: 'Rollback annulé' },
  notifSubjectAutoRollback: { en: 'Automatic rollback', fr: 'Rollback automatique' },
  notifSubjectEmergency: { en: 'Emergency rollback', fr: 'Rollback d\'urgence' },
  notifSubjectInterrupted: { en: 'Interrupted operation', fr: 'Opération interrompue' },
  notifSubjectTest: { en: 'Notification test', fr: 'Test de notification' },
  notifSubjectFailedSuffix: { en: 'failed', fr: 'échoué' },
  notifyNoChannel: {
    en: 'No notification channel is configured: set TELEGRAM_BOT_TOKEN and ADMIN_TELEGRAM_IDS, NOTIFICATION_EMAIL and SMTP_URL, or NOTIFICATION_WEBHOOK_URL (environment, env file or reprise.yml `notifications`).',
    fr: 'Aucun canal de notification configuré : définissez TELEGRAM_BOT_TOKEN et ADMIN_TELEGRAM_IDS, NOTIFICATION_EMAIL et SMTP_URL, ou NOTIFICATION_WEBHOOK_URL (environnement, fichier env ou `notifications` de reprise.yml).',
  },
  notifyResultOk: { en: '✓ {channel} {recipient}: delivered ({ms} ms)', fr: '✓ {channel} {recipient} : envoyé ({ms} ms)' },
  notifyResultFailed: { en: '✗ {channel} {recipient}: {error} ({attempts} attempt(s), {ms} ms)', fr: '✗ {channel} {recipient} : {error} ({attempts} tentative(s), {ms} ms)' },
  notifyDeliveryFailed: { en: 'warning: notification not delivered — {channel} {recipient}: {error}', fr: 'attention : notification non remise — {channel} {recipient} : {error}' },
  notifySummary: { en: 'Notifications: {ok}/{total} delivered.', fr: 'Notifications : {ok}/{total} remises.' },
  notifyTestDone: { en: 'Notification test: {ok}/{total} delivered.', fr: 'Test de notification : {ok}/{total} remises.' },
  // --- environments, promote, emergency (issue 5) ---
  emergencyNoTarget: {
    en: 'No last known-good version to go back to from {current}: the release history has none and .env.rollback names none other.',
    fr: 'Aucune dernière version saine vers laquelle revenir depuis {current} : l\'historique n\'en a pas et .env.rollback n\'en indique pas d\'autre.',
    hint: { en: 'Name it: `reprise emergency VERSION` (`reprise versions` lists them).', fr: 'Indiquez-la : `reprise emergency VERSION` (`reprise versions` les liste).' },
  },
  buildKeepsExisting: {
    en: 'Images of {version} already exist for {services}: not rebuilt (a version tag is never overwritten).',
    fr: 'Les images de {version} existent déjà pour {services} : pas de reconstruction (un tag de version n\'est jamais écrasé).',
  },
  emergencyFromEnvRollback: {
    en: 'No previous good version in the release history: going back to {version}, named by {file}.',
    fr: 'Aucune version précédente saine dans l\'historique : retour à {version}, indiquée par {file}.',
  },
  emergencyNoEnvRollback: {
    en: 'warning: {file} is missing or names no single version; the release history alone chooses the target.',
    fr: 'attention : {file} est absent ou n\'indique pas une version unique ; seul l\'historique choisit la cible.',
  },
  emergencyStoreUnreadable: {
    en: 'warning: the release history {file} cannot be read ({problem}); emergency continues from .env.rollback, and this attempt is recorded in the metrics file only.',
    fr: 'attention : l\'historique {file} est illisible ({problem}) ; l\'urgence continue depuis .env.rollback, et cette tentative n\'est enregistrée que dans le fichier de métriques.',
  },
  promoteRefused: {
    en: 'Promotion of {version} from {from} to {to} refused: {reason}',
    fr: 'Promotion de {version} de {from} vers {to} refusée : {reason}',
    hint: {
      en: 'Deploy and verify it on {from} first (`reprise -e {from} deploy {version}`, `reprise -e {from} verify`), or add --force.',
      fr: 'Déployez-la et vérifiez-la d\'abord sur {from} (`reprise -e {from} deploy {version}`, `reprise -e {from} verify`), ou ajoutez --force.',
    },
  },
  promoteForced: {
    en: 'warning: promoting {version} to {to} although it was not verified on {from} (--force): {reason}',
    fr: 'attention : promotion de {version} vers {to} bien qu\'elle n\'ait pas été vérifiée sur {from} (--force) : {reason}',
  },
  promoteVerified: { en: '{version} was verified healthy on {from} ({at}).', fr: '{version} a été vérifiée saine sur {from} ({at}).' },
  promoteNeverReleased: { en: '{version} was never released on {from}.', fr: '{version} n\'a jamais été mise en service sur {from}.' },
  promoteLastFailed: { en: 'the last release of {version} on {from} failed ({at}).', fr: 'la dernière mise en service de {version} sur {from} a échoué ({at}).' },
  promoteRolledBackFrom: { en: '{from} was rolled back away from {version} ({at}).', fr: '{from} a été restaurée depuis {version} vers une autre version ({at}).' },
  promoteVerifyFailed: { en: 'the last `reprise verify` of {version} on {from} failed ({at}).', fr: 'le dernier `reprise verify` de {version} sur {from} a échoué ({at}).' },
  versionsRunningIn: { en: 'runs on: {envs}', fr: 'en service sur : {envs}' },
  versionsVerifiedIn: { en: 'verified on: {envs}', fr: 'vérifiée sur : {envs}' },
  versionsEnvironment: { en: '{environment} ({project}): current {current}, last good {lastGood}, previous {previous}', fr: '{environment} ({project}) : actuelle {current}, dernière saine {lastGood}, précédente {previous}' },
  // --- prune (issue 5) ---
  pruneRemoved: { en: '✓ removed {version}: {images} ({size} reclaimed)', fr: '✓ {version} supprimée : {images} ({size} récupérés)' },
  pruneWouldRemove: { en: '- would remove {version}: {images}', fr: '- supprimerait {version} : {images}' },
  pruneRemovedContainers: { en: '  first, its exited one-shot container(s), the only ones using its images: {containers}', fr: '  d\'abord, son ou ses conteneurs ponctuels arrêtés, seuls à utiliser ses images : {containers}' },
  pruneWouldRemoveContainers: { en: '  first, its exited one-shot container(s), the only ones using its images: {containers}', fr: '  d\'abord, son ou ses conteneurs ponctuels arrêtés, seuls à utiliser ses images : {containers}' },
  pruneKept: { en: '  kept {version}: {reasons}', fr: '  conservée {version} : {reasons}' },
  pruneElsewhere: { en: '  not this project\'s, left alone: {count} tag(s) of these repositories belonging to other projects or environments ({projects})', fr: '  pas à ce projet, laissés tels quels : {count} tag(s) de ces dépôts appartenant à d\'autres projets ou environnements ({projects})' },
  pruneKeptNotReleased: { en: '  kept, never released in this configuration (not reprise\'s to remove): {versions}', fr: '  conservées, jamais mises en service dans cette configuration (pas à reprise de les supprimer) : {versions}' },
  pruneInUse: { en: 'warning: {image} is in use by a container, kept ({error})', fr: 'attention : {image} est utilisée par un conteneur, conservée ({error})' },
  pruneImageFailed: { en: 'warning: could not remove {image}: {error}', fr: 'attention : impossible de supprimer {image} : {error}' },
  pruneDone: { en: 'Prune: {count} version(s) removed, {size} reclaimed.', fr: 'Nettoyage : {count} version(s) supprimée(s), {size} récupérés.' },
  pruneDryRunDone: { en: 'Dry run: {count} version(s) would be removed; nothing was removed.', fr: 'Simulation : {count} version(s) seraient supprimées ; rien n\'a été supprimé.' },
  pruneAfterDeployFailed: { en: 'warning: prune after the deploy failed (the deploy itself succeeded): {reason}', fr: 'attention : le nettoyage après le déploiement a échoué (le déploiement lui-même a réussi) : {reason}' },
  pruneEnvironmentUnreadable: {
    en: 'Prune refused: environment {environment} could not be read ({reason}); without knowing what it runs, nothing was removed.',
    fr: 'Nettoyage refusé : l\'environnement {environment} est illisible ({reason}) ; sans savoir ce qu\'il exécute, rien n\'a été supprimé.',
    hint: { en: 'Fix that environment\'s files (see `reprise -e {environment} status`), then run prune again.', fr: 'Corrigez les fichiers de cet environnement (voir `reprise -e {environment} status`), puis relancez prune.' },
  },
  pruneKeepInvalid: {
    en: '--keep: expected a positive integer, got "{value}"; nothing was changed.',
    fr: '--keep : entier positif attendu, reçu « {value} » ; rien n\'a été modifié.',
    hint: { en: 'Example: `reprise prune --keep 3`.', fr: 'Exemple : `reprise prune --keep 3`.' },
  },
  pruneReasonNewest: { en: 'among the newest', fr: 'parmi les plus récentes' },
  pruneReasonIncomplete: { en: 'incomplete (a build may be in progress)', fr: 'incomplète (une construction est peut-être en cours)' },
  pruneReasonCurrent: { en: 'current', fr: 'actuelle' },
  pruneReasonPrevious: { en: 'previous good (rollback target)', fr: 'précédente valide (cible du rollback)' },
  pruneReasonRunning: { en: 'running', fr: 'en service' },
  pruneReasonLastGood: { en: 'last good', fr: 'dernière valide' },
  pruneReasonInterrupted: { en: 'interrupted operation', fr: 'opération interrompue' },
  pruneReasonInProgress: { en: 'operation in progress', fr: 'opération en cours' },
  pruneReasonInUse: { en: 'in use by a container', fr: 'utilisée par un conteneur' },
  pruneReasonNotReleased: { en: 'never released in this configuration (not reprise\'s to remove)', fr: 'jamais mise en service dans cette configuration (pas à reprise de la supprimer)' },
  pruneReasonNotRemoved: { en: 'removal failed', fr: 'suppression échouée' },
  pruneReasonInEnv: { en: '{reason} in {environment}', fr: '{reason} dans {environment}' },
  // --- doctor (issue 5) ---
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
  doctorSideOk: { en: 'every long-running versioned service can run two containers side by side ({services})', fr: 'chaque service versionné permanent peut tourner en deux conteneurs côte à côte ({services})' },
  doctorSideStrategies: {
    en: 'released start-first (zero downtime): {startFirst}; recreated (short outage): {recreate}',
    fr: 'publiés en start-first (sans coupure) : {startFirst} ; recréés (courte coupure) : {recreate}',
  },
  doctorSideRemote: {
    en: 'start-first for {services}, but the engine is remote ({host}): the release gate probes new containers on their own addresses, which are not reachable from here',
    fr: 'start-first pour {services}, mais le moteur est distant ({host}) : le contrôle de santé des versions sonde les nouveaux conteneurs sur leur propre adresse, injoignable d\'ici',
  },
  doctorSideRemoteFix: {
    en: 'Run reprise on the Docker host, or set `strategy: recreate` for {services} in reprise.yml.',
    fr: 'Lancez reprise sur l\'hôte Docker, ou mettez `strategy: recreate` pour {services} dans reprise.yml.',
  },
  doctorRemoteEngine: {
    en: 'the engine is remote ({engine}): reads, deploys, rollbacks and builds go there through the Engine API and compose; needs care: {care}',
    fr: 'le moteur est distant ({engine}) : lectures, déploiements, rollbacks et builds y vont par l\'API du moteur et compose ; à surveiller : {care}',
  },
  doctorRemoteCareHealth: {
    en: 'health URLs ({services}) are probed from this machine, not from the engine\'s',
    fr: 'les URL de santé ({services}) sont sondées depuis cette machine, pas depuis celle du moteur',
  },
  doctorRemoteCareLoopback: {
    en: 'health URLs are probed from this machine, and those of {services} point at localhost: this machine, not the engine\'s',
    fr: 'les URL de santé sont sondées depuis cette machine, et celles de {services} visent localhost : cette machine, pas celle du moteur',
  },
  doctorRemoteCareStartFirst: {
    en: 'start-first ({services}) probes the new containers on their own addresses, which are not reachable from another machine',
    fr: 'le start-first ({services}) sonde les nouveaux conteneurs sur leur propre adresse, injoignable depuis une autre machine',
  },
  doctorRemoteCareImages: {
    en: 'the images of a version must exist on that engine, not here',
    fr: 'les images d\'une version doivent exister sur ce moteur, pas ici',
  },
  doctorRemoteFixes: { en: '{fixes}', fr: '{fixes}' },
  doctorRemoteFixHealth: {
    en: 'Health URLs: use addresses reachable from here (the server\'s name or address, not localhost), or run reprise on the server.',
    fr: 'URL de santé : utilisez des adresses joignables d\'ici (le nom ou l\'adresse du serveur, pas localhost), ou lancez reprise sur le serveur.',
  },
  doctorRemoteFixStartFirst: {
    en: 'Start-first: run reprise on the Docker host, or set `strategy: recreate` for {services} in reprise.yml.',
    fr: 'Start-first : lancez reprise sur l\'hôte Docker, ou mettez `strategy: recreate` pour {services} dans reprise.yml.',
  },
  doctorRemoteFixImages: {
    en: 'Images: build them on that engine (`reprise deploy --build` builds through compose, there), pull them from a registry, or copy them (`docker save IMAGE | docker --context NAME load`).',
    fr: 'Images : construisez-les sur ce moteur (`reprise deploy --build` construit par compose, là-bas), tirez-les d\'un registre, ou copiez-les (`docker save IMAGE | docker --context NOM load`).',
  },
  doctorSideBlocked: {
    en: 'cannot run two replicas side by side: {list} — a zero-downtime (start-first) deploy is impossible for them; they are replaced stop-first (a short outage){strategies}',
    fr: 'ne peuvent pas tourner en deux réplicas côte à côte : {list} — un déploiement sans coupure (start-first) leur est impossible ; ils sont remplacés en stop-first (courte coupure){strategies}',
  },
  doctorSideFixName: {
    en: 'Remove `container_name:` from {services}: compose names the containers itself, so a second one can start.',
    fr: 'Retirez `container_name:` de {services} : compose nomme lui-même les conteneurs, un second peut alors démarrer.',
  },
  doctorSideFixPort: {
    en: 'Do not publish a fixed host port on {services}: put a reverse proxy on the compose network in front of them, or publish the container port only (`ports: ["{target}"]`).',
    fr: 'Ne publiez pas de port hôte fixe sur {services} : placez un reverse proxy sur le réseau compose devant eux, ou publiez seulement le port du conteneur (`ports: ["{target}"]`).',
  },
  doctorSideFixBoth: {
    en: 'Remove `container_name:` from {name}; do not publish a fixed host port on {port}: a reverse proxy on the compose network, or the container port only (`ports: ["{target}"]`).',
    fr: 'Retirez `container_name:` de {name} ; ne publiez pas de port hôte fixe sur {port} : un reverse proxy sur le réseau compose, ou seulement le port du conteneur (`ports: ["{target}"]`).',
  },
  doctorEnvNone: { en: 'no env file', fr: 'aucun fichier env' },
  doctorEnvOk: { en: 'readable by their owner only, or holding no secret: {files}', fr: 'lisibles par leur propriétaire seul, ou sans secret : {files}' },
  doctorEnvExposed: {
    en: 'env file(s) open to other users (see the mode: group or everyone can read, or change, them) while holding secrets: {list}',
    fr: 'fichier(s) env ouvert(s) aux autres utilisateurs (voir le mode : le groupe ou tout le monde peut les lire, ou les modifier) alors qu\'ils contiennent des secrets : {list}',
  },
  doctorEnvFix: { en: 'chmod 600 {files}', fr: 'chmod 600 {files}' },
  doctorLockFree: { en: 'no lock held', fr: 'aucun verrou détenu' },
  doctorLockLive: { en: 'held by a running operation: {holder} (pid {pid}, {host}) since {since}', fr: 'détenu par une opération en cours : {holder} (pid {pid}, {host}) depuis {since}' },
  doctorLockManual: {
    en: 'manual lock by {user} since {since}{message}: every deploy and rollback exits 4 until it is released',
    fr: 'verrou manuel posé par {user} depuis {since}{message} : chaque deploy et rollback sort en code 4 tant qu\'il n\'est pas libéré',
  },
  doctorLockManualFix: { en: '`reprise lock release` once the maintenance is over.', fr: '`reprise lock release` une fois la maintenance terminée.' },
  doctorLockDead: {
    en: 'held by a process that is gone: {holder} (pid {pid}, {host}) since {since}{message}',
    fr: 'détenu par un processus disparu : {holder} (pid {pid}, {host}) depuis {since}{message}',
  },
  doctorLockDeadFix: {
    en: '`reprise lock release` (the next deploy or rollback would also take it over, with a warning).',
    fr: '`reprise lock release` (le prochain deploy ou rollback le reprendrait aussi, avec un avertissement).',
  },
  doctorLockOtherHost: {
    en: 'held from another host: {holder} (pid {pid}, {host}) since {since}{message} — cannot be checked from here',
    fr: 'détenu depuis un autre hôte : {holder} (pid {pid}, {host}) depuis {since}{message} — invérifiable d\'ici',
  },
  doctorLockOtherHostFix: { en: 'Check on {host} that pid {pid} still runs; if not, `reprise lock release`.', fr: 'Vérifiez sur {host} que le pid {pid} tourne encore ; sinon, `reprise lock release`.' },
  doctorInterruptedNone: { en: 'no interrupted operation', fr: 'aucune opération interrompue' },
  doctorInterrupted: {
    en: 'interrupted {kind} to {version} (from {from}, started {since}, pid {pid}; services done: {done}): the stack may be mixed',
    fr: '{kind} vers {version} interrompu (depuis {from}, commencé {since}, pid {pid} ; services faits : {done}) : la pile est peut-être mixte',
  },
  doctorInterruptedFix: {
    en: '`reprise rollback --yes` finishes an interrupted rollback or undoes an interrupted deploy; `reprise deploy VERSION` brings every service to VERSION.',
    fr: '`reprise rollback --yes` termine un rollback interrompu ou annule un déploiement interrompu ; `reprise deploy VERSION` amène chaque service à VERSION.',
  },
  doctorStoreUnreadable: { en: 'the state store {file} cannot be read: {reason}', fr: 'le stockage d\'état {file} est illisible : {reason}' },
  doctorStoreFix: {
    en: 'Check the file\'s permissions and free disk space; if it is damaged, move it aside (`mv {file} {file}.bad`): the history starts again.',
    fr: 'Vérifiez les droits du fichier et l\'espace disque ; s\'il est endommagé, mettez-le de côté (`mv {file} {file}.bad`) : l\'historique repart de zéro.',
  },
  doctorDiskEntry: { en: '{role} {path}: {used} % used, {free} free of {total}', fr: '{role} {path} : {used} % utilisés, {free} libres sur {total}' },
  doctorDiskRoleProject: { en: 'project directory', fr: 'répertoire du projet' },
  doctorDiskRoleDocker: { en: 'Docker data root', fr: 'données Docker' },
  doctorDiskOk: { en: '{list}', fr: '{list}' },
  doctorDiskLow: { en: 'low disk space — {list}', fr: 'espace disque faible — {list}' },
  doctorDiskFix: {
    en: 'Free space: `reprise prune --dry-run` then `reprise prune` (old versions\' images), `docker system df`, `docker image prune`, `docker builder prune`.',
    fr: 'Libérez de la place : `reprise prune --dry-run` puis `reprise prune` (images des anciennes versions), `docker system df`, `docker image prune`, `docker builder prune`.',
  },
  doctorMemoryOk: { en: '{available} available of {total} ({used} % used); swap used {swap}', fr: '{available} disponibles sur {total} ({used} % utilisés) ; swap utilisé {swap}' },
  doctorMemoryLow: { en: 'low memory: {available} available of {total} ({used} % used); swap used {swap}', fr: 'mémoire faible : {available} disponibles sur {total} ({used} % utilisés) ; swap utilisé {swap}' },
  doctorMemoryFix: {
    en: 'See which containers use it (`docker stats`), stop what is not needed, set memory limits, or add memory or swap.',
    fr: 'Voyez quels conteneurs l\'utilisent (`docker stats`), arrêtez ce qui est inutile, fixez des limites mémoire, ou ajoutez de la mémoire ou du swap.',
  },
  // --- configuration history (issue 5) ---
  configSnapshotFailed: {
    en: 'warning: the configuration of this release could not be recorded ({reason}); the release goes on',
    fr: 'attention : la configuration de cette release n\'a pas pu être enregistrée ({reason}) ; la release continue',
  },
  releaseNotFound: {
    en: 'No release #{id} in project {project}.',
    fr: 'Aucune release n° {id} dans le projet {project}.',
    hint: { en: '`reprise history` lists the releases with their ids (#N).', fr: '`reprise history` liste les releases avec leur numéro (#N).' },
  },
  configShowHeader: {
    en: 'Release #{id}: {kind} {from} → {version}, {outcome}, started {at}',
    fr: 'Release n° {id} : {kind} {from} → {version}, {outcome}, démarrée le {at}',
  },
  configShowNotRecorded: {
    en: 'No configuration was recorded for release #{id} (made before configuration history, or the snapshot failed).',
    fr: 'Aucune configuration enregistrée pour la release n° {id} (antérieure à l\'historique de configuration, ou instantané en échec).',
  },
  configShowComparedWith: {
    en: 'Compared with release #{id} ({kind} {version}):',
    fr: 'Comparée à la release n° {id} ({kind} {version}) :',
  },
  configShowFirst: {
    en: 'First recorded configuration of this project: every file is new.',
    fr: 'Première configuration enregistrée de ce projet : tous les fichiers sont nouveaux.',
  },
  configShowUnchanged: {
    en: 'The configuration did not change.',
    fr: 'La configuration n\'a pas changé.',
  },
  configFileUnchanged: { en: '{path}: unchanged', fr: '{path} : inchangé' },
  configFileAdded: { en: '{path}: added', fr: '{path} : ajouté' },
  configFileRemoved: { en: '{path}: removed', fr: '{path} : supprimé' },
  configFileChanged: { en: '{path}: changed', fr: '{path} : modifié' },
  configEnvUnchanged: { en: '{path} (env file): unchanged', fr: '{path} (fichier env) : inchangé' },
  configEnvAdded: { en: '{path} (env file): added (values not shown)', fr: '{path} (fichier env) : ajouté (valeurs non affichées)' },
  configEnvRemoved: { en: '{path} (env file): removed', fr: '{path} (fichier env) : supprimé' },
  configEnvChanged: { en: '{path} (env file): changed (values not shown)', fr: '{path} (fichier env) : modifié (valeurs non affichées)' },
  configEnvKeys: {
    en: '  keys added: {added}; removed: {removed}; value changed: {changed}',
    fr: '  clés ajoutées : {added} ; supprimées : {removed} ; valeur modifiée : {changed}',
  },
  configServicesSummary: {
    en: 'Service definitions — changed: {changed}; added: {added}; removed: {removed}',
    fr: 'Définitions de services — modifiées : {changed} ; ajoutées : {added} ; supprimées : {removed}',
  },
  configNoSnapshot: {
    en: 'No configuration snapshot is recorded for version {version} (no successful release of it since configuration history exists): its compose file(s) cannot be restored. Nothing was changed.',
    fr: 'Aucun instantané de configuration n\'est enregistré pour la version {version} (aucune release réussie depuis l\'historique de configuration) : ses fichiers compose ne peuvent pas être restaurés. Rien n\'a été modifié.',
    hint: { en: 'Roll back without --with-config, or restore the compose file(s) by hand (`reprise history --show ID` shows past changes).', fr: 'Faites le rollback sans --with-config, ou restaurez les fichiers compose à la main (`reprise history --show ID` montre les changements passés).' },
  },
  configFilesDiffer: {
    en: 'Release #{id} ({version}) used the compose file(s) {then}, the project now uses {now}: reprise does not change the list of compose files. Nothing was changed.',
    fr: 'La release n° {id} ({version}) utilisait les fichiers compose {then}, le projet utilise maintenant {now} : reprise ne change pas la liste des fichiers compose. Rien n\'a été modifié.',
    hint: { en: 'Put the file list back in reprise.yml (compose_files) or with -f, then try again.', fr: 'Remettez la liste de fichiers dans reprise.yml (compose_files) ou avec -f, puis recommencez.' },
  },
  configRestoreNothing: {
    en: 'Configuration: the compose file(s) of release #{id} ({version}) are the ones in place; nothing to restore.',
    fr: 'Configuration : les fichiers compose de la release n° {id} ({version}) sont ceux en place ; rien à restaurer.',
  },
  configRestorePlan: {
    en: 'Configuration: restoring the compose file(s) of release #{id} ({version}): {files}',
    fr: 'Configuration : restauration des fichiers compose de la release n° {id} ({version}) : {files}',
  },
  configRestoreServices: {
    en: '  recreated because their definition changes: {services}',
    fr: '  recréés car leur définition change : {services}',
  },
  configOrphans: {
    en: 'warning: {services} not defined in the restored compose file(s): left running; remove with `docker compose up -d --remove-orphans` if they must go',
    fr: 'attention : {services} absent(s) des fichiers compose restaurés : laissé(s) en marche ; supprimez avec `docker compose up -d --remove-orphans` si nécessaire',
  },
  configTopLevel: {
    en: '  top-level sections that differ (applied with the services that use them): {keys}',
    fr: '  sections de premier niveau différentes (appliquées avec les services qui les utilisent) : {keys}',
  },
  configRestored: {
    en: 'Compose file(s) restored from release #{id}: {files}; the replaced files are kept in {backup}',
    fr: 'Fichiers compose restaurés depuis la release n° {id} : {files} ; les fichiers remplacés sont conservés dans {backup}',
  },
  configPutBack: {
    en: 'The rollback failed: compose file(s) put back as they were ({files})',
    fr: 'Le rollback a échoué : fichiers compose remis comme avant ({files})',
  },
  // --- zero-downtime releases: start-first behind the proxy (issue 6) ---
  strategyStartFirst: { en: ' — start-first (zero downtime)', fr: ' — start-first (sans coupure)' },
  strategyRecreate: { en: ' — recreate: {why}', fr: ' — recréation : {why}' },
  strategySwarmStartFirst: { en: ' — start-first (Swarm starts the new task before stopping the old one)', fr: ' — start-first (Swarm démarre la nouvelle tâche avant d\'arrêter l\'ancienne)' },
  strategySwarmStopFirst: { en: ' — stop-first: {why}', fr: ' — stop-first : {why}' },
  reasonConfigured: { en: 'strategy: recreate in reprise.yml', fr: 'strategy: recreate dans reprise.yml' },
  reasonOneShot: { en: 'one-shot service', fr: 'service ponctuel' },
  reasonContainerName: { en: 'fixed container_name {detail}', fr: 'container_name fixe {detail}' },
  reasonPublishedPorts: { en: 'fixed host port {detail}', fr: 'port hôte fixe {detail}' },
  reasonNoProxy: { en: 'no proxy declared in reprise.yml', fr: 'aucun proxy déclaré dans reprise.yml' },
  reasonNotBehindProxy: { en: 'not behind the proxy ({detail})', fr: 'pas derrière le proxy ({detail})' },
  reasonProxyDown: { en: 'the proxy ({detail}) is not running', fr: 'le proxy ({detail}) ne tourne pas' },
  reasonNotRunning: { en: 'no running container to keep serving', fr: 'aucun conteneur en marche pour continuer à servir' },
  reasonSeveral: { en: '{detail} containers (left over): compose brings it back to one', fr: '{detail} conteneurs (restes) : compose le ramène à un seul' },
  reasonNoNetwork: { en: 'shares no network with the proxy', fr: 'ne partage aucun réseau avec le proxy' },
  reasonComposeChanged: {
    en: 'the compose file (or its variables) changed since the running container was created: compose recreates it with the new configuration',
    fr: 'le fichier compose (ou ses variables) a changé depuis la création du conteneur en marche : compose le recrée avec la nouvelle configuration',
  },
  reasonMoreThanImage: {
    en: 'the new version changes more than the image (the tag variable is used elsewhere in the service): compose recreates it',
    fr: 'la nouvelle version change plus que l\'image (la variable de tag sert ailleurs dans le service) : compose le recrée',
  },
  strategyFallback: { en: '  {service}: recreate instead of start-first: {why}', fr: '  {service} : recréation au lieu de start-first : {why}' },
  serviceStartingBeside: { en: '→ {service}: starting {version} beside the running container (start-first)…', fr: '→ {service} : démarrage de {version} à côté du conteneur en marche (start-first)…' },
  proxySwitched: {
    en: '✓ {service}: the proxy sends requests to {version}; the old container drained in {seconds} s and was removed',
    fr: '✓ {service} : le proxy envoie les requêtes à {version} ; l\'ancien conteneur s\'est vidé en {seconds} s et a été supprimé',
  },
  routerSwitched: {
    en: '✓ {service}: {version} took the service\'s name and container name; the old container finished its requests and was removed ({seconds} s)',
    fr: '✓ {service} : {version} a pris le nom du service et du conteneur ; l\'ancien conteneur a terminé ses requêtes et a été supprimé ({seconds} s)',
  },
  proxyDrainTimeout: {
    en: 'warning: {service}: requests still running on the old container after {seconds} s (proxy.drain_timeout): stopping it anyway',
    fr: 'attention : {service} : des requêtes tournent encore sur l\'ancien conteneur après {seconds} s (proxy.drain_timeout) : arrêt quand même',
  },
  startFirstAbandoned: {
    en: '→ {service}: the new container was removed; the running one kept serving without interruption',
    fr: '→ {service} : le nouveau conteneur a été supprimé ; celui en marche a continué de servir sans interruption',
  },
  leftoversRemoved: {
    en: '{service}: {count} container(s) left over by an interrupted release removed; {kept} kept',
    fr: '{service} : {count} conteneur(s) laissé(s) par une opération interrompue supprimé(s) ; {kept} conservé',
  },
  proxyFailed: { en: 'the proxy could not be switched: {reason}', fr: 'le proxy n\'a pas pu être basculé : {reason}' },
  proxyWarning: { en: 'warning: the proxy could not be reloaded: {reason}', fr: 'attention : le proxy n\'a pas pu être rechargé : {reason}' },
  proxyReloadPending: {
    en: 'the proxy still runs workers of its previous configuration after {seconds} s (proxy.drain_timeout)',
    fr: 'le proxy fait encore tourner des workers de sa configuration précédente après {seconds} s (proxy.drain_timeout)',
  },
  containerNotRemoved: {
    en: 'warning: {service}: a container could not be removed ({reason}); the proxy stays pinned to the one serving — remove it with `docker rm -f`',
    fr: 'attention : {service} : un conteneur n\'a pas pu être supprimé ({reason}) ; le proxy reste fixé sur celui qui sert — supprimez-le avec `docker rm -f`',
  },
  proxySwitchedUndrained: {
    en: '✓ {service}: the proxy sends requests to {version}; the old container was stopped before its requests finished ({seconds} s)',
    fr: '✓ {service} : le proxy envoie les requêtes à {version} ; l\'ancien conteneur a été arrêté avant la fin de ses requêtes ({seconds} s)',
  },
  // --- Swarm engine (engine: swarm) ---
  engineUnknown: {
    en: 'Unknown engine "{engine}" (known: {known}).',
    fr: 'Moteur inconnu « {engine} » (connus : {known}).',
    hint: { en: 'Use --engine compose|swarm, REPRISE_ENGINE, or `engine:` in reprise.yml.', fr: 'Utilisez --engine compose|swarm, REPRISE_ENGINE, ou `engine:` dans reprise.yml.' },
  },
  swarmInactive: {
    en: 'This Docker engine is not part of a swarm (state: {state}): the swarm engine deploys with `docker stack deploy`.',
    fr: 'Ce moteur Docker ne fait pas partie d\'un swarm (état : {state}) : le moteur swarm déploie avec `docker stack deploy`.',
    hint: {
      en: 'Create one (`docker swarm init --advertise-addr ADDRESS`) or join one, or use the compose engine (`--engine compose`).',
      fr: 'Créez-en un (`docker swarm init --advertise-addr ADRESSE`) ou rejoignez-en un, ou utilisez le moteur compose (`--engine compose`).',
    },
  },
  swarmNotManager: {
    en: 'This Docker engine is a swarm worker: only a manager can deploy a stack and read its services.',
    fr: 'Ce moteur Docker est un nœud worker du swarm : seul un manager peut déployer une pile et lire ses services.',
    hint: { en: 'Run reprise on a manager node (`docker node ls` there lists the managers), or point DOCKER_HOST at one.', fr: 'Lancez reprise sur un nœud manager (`docker node ls` y liste les managers), ou pointez DOCKER_HOST vers l\'un d\'eux.' },
  },
  swarmUnavailable: {
    en: 'Swarm does not answer: {reason}',
    fr: 'Swarm ne répond pas : {reason}',
    hint: {
      en: '`docker node ls` tells whether the swarm has a leader; `docker swarm init` creates one on a host that is in none; or use `--engine compose`.',
      fr: '`docker node ls` dit si le swarm a un leader ; `docker swarm init` en crée un sur un hôte qui n\'en a pas ; ou utilisez `--engine compose`.',
    },
  },
  swarmCliMissing: {
    en: 'The docker client "{program}" cannot run `docker stack deploy`.',
    fr: 'Le client docker « {program} » ne sait pas lancer `docker stack deploy`.',
    hint: { en: 'Install the docker CLI (Debian package docker.io, or `bash scripts/setup.sh`), or name one with REPRISE_DOCKER_CLI.', fr: 'Installez le client docker (paquet Debian docker.io, ou `bash scripts/setup.sh`), ou indiquez-en un avec REPRISE_DOCKER_CLI.' },
  },
  doctorSwarmOk: {
    en: 'active swarm, this engine is a manager; {nodes} node(s), {managers} manager(s); `{program} stack deploy` available',
    fr: 'swarm actif, ce moteur en est un manager ; {nodes} nœud(s), {managers} manager(s) ; `{program} stack deploy` disponible',
  },
  doctorSwarmInactive: { en: 'this engine is not part of a swarm (state: {state})', fr: 'ce moteur ne fait pas partie d\'un swarm (état : {state})' },
  doctorSwarmInactiveFix: {
    en: 'Create a swarm (`docker swarm init --advertise-addr ADDRESS`, 127.0.0.1 for one host) or join one; or use `--engine compose`.',
    fr: 'Créez un swarm (`docker swarm init --advertise-addr ADRESSE`, 127.0.0.1 pour un seul hôte) ou rejoignez-en un ; ou utilisez `--engine compose`.',
  },
  doctorSwarmWorker: { en: 'this engine is a swarm worker: stacks are deployed from a manager', fr: 'ce moteur est un worker du swarm : les piles se déploient depuis un manager' },
  doctorSwarmWorkerFix: { en: 'Run reprise on a manager node, or point DOCKER_HOST at one.', fr: 'Lancez reprise sur un nœud manager, ou pointez DOCKER_HOST vers l\'un d\'eux.' },
  doctorSwarmCli: { en: '`{program} stack deploy` does not run', fr: '`{program} stack deploy` ne fonctionne pas' },
  doctorSwarmCliFix: { en: 'Install the docker CLI (Debian: docker.io), or name one with REPRISE_DOCKER_CLI.', fr: 'Installez le client docker (Debian : docker.io), ou indiquez-en un avec REPRISE_DOCKER_CLI.' },
  doctorSwarmWarnings: { en: 'swarm: {list}', fr: 'swarm : {list}' },
  doctorSwarmFixes: { en: '{list}', fr: '{list}' },
  doctorSwarmNodesDown: { en: 'nodes not ready or not active: {nodes}', fr: 'nœuds pas prêts ou pas actifs : {nodes}' },
  doctorSwarmNodesDownFix: { en: '`docker node ls`, then `docker node update --availability active NODE` or repair the node', fr: '`docker node ls`, puis `docker node update --availability active NŒUD` ou réparez le nœud' },
  doctorSwarmMultiNode: {
    en: '{count} nodes: images are built locally, so every node that may run a task needs every version\'s images',
    fr: '{count} nœuds : les images sont construites localement, chaque nœud pouvant lancer une tâche doit avoir les images de chaque version',
  },
  doctorSwarmMultiNodeFix: {
    en: 'push the versions to a registry every node reaches (image: registry.example.org/recyclic-api:${API_IMAGE_TAG}), or `docker save … | ssh NODE docker load` for each version, or pin the services to this node (deploy.placement.constraints)',
    fr: 'poussez les versions vers un registre que chaque nœud atteint (image: registry.example.org/recyclic-api:${API_IMAGE_TAG}), ou `docker save … | ssh NŒUD docker load` pour chaque version, ou placez les services sur ce nœud (deploy.placement.constraints)',
  },
  doctorSwarmNoIpvs: {
    en: 'the kernel has no IPVS: virtual IPs and the routing mesh do not work, and these services rely on them: {services}',
    fr: 'le noyau n\'a pas IPVS : les IP virtuelles et le routing mesh ne fonctionnent pas, et ces services en dépendent : {services}',
  },
  doctorSwarmNoIpvsFix: {
    en: 'set deploy.endpoint_mode: dnsrr and publish ports with mode: host (see examples/recyclic/docker-compose.swarm.yml), or load the ip_vs module',
    fr: 'mettez deploy.endpoint_mode: dnsrr et publiez les ports en mode: host (voir examples/recyclic/docker-compose.swarm.yml), ou chargez le module ip_vs',
  },
  doctorSwarmPulls: {
    en: 'dockerd asks a registry for every image before using the local one (slow without a registry, and a public image of the same name would win)',
    fr: 'dockerd interroge un registre pour chaque image avant d\'utiliser la locale (lent sans registre, et une image publique du même nom l\'emporterait)',
  },
  doctorSwarmPullsFix: {
    en: 'start dockerd with DOCKER_SERVICE_PREFER_OFFLINE_IMAGE=1 in its environment (`bash scripts/setup.sh` does), or use a registry',
    fr: 'démarrez dockerd avec DOCKER_SERVICE_PREFER_OFFLINE_IMAGE=1 dans son environnement (`bash scripts/setup.sh` le fait), ou utilisez un registre',
  },
  dashboardTokenRequired: {
    en: '--host {host} makes the dashboard reachable from other machines: it needs REPRISE_DASHBOARD_TOKEN',
    fr: '--host {host} rend le tableau de bord accessible depuis d\'autres machines : il faut REPRISE_DASHBOARD_TOKEN',
    hint: { en: 'Set REPRISE_DASHBOARD_TOKEN to a random value of at least 16 characters (e.g. `openssl rand -hex 24`), or leave --host out to stay on 127.0.0.1.', fr: 'Donnez à REPRISE_DASHBOARD_TOKEN une valeur aléatoire d\'au moins 16 caractères (par ex. `openssl rand -hex 24`), ou retirez --host pour rester sur 127.0.0.1.' },
  },
  dashboardTokenShort: {
    en: 'REPRISE_DASHBOARD_TOKEN is too short ({length} characters, at least 16 needed)',
    fr: 'REPRISE_DASHBOARD_TOKEN est trop court ({length} caractères, il en faut au moins 16)',
    hint: { en: 'Use a random value, e.g. `openssl rand -hex 24`.', fr: 'Utilisez une valeur aléatoire, par ex. `openssl rand -hex 24`.' },
  },
  dashboardPortInvalid: {
    en: '--port: expected a port number from 0 to 65535, got "{value}"',
    fr: '--port : numéro de port attendu entre 0 et 65535, reçu « {value} »',
    hint: { en: 'e.g. --port 8088 (0 picks a free port).', fr: 'par ex. --port 8088 (0 choisit un port libre).' },
  },
  dashboardHostInvalid: {
    en: '--host: "{value}" is not a host name or IP address',
    fr: '--host : « {value} » n\'est ni un nom d\'hôte ni une adresse IP',
    hint: { en: 'e.g. --host 0.0.0.0 (every interface) or --host 10.0.0.5.', fr: 'par ex. --host 0.0.0.0 (toutes les interfaces) ou --host 10.0.0.5.' },
  },
  dashboardListenFailed: {
    en: 'The dashboard cannot listen on {host}:{port}: {reason}',
    fr: 'Le tableau de bord ne peut pas écouter sur {host}:{port} : {reason}',
    hint: { en: 'Choose another port with --port, or stop what uses this one.', fr: 'Choisissez un autre port avec --port, ou arrêtez ce qui utilise celui-ci.' },
  },
  dashboardListening: {
    en: 'Dashboard: {url} ({mode}) — Prometheus metrics at {url}metrics. Ctrl-C stops it.',
    fr: 'Tableau de bord : {url} ({mode}) — métriques Prometheus sur {url}metrics. Ctrl-C l\'arrête.',
  },
  dashboardModeReadOnly: { en: 'read-only, no token', fr: 'lecture seule, sans jeton' },
  dashboardModeToken: { en: 'token required; rollbacks allowed', fr: 'jeton exigé ; rollbacks permis' },
  dashboardStopped: { en: 'Dashboard stopped.', fr: 'Tableau de bord arrêté.' },
  dashboardUnauthorized: {
    en: 'This dashboard needs its token: send "Authorization: Bearer <REPRISE_DASHBOARD_TOKEN>" or log in on the page',
    fr: 'Ce tableau de bord demande son jeton : envoyez « Authorization: Bearer <REPRISE_DASHBOARD_TOKEN> » ou connectez-vous sur la page',
  },
  dashboardReadOnly: {
    en: 'The dashboard is read-only: rollbacks from the page need REPRISE_DASHBOARD_TOKEN set when it starts',
    fr: 'Le tableau de bord est en lecture seule : les rollbacks depuis la page demandent REPRISE_DASHBOARD_TOKEN au démarrage',
  },
  dashboardUnknownEnvironment: {
    en: 'Unknown environment "{env}" (known: {known})',
    fr: 'Environnement inconnu « {env} » (connus : {known})',
  },
  dashboardBadRequest: {
    en: 'Bad request: {problem}',
    fr: 'Requête invalide : {problem}',
  },
  dashboardNotFound: { en: 'Not found: {path}', fr: 'Introuvable : {path}' },
  dashboardForbiddenHost: {
    en: 'This dashboard answers only to 127.0.0.1, localhost and [::1] (Host "{host}")',
    fr: 'Ce tableau de bord ne répond qu\'à 127.0.0.1, localhost et [::1] (Host « {host} »)',
  },
  stateBusy: {
    en: 'The state store (.reprise/state.db) stayed locked by another process (waited REPRISE_STORE_BUSY_TIMEOUT, default 20 s): {reason}',
    fr: 'Le magasin d\'état (.reprise/state.db) est resté verrouillé par un autre processus (attente REPRISE_STORE_BUSY_TIMEOUT, 20 s par défaut) : {reason}',
    hint: { en: 'Another program holds the file (a reprise still running, a backup, an sqlite3 shell): find it with `fuser -v .reprise/state.db`, let it finish, then run the command again. Nothing was changed.', fr: 'Un autre programme tient le fichier (un reprise encore en cours, une sauvegarde, un shell sqlite3) : trouvez-le avec `fuser -v .reprise/state.db`, laissez-le finir, puis relancez la commande. Rien n\'a été modifié.' },
  },
  stateCorrupt: {
    en: 'The state store (.reprise/state.db) is damaged and cannot be read: {reason}',
    fr: 'Le magasin d\'état (.reprise/state.db) est endommagé et illisible : {reason}',
    hint: { en: 'Restore it from a backup, or move it aside (`mv .reprise/state.db .reprise/state.db.damaged`) to start a new history. `reprise emergency` works without it (from .env.rollback).', fr: 'Restaurez-le depuis une sauvegarde, ou mettez-le de côté (`mv .reprise/state.db .reprise/state.db.endommage`) pour repartir d\'un historique vide. `reprise emergency` fonctionne sans lui (depuis .env.rollback).' },
  },
  stateFull: {
    en: 'The state store (.reprise/state.db) cannot be written, the disk is full: {reason}',
    fr: 'Le magasin d\'état (.reprise/state.db) ne peut pas être écrit, le disque est plein : {reason}',
    hint: { en: 'Free space on the project\'s disk (`df -h .`, `reprise prune`, `docker system df`), then run the command again.', fr: 'Libérez de la place sur le disque du projet (`df -h .`, `reprise prune`, `docker system df`), puis relancez la commande.' },
  },
  stateFailed: {
    en: 'The state store (.reprise/state.db) failed: {reason}',
    fr: 'Le magasin d\'état (.reprise/state.db) a échoué : {reason}',
    hint: { en: 'Check the file\'s permissions and the disk (`ls -l .reprise/`, `df -h .`).', fr: 'Vérifiez les droits du fichier et le disque (`ls -l .reprise/`, `df -h .`).' },
  },
} satisfies Record<string, Entry>;

export type MessageKey = keyof typeof M;

function fill(template: string, params: Params): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    if (v === undefined || v === null) return whole === '{message}' ? '' : '-';
    return Array.isArray(v) ? v.join(', ') : String(v);
  });
}

export function t(lang: Lang, key: MessageKey, params: Params = {}): string {
  return fill(M[key][lang], params);
}

export function hint(lang: Lang, key: MessageKey, params: Params = {}): string | null {
  const e: Entry = M[key];
  return e.hint ? fill(e.hint[lang], params) : null;
}

/** SPEC §2: --lang, else REPRISE_LANG, else config, else LANG/LC_ALL (fr* → French), else English. */
export function pickLang(flag: string | undefined, env: NodeJS.ProcessEnv, configLang?: string): Lang {
  for (const v of [flag, env.REPRISE_LANG, configLang]) {
    if (v === 'fr' || v === 'en') return v;
  }
  for (const v of [env.LC_ALL, env.LANG]) {
    if (v) return v.toLowerCase().startsWith('fr') ? 'fr' : 'en';
  }
  return 'en';
}
