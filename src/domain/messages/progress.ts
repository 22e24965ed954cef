// Progress and results of deploy and rollback: plan, each service's steps, hooks, metrics.
import type { Entry } from './entry';

export const progressMessages = {
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
    en: 'Pulling the images of {version} before anything changes…',
    fr: 'Récupération des images de {version} avant tout changement…',
  },
  metricsWarning: {
    en: 'warning: metrics file: {problem}',
    fr: 'attention : fichier de métriques : {problem}',
  },
  metricsImported: {
    en: '{file}: {count} entr(y/ies) written by the old rollback.sh (concatenated JSON objects) imported into the JSON array, kept as they were',
    fr: '{file} : {count} entrée(s) écrite(s) par l\'ancien rollback.sh (objets JSON concaténés) importée(s) dans le tableau JSON, telles quelles',
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
} satisfies Record<string, Entry>;
