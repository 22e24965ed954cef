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
    en: '  {service}: {fromVersion} → {version}{oneShot}',
    fr: '  {service} : {fromVersion} → {version}{oneShot}',
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
  // --- monitor / deploy --watch (domain/criteria.ts, operations/monitor.ts) ---
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
  // --- prune (issue 5) ---
  // --- doctor (issue 5) ---
  // --- configuration history (issue 5) ---
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
