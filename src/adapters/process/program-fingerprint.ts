// What a detection of the docker and compose programs depends on, as one string: the PATH, the docker
// CLI's configuration folder, and for each program and compose plugin candidate, where it is with its
// inode, size and modification time (or that it is absent). An upgrade, a removal or another PATH changes
// it; an unchanged machine gives the same string, so the detection's answer can be reused.
import { statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** docker CLI plugin folders, after $DOCKER_CONFIG/cli-plugins (the docker CLI's own list on Linux) */
const SYSTEM_PLUGIN_DIRS = ['/usr/local/lib/docker/cli-plugins', '/usr/local/libexec/docker/cli-plugins', '/usr/lib/docker/cli-plugins', '/usr/libexec/docker/cli-plugins'];

function stamp(file: string): string {
  try {
    const s = statSync(file);
    return `${file}:${s.ino}:${s.size}:${s.mtimeMs}`;
  } catch {
    return `${file}:-`;
  }
}

/** The first `name` on the PATH that exists, else null (like the shell's lookup, without running it). */
function onPath(name: string, env: NodeJS.ProcessEnv): string | null {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const file = join(dir, name);
    try {
      if (statSync(file).isFile()) return file;
    } catch {
      // not here
    }
  }
  return null;
}

export function composeProgramsFingerprint(env: NodeJS.ProcessEnv): string {
  const configDir = env.DOCKER_CONFIG || join(env.HOME ?? '', '.docker');
  const programs = ['docker', 'docker-compose'].map((name) => {
    const file = onPath(name, env);
    return file ? stamp(file) : `${name}:-`;
  });
  const plugins = [join(configDir, 'cli-plugins'), ...SYSTEM_PLUGIN_DIRS].map((d) => join(d, 'docker-compose'));
  return [
    `PATH=${env.PATH ?? ''}`,
    `REPRISE_COMPOSE=${env.REPRISE_COMPOSE ?? ''}`,
    ...programs,
    // cliPluginsExtraDirs in config.json adds plugin folders
    stamp(join(configDir, 'config.json')),
    ...plugins.map(stamp),
  ].join('\n');
}
