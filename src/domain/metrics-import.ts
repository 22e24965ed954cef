// Pure: reading a metrics file written by the guide's old `rollback.sh` (seed §5.1), which appends one JSON
// object per rollback: `{…}{…}`, or one object per line, numbers often as strings. Such a file is imported
// into reprise's array (entries kept exactly as they were written), not moved aside as damaged.

/** What a metrics file's text holds. */
export type MetricsText =
  | { kind: 'array'; entries: unknown[] }
  /** the old script's objects (possibly after an array reprise wrote): every entry, in file order */
  | { kind: 'concatenated'; entries: unknown[]; imported: number }
  | { kind: 'invalid'; reason: string };

/**
 * Splits a text into consecutive top-level JSON values separated by whitespace only (a string-aware
 * bracket scan; each piece is then parsed by JSON.parse). Null when the text is not such a sequence.
 */
export function splitJsonValues(text: string): string[] | null {
  const out: string[] = [];
  let i = 0;
  const n = text.length;
  const isSpace = (c: string): boolean => c === ' ' || c === '\n' || c === '\r' || c === '\t' || c === '\uFEFF';
  while (i < n) {
    while (i < n && isSpace(text[i])) i++;
    if (i >= n) break;
    const open = text[i];
    if (open !== '{' && open !== '[') return null; // a scalar or stray text at the top level
    let depth = 0;
    let inString = false;
    let j = i;
    for (; j < n; j++) {
      const c = text[j];
      if (inString) {
        if (c === '\\') j++;
        else if (c === '"') inString = false;
        continue;
      }
      if (c === '"') inString = true;
      else if (c === '{' || c === '[') depth++;
      else if (c === '}' || c === ']') {
        depth--;
        if (depth === 0) break;
      }
    }
    if (depth !== 0 || j >= n) return null; // truncated
    out.push(text.slice(i, j + 1));
    i = j + 1;
  }
  return out;
}

/** An entry as the old script writes it: an object with the seed's `timestamp` and `event` (strings). */
export function isSeedEntry(v: unknown): boolean {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
  const o = v as Record<string, unknown>;
  return typeof o.timestamp === 'string' && typeof o.event === 'string';
}

/**
 * Reads a metrics file's text: a JSON array (reprise's own format); else a sequence of the old script's
 * objects, possibly with arrays reprise wrote before or between them (their entries kept in place), which is
 * imported; anything else is invalid (the caller keeps it aside). Values are never rewritten.
 */
export function readMetricsText(text: string): MetricsText {
  if (text.trim() === '') return { kind: 'invalid', reason: 'empty file' };
  let firstError: string;
  try {
    const parsed = JSON.parse(text) as unknown;
    if (Array.isArray(parsed)) return { kind: 'array', entries: parsed };
    if (isSeedEntry(parsed)) return { kind: 'concatenated', entries: [parsed], imported: 1 };
    return { kind: 'invalid', reason: 'not an array' };
  } catch (e) {
    firstError = (e as Error).message;
  }
  const pieces = splitJsonValues(text);
  if (!pieces || pieces.length < 2) return { kind: 'invalid', reason: firstError };
  const entries: unknown[] = [];
  let imported = 0;
  for (const piece of pieces) {
    let v: unknown;
    try {
      v = JSON.parse(piece);
    } catch {
      return { kind: 'invalid', reason: firstError };
    }
    if (Array.isArray(v)) entries.push(...v);
    else if (isSeedEntry(v)) {
      entries.push(v);
      imported++;
    } else return { kind: 'invalid', reason: firstError };
  }
  if (imported === 0) return { kind: 'invalid', reason: firstError };
  return { kind: 'concatenated', entries, imported };
}
