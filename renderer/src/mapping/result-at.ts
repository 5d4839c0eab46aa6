import { parsePath, resolvePath } from '@shared/workflow/mapping';

/** The value a field wrote at `target` in the mapped output; undefined if none or unparsable. */
export function resultAt(output: Record<string, unknown>, target: string): unknown {
  try {
    return resolvePath(output, parsePath(target));
  } catch {
    return undefined;
  }
}
