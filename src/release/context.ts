// What every operation receives: the project, its engine and store, output, clock and identity.
import { hostname, userInfo } from 'node:os';
import type { GlobalOptions, Project } from '../config/project';
import type { Engine } from '../engines/engine';
import type { Store } from '../adapters/store';
import type { ProbeResult } from '../adapters/probe/http-probe';
import type { Lang, MessageKey } from '../domain/messages';
import { t } from '../domain/messages';
import type { Params } from '../domain/errors';
import { composeEnvSecrets, secretValues } from '../domain/redact';
import { urlTemplateCredentials } from '../domain/url-redact';
import { chatWebhookVariable } from '../domain/chat-webhooks';

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

/**
 * What to mask in everything an operation writes: the values of the secret-looking variables of the
 * environment and the project's env files, the passwords of their URL-shaped values, the webhook URL, the
 * values a health URL interpolates where a credential goes (its password, path or query: `?token=${HEALTH_TOKEN}`,
 * whatever the variable is called), and the values written under secret-looking keys of the compose files'
 * `environment:`. Longest first.
 */
export function projectSecrets(ctx: Pick<OpContext, 'project' | 'env'>): string[] {
  // every env file's own values: one a later file overrides is still a secret
  const perFile = (ctx.project.envFileVars ?? []).flatMap((f) => [...f.vars.entries()]);
  const found = secretValues([...ctx.project.envVars.entries(), ...perFile, ...Object.entries(ctx.env)]);
  // a webhook URL is a credential (its path or query usually carries the token)
  const hookVars = ['NOTIFICATION_WEBHOOK_URL', ...(['slack', 'teams'] as const).map((n) => chatWebhookVariable(n, ctx.project.config?.notifications))];
  const hooks = [ctx.project.config?.notifications?.webhook?.url, ...hookVars.flatMap((k) => [ctx.env[k], ctx.project.envVars.get(k)])];
  for (const url of hooks) if (url && url.length >= 6) found.push(url);
  // as the project was loaded: the process environment first, then the env files
  const lookup = (k: string): string | undefined => ctx.env[k] ?? ctx.project.envVars.get(k);
  for (const svc of Object.values(ctx.project.config?.services ?? {})) {
    const template = svc?.health?.url;
    if (!template) continue;
    for (const { name, value } of urlTemplateCredentials(template, lookup)) {
      const values = [value, ctx.env[name], ...perFile.filter(([k]) => k === name).map(([, v]) => v)];
      for (const v of values) if (v && v.length >= 6) found.push(v);
    }
  }
  // `environment:` values of the compose files (ComposeService.environment, as written: map or list form)
  for (const svc of ctx.project.compose?.services?.values() ?? []) {
    found.push(...composeEnvSecrets(svc.environment, lookup));
  }
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
