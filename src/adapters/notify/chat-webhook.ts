// Slack's incoming webhooks and Microsoft Teams' workflow webhooks (issue 23 item 4): their own payloads
// (domain/chat-webhooks), posted like the generic webhook (json-post: host-only recipient, masked errors,
// retries within the budget).
import { slackPayload, teamsPayload } from '../../domain/chat-webhooks';
import { jsonPostChannel, type JsonPostConfig } from './json-post';
import type { Channel } from './types';

export function slackChannel(cfg: JsonPostConfig): Channel {
  return jsonPostChannel('slack', cfg, (event) => ({ body: JSON.stringify(slackPayload(event)) }));
}

export function teamsChannel(cfg: JsonPostConfig): Channel {
  return jsonPostChannel('teams', cfg, (event) => ({ body: JSON.stringify(teamsPayload(event)) }));
}
