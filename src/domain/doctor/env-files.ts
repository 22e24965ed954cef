// env_file: who can read and write the env files (reprise's .env.rollback included, same secrets).
import { worst, type CheckStatus, type Judgement } from './check';

export interface EnvFileFacts {
  path: string;
  /** st_mode & 0o7777; null when the file does not exist */
  mode: number | null;
  /** names (never values) of the secret-looking variables set in it */
  secretNames: string[];
}

export function modeString(mode: number): string {
  return `0${(mode & 0o777).toString(8).padStart(3, '0')}`;
}

/**
 * A file holding secrets must be readable by its owner only: world-readable → fail, group-readable →
 * warn. Writable by group or others → fail whatever it holds (anyone there can change the stack's
 * variables, image tags included).
 */
export function judgeEnvFiles(files: EnvFileFacts[]): Judgement {
  const present = files.filter((f) => f.mode !== null);
  if (present.length === 0) return { status: 'ok', summary: ['doctorEnvNone', {}], fix: null, details: { files: [] } };
  let status: CheckStatus = 'ok';
  const exposed: Array<{ path: string; mode: string; who: 'world' | 'group'; writable: boolean; secrets: string[] }> = [];
  const details = present.map((f) => {
    const mode = f.mode!;
    const worldRead = (mode & 0o004) !== 0;
    const groupRead = (mode & 0o040) !== 0;
    const writable = (mode & 0o022) !== 0;
    const secrets = f.secretNames.length > 0;
    let s: CheckStatus = 'ok';
    if (writable) s = 'fail';
    else if (secrets && worldRead) s = 'fail';
    else if (secrets && groupRead) s = 'warn';
    status = worst(status, s);
    if (s !== 'ok') exposed.push({ path: f.path, mode: modeString(mode), who: worldRead || (mode & 0o002) !== 0 ? 'world' : 'group', writable, secrets: f.secretNames });
    return { path: f.path, mode: modeString(mode), readableBy: worldRead ? 'everyone' : groupRead ? 'group' : 'owner', writableByOthers: writable, secrets: f.secretNames, status: s };
  });
  if (status === 'ok') {
    return { status, summary: ['doctorEnvOk', { files: present.map((f) => `${f.path} (${modeString(f.mode!)})`) }], fix: null, details: { files: details } };
  }
  return {
    status,
    summary: [
      'doctorEnvExposed',
      { list: exposed.map((e) => `${e.path} (${e.mode}${e.secrets.length ? `: ${e.secrets.join(', ')}` : ''})`).join('; ') },
    ],
    fix: ['doctorEnvFix', { files: exposed.map((e) => shellQuote(e.path)).join(' ') }],
    details: { files: details },
  };
}

/** Quotes a path for a command the user copies (only when needed). */
export function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./@%+=:,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
