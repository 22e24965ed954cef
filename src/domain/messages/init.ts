// `reprise init`: what it adopts (running stack or files) and the lines it writes to reprise.yml.
import type { Entry } from './entry';

export const initMessages = {
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
  initWritten: {
    en: 'Wrote {file}: {count} versioned services ({services}).',
    fr: '{file} écrit : {count} services versionnés ({services}).',
  },
} satisfies Record<string, Entry>;
