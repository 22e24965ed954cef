// URLs in texts: their password (`user:pass@`) and query string are credentials whatever variable they came
// from (a health URL's `?token=`, `redis://:pw@cache`, `postgres://u:pw@db/app`).

/**
 * A URL-shaped part of a text: `scheme://` then everything up to a space, a quote, `<>`, a backquote or a
 * backslash (JSON escapes), stopping before another `scheme://` (a list of URLs). The scheme may not follow
 * a letter or digit, and is at most 32 characters long: the scan stays linear on any text.
 */
const URL_IN_TEXT = /(?<![A-Za-z0-9])([A-Za-z][A-Za-z0-9+.-]{0,31}:\/\/)((?:(?![A-Za-z][A-Za-z0-9+.-]{0,31}:\/\/)[^\s"'<>`\\])*)/g;

/** `${VAR…}` and `$VAR` references: names, not values (configuration texts keep them visible). */
const REFERENCE = /\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*/g;
const PLACEHOLDER = /\uE000(\d+)\uE000/g;
const ONLY_PLACEHOLDERS = /^(?:\uE000\d+\uE000)+$/;

/** What stands for a masked query string. */
export const MASKED_QUERY = '…';

interface UrlParts {
  /** the user-info up to its password's `:` included ("u:", ":"), all of it without a password ("" without one) */
  user: string;
  /** the password as written, references as placeholders */
  password: string | null;
  /** the host, port and path (after the user-info, before `?`) */
  hostAndPath: string;
  /** the query string (and fragment) without its `?`, null without one */
  query: string | null;
  /** punctuation that ends a sentence rather than the URL (`).` after `…?token=abc`) */
  trailing: string;
}

/**
 * The parts of a URL's text after `scheme://`. With `references`, `${VAR}` references are replaced by
 * placeholders first (restored by `restore`), so a default holding "/", "?" or "@" does not split the URL.
 */
function split(body: string, references = true): { parts: UrlParts; restore: (s: string) => string } {
  const refs: string[] = [];
  const tok = references ? body.replace(REFERENCE, (m) => `\uE000${refs.push(m) - 1}\uE000`) : body;
  const restore = (s: string): string => s.replace(PLACEHOLDER, (m, i: string) => refs[Number(i)] ?? m);
  const stop = tok.search(/[?#]/);
  const head = stop < 0 ? tok : tok.slice(0, stop);
  const slash = head.indexOf('/');
  let at = slash < 0 ? head.lastIndexOf('@') : head.lastIndexOf('@', slash);
  if (at < 0 && slash >= 0 && !head.startsWith('[')) {
    // a password holding "/" (generated base64 passwords do): `u:Ab/cd@host`, but not `host:8000/@me`
    const colon = head.indexOf(':');
    if (colon >= 0 && colon < slash && !/^\d*$/.test(head.slice(colon + 1, slash))) at = head.indexOf('@', slash);
  }
  const userinfo = at < 0 ? '' : tok.slice(0, at);
  const colon = userinfo.indexOf(':');
  const afterUser = at < 0 ? tok : tok.slice(at);
  const q = afterUser.indexOf('?');
  let query = q < 0 ? null : afterUser.slice(q + 1);
  let trailing = '';
  if (query !== null) {
    trailing = /[.,:;!)\]]*$/.exec(query)![0];
    query = query.slice(0, query.length - trailing.length);
  }
  return {
    parts: {
      user: colon < 0 ? userinfo : userinfo.slice(0, colon + 1),
      password: colon < 0 ? null : userinfo.slice(colon + 1),
      hostAndPath: q < 0 ? afterUser : afterUser.slice(0, q),
      query,
      trailing,
    },
    restore,
  };
}

/** A password worth masking: not empty, not already masked, not only `${VAR}` references. */
function isLiteral(value: string | null): value is string {
  return value !== null && value !== '' && value !== '***' && !ONLY_PLACEHOLDERS.test(value);
}

/** A query string holding a value: one of its parameters is more than empty, `${VAR}` references or `***`. */
function queryHoldsValue(query: string | null): boolean {
  if (query === null || query === '' || query === MASKED_QUERY) return false;
  return query.split('&').some((p) => {
    const eq = p.indexOf('=');
    const value = eq < 0 ? p : p.slice(eq + 1);
    return value !== '' && value !== '***' && !ONLY_PLACEHOLDERS.test(value);
  });
}

/**
 * The text with, in every URL-shaped part (`scheme://…`), the password masked (`u:***@host`, the user
 * kept) and the query string replaced by `?…` (the fragment with it). `${VAR}` references are kept: they
 * are names. Anything else — text outside URLs, a URL without password or query — is left as it is.
 */
export function redactUrls(text: string): string {
  if (!text.includes('://')) return text;
  return text.replace(URL_IN_TEXT, (whole, scheme: string, body: string) => {
    const { parts, restore } = split(body);
    const maskPassword = isLiteral(parts.password);
    const maskQuery = queryHoldsValue(parts.query);
    if (!maskPassword && !maskQuery) return whole;
    const userinfo = `${parts.user}${maskPassword ? '***' : (parts.password ?? '')}`;
    const query = parts.query === null ? '' : `?${maskQuery ? MASKED_QUERY : parts.query}${parts.trailing}`;
    return `${scheme}${restore(`${userinfo}${parts.hostAndPath}${query}`)}`;
  });
}

/** The passwords written in the URLs of a text (`redis://:pw@cache` → pw), `${VAR}` references left out. */
export function urlPasswords(text: string): string[] {
  if (!text.includes('://')) return [];
  const out: string[] = [];
  for (const m of text.matchAll(URL_IN_TEXT)) {
    const { parts, restore } = split(m[2]);
    if (isLiteral(parts.password)) out.push(restore(parts.password));
  }
  return out;
}

/** `${VAR}`, `${VAR:-default}`, `${VAR-default}` and `$VAR`, as interpolate() substitutes them. */
const TEMPLATE_VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

/**
 * The variables a URL template (reprise.yml `health.url`) interpolates where a credential goes — within
 * the password of its user-info, or its path, query or fragment — each with the text it substitutes there
 * (its value, or the default when that is used). A variable that reaches into the scheme, the user name, the
 * host or the port is left out: those are not credentials, and masking its value everywhere would hide
 * useful text (a whole URL in a variable keeps its own password and query masked by redactUrls).
 */
export function urlTemplateCredentials(template: string, lookup: (name: string) => string | undefined): Array<{ name: string; value: string }> {
  // the URL as interpolate() makes it, with where each variable's text lies in it
  const spans: Array<{ name: string; value: string; start: number; end: number }> = [];
  let url = '';
  let last = 0;
  for (const m of template.matchAll(TEMPLATE_VARIABLE)) {
    const [whole, braced, op, def, bare] = m;
    const name = (braced ?? bare)!;
    const v = lookup(name);
    const value = op === ':-' ? v || def! : op === '-' ? (v ?? def!) : (v ?? '');
    url += template.slice(last, m.index);
    spans.push({ name, value, start: url.length, end: url.length + value.length });
    url += value;
    last = m.index! + whole.length;
  }
  url += template.slice(last);
  const scheme = url.indexOf('://');
  if (scheme < 0) return [];
  const offset = scheme + 3;
  const { parts } = split(url.slice(offset), false);
  const regions: Array<[number, number]> = [];
  const passwordStart = offset + parts.user.length;
  if (parts.password !== null) regions.push([passwordStart, passwordStart + parts.password.length]);
  const hostStart = passwordStart + (parts.password?.length ?? 0);
  const slash = parts.hostAndPath.indexOf('/');
  regions.push([hostStart + (slash < 0 ? parts.hostAndPath.length : slash), url.length]);
  return spans.filter((sp) => sp.value !== '' && regions.some(([a, b]) => sp.start >= a && sp.end <= b)).map(({ name, value }) => ({ name, value }));
}
