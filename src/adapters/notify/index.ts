// Which notification channels a project has, and sending an event through all of them within a budget.
// Variables come from the process environment, then the project's env file, then reprise.yml `notifications`.
// An endpoint the project's env file names (TELEGRAM_API_URL, NOTIFICATION_WEBHOOK_URL, SMTP_URL, the Slack and
// Teams webhook URLs) must be encrypted or on this machine: the file should not be able to send the bot token,
// the webhook's secret path or the SMTP password to another host in clear. The process environment is the operator's choice.
import type { NotificationEvent } from '../../domain/notification';
import { emailChannel, parseAddresses } from './email';
import { parseChatIds, telegramChannel } from './telegram';
import { isLoopbackHost } from '../../domain/loopback';
import type { Channel, ChannelName, Delivery } from './types';
import { webhookChannel } from './webhook';
import { webhookRecipient } from './json-post';
import { slackChannel, teamsChannel } from './chat-webhook';
import { chatWebhookVariable } from '../../domain/chat-webhooks';

export type { Channel, ChannelName, Delivery } from './types';

/** A channel the configuration asks for but cannot work: every send is a failure saying why. */
function misconfigured(name: ChannelName, recipients: string[], error: string): Channel {
  return {
    name,
    recipients,
    send: async () => recipients.map((recipient) => ({ channel: name, recipient, ok: false, error, attempts: 0, ms: 0 })),
  };
}

/**
 * Why an HTTP endpoint read from the project's env file is refused (null: accepted): it must be https://,
 * or http:// to loopback (127.0.0.0/8, ::1, localhost). Names the scheme and host only (never a path).
 */
export function envFileEndpointProblem(variable: string, value: string): string | null {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    return `${variable} from the project's env file is not a URL`;
  }
  if (u.protocol === 'https:' || (u.protocol === 'http:' && isLoopbackHost(u.hostname))) return null;
  return `${variable} from the project's env file must be https:// or a loopback address (got ${u.protocol}//${u.host}); set it in the process environment to use another endpoint`;
}

/** What the channels are read from: the project's env file variables and reprise.yml's `notifications` (config/schema.ts). */
export interface ChannelSource {
  envVars: ReadonlyMap<string, string>;
  config: { notifications?: { telegram?: { enabled?: boolean }; email?: { to?: string }; webhook?: { url?: string }; slack?: { webhook_url_env?: string }; teams?: { webhook_url_env?: string } } };
}

/** An escalation level's contacts (reprise.yml `escalation.levels`): its own recipients, and which configured webhooks it uses. */
export interface Contacts {
  telegram: string[];
  email: string[];
  slack: boolean;
  teams: boolean;
  webhook: boolean;
}

/**
 * The channels of the project (`only` absent), or of one escalation level's contacts: its Telegram chat ids
 * (the project's bot), its e-mail addresses (the project's SMTP server), and the project's webhook, Slack and
 * Teams channels when the level asks for them.
 */
