// compose: which compose reprise drives (v2 plugin or v1), and whether it accepts the project's files.
import { isRepriseError } from '../errors';
import { hint, t, type Lang } from '../messages';
import type { DoctorCheck } from './check';

export interface ComposeTool {
  flavour: 'v1' | 'v2';
  version: string;
  /** how it is run, e.g. `docker compose` */
  command: string;
}

/** What `compose config -q` said of the project's files; `reason`: the last lines of its output. */
export type ComposeFilesVerdict = { valid: true } | { valid: false; reason: string };

/** No compose found (`forced`: REPRISE_COMPOSE, null when unset); `e`: the detection's error and its hint. */
export function composeMissingCheck(lang: Lang, forced: string | null, e: unknown): DoctorCheck {
  return { id: 'compose', status: 'fail', summary: t(lang, 'doctorComposeFail', { forced: forced ?? '-' }), details: { forced }, fix: isRepriseError(e) ? hint(lang, e.key, e.params) : null };
}

/** `files`: null without a project (nothing to validate). */
export function composeCheck(lang: Lang, forced: string | null, tool: ComposeTool, files: ComposeFilesVerdict | null): DoctorCheck {
  const { flavour, version, command } = tool;
  const details: Record<string, unknown> = { flavour, version, command, forced };
  if (!files) return { id: 'compose', status: 'ok', summary: t(lang, 'doctorComposeOk', { flavour, version, command }), details, fix: null };
  if (files.valid) {
    details.filesValid = true;
    return { id: 'compose', status: 'ok', summary: t(lang, 'doctorComposeValid', { flavour, version, command }), details, fix: null };
  }
  details.filesValid = false;
  details.error = files.reason;
  return { id: 'compose', status: 'fail', summary: t(lang, 'doctorComposeInvalid', { flavour, version, reason: files.reason }), details, fix: t(lang, 'doctorComposeInvalidFix', { command }) };
}
