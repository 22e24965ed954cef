// An incident's report keeps its follow-up (issue 23): acknowledgement, resolution, post-mortem and every message
// the incident clock sent are appended to report.md under one "Suivi / Follow-up" heading, each as one dated
// line, masked. The read-append-write runs under the store's write lock, so two processes never lose a line.
import { lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writePrivateFile } from '../../adapters/fs/private';
import type { Incident } from '../../domain/incidents';
import { redact } from '../../domain/redact';
import { projectSecrets, type OpContext } from '../context';

const HEADING = '## Suivi / Follow-up';

/** Appends one line to the incident's report; a report that cannot be written is a warning, never an error. */
export function appendFollowUp(ctx: Pick<OpContext, 'project' | 'env' | 'store' | 'now' | 'out'>, incident: Incident, text: string): void {
  if (!incident.report) return;
  const file = join(ctx.project.dir, incident.report, 'report.md');
  try {
    ctx.store.exclusive(() => {
      const st = lstatSync(file);
      if (!st.isFile()) throw new Error(`${incident.report}/report.md is not a plain file`);
      let body = readFileSync(file, 'utf8');
      if (!body.includes(`\n${HEADING}\n`)) body = `${body.replace(/\n*$/, '\n')}\n${HEADING}\n\n`;
      const line = `- ${ctx.now().toISOString()} — ${redact(text, projectSecrets(ctx)).replace(/\s*\n\s*/g, ' ')}`;
      writePrivateFile(file, `${body.replace(/\n*$/, '\n')}${line}\n`);
    });
  } catch (e) {
    ctx.out.warn(`incident #${incident.id}: ${(e as Error).message}`);
  }
}
