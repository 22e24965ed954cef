// `reprise serve`: the dashboard, and beside it what keeps time (commands/serve.ts): the incident clock and the
// post-release watch, for every environment, until SIGINT/SIGTERM.
import { EXIT, type ExitCode } from '../domain/errors';
import { t, type Lang } from '../domain/messages';
import type { GlobalOptions, Project } from '../config/project';
import { keepTime } from '../commands/serve';
import { startDashboard } from '../server/dashboard';
import { checkDashboardFlags, sourcesFor, untilStopped, type DashboardFlags } from './dashboard';
import type { CliIo } from './io';
import { writeJson } from './render';

export const SERVE_TICK_MS = 1000;

export async function serveCommand(g: GlobalOptions & { json?: boolean }, io: CliIo, lang: Lang, base: Project, flags: DashboardFlags, watchMs: number): Promise<ExitCode> {
  const { host, port, token, trustedProxies } = checkDashboardFlags(flags, io.env);
  const sources = sourcesFor(g, io, lang, base);
  const log = (line: string): void => {
    io.stderr.write(`${line}\n`);
  };
  const d = await startDashboard({ host, port, token, lang, sources, log, trustedProxies });
  const watchText = watchMs > 0 ? t(lang, 'serveWatchFor', { seconds: Math.round(watchMs / 1000) }) : t(lang, 'serveWatchOff');
  log(t(lang, 'serveStarted', { url: d.url, watch: watchText, tick: SERVE_TICK_MS / 1000 }));
  if (g.json) writeJson(io, { ok: true, url: d.url, metrics: `${d.url}metrics`, readOnly: token === null, watch_seconds: watchMs / 1000 });
  const stop = new AbortController();
  const kept = keepTime({ environments: sources.environments, open: (env) => sources.open(env, true), watchMs, tickMs: SERVE_TICK_MS, signal: stop.signal, log });
  await untilStopped();
  stop.abort();
  await Promise.all([kept, d.close()]);
  log(t(lang, 'serveStopped'));
  return EXIT.OK;
}
