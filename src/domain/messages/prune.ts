// Prune (issue 5).
import type { Entry } from './entry';

export const pruneMessages = {
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
} satisfies Record<string, Entry>;
