import { ConnectorError } from '@shared/connectors/errors';
import { parsePath, resolvePath, type PathSegment } from '@shared/workflow/mapping';

/** A configured path into a JSON answer (`data.items`); empty is the answer itself. */
export function compileResponsePath(path: string, field: string): PathSegment[] {
  if (path.trim() === '') return [];
  try {
    return parsePath(path.trim());
  } catch (error) {
    throw new ConnectorError('invalid_input', `${field}: ${(error as Error).message}.`, {
      retryable: false,
    });
  }
}

export function valueAt(body: unknown, path: readonly PathSegment[]): unknown {
  return resolvePath(body, path);
}

/** The list at `path` in an answer; anything else is an answer Switchyard cannot read. */
export function listAt(body: unknown, path: string, where: string): unknown[] {
  const value = valueAt(body, compileResponsePath(path, 'Items at'));
  if (Array.isArray(value)) return value;
  const place = path.trim() === '' ? 'The answer' : `"${path.trim()}" in the answer`;
  throw new ConnectorError(
    'unexpected_response',
    `${place} is not a list (it is ${describe(value)}) (${where}). Check “Items at”.`,
    { retryable: false },
  );
}

function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
