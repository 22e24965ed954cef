// Critical lines in the logs of some services since a moment (seed §2.1 "erreurs critiques dans les logs").
import { DockerApiError } from '../../adapters/docker/api';
import type { Engine } from '../../engines/engine';

export interface LogHit {
  service: string;
  /** the log line, trimmed (and cut to MAX_LINE_CHARS) */
  line: string;
  /** source of the pattern that matched */
  pattern: string;
}

export const MAX_LOG_HITS = 20;
const MAX_LINE_CHARS = 500;

/**
 * Reads at most `maxLines` recent lines per container written since `since`, and returns the lines
 * matching any pattern (first matching pattern reported), at most MAX_LOG_HITS in all.
 * A container that no longer exists is skipped.
 */
export async function scanLogs(
  engine: Engine,
  services: Array<{ name: string; containerId: string }>,
  since: Date,
  patterns: RegExp[],
  maxLines = 2000,
): Promise<LogHit[]> {
  if (patterns.length === 0 || services.length === 0) return [];
  const texts = await Promise.all(
    services.map(async (s) => {
      try {
        return await engine.logsSince(s.containerId, since, maxLines);
      } catch (e) {
        if (e instanceof DockerApiError && e.status === 404) return '';
        throw e;
      }
    }),
  );
  const hits: LogHit[] = [];
  services.forEach((s, i) => {
    for (const hit of matchLines(texts[i], patterns)) hits.push({ service: s.name, ...hit });
  });
  return hits.slice(0, MAX_LOG_HITS);
}

/** Pure: lines of `text` matching one of `patterns`. */
export function matchLines(text: string, patterns: RegExp[]): Array<{ line: string; pattern: string }> {
  const out: Array<{ line: string; pattern: string }> = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const p = patterns.find((re) => {
      re.lastIndex = 0; // harmless for non-global patterns, needed for /g ones
      return re.test(line);
    });
    if (p) out.push({ line: line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)}…` : line, pattern: p.source });
    if (out.length >= MAX_LOG_HITS) break;
  }
  return out;
}
