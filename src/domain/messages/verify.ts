// `reprise verify`: its checks and thresholds, and the latency baselines.
import type { Entry } from './entry';

export const verifyMessages = {
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
} satisfies Record<string, Entry>;
