// monitor / deploy --watch (domain/criteria.ts, commands/monitor.ts).
import type { Entry } from './entry';

export const monitorMessages = {
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
} satisfies Record<string, Entry>;
