// Errors (SPEC §5): what failed and, in `hint`, what to do next. The seed's three messages
// (versionNotFound, noCurrentVersion, gitUnavailable) keep their original French wording.
import type { Entry } from './entry';

export const errorMessages = {
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
  planChangedWhileAsked: {
    en: 'The stack changed while the question was asked (another operation ran): the rollback planned was {planned}, it would now be {now}. Nothing was changed.',
    fr: 'La pile a changé pendant la question (une autre opération a eu lieu) : le retour arrière prévu était {planned}, il serait maintenant {now}. Rien n\'a été modifié.',
    hint: { en: 'Check `reprise status`, then run the rollback again.', fr: 'Vérifiez `reprise status`, puis relancez le retour arrière.' },
  },
} satisfies Record<string, Entry>;
