// Human and JSON rendering of results and errors.
import { hint, t, type Lang } from '../domain/messages';
import { isRepriseError, EXIT, type ExitCode } from '../domain/errors';
import type { CliIo } from './io';
import { explainStoreError } from '../adapters/store/explain';
import { redact, redactDeep } from '../domain/redact';

/** Error texts leave with every URL's password and query string masked (a health URL's `?token=`). */
export function renderError(io: CliIo, lang: Lang, json: boolean, error: unknown, verbose: boolean): ExitCode {
  const err = explainStoreError(error) ?? error;
  if (isRepriseError(err)) {
    const message = redact(t(lang, err.key, err.params), []);
    if (json) {
      io.stdout.write(`${JSON.stringify({ ok: false, error: { code: err.code, message, details: redactDeep(err.details, []) } }, null, 2)}\n`);
    } else {
      io.stderr.write(`${err.code}: ${message}\n`);
      const h = hint(lang, err.key, err.params);
      if (h) io.stderr.write(`  → ${redact(h, [])}\n`);
    }
    return err.exitCode;
  }
  const e = err as Error;
  const message = redact(t(lang, 'operationFailed', { reason: e?.message ?? String(err) }), []);
  if (json) io.stdout.write(`${JSON.stringify({ ok: false, error: { code: 'OPERATION_FAILED', message, details: {} } }, null, 2)}\n`);
  else io.stderr.write(`OPERATION_FAILED: ${message}\n`);
  if (verbose && e?.stack) io.stderr.write(`${redact(e.stack, [])}\n`);
  return EXIT.FAILED;
}

export function writeJson(io: CliIo, data: unknown): void {
  io.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
}

/** Fixed-width table for stderr. */
export function table(rows: string[][]): string {
  if (rows.length === 0) return '';
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => [...(r[i] ?? '')].length)));
  return rows.map((r) => r.map((c, i) => c + ' '.repeat(widths[i] - [...c].length)).join('  ').trimEnd()).join('\n');
}
