// Whether a parsed configuration document (a compose file, reprise.yml) has a secret written in it as a
// literal — rather than a `${VAR}` reference to the environment. Such a document is never copied into the
// parse cache (adapters/fs/parse-cache.ts): the cache holds no secret.
import { isSecretName } from './redact';
import { redactUrls, urlPasswords } from './url-redact';

const MIN_SECRET_LENGTH = 6;
const LIST_ENTRY = /^([A-Za-z_][A-Za-z0-9_.-]*)=(.*)$/s;

const DEFAULTED = /\$\{([A-Za-z_][A-Za-z0-9_]*):?-([^}]*)\}/g;
const REFERENCE = /\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*/g;

function literalSecret(path: string[], key: string, value: string): boolean {
  // a default of a secret variable (`${POSTGRES_PASSWORD:-changeme}`) is a password written in the file
  for (const [, name, def] of value.matchAll(DEFAULTED)) if (isSecretName(name) && def.length >= MIN_SECRET_LENGTH) return true;
  const written = value.replace(REFERENCE, '');
  // a webhook's URL (its path carries the token), whole
  if (key === 'url' && path.some((p) => /webhook/i.test(p))) return written.length >= MIN_SECRET_LENGTH;
  // a secret-named key's value (POSTGRES_PASSWORD: changeme); a URL-shaped one is judged by its parts below
  if (isSecretName(key) && !value.includes('://') && written.length >= MIN_SECRET_LENGTH) return true;
  // a URL's password (redis://:pw@cache) or query string (?token=abc), `${VAR}` references left out
  return urlPasswords(value).length > 0 || redactUrls(value) !== value;
}

export function holdsLiteralSecret(doc: unknown): boolean {
  const walk = (v: unknown, path: string[]): boolean => {
    if (Array.isArray(v)) {
      return v.some((item) => {
        const entry = typeof item === 'string' ? LIST_ENTRY.exec(item) : null;
        return entry ? literalSecret(path, entry[1], entry[2]) : walk(item, path);
      });
    }
    if (v && typeof v === 'object') {
      return Object.entries(v as Record<string, unknown>).some(([k, x]) => (typeof x === 'string' || typeof x === 'number' ? literalSecret(path, k, String(x)) : walk(x, [...path, k])));
    }
    return typeof v === 'string' && literalSecret(path, path[path.length - 1] ?? '', v);
  };
  return walk(doc, []);
}
