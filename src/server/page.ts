// The dashboard's HTML, style and script. Everything is served by reprise itself: no CDN, no font, no
// external request. Texts come in French and English; the script receives the chosen language's texts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Lang } from '../domain/messages';

const STRINGS = {
  title: { en: 'reprise — dashboard', fr: 'reprise — tableau de bord' },
  environments: { en: 'Environments', fr: 'Environnements' },
  environment: { en: 'Environment', fr: 'Environnement' },
  current: { en: 'Current version', fr: 'Version actuelle' },
  previous: { en: 'Previous good version', fr: 'Version précédente saine' },
  mixed: { en: 'mixed versions', fr: 'versions mélangées' },
  none: { en: 'none', fr: 'aucune' },
  service: { en: 'Service', fr: 'Service' },
  version: { en: 'Version', fr: 'Version' },
  state: { en: 'State', fr: 'État' },
  health: { en: 'Health', fr: 'Santé' },
  latency: { en: 'Latency', fr: 'Latence' },
  drift: { en: 'drift', fr: 'dérive' },
  lock: { en: 'Lock', fr: 'Verrou' },
  lockFree: { en: 'free', fr: 'libre' },
  lockHeld: { en: 'held by {who} since {since}', fr: 'tenu par {who} depuis {since}' },
  interrupted: { en: 'Interrupted operation: {kind} to {version} — run `reprise rollback --yes` or `reprise deploy`', fr: 'Opération interrompue : {kind} vers {version} — lancez `reprise rollback --yes` ou `reprise deploy`' },
  history: { en: 'Release history', fr: 'Historique des releases' },
  started: { en: 'Started', fr: 'Début' },
  kind: { en: 'Kind', fr: 'Type' },
  trigger: { en: 'Trigger', fr: 'Déclencheur' },
  fromTo: { en: 'From → to', fr: 'De → vers' },
  outcome: { en: 'Outcome', fr: 'Résultat' },
  duration: { en: 'Duration', fr: 'Durée' },
  who: { en: 'Who', fr: 'Qui' },
  incident: { en: 'Incident', fr: 'Incident' },
  report: { en: 'report', fr: 'rapport' },
  dora: { en: 'Delivery figures (last {days} days)', fr: 'Indicateurs de livraison ({days} derniers jours)' },
  deployFrequency: { en: 'Deployment frequency', fr: 'Fréquence de déploiement' },
  perWeek: { en: '{n} per week ({count} deploys)', fr: '{n} par semaine ({count} déploiements)' },
  changeFailureRate: { en: 'Change failure rate', fr: 'Taux d\'échec des changements' },
  failedOf: { en: '{failed} of {total} changes', fr: '{failed} sur {total} changements' },
  timeToRestore: { en: 'Time to restore (median)', fr: 'Temps de rétablissement (médian)' },
  restores: { en: '{n} restores, last {last}', fr: '{n} rétablissements, dernier {last}' },
  rollbackMedian: { en: 'Rollback duration (median)', fr: 'Durée de rollback (médiane)' },
  rollbackGoal: { en: 'seed goal: 2–5 min', fr: 'objectif du guide : 2 à 5 min' },
  chartDurations: { en: 'Release durations over time', fr: 'Durée des releases dans le temps' },
  chartRollbacks: { en: 'Rollback durations against the 2–5 minute goal', fr: 'Durée des rollbacks face à l\'objectif de 2 à 5 minutes' },
  chartLatency: { en: 'Latency per release (median after each release)', fr: 'Latence par release (médiane après chaque release)' },
  noData: { en: 'no data yet', fr: 'pas encore de données' },
  seconds: { en: 's', fr: 's' },
  rollback: { en: 'Roll back…', fr: 'Revenir en arrière…' },
  rollbackTo: { en: 'Roll back {env} from {from} to', fr: 'Revenir sur {env} de {from} vers' },
  reason: { en: 'Reason', fr: 'Raison' },
  confirm: { en: 'Confirm the rollback', fr: 'Confirmer le rollback' },
  cancel: { en: 'Cancel', fr: 'Annuler' },
  rollingBack: { en: 'Rolling back to {version}… (the page waits for the health checks)', fr: 'Retour vers {version} en cours… (la page attend les contrôles de santé)' },
  rollbackDone: { en: 'Rolled back to {version} in {seconds} s.', fr: 'Retour vers {version} effectué en {seconds} s.' },
  rollbackFailed: { en: 'Rollback failed: {message}', fr: 'Échec du rollback : {message}' },
  readOnly: { en: 'read-only (start with REPRISE_DASHBOARD_TOKEN to allow rollbacks)', fr: 'lecture seule (démarrez avec REPRISE_DASHBOARD_TOKEN pour permettre les rollbacks)' },
  updated: { en: 'updated {time}', fr: 'mis à jour à {time}' },
  loadFailed: { en: 'Could not read {what}: {message}', fr: 'Lecture impossible de {what} : {message}' },
  logout: { en: 'Log out', fr: 'Se déconnecter' },
  login: { en: 'Log in', fr: 'Se connecter' },
  token: { en: 'Dashboard token (REPRISE_DASHBOARD_TOKEN)', fr: 'Jeton du tableau de bord (REPRISE_DASHBOARD_TOKEN)' },
  badToken: { en: 'Wrong token.', fr: 'Jeton incorrect.' },
  throttled: { en: 'Too many wrong tokens: wait a minute.', fr: 'Trop de jetons erronés : attendez une minute.' },
  deploy: { en: 'deploy', fr: 'déploiement' },
  rollbackKind: { en: 'rollback', fr: 'rollback' },
  emergency: { en: 'emergency', fr: 'urgence' },
  other: { en: 'other language: Français', fr: 'autre langue : English' },
  o_success: { en: 'success', fr: 'réussi' },
  o_failed: { en: 'failed', fr: 'échoué' },
  o_rolled_back: { en: 'failed, rolled back', fr: 'échoué, annulé' },
  o_cancelled: { en: 'cancelled', fr: 'annulé' },
  o_interrupted: { en: 'interrupted', fr: 'interrompu' },
  o_running: { en: 'running', fr: 'en cours' },
  t_manual: { en: 'manual', fr: 'manuel' },
  t_auto: { en: 'automatic', fr: 'automatique' },
  t_emergency: { en: 'emergency', fr: 'urgence' },
  t_dashboard: { en: 'dashboard', fr: 'tableau de bord' },
} as const;

