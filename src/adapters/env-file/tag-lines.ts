// The tag-variable lines of the project's env files, kept in step with what runs (issue 17): which file
// holds each variable, and a rewrite that changes only the value of those lines — every other byte of the
// file (comments, secrets, order, spacing, quotes, line endings, a missing final newline) stays as it is.
import { findClosingQuote, parseEnvLine } from './env-file';

export const SYNC_COMMENT = '# reprise: image tags of the running version, kept in step after every release (sync_env_file: false in reprise.yml turns this off)';

export interface EnvText {
  file: string;
  text: string;
}

/** What to write in one file: variables whose lines are rewritten, and those appended at its end. */
export interface EnvFileSync {
  file: string;
  values: Record<string, string>;
  /** variables no file defines: appended to the first file */
  append: string[];
}

/**
 * Where each tag variable goes: the last file that assigns it (the one compose reads it from), or the first
 * file when none does. Files with nothing to do are left out; a file named twice is one file.
 */
export function planTagSync(files: EnvText[], tags: Record<string, string>): EnvFileSync[] {
  if (files.length === 0) return [];
  const keysOf = files.map((f) => new Set(f.text.split(/\r?\n/).map((l) => parseEnvLine(l)?.key).filter((k): k is string => k !== undefined)));
  const plans = new Map<string, EnvFileSync>();
  const planFor = (file: string): EnvFileSync => {
    let p = plans.get(file);
    if (!p) plans.set(file, (p = { file, values: {}, append: [] }));
    return p;
  };
  for (const [variable, value] of Object.entries(tags)) {
    let at = -1;
    for (let i = 0; i < files.length; i++) if (keysOf[i].has(variable)) at = i;
    const p = planFor(files[at >= 0 ? at : 0].file);
    p.values[variable] = value;
    if (at < 0) p.append.push(variable);
  }
  return [...plans.values()];
}

export interface TagRewrite {
  text: string;
  /** variables whose value changed on an existing line */
  changed: string[];
  /** variables added at the end */
  appended: string[];
}

const ASSIGNMENT = /^(\s*(?:export\s+)?)([A-Za-z_][A-Za-z0-9_.-]*)(\s*=\s*)(.*)$/;

/**
 * Sets each variable of `values` on every line of `text` that assigns it, replacing only the value (its
 * quotes and a trailing ` # comment` are kept); variables in `append` that no line assigns are added at the
 * end under SYNC_COMMENT. Every other byte is kept. `text` is returned unchanged when nothing differs.
 */
export function rewriteTagLines(text: string, values: Record<string, string>, append: string[] = []): TagRewrite {
  const has = (k: string): boolean => Object.prototype.hasOwnProperty.call(values, k);
  const changed = new Set<string>();
  const seen = new Set<string>();
  // each line with its own terminator, so that mixed line endings and a last line without one survive
  const parts = text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  const out = parts.map((part) => {
    const eol = part.endsWith('\r\n') ? '\r\n' : part.endsWith('\n') ? '\n' : '';
    const body = part.slice(0, part.length - eol.length);
    if (!parseEnvLine(body)) return part;
    const m = ASSIGNMENT.exec(body);
    if (!m || !has(m[2])) return part;
    seen.add(m[2]);
    const next = `${m[1]}${m[2]}${m[3]}${replaceValue(m[4], values[m[2]])}`;
    if (next === body) return part;
    changed.add(m[2]);
    return next + eol;
  });
  const missing = append.filter((k) => has(k) && !seen.has(k));
  let result = out.join('');
  if (missing.length > 0) {
    const eol = /\r\n/.test(text) && !/(^|[^\r])\n/.test(text) ? '\r\n' : '\n';
    if (result.length > 0 && !result.endsWith('\n')) result += eol;
    result += [SYNC_COMMENT, ...missing.map((k) => `${k}=${formatValue(values[k])}`)].map((l) => l + eol).join('');
  }
  return { text: changed.size || missing.length ? result : text, changed: [...changed], appended: missing };
}

/** The raw text after `=` with its value replaced: quotes and what follows the value are kept. */
function replaceValue(rest: string, value: string): string {
  const q = rest[0];
  if (q === '"' || q === "'") {
    const end = findClosingQuote(rest, q);
    if (end > 0) {
      const inner = q === "'" ? (value.includes("'") ? null : value) : value.replace(/["\\$]/g, (c) => (c === '$' ? '$$' : `\\${c}`));
      if (inner !== null) return `${q}${inner}${q}${rest.slice(end + 1)}`;
    }
  }
  // unquoted: the value runs up to a ` #` comment or the trailing blanks
  const m = /^(.*?)(\s+#.*|\s*)$/.exec(rest)!;
  return `${formatValue(value)}${m[2]}`;
}

/** Image tags are plain; anything else is quoted so compose reads it back unchanged. */
function formatValue(value: string): string {
  if (/^[A-Za-z0-9_.:/@+-]*$/.test(value)) return value;
  if (!value.includes("'")) return `'${value}'`;
  return `"${value.replace(/["\\$]/g, (c) => (c === '$' ? '$$' : `\\${c}`))}"`;
}

/**
 * The text without the lines assigning the given variables (nor SYNC_COMMENT): what an env file says apart
 * from the image tags reprise keeps in step (a configuration snapshot does not change with every release).
 */
export function withoutTagLines(text: string, variables: ReadonlySet<string>): string {
  if (variables.size === 0) return text;
  const parts = text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  return parts
    .filter((part) => {
      const body = part.replace(/\r?\n$/, '');
      if (body === SYNC_COMMENT) return false;
      const key = parseEnvLine(body)?.key;
      return key === undefined || !variables.has(key);
    })
    .join('');
}
