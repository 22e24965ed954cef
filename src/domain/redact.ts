// Secrets never appear in output, logs, metrics, reports: values of secret-looking variables are masked.

const SECRET_NAME = /(PASS|PASSWORD|PASSWD|SECRET|TOKEN|KEY|CREDENTIAL|PRIVATE|SMTP_URL|DSN|DATABASE_URL|AUTH)/i;

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** The secret values among the given variables (short values are ignored: too many false hits). */
export function secretValues(vars: Iterable<[string, string | undefined]>): string[] {
  const out = new Set<string>();
  for (const [k, v] of vars) {
    if (v && v.length >= 6 && isSecretName(k)) out.add(v);
  }
  return [...out].sort((a, b) => b.length - a.length);
}

export function redact(text: string, secrets: string[]): string {
  let t = text;
  for (const s of secrets) if (t.includes(s)) t = t.split(s).join('***');
  return t;
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
  if (secrets.length === 0) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redact(v, secrets);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [redact(k, secrets), walk(x)]));
    return v;
  };
  return walk(value) as T;
}
