// The dashboard (`reprise dashboard`): start-up errors, then the server's answers.
import type { Entry } from './entry';

export const dashboardMessages = {
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
  dashboardTrustedProxyInvalid: {
    en: 'REPRISE_DASHBOARD_TRUSTED_PROXY holds "{value}", which is not an IP address: it lists the reverse proxies (IP addresses, comma-separated) whose X-Forwarded-For and X-Forwarded-Proto are believed.',
    fr: 'REPRISE_DASHBOARD_TRUSTED_PROXY contient « {value} », qui n\'est pas une adresse IP : elle liste les proxys inverses (adresses IP, séparées par des virgules) dont X-Forwarded-For et X-Forwarded-Proto sont crus.',
    hint: { en: 'Give the proxy\'s address as it reaches the dashboard, e.g. REPRISE_DASHBOARD_TRUSTED_PROXY=127.0.0.1.', fr: 'Donnez l\'adresse du proxy telle qu\'elle arrive au tableau de bord, par exemple REPRISE_DASHBOARD_TRUSTED_PROXY=127.0.0.1.' },
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
} satisfies Record<string, Entry>;
