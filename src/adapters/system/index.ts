export { collectSystemMetrics } from './system-metrics';
export type { DockerCounts } from './system-metrics';
export { defaultDockerdEnviron, hasIpvs, readMeminfo } from './proc';
export { fileExists, fileMode, pathOwner, readTextOrNull, statfs } from './files';
