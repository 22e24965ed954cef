// Several env files read as compose v2 reads them (`--env-file A --env-file B`): in order, a variable of a
// later file overriding the same variable of an earlier one. Pure: the texts are read by the caller.
import { parseEnvFile } from './env-file';

export interface EnvFileText {
  /** how the file is named in a merged text (its path relative to the project directory) */
  label: string;
  text: string;
}

/** The variables of every file, later files overriding earlier ones (compose v2's order). */
export function mergeEnvVars(maps: Array<Map<string, string>>): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of maps) for (const [k, v] of m) out.set(k, v);
  return out;
}

/**
 * One env file holding what several say, for compose's single `--env-file` (`.env.rollback`) or a snapshot:
 * one file → its text exactly; several → each text in order under a `# from LABEL` line (a later assignment
 * of a variable wins, as across the files), every text ending with a newline. Every line is kept as it is.
 */
export function concatEnvTexts(files: EnvFileText[]): string {
  if (files.length === 0) return '';
  if (files.length === 1) return files[0].text;
  const eol = files.some((f) => f.text.includes('\r\n')) ? '\r\n' : '\n';
  return files
    .map((f) => {
      const body = f.text.length === 0 || f.text.endsWith('\n') ? f.text : f.text + eol;
      return `# from ${f.label.replace(/[\r\n]/g, ' ')}${eol}${body}`;
    })
    .join('');
}

/** The merged variables of texts given in order (convenience: parse each, then merge). */
export function mergeEnvTexts(texts: string[]): Map<string, string> {
  return mergeEnvVars(texts.map((t) => parseEnvFile(t)));
}
