// Every command, in the order `reprise --help` lists them.
import * as dashboard from './dashboard';
import * as deploy from './deploy';
import * as doctor from './doctor';
import * as emergency from './emergency';
import * as history from './history';
import * as incident from './incident';
import * as init from './init';
import * as lock from './lock';
import * as monitor from './monitor';
import * as notify from './notify';
import * as promote from './promote';
import * as prune from './prune';
import * as rollback from './rollback';
import * as serve from './serve';
import type { Register } from './shared';
import * as ship from './ship';
import * as snapshots from './snapshots';
import * as status from './status';
import * as verify from './verify';
import * as versions from './versions';

export const COMMANDS: readonly Register[] = [
  init.register,
  deploy.register,
  rollback.register,
  verify.register,
  versions.register,
  history.register,
  status.register,
  monitor.register,
  emergency.register,
  promote.register,
  prune.register,
  ship.register,
  snapshots.register,
  doctor.register,
  notify.register,
  dashboard.register,
  serve.register,
  incident.register,
  lock.register,
];
