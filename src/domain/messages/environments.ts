// Environments, promote, emergency (issue 5).
import type { Entry } from './entry';

export const environmentMessages = {
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
} satisfies Record<string, Entry>;
