// Which variable holds Slack's or Teams' webhook URL, and the bodies they are sent (issue 23 item 4, guide §6.1 "Slack/Teams"). Pure: a Slack
// incoming webhook takes `text` (the fallback, and what a notification shows) with Block Kit `blocks`; a Teams
// workflow webhook ("When a Teams webhook request is received") takes a message whose attachment is an
// Adaptive Card. Both carry the guide's template: its title, then one labelled line per field.
import { labelSep, renderParts, type NotificationEvent } from './notification';

/** Slack's mrkdwn: `&`, `<` and `>` are its control characters (a `<` could otherwise make a link or a mention). */
export function escapeSlack(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Block Kit's limits: a header's plain text, a section's text */
const HEADER_MAX = 150;
const SECTION_MAX = 3000;

const cut = (s: string, max: number): string => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** The variable that holds Slack's or Teams' webhook URL: `webhook_url_env`, else SLACK_WEBHOOK_URL / TEAMS_WEBHOOK_URL. */
export function chatWebhookVariable(name: 'slack' | 'teams', notifications: { slack?: { webhook_url_env?: string }; teams?: { webhook_url_env?: string } } | undefined): string {
  return notifications?.[name]?.webhook_url_env ?? (name === 'slack' ? 'SLACK_WEBHOOK_URL' : 'TEAMS_WEBHOOK_URL');
}

export function slackPayload(e: NotificationEvent): Record<string, unknown> {
  const { title, lines } = renderParts(e);
  const sep = labelSep(e.lang);
  const text = [escapeSlack(title), ...lines.map(([k, v]) => `- ${escapeSlack(k)}${sep}${escapeSlack(v)}`)].join('\n');
  return {
    text,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: cut(title, HEADER_MAX), emoji: true } },
      { type: 'section', text: { type: 'mrkdwn', text: cut(lines.map(([k, v]) => `*${escapeSlack(k)}*${sep}${escapeSlack(v)}`).join('\n'), SECTION_MAX) } },
    ],
    unfurl_links: false,
    unfurl_media: false,
  };
}

/**
 * An Adaptive Card's TextBlock and FactSet render a Markdown subset: its characters are escaped with a backslash
 * (`*`, `_`, `[`, `]`, `(`, `)`, `` ` ``, `~`, `#`, and `-`, `>`, `+` opening a line), so that nothing in a cause
 * can make a link or change the layout.
 */
export function escapeTeams(s: string): string {
  return s.replace(/[\\*_[\]()`~#]/g, '\\$&').replace(/^([-+>])/gm, '\\$1');
}

export function teamsPayload(e: NotificationEvent): Record<string, unknown> {
  const { title, lines } = renderParts(e);
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            { type: 'TextBlock', text: escapeTeams(title), weight: 'Bolder', size: 'Medium', wrap: true, color: e.urgent ? 'Attention' : e.outcomeOk ? 'Good' : 'Warning' },
            { type: 'FactSet', facts: lines.map(([k, v]) => ({ title: escapeTeams(k), value: escapeTeams(v) })) },
          ],
        },
      },
    ],
  };
}