export function configuredChannels(project: ChannelSource, env: NodeJS.ProcessEnv, only?: Contacts): Channel[] {
  const get = (k: string): string | undefined => {
    const v = env[k] ?? project.envVars.get(k);
    return v !== undefined && v.trim() !== '' ? v.trim() : undefined;
  };
  /** the value of `get(k)` came from the project's env file (the process environment did not set k) */
  const fromEnvFile = (k: string): boolean => env[k] === undefined && get(k) !== undefined;
  /** why the endpoint `k` is refused: only when the env file names it */
  const endpointProblem = (k: string): string | null => (fromEnvFile(k) ? envFileEndpointProblem(k, get(k) as string) : null);
  const cfg = project.config.notifications ?? {};
  const channels: Channel[] = [];

  // Telegram: on when the token and ids are set, unless reprise.yml says enabled: false
  const tgEnabled = only ? (only.telegram.length ? true : false) : cfg.telegram?.enabled;
  const token = get('TELEGRAM_BOT_TOKEN');
  const ids = only ? only.telegram : parseChatIds(get('ADMIN_TELEGRAM_IDS'));
  if (tgEnabled !== false) {
    const apiProblem = endpointProblem('TELEGRAM_API_URL');
    if (token && ids.length) {
      channels.push(apiProblem ? misconfigured('telegram', ids, apiProblem) : telegramChannel({ token, chatIds: ids, apiUrl: get('TELEGRAM_API_URL') }));
    } else if (tgEnabled === true || token || ids.length) {
      const missing = [!token && 'TELEGRAM_BOT_TOKEN', !ids.length && 'ADMIN_TELEGRAM_IDS'].filter(Boolean).join(', ');
      channels.push(misconfigured('telegram', ids.length ? ids : ['-'], `not configured: ${missing} not set`));
    }
  }

  // E-mail: NOTIFICATION_EMAIL (or notifications.email.to) and SMTP_URL; from the env file, smtp:// to
  // another host requires STARTTLS (email.ts smtpTransportOptions)
  const to = only ? only.email : parseAddresses(get('NOTIFICATION_EMAIL') ?? cfg.email?.to);
  const smtpUrl = get('SMTP_URL');
  if (to.length) {
    channels.push(
      smtpUrl
        ? emailChannel({ smtpUrl, to, from: get('NOTIFICATION_EMAIL_FROM') ?? null, fromEnvFile: fromEnvFile('SMTP_URL') })
        : misconfigured('email', to, 'not configured: SMTP_URL not set'),
    );
  }

  // Webhook: NOTIFICATION_WEBHOOK_URL or notifications.webhook.url
  const url = get('NOTIFICATION_WEBHOOK_URL') ?? (cfg.webhook?.url?.trim() || undefined);
  const hookProblem = endpointProblem('NOTIFICATION_WEBHOOK_URL');
  if (url && (!only || only.webhook)) channels.push(hookProblem ? misconfigured('webhook', [webhookRecipient(url)], hookProblem) : webhookChannel({ url, secret: get('NOTIFICATION_WEBHOOK_SECRET') ?? null }));
  else if (!url && only?.webhook) channels.push(misconfigured('webhook', ['-'], 'not configured: NOTIFICATION_WEBHOOK_URL not set'));

  // Slack and Teams: their webhook URL in SLACK_WEBHOOK_URL / TEAMS_WEBHOOK_URL (or the variable
  // notifications.slack|teams.webhook_url_env names); asked for in reprise.yml without it, a failure that says so
  for (const [name, make] of [['slack', slackChannel], ['teams', teamsChannel]] as const) {
    if (only && !only[name]) continue;
    const variable = chatWebhookVariable(name, cfg);
    const chatUrl = get(variable);
    if (chatUrl) {
      const problem = endpointProblem(variable);
      channels.push(problem ? misconfigured(name, [webhookRecipient(chatUrl)], problem) : make({ url: chatUrl }));
    } else if (cfg[name] || only) {
      channels.push(misconfigured(name, ['-'], `not configured: ${variable} not set`));
    }
  }
  return channels;
}

export interface NotifyOptions {
  /** total time for every channel together (default 10 s) */
  budgetMs?: number;
}

/**
 * Sends the event through every channel concurrently. Never throws; resolves by the budget (plus a few
 * ms): a channel still running then is reported as a `timeout` failure for each of its recipients.
 */
export async function notifyAll(event: NotificationEvent, channels: Channel[], opts: NotifyOptions = {}): Promise<Delivery[]> {
  const budgetMs = opts.budgetMs ?? 10_000;
  const started = Date.now();
  const deadline = started + budgetMs;
  const perChannel = channels.map(async (ch): Promise<Delivery[]> => {
    const failAll = (error: string): Delivery[] =>
      ch.recipients.map((recipient) => ({ channel: ch.name, recipient, ok: false, error, attempts: 1, ms: Date.now() - started }));
    let timer: NodeJS.Timeout | undefined;
    const overrun = new Promise<Delivery[]>((resolve) => {
      // not unref'd: it must be able to end the race even when the channel holds nothing on the event loop
      timer = setTimeout(() => resolve(failAll(`timeout (notification budget of ${budgetMs} ms spent)`)), budgetMs + 50);
    });
    try {
      return await Promise.race([
        Promise.resolve()
          .then(() => ch.send(event, deadline))
          // a channel's own errors are already redacted; an unexpected one is not quoted (it could hold a secret)
          .catch((e: unknown) => failAll(`internal error (${(e as Error)?.name ?? 'Error'})`)),
        overrun,
      ]);
    } finally {
      clearTimeout(timer);
    }
  });
  return (await Promise.all(perChannel)).flat();
}
