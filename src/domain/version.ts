import { RepriseError } from './errors';

/** SPEC §5: a version argument must match this, anything else is INVALID_VERSION. */
export const VERSION_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

export function isValidVersion(v: string): boolean {
  return VERSION_PATTERN.test(v);
}

export function assertValidVersion(v: string): string {
  if (!isValidVersion(v)) {
    throw new RepriseError('INVALID_VERSION', 'invalidVersion', { version: printable(v) }, { version: v });
  }
  return v;
}

/** A version as it may be shown in a one-line message: control characters escaped, length capped. */
export function printable(v: string): string {
  const escaped = JSON.stringify(v).slice(1, -1);
  return escaped.length > 80 ? `${escaped.slice(0, 77)}...` : escaped;
}
