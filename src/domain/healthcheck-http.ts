// Healthchecks that are an HTTP call: `curl`/`wget` of a URL on the container itself, in any of Docker's
// forms (["CMD", "curl", "-f", "http://localhost:8000/health"], ["CMD-SHELL", "wget -qO- http://127.0.0.1:8000/health
// || exit 1"], or compose's plain string, which is CMD-SHELL). Used by `init` (the service's health is that
// URL, called from inside the container) and by doctor / --dry-run to say what the gate runs. Pure.
import { parse, type ParseEntry } from 'shell-quote';

const HTTP_CLIENTS = new Set(['curl', 'wget']);
/** a URL on the container's own loopback (or any address), with or without its scheme */
const LOCAL_URL = /^(?:(https?):\/\/)?(localhost|127(?:\.\d{1,3}){3}|0\.0\.0\.0|\[::1?\])(:\d{1,5})?(\/[^\s]*)?$/i;

/** The words of a shell script, split into simple commands at `;`, `&&`, `||`, `|`, `&`. */
function shellCommands(script: string): string[][] {
  let entries: ParseEntry[];
  try {
    // variables are kept as written: a URL holding one is not known here
    entries = parse(script, (name) => `\${${name}}`);
  } catch {
    return [];
  }
  const commands: string[][] = [[]];
  for (const e of entries) {
    if (typeof e === 'string') commands[commands.length - 1].push(e);
    else if ('op' in e && e.op === 'glob') commands[commands.length - 1].push(e.pattern);
    else if ('op' in e) commands.push([]);
  }
  return commands.filter((c) => c.length > 0);
}

const basename = (word: string): string => word.slice(word.lastIndexOf('/') + 1);

/** The local URL one command calls when it is curl or wget (possibly behind `timeout N`, `exec`, `VAR=x`). */
function urlOfCommand(words: string[]): string | null {
  const at = words.findIndex((w) => HTTP_CLIENTS.has(basename(w)));
  if (at < 0) return null;
  for (const w of words.slice(at + 1)) {
    if (w.includes('$')) continue;
    const m = LOCAL_URL.exec(w);
    if (m) return `${(m[1] ?? 'http').toLowerCase()}://${m[2]}${m[3] ?? ''}${m[4] ?? ''}`;
  }
  return null;
}

/** A CMD that is itself a shell with a script (`sh -c "curl … || exit 1"`): the script's commands. */
function withShell(words: string[]): string[][] {
  const shell = /^(sh|bash|ash|dash|zsh)$/.test(basename(words[0] ?? ''));
  return shell && words[1] === '-c' && words[2] !== undefined ? shellCommands(words[2]) : [words];
}

/**
 * The local URL a healthcheck test calls with curl or wget, or null (another command, a remote URL, a URL
 * holding a variable, NONE). `test` is Docker's array (CMD / CMD-SHELL / NONE) or compose's string form.
 */
export function healthcheckHttpUrl(test: readonly string[] | string | null | undefined): string | null {
  if (test === null || test === undefined) return null;
  let commands: string[][];
  if (typeof test === 'string') commands = shellCommands(test);
  else if (test[0] === 'CMD-SHELL') commands = shellCommands(test.slice(1).join(' '));
  else if (test[0] === 'CMD') commands = withShell(test.slice(1));
  else if (test[0] === 'NONE' || test.length === 0) return null;
  else commands = [[...test]];
  for (const c of commands) {
    const url = urlOfCommand(c);
    if (url) return url;
  }
  return null;
}
