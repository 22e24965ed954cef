// reprise.yml (SPEC §7): every key optional, unknown keys refused.
import { z } from 'zod';
import { parseDuration } from '../domain/duration';
import { isSqlKind, schemaHeadSetting } from '../domain/schema-head';

const duration = z.union([z.string(), z.number()]).refine((v) => parseDuration(v) !== null, {
  message: 'expected a duration such as 500ms, 5s, 2m',
});

const health = z
  .object({
    url: z.string().min(1).optional(), // may hold ${VAR:-default}; checked after interpolation
    timeout: duration.optional(),
  })
  .strict();

const service = z
  .object({
    health: health.optional(),
    one_shot: z.boolean().optional(),
    /** start-first (new container beside the old one behind the proxy) or recreate; automatic when absent */
    strategy: z.enum(['start-first', 'recreate']).optional(),
  })
  .strict();

/** the project's env file(s): a path or a list, read in order (compose v2 takes several `--env-file`) */
const envFiles = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

const projectName = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'lowercase letters, digits, "_" and "-"');

const environment = z
  .object({
    project: projectName.optional(),
    compose_files: z.array(z.string().min(1)).min(1).optional(),
    env_file: envFiles.optional(),
    /** keep the tag-variable lines of this environment's env files in step with what runs (default: the top level's) */
    sync_env_file: z.boolean().optional(),
    /** this environment's engine (e.g. staging on compose, production on a swarm) */
    engine: z.enum(['compose', 'swarm']).optional(),
  })
  .strict();

const stringList = z.array(z.string());

/** the name of an environment variable (its value is read from the environment or the env file, never written here) */
const envVarName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/, 'an environment variable name (letters, digits, "_")');

