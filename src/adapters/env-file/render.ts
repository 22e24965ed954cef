import { parseEnvLine } from './env-file';

export const APPENDED_COMMENT = '# reprise: image tags of the previous good version';

/**
 * Returns the env file with each overridden key's value replaced in place.
 * Every other line (comments, secrets, order, blank lines) is kept verbatim;
 * keys absent from the file are appended at the end under `appendedComment` (default APPENDED_COMMENT).
 * Every assignment of a key is replaced, so the last one (the one compose uses) is right too.
 */
export function renderWithOverrides(text: string, overrides: Record<string, string>, appendedComment: string = APPENDED_COMMENT): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.length === 0 ? [] : text.split(/\r?\n/);
  const hadFinalNewline = lines.length > 0 && lines[lines.length - 1] === '';
  if (hadFinalNewline) lines.pop();

  const seen = new Set<string>();
  const out = lines.map((line) => {
    const parsed = parseEnvLine(line);
    if (!parsed || !Object.prototype.hasOwnProperty.call(overrides, parsed.key)) return line;
    seen.add(parsed.key);
    const prefix = parsed.exportPrefix ? 'export ' : '';
    return `${prefix}${parsed.key}=${formatValue(overrides[parsed.key])}`;
  });

  const missing = Object.keys(overrides).filter((k) => !seen.has(k));
  if (missing.length > 0) {
    if (out.length > 0 && out[out.length - 1].trim() !== '') out.push('');
    out.push(appendedComment);
    for (const key of missing) out.push(`${key}=${formatValue(overrides[key])}`);
  }
  return out.length === 0 ? '' : out.join(eol) + eol;
}

/** Image tags are plain; quote anything else so compose reads it back unchanged. */
function formatValue(value: string): string {
  if (/^[A-Za-z0-9_.:/@+-]*$/.test(value)) return value;
  if (!value.includes("'")) return `'${value}'`;
  return `"${value.replace(/["\\$]/g, (c) => (c === '$' ? '$$' : `\\${c}`))}"`;
}
