// A status snapshot for incident folders: never throws.
import type { OpContext } from '../context';
import { status } from '../resolve/status';

export async function snapshot(ctx: OpContext): Promise<unknown> {
  try {
    return await status(ctx);
  } catch (e) {
    return { error: (e as Error).message };
  }
}