export const configSchema = z
  .object({
    project: projectName.optional(),
    compose_files: z.array(z.string().min(1)).min(1).optional(),
    env_file: envFiles.optional(),
    /** after every release, the tag-variable lines of the env files name what runs (default true) */
    sync_env_file: z.boolean().optional(),
    lang: z.enum(['fr', 'en']).optional(),
    engine: z.enum(['compose', 'swarm']).optional(),
    services: z.record(z.string(), service.nullable()).optional(),
    health: z
      .object({ timeout: duration.optional(), interval: duration.optional(), readiness_delay: duration.optional() })
      .strict()
      .optional(),
    thresholds: z
      .object({
        response_time_ms: z.number().positive().optional(),
        error_rate_percent: z.number().min(0).max(100).optional(),
        availability_percent: z.number().min(0).max(100).optional(),
        cpu_percent: z.number().min(0).max(100).optional(),
        memory_percent: z.number().min(0).max(100).optional(),
        degradation_percent: z.number().min(0).optional(),
        degradation_min_ms: z.number().min(0).optional(),
      })
      .strict()
      .optional(),
    log_patterns: stringList.optional(),
    keep_versions: z.number().int().min(1).optional(),
    /** the reverse proxy run by the stack itself, in front of the services released start-first */
    proxy: z
      .object({
        service: z.string().min(1),
        kind: z.enum(['nginx']).optional(),
        /** versioned service → the container port the proxy forwards to */
        upstreams: z.record(z.string(), z.number().int().min(1).max(65535)),
        /** directory inside the proxy container holding one <service>.conf per upstream */
        pin_dir: z.string().regex(/^\/[A-Za-z0-9._/-]*$/, 'an absolute path inside the proxy container').optional(),
        drain_timeout: duration.optional(),
      })
      .strict()
      .optional(),
    /**
     * a router outside the project (Traefik, Caddy, HAProxy, nginx…) that finds the services' containers by
     * themselves: by Docker labels (skipping containers that are not healthy) or by the service's DNS name
     */
    router: z
      .object({
        kind: z.enum(['dns', 'labels']),
        /** versioned services it routes to: released start-first beside their running container */
        services: z.array(z.string().min(1)).min(1),
        /** how long the router takes to see a change (its DNS re-resolution or event delay; default 2s) */
        settle: duration.optional(),
      })
      .strict()
      .optional(),
    /**
     * stateful services and how to snapshot them before a release that runs migrations (issue 22): `postgres`
     * (pg_dump -Fc through the Engine API's exec, with the container's own credentials), `mysql`/`mariadb`
     * (mariadb-dump or mysqldump, the same way), `redis` (BGSAVE + copy), `volume` (its named volumes as a tar)
     */
    data: z
      .object({
        /** migrations (default): before a release whose plan runs a one-shot service; always; never */
        snapshot: z.enum(['migrations', 'always', 'never']).optional(),
        /** how long one dump or restore may take (default 30m); a restore out of time is stopped and rolled back */
        timeout: duration.optional(),
        services: z.record(z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$/, 'a compose service name'), z.object({ kind: z.enum(['postgres', 'mysql', 'mariadb', 'redis', 'volume']) }).strict()),
        /**
         * how to read the schema head recorded with each release: a `query` (first column of the first row, run
         * by psql or the mariadb/mysql client in that database service's container) or a `command` (argument list run in that service's
         * running container; its last output line)
         */
        schema: z
          .object({ service: z.string().min(1), query: z.string().min(1).max(2000).optional(), command: z.array(z.string().min(1)).min(1).optional() })
          .strict()
          .refine((s) => (s.query === undefined) !== (s.command === undefined), { message: 'give exactly one of query and command' })
          .optional(),
        /**
         * SPEC's short form of `schema`: one SQL query (`["SELECT version_num FROM alembic_version"]`) run in the
         * first postgres, mysql or mariadb service of data.services, or a command (argument list) run in the first service of
         * data.services
         */
        schema_head: z.array(z.string().min(1).max(2000)).min(1).optional(),
      })
      .strict()
      .refine((d) => d.schema === undefined || d.schema_head === undefined, { message: 'give schema or schema_head, not both', path: ['schema_head'] })
      .refine((d) => d.schema?.query === undefined || isSqlKind(d.services[d.schema.service]?.kind), { message: 'schema.query needs schema.service to be a postgres, mysql or mariadb service of data.services', path: ['schema', 'service'] })
      .refine((d) => d.schema_head === undefined || schemaHeadSetting(d.schema_head, d.services) !== null, { message: 'a query needs a postgres, mysql or mariadb service in data.services, a command a service in data.services', path: ['schema_head'] })
      .optional(),
    environments: z.record(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/), environment).optional(),
    notifications: z
      .object({
        telegram: z.object({ enabled: z.boolean().optional() }).strict().optional(),
        email: z.object({ to: z.string().optional() }).strict().optional(),
        webhook: z.object({ url: z.string().optional() }).strict().optional(),
        /** Slack incoming webhook / Teams workflow webhook: the variable holding its URL (default SLACK_WEBHOOK_URL / TEAMS_WEBHOOK_URL) */
        slack: z.object({ webhook_url_env: envVarName.optional() }).strict().optional(),
        teams: z.object({ webhook_url_env: envVarName.optional() }).strict().optional(),
      })
      .strict()
      .optional(),
    /** seed §6.2 / §6.3: reminders when an incident is not resolved, or has no post-mortem, by these delays after it opened */
    incidents: z.object({ investigation_deadline: duration.optional(), postmortem_deadline: duration.optional() }).strict().optional(),
    /**
     * seed §8: while an incident is not acknowledged, each level's contacts are notified once its delay has passed
     * (Telegram chat ids and e-mail addresses; slack/teams/webhook: true sends to the project's configured one)
     */
    escalation: z
      .object({
        levels: z
          .array(
            z
              .object({
                after: duration,
                telegram: z.array(z.union([z.string(), z.number()]).transform(String)).optional(),
                email: z.array(z.string().regex(/^[^\s@<>,;]+@[^\s@<>,;]+$/, 'an e-mail address')).optional(),
                slack: z.boolean().optional(),
                teams: z.boolean().optional(),
                webhook: z.boolean().optional(),
              })
              .strict(),
          )
          .min(1)
          .max(10)
          .refine((ls) => ls.every((l, i) => i === 0 || (parseDuration(l.after) ?? 0) >= (parseDuration(ls[i - 1].after) ?? 0)), { message: 'levels must be in order of their delay (after)' }),
      })
      .strict()
      .optional(),
    hooks: z
      .object({
        pre_deploy: stringList.optional(),
        post_deploy: stringList.optional(),
        pre_rollback: stringList.optional(),
        post_rollback: stringList.optional(),
        on_failure: stringList.optional(),
        /** how long one hook command may run before it is stopped (default 5m) */
        timeout: duration.optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type RawConfig = z.infer<typeof configSchema>;