export type PageStrings = Record<keyof typeof STRINGS, string>;

export function pageStrings(lang: Lang): PageStrings {
  return Object.fromEntries(Object.entries(STRINGS).map(([k, v]) => [k, v[lang]])) as PageStrings;
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function shell(lang: Lang, body: string): string {
  const s = pageStrings(lang);
  const other = lang === 'fr' ? 'en' : 'fr';
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(s.title)}</title>
<link rel="stylesheet" href="/app.css">
</head>
<body>
<header><h1>reprise</h1><a class="lang" href="/?lang=${other}" hreflang="${other}">${esc(s.other)}</a></header>
${body}
</body>
</html>
`;
}

export function loginPage(lang: Lang, problem: 'wrong' | 'throttled' | null): string {
  const s = pageStrings(lang);
  return shell(
    lang,
    `<main class="login"><form method="post" action="/login">
<label for="token">${esc(s.token)}</label>
<input id="token" name="token" type="password" autocomplete="current-password" required>
<button type="submit">${esc(s.login)}</button>
${problem ? `<p class="error" role="alert">${esc(problem === 'wrong' ? s.badToken : s.throttled)}</p>` : ''}
</form></main>`,
  );
}

export interface PageInfo {
  project: string;
  environments: Array<string | null>;
  canRollback: boolean;
}

export function mainPage(lang: Lang, info: PageInfo): string {
  const s = pageStrings(lang);
  // data for the script, not code: a JSON block (allowed by the CSP), with "<" escaped so it cannot close the tag
  const boot = JSON.stringify({ lang, ...info, strings: s }).replace(/</g, '\\u003c');
  return shell(
    lang,
    `<script type="application/json" id="boot">${boot}</script>
<main>
<p class="meta"><span id="project">${esc(info.project)}</span> · ${info.canRollback ? '' : `<span id="mode">${esc(s.readOnly)}</span> · `}<span id="updated"></span>
${info.canRollback ? `<form method="post" action="/logout" class="inline"><button type="submit">${esc(s.logout)}</button></form>` : ''}</p>
<p id="message" role="status"></p>
<section><h2>${esc(s.environments)}</h2><div id="environments" class="cards"></div></section>
<section id="rollback-panel" hidden></section>
<nav id="env-tabs"></nav>
<section><h2 id="dora-title"></h2><div id="dora" class="tiles"></div></section>
<section class="charts">
<figure id="chart-durations"><figcaption>${esc(s.chartDurations)}</figcaption></figure>
<figure id="chart-rollbacks"><figcaption>${esc(s.chartRollbacks)}</figcaption></figure>
<figure id="chart-latency"><figcaption>${esc(s.chartLatency)}</figcaption></figure>
</section>
<section><h2>${esc(s.history)}</h2>
<table id="history"><thead><tr><th>#</th><th>${esc(s.started)}</th><th>${esc(s.kind)}</th><th>${esc(s.trigger)}</th><th>${esc(s.fromTo)}</th><th>${esc(s.outcome)}</th><th>${esc(s.duration)}</th><th>${esc(s.who)}</th><th>${esc(s.incident)}</th></tr></thead><tbody></tbody></table>
</section>
</main>
<script src="/app.js"></script>`,
  );
}

let script: string | null = null;
/** The compiled page script (src/server/client/app.ts, built by `npm run build`). */
export function appScript(): string {
  script ??= readFileSync(join(__dirname, 'client', 'app.js'), 'utf8');
  return script;
}

export const STYLE = `
:root { --ok: #1a7f37; --bad: #cf222e; --warn: #9a6700; --muted: #57606a; --line: #d0d7de; --bg: #f6f8fa; font-family: system-ui, sans-serif; }
body { margin: 0; color: #1f2328; background: #fff; }
header { display: flex; justify-content: space-between; align-items: center; padding: .6rem 1.2rem; background: #24292f; color: #fff; }
header h1 { margin: 0; font-size: 1.2rem; }
header a { color: #fff; }
main { padding: 1rem 1.2rem; max-width: 1200px; }
h2 { font-size: 1.05rem; margin: 1.2rem 0 .5rem; }
.meta { color: var(--muted); }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(340px, 1fr)); gap: .8rem; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: .7rem .9rem; }
.card h3 { margin: 0 0 .3rem; font-size: 1rem; }
.current-version { font-size: 1.4rem; font-weight: 600; font-family: ui-monospace, monospace; }
.tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(220px, 1fr)); gap: .8rem; }
.tile { border: 1px solid var(--line); border-radius: 6px; padding: .6rem .8rem; background: var(--bg); }
.tile .value { font-size: 1.5rem; font-weight: 600; }
.tile .sub { color: var(--muted); font-size: .85rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { text-align: left; padding: .25rem .5rem; border-bottom: 1px solid var(--line); }
code, .mono { font-family: ui-monospace, monospace; }
.ok { color: var(--ok); } .bad { color: var(--bad); } .warn { color: var(--warn); }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(360px, 1fr)); gap: .8rem; }
figure { margin: 0; border: 1px solid var(--line); border-radius: 6px; padding: .5rem; }
figcaption { font-size: .9rem; margin-bottom: .3rem; }
svg { width: 100%; height: auto; }
svg .axis { stroke: var(--muted); stroke-width: 1; }
svg .grid { stroke: var(--line); stroke-width: 1; }
svg text { font-size: 10px; fill: var(--muted); }
svg .band { fill: #dafbe1; }
svg .p-deploy { fill: #0969da; } svg .p-rollback { fill: #8250df; } svg .p-emergency { fill: var(--bad); }
svg .p-failed { stroke: var(--bad); stroke-width: 2; }
svg .series { fill: none; stroke-width: 1.5; }
svg .s0 { stroke: #0969da; } svg .s1 { stroke: #bf8700; } svg .s2 { stroke: #1a7f37; } svg .s3 { stroke: #8250df; }
figure .legend { font-size: .8rem; color: var(--muted); margin: .2rem 0 0; padding: 0; list-style: none; }
figure .legend li::before { content: "●"; margin-right: .3rem; }
figure .legend .p-s0::before { color: #0969da; } figure .legend .p-s1::before { color: #bf8700; } figure .legend .p-s2::before { color: #1a7f37; } figure .legend .p-s3::before { color: #8250df; }
svg .p-s0 { fill: #0969da; } svg .p-s1 { fill: #bf8700; } svg .p-s2 { fill: #1a7f37; } svg .p-s3 { fill: #8250df; }
#rollback-panel { border: 2px solid var(--warn); border-radius: 6px; padding: .7rem .9rem; margin-top: .8rem; }
#message.error, .error { color: var(--bad); }
button { font: inherit; padding: .25rem .7rem; cursor: pointer; }
form.inline { display: inline; }
nav#env-tabs button[aria-pressed="true"] { font-weight: 700; }
.login form { display: flex; flex-direction: column; gap: .5rem; max-width: 360px; }
`;
