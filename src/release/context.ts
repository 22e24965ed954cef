// What every operation receives: the project, its engine and store, output, clock and identity.
import { hostname, userInfo } from 'node:os';
import type { GlobalOptions, Project } from '../config/project';
import type { Engine } from '../engines/engine';
import type { Store } from '../adapters/store';
import type { ProbeResult } from '../adapters/probe/http-probe';
import type { Lang, MessageKey } from '../domain/messages';
import { t } from '../domain/messages';
import type { Params } from '../domain/errors';
import { secretValues } from '../domain/redact';

export interface Output {
  /** a progress or result line for people (stderr) */
  line(text: string): void;
  warn(text: string): void;
}

export interface OpContext {
  project: Project;
  engine: Engine;
  store: Store;
  env: NodeJS.ProcessEnv;
  lang: Lang;
  out: Output;
  /** the clock every record is dated by */
  now: () => Date;
  /** one HTTP probe of a health URL (the gate, baselines, verify, status, the watch window) */
  probe: (url: string, timeoutMs: number) => Promise<ProbeResult>;
  host: string;
  user: string;
  pid: number;
  /** asks a yes/no question; false on anything but yes, or on end of input */
  confirm: (question: string) => Promise<boolean>;
  /** hidden test hook: pause at a named step (REPRISE_TEST_PAUSE_AT) */
  checkpoint: (step: string) => Promise<void>;
  /** global options the project was loaded with (to load the other environments of the same config) */
  options?: GlobalOptions;
  /** an engine for another project of the same config (another environment); read-only uses */
  engineFor?: (project: Project) => Engine;
}

export function say(ctx: Pick<OpContext, 'lang' | 'out'>, key: MessageKey, params: Params = {}): void {
  ctx.out.line(t(ctx.lang, key, params));
}

export function warn(ctx: Pick<OpContext, 'lang' | 'out'>, key: MessageKey, params: Params = {}): void {
  ctx.out.warn(t(ctx.lang, key, params));
}

/** Values of the secret-looking variables of the environment and the project's env files, to mask. */
export function projectSecrets(ctx: Pick<OpContext, 'project' | 'env'>): string[] {
  // every env file's own values: one a later file overrides is still a secret
  const perFile = (ctx.project.envFileVars ?? []).flatMap((f) => [...f.vars.entries()]);
  const found = secretValues([...ctx.project.envVars.entries(), ...perFile, ...Object.entries(ctx.env)]);
  // a webhook URL is a credential (its path or query usually carries the token)
  const hooks = [ctx.project.config?.notifications?.webhook?.url, ctx.env.NOTIFICATION_WEBHOOK_URL, ctx.project.envVars.get('NOTIFICATION_WEBHOOK_URL')];
  for (const url of hooks) if (url && url.length >= 6) found.push(url);
  return [...new Set(found)].sort((a, b) => b.length - a.length);
}

export function whoAmI(env: NodeJS.ProcessEnv): { host: string; user: string } {
  let user = env.SUDO_USER ?? env.USER ?? env.LOGNAME ?? '';
  if (!user) {
    try {
      user = userInfo().username;
    } catch {
      user = 'unknown';
    }
  }
  return { host: hostname(), user };
}
