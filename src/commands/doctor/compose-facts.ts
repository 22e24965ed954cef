// The compose check: which compose reprise drives, and whether it accepts the project's files.
import type { Project } from '../../config/project';
import { composeCheck, composeMissingCheck, type DoctorCheck } from '../../domain/doctor';
import type { Lang } from '../../domain/messages';
import type { HostDiagnostics } from '../../engines/engine';

export async function composeFacts(lang: Lang, host: HostDiagnostics, env: NodeJS.ProcessEnv, project: Project | null): Promise<DoctorCheck> {
  const forced = env.REPRISE_COMPOSE ?? null;
  let tool;
  try {
    tool = await host.composeTool();
  } catch (e) {
    return composeMissingCheck(lang, forced, e);
  }
  return composeCheck(lang, forced, tool, project ? await host.composeFiles(project) : null);
}
