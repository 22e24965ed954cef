// The dashboard's HTML: the login form and the page. Everything is served by reprise itself: no CDN, no
// font, no external request (the style and the script: assets.ts; the texts: page-strings.ts).
import type { Lang } from '../domain/messages';
import { pageStrings } from './page-strings';

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
<section><h2>${esc(s.incidents)}</h2>
<table id="incidents"><thead><tr><th>#</th><th>${esc(s.state)}</th><th>${esc(s.kind)}</th><th>${esc(s.opened)}</th><th>${esc(s.fromTo)}</th><th>${esc(s.level)}</th><th>${esc(s.deadlines)}</th><th></th></tr></thead><tbody></tbody></table>
<p id="no-incident" class="empty" hidden>${esc(s.noIncident)}</p>
</section>
<section><h2>${esc(s.history)}</h2>
<table id="history"><thead><tr><th>#</th><th>${esc(s.started)}</th><th>${esc(s.kind)}</th><th>${esc(s.trigger)}</th><th>${esc(s.fromTo)}</th><th>${esc(s.outcome)}</th><th>${esc(s.duration)}</th><th>${esc(s.who)}</th><th>${esc(s.incident)}</th></tr></thead><tbody></tbody></table>
</section>
</main>
<script src="/app.js"></script>`,
  );
}
