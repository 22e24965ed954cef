// config: reprise.yml and the compose files read into a project, or why they could not be.
import { isRepriseError } from '../errors';
import { hint, t, type Lang } from '../messages';
import type { VersionedService } from '../types';
import type { DoctorCheck } from './check';
import { errorText } from './report';

/** The project as the config check reports it (structural: the loaded project fits). */
export interface ProjectFacts {
  name: string;
  environment: string | null;
  composeFiles: string[];
  envFiles: string[];
  versioned: VersionedService[];
  infrastructure: string[];
}

/** `configFile`: the configuration file when it exists (null: defaults only). */
export function configCheck(lang: Lang, p: ProjectFacts, configFile: string | null): DoctorCheck {
  return {
    id: 'config',
    status: 'ok',
    summary: t(lang, 'doctorConfigOk', {
      project: p.name,
      count: p.versioned.length,
      services: p.versioned.map((s) => s.name),
      files: p.composeFiles,
      envFile: p.envFiles.length ? p.envFiles : '-',
      config: configFile ?? t(lang, 'doctorNoConfigFile'),
    }),
    details: {
      configFile,
      project: p.name,
      environment: p.environment,
      composeFiles: p.composeFiles,
      envFile: p.envFiles[0] ?? null,
      envFiles: p.envFiles,
      versioned: p.versioned.map((s) => ({ service: s.name, repository: s.repository, tagVariable: s.tagVariable, oneShot: s.oneShot, healthUrl: s.healthUrl })),
      infrastructure: p.infrastructure,
    },
    fix: null,
  };
}

/** The project could not be loaded: the error is the finding. */
export function configFailedCheck(lang: Lang, e: unknown): DoctorCheck {
  return {
    id: 'config',
    status: 'fail',
    summary: t(lang, 'doctorConfigFail', { reason: errorText(lang, e) }),
    details: isRepriseError(e) ? { code: e.code, ...e.details } : { error: errorText(lang, e) },
    fix: (isRepriseError(e) ? hint(lang, e.key, e.params) : null) ?? t(lang, 'doctorConfigFix'),
  };
}
