// `reprise doctor`: the diagnostic toolbox of seed §9.1 (`docker-compose ps`, `docker stats`, `df -h`,
// `free -h`) plus the configuration problems reprise can see, as checks with findings and fixes.
// Read-only: never creates .reprise/, never takes the lock; keeps going when the engine is down or the
// configuration is invalid (those become failed checks, and the checks needing them are skipped).
// The facts are gathered once (doctor/context.ts), the checks are a table (doctor/table.ts), the
// judgements are pure (domain/doctor/).
import type { DoctorResult } from '../domain/doctor';
import { redactDeep } from '../domain/redact';
import type { Lang } from '../domain/messages';
import { secretValues } from '../domain/redact';
import { gather, type DoctorInput } from './doctor/context';
import { fallbackEnvVars } from './doctor/file-facts';
import { DOCTOR_CHECKS, runChecks } from './doctor/table';

export type { CheckStatus, DoctorCheck, DoctorCheckId, DoctorResult } from '../domain/doctor';
export type { DoctorInput } from './doctor/context';

export async function doctor(input: DoctorInput): Promise<{ result: DoctorResult; lang: Lang }> {
  const c = await gather(input);
  try {
    const checks = await runChecks(DOCTOR_CHECKS, c);
    // nothing derived from the environment or the env file may carry a secret value
    const { project, dir, env } = c;
    const fileValues = project ? project.envFileVars.flatMap((f) => [...f.vars.entries()]) : [];
    const secrets = secretValues([...(project?.envVars ?? fallbackEnvVars(dir, input.options.envFile)).entries(), ...fileValues, ...Object.entries(env)]);
    const result: DoctorResult = {
      ok: checks.every((x) => x.status !== 'fail'),
      project: project?.name ?? null,
      projectDir: dir,
      checks: checks.map((x) => redactDeep(x, secrets)),
    };
    return { result, lang: c.lang };
  } finally {
    c.store?.close();
  }
}
