// The challenges of a `WWW-Authenticate` header (RFC 9110 §11.6.1), as a registry sends them:
//   Basic realm="Registry Realm"
//   Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull"
// Several challenges may share one header (node joins repeated headers with ", ").

export interface Challenge {
  /** the scheme, lower-cased: `basic`, `bearer` */
  scheme: string;
  /** the parameters, names lower-cased, quoted values unescaped */
  params: Record<string, string>;
  /** a token68 written instead of parameters (`Negotiate abc==`), if any */
  token68?: string;
}

const TCHAR = /[!#$%&'*+.^_`|~0-9A-Za-z-]/;
const TOKEN68_CHAR = /[A-Za-z0-9._~+/-]/;

export function parseWwwAuthenticate(header: string): Challenge[] {
  const out: Challenge[] = [];
  let current: Challenge | null = null;
  // true right after a scheme and its spaces: a lone token there is a token68, not a new scheme
  let afterScheme = false;
  let i = 0;
  const skipSpaces = (): void => {
    while (i < header.length && (header[i] === ' ' || header[i] === '\t')) i++;
  };
  const readWhile = (re: RegExp): string => {
    const start = i;
    while (i < header.length && re.test(header[i])) i++;
    return header.slice(start, i);
  };
  while (i < header.length) {
    skipSpaces();
    if (header[i] === ',') {
      afterScheme = false;
      i++;
      continue;
    }
    const start = i;
    const name = readWhile(TCHAR);
    if (!name) {
      i++; // a character no grammar allows here: skipped
      continue;
    }
    const end = i;
    skipSpaces();
    if (header[i] === '=' && current && isParamValueNext(header, i + 1)) {
      i++;
      skipSpaces();
      current.params[name.toLowerCase()] = header[i] === '"' ? readQuoted() : readWhile(TCHAR);
      afterScheme = false;
      continue;
    }
    if (afterScheme && current) {
      // a token68: the name read so far, the rest of its characters and its `=` padding
      i = start;
      current.token68 = readWhile(TOKEN68_CHAR) + readWhile(/=/);
      afterScheme = false;
      continue;
    }
    i = end;
    current = { scheme: name.toLowerCase(), params: {} };
    out.push(current);
    afterScheme = header[i] === ' ' || header[i] === '\t';
  }
  return out;

  function readQuoted(): string {
    let value = '';
    i++; // the opening quote
    while (i < header.length && header[i] !== '"') {
      if (header[i] === '\\' && i + 1 < header.length) i++;
      value += header[i++];
    }
    i++; // the closing quote
    return value;
  }
}

/** After `name=` (and spaces): a quoted string or a token makes it a parameter; `=` or nothing, a token68's padding. */
function isParamValueNext(header: string, from: number): boolean {
  let j = from;
  while (header[j] === ' ' || header[j] === '\t') j++;
  return header[j] === '"' || (j < header.length && TCHAR.test(header[j]) && header[j] !== '=');
}

/** The first challenge of a scheme (`bearer`, `basic`), if the header offers it. */
export function findChallenge(challenges: Challenge[], scheme: string): Challenge | undefined {
  return challenges.find((c) => c.scheme === scheme.toLowerCase());
}
