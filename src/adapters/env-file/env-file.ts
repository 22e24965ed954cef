// Compose-style env file parsing: KEY=VALUE, optional `export `, comments, quotes.

const LINE = /^\s*(export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/;

export interface EnvLine {
  /** the line starts with `export ` */
  exportPrefix: boolean;
  key: string;
  /** raw text after `=` (not unquoted) */
  rawValue: string;
}

/** The assignment on a line, or null for blank lines, comments and anything else. */
export function parseEnvLine(line: string): EnvLine | null {
  if (/^\s*(#|$)/.test(line)) return null;
  const m = LINE.exec(line);
  if (!m) return null;
  return { exportPrefix: m[1] !== undefined, key: m[2], rawValue: m[3] };
}

/** Unquotes a raw value: '...' verbatim, "..." with escapes, unquoted with ` #` comments stripped. */
export function unquoteValue(raw: string): string {
  const v = raw.trimStart();
  const q = v[0];
  if (q === "'" || q === '"') {
    const end = findClosingQuote(v, q);
    if (end > 0) {
      const inner = v.slice(1, end);
      return q === "'" ? inner : unescapeDouble(inner);
    }
  }
  return v.replace(/\s+#.*$/, '').trimEnd();
}

export function parseEnvFile(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const parsed = parseEnvLine(line);
    if (parsed) out.set(parsed.key, unquoteValue(parsed.rawValue));
  }
  return out;
}

/** Index of the quote closing a value that starts with quote `q` (backslash escapes inside double quotes), or -1. */
export function findClosingQuote(v: string, q: string): number {
  for (let i = 1; i < v.length; i++) {
    if (q === '"' && v[i] === '\\') {
      i++;
      continue;
    }
    if (v[i] === q) return i;
  }
  return -1;
}

function unescapeDouble(s: string): string {
  return s.replace(/\\(.)/g, (_m, c: string) => {
    if (c === 'n') return '\n';
    if (c === 't') return '\t';
    if (c === 'r') return '\r';
    return c;
  });
}
