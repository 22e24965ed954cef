// Secrets never appear in output, logs, metrics, reports: values of secret-looking variables are masked, and
// so are the password and query string of every URL in a text (domain/url-redact.ts).
import { interpolate } from './interpolate';
import { redactUrls, urlPasswords } from './url-redact';

/** Names that hold a secret wherever the word is: `POSTGRES_PASSWORD`, `JWT_SIGNING_KEY`, `SENTRY_DSN`… */
const SECRET_NAME = /(PASS|PASSWORD|PASSWD|SECRET|TOKEN|KEY|CREDENTIAL|PRIVATE|SIGNING|BEARER|SMTP_URL|DSN|DATABASE_URL|AUTH|WEBHOOK_URL)/i;
/**
 * Words that name a secret only as the name's last word (`TELEGRAM_SESSION`, `AUTH_COOKIE`, `TLS_CERT`,
 * `HASHIDS_SALT`, `APP_JWT`): as a first word they name a setting (`SESSION_DRIVER`, `COOKIE_DOMAIN`,
 * `CERT_RESOLVER`, `JWT_ALGORITHM`).
 */
const SECRET_LAST_WORD = /(?:^|[_.-])(?:JWT|SESSION|COOKIE|CERT|CERTIFICATE|SALT)S?$/i;

/** `${NAME:-default}` / `${NAME-default}`: a variable with a default written in the file */
const SECRET_DEFAULT = /\$\{([A-Za-z_][A-Za-z0-9_]*):?-([^}]*)\}/g;

/** Values shorter than this are not masked by value: too many false hits. */
const MIN_SECRET_LENGTH = 6;

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name) || SECRET_LAST_WORD.test(name);
}

/** The password of every URL in a value, as written and percent-decoded (`p%40ss` → `p@ss`). */
function passwordsIn(value: string): string[] {
  const out: string[] = [];
  for (const pw of urlPasswords(value)) {
    out.push(pw);
    try {
      out.push(decodeURIComponent(pw));
    } catch {
      // not valid percent-encoding: the password as written only
    }
  }
  return out;
}

/**
 * The secret values among the given variables: the values of secret-looking names, and the password of any
 * URL-shaped value (`REDIS_URL=redis://:pw@cache`). Short values are ignored: too many false hits.
 */
export function secretValues(vars: Iterable<[string, string | undefined]>): string[] {
  const out = new Set<string>();
  for (const [k, v] of vars) {
    if (!v) continue;
    if (isSecretName(k)) out.add(v);
    for (const pw of passwordsIn(v)) out.add(pw);
  }
  return [...out].filter((v) => v.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
}

/**
 * Secrets written in a compose service's `environment:` (map form, list form `KEY=VALUE`, or a Map): the
 * value of a secret-looking key, and the password of any URL-shaped value, after compose's interpolation
 * (`${VAR}` through `lookup`, `$$` for a `$`). A list entry without `=` takes its value from the shell: none here.
 */
export function composeEnvSecrets(environment: unknown, lookup: (name: string) => string | undefined): string[] {
  const entries: Array<[string, string | undefined]> = [];
  const add = (key: string, raw: unknown): void => {
    if (raw === null || raw === undefined || typeof raw === 'object') return;
    // the default of a secret variable that is not set is the password in use: `DB=${DB_PASSWORD:-changeme}`
    for (const [, name, def] of String(raw).matchAll(SECRET_DEFAULT)) if (!lookup(name)) entries.push([name, def]);
    const value = String(raw)
      .split('$$')
      .map((part) => interpolate(part, lookup))
      .join('$');
    entries.push([key, value]);
  };
  if (environment instanceof Map) for (const [k, v] of environment) add(String(k), v);
  else if (Array.isArray(environment)) {
    for (const item of environment) {
      const text = String(item);
      const eq = text.indexOf('=');
      if (eq > 0) add(text.slice(0, eq), text.slice(eq + 1));
    }
  } else if (environment && typeof environment === 'object') for (const [k, v] of Object.entries(environment)) add(k, v);
  return secretValues(entries);
}

/**
 * The text with every secret value masked (`***`), then the password and query string of every URL in it
 * (`redis://:***@cache`, `http://host/health?…`): a URL's credentials are masked even when no variable
 * named them. Secrets go first: a secret that is a whole URL (a webhook) is masked whole.
 */
export function redact(text: string, secrets: string[]): string {
  let t = text;
  for (const s of secrets) if (t.includes(s)) t = t.split(s).join('***');
  return redactUrls(t);
}

/** `NAME=value` environment entries with secret values masked (for docker inspect captures). */
export function redactEnvList(env: string[], secrets: string[]): string[] {
  return env.map((e) => {
    const i = e.indexOf('=');
    if (i < 0) return e;
    const name = e.slice(0, i);
    return isSecretName(name) ? `${name}=***` : `${name}=${redact(e.slice(i + 1), secrets)}`;
  });
}

/**
 * `value` with every string in it masked — to apply before JSON.stringify: once serialised, a secret holding
 * `"` or `\` is escaped and no longer matches its raw value.
 */
export function redactDeep<T>(value: T, secrets: string[]): T {
  // a part with nothing to mask is returned as it is (the same object): no copy, a Date stays a Date
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redact(v, secrets);
    if (Array.isArray(v)) {
      const out = v.map(walk);
      return out.some((x, i) => x !== v[i]) ? out : v;
    }
    if (v && typeof v === 'object') {
      const entries = Object.entries(v);
      const out = entries.map(([k, x]) => [redact(k, secrets), walk(x)] as const);
      return out.some(([k, x], i) => k !== entries[i][0] || x !== entries[i][1]) ? Object.fromEntries(out) : v;
    }
    return v;
  };
  return walk(value) as T;
}
