/** Compose-style ${VAR}, ${VAR:-default}, ${VAR-default} and $VAR substitution from a lookup. */
export function interpolate(text: string, lookup: (name: string) => string | undefined): string {
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_m, braced, op, def, bare) => {
    const name = (braced ?? bare) as string;
    const value = lookup(name);
    if (op === ':-') return value ? value : (def as string);
    if (op === '-') return value !== undefined ? value : (def as string);
    return value ?? '';
  });
}

/** The image template `repo:${VAR...}` of a versioned service, split; null when the tag is not a variable. */
export function parseImageTemplate(image: string): { repository: string; tagVariable: string } | null {
  const m = /^([^${}\s]+):\$\{?([A-Za-z_][A-Za-z0-9_]*)(?::?-[^}]*)?\}?$/.exec(image.trim());
  if (!m) return null;
  return { repository: m[1], tagVariable: m[2] };
}
