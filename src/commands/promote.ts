// promote VERSION --from staging --to production (seed §7.2): deploy to one environment a version that was
// released and verified healthy on another; refused otherwise (unless --force), with the reason.
import { RepriseError } from '../domain/errors';
import { t } from '../domain/messages';
import { say, warn, type OpContext } from '../release/context';
import { deploy, type DeployResult } from './deploy';
import { loadEnvironment, verificationOf, type Verification } from '../release/resolve/environments';

export interface PromoteOptions {
  version: string;
  from: string;
  force: boolean;
  message: string | null;
}

export interface PromoteResult extends DeployResult {
  promotedFrom: { environment: string; project: string; verification: Verification; forced: boolean };
}

/** `ctx` is the context of the target environment (--to). */
export async function promote(ctx: OpContext, opts: PromoteOptions): Promise<PromoteResult> {
  const from = loadEnvironment(ctx, opts.from);
  const verification = verificationOf(ctx.store.listReleases(from.name), ctx.store.listEvents(from.name, { limit: 500 }), opts.version);
  const to = ctx.project.environment ?? ctx.project.name;
  if (!verification.verified) {
    const params = { version: opts.version, from: opts.from, to, reason: t(ctx.lang, reasonKey(verification.reason), { version: opts.version, from: opts.from, at: verification.at ?? '-' }) };
    if (!opts.force) {
      ctx.store.addEvent(ctx.project.name, 'promote_refused', t('en', 'promoteRefused', params), { version: opts.version, from: opts.from, reason: verification.reason });
      throw new RepriseError('NOT_VERIFIED', 'promoteRefused', params, { version: opts.version, from: opts.from, to, reason: verification.reason });
    }
    warn(ctx, 'promoteForced', params);
  } else {
    say(ctx, 'promoteVerified', { version: opts.version, from: opts.from, at: verification.at });
  }
  const note = opts.force && !verification.verified ? `promoted from ${opts.from} (forced: not verified there)` : `promoted from ${opts.from}`;
  const r = await deploy(ctx, { version: opts.version, message: opts.message ? `${opts.message} — ${note}` : note });
  ctx.store.addEvent(ctx.project.name, 'promoted', `${opts.version} promoted from ${opts.from} to ${to}`, { version: opts.version, from: opts.from, forced: opts.force && !verification.verified, releaseId: r.releaseId ?? null });
  return { ...r, promotedFrom: { environment: opts.from, project: from.name, verification, forced: opts.force && !verification.verified } };
}

function reasonKey(reason: Exclude<Verification, { verified: true }>['reason']) {
  switch (reason) {
    case 'never_released':
      return 'promoteNeverReleased' as const;
    case 'last_release_failed':
      return 'promoteLastFailed' as const;
    case 'rolled_back_from':
      return 'promoteRolledBackFrom' as const;
    case 'verify_failed':
      return 'promoteVerifyFailed' as const;
  }
}
