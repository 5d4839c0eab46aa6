import { compileDate } from './date-transform';
import type { Mapping, MappingField } from './mapping';
import { formatPath, parsePath, type PathSegment } from './paths';
import { TransformFailure } from './transform-failure';
import type { Transform, TransformOf, TransformOp } from './transforms';

/** Something of the forward mapping that cannot be written back. */
export interface ReverseFlag {
  /** The forward field's target. */
  field: string;
  /** The transform's op, when the flag is about one transform (left out of the reverse). */
  transform?: TransformOp;
  reason: string;
}

export interface ReverseMappingResult {
  mapping: Mapping;
  flagged: ReverseFlag[];
}

export interface ReverseMappingOptions {
  /** The node whose output the reverse mapping reads (the forward output); default `trigger`. */
  sourceNodeId?: string;
}

const SOURCE_REASONS = {
  literal: 'a fixed value has no source to write back to',
  template: 'a template combines values, so it has no single path to write back to',
  expression: 'an expression has no single path to write back to',
} as const;

const LOSSY_REASONS: Partial<Record<TransformOp, string>> = {
  trim: 'the removed leading and trailing spaces cannot be restored',
  lowercase: 'the original capitalisation cannot be restored',
  uppercase: 'the original capitalisation cannot be restored',
  title_case: 'the original capitalisation cannot be restored',
  remove_spaces: 'the removed spaces cannot be restored',
  phone_e164: 'the way the number was originally written cannot be restored',
  replace: 'the replaced text cannot be restored',
  truncate: 'the cut-off text cannot be restored',
  to_text: 'whether the original was a number or a yes/no value is not known',
};

/**
 * The mapping that writes a forward mapping's output back to its source: each field reads
 * `<sourceNodeId>.<forward target>` and writes the forward source path (without its node id).
 * Invertible transforms are inverted in reverse order: `date` swaps from/to (same zone),
 * `split` and `join` swap (same separator), `number` and `boolean` become `to_text` (numbers
 * without grouping, booleans as "true"/"false"). Lossy transforms are flagged and left out;
 * defaults and validations do not carry over.
 */
export function reverseMapping(
  mapping: Mapping,
  options: ReverseMappingOptions = {},
): ReverseMappingResult {
  const sourceNodeId = options.sourceNodeId ?? 'trigger';
  const flagged: ReverseFlag[] = [];
  const fields: MappingField[] = [];
  const written = new Set<string>();
  const enclosing = new Set<string>();

  for (const field of mapping.fields) {
    const flag = (reason: string, transform?: TransformOp) =>
      flagged.push(
        transform ? { field: field.target, transform, reason } : { field: field.target, reason },
      );
    if (field.source.kind !== 'path') {
      flag(SOURCE_REASONS[field.source.kind]);
      continue;
    }
    const [nodeId, ...inside] = parsePath(field.source.path);
    if (inside.length === 0) {
      flag(
        `it maps the whole output of "${String(nodeId)}", which has no place to be written back`,
      );
      continue;
    }
    const conflict = targetConflict(inside, written, enclosing);
    if (conflict) {
      flag(conflict);
      continue;
    }
    const transforms: Transform[] = [];
    for (const transform of [...field.transforms].reverse()) {
      const inverse = inverseOf(transform);
      if (typeof inverse === 'string') flag(inverse, transform.op);
      else transforms.push(inverse);
    }
    const target = formatPath(inside);
    written.add(target);
    for (let length = 1; length < inside.length; length++)
      enclosing.add(formatPath(inside.slice(0, length)));
    fields.push({
      target,
      source: { kind: 'path', path: formatPath([sourceNodeId, ...parsePath(field.target)]) },
      transforms,
      ...(field.required ? { required: true } : {}),
    });
  }
  const reversed: Mapping = {
    fields,
    ...(mapping.twoWay === undefined ? {} : { twoWay: mapping.twoWay }),
  };
  return { mapping: reversed, flagged };
}

function targetConflict(
  segments: readonly PathSegment[],
  written: ReadonlySet<string>,
  enclosing: ReadonlySet<string>,
): string | undefined {
  if (segments.some((s) => s === '__proto__' || s === 'prototype' || s === 'constructor')) {
    return `"${formatPath(segments)}" cannot be written`;
  }
  const target = formatPath(segments);
  if (written.has(target) || enclosing.has(target)) {
    return `another field already writes back to "${target}"`;
  }
  for (let length = 1; length < segments.length; length++) {
    const outer = formatPath(segments.slice(0, length));
    if (written.has(outer))
      return `another field already writes back to "${outer}", which holds "${target}"`;
  }
  return undefined;
}

/** The inverse transform, or why there is none. */
function inverseOf(t: Transform): Transform | string {
  switch (t.op) {
    case 'split':
      return { op: 'join', separator: t.separator };
    case 'join':
      return t.separator === ''
        ? 'items joined without a separator cannot be told apart again'
        : { op: 'split', separator: t.separator };
    case 'number':
      return { op: 'to_text', decimalSeparator: t.decimalSeparator };
    case 'boolean':
      return { op: 'to_text', decimalSeparator: '.' };
    case 'date':
      return inverseDate(t);
    default:
      return LOSSY_REASONS[t.op] ?? 'it cannot be inverted';
  }
}

/** Probe instants, chosen so that every field differs (day/month, 12/24-hour, seconds). */
const PROBES = ['2001-02-03T16:05:06.789Z', '2023-11-28T04:59:01.001Z'];

function inverseDate(t: TransformOf<'date'>): Transform | string {
  if (t.from === 'auto') {
    return "the input format is 'auto', so the format to write back is unknown; choose an input format";
  }
  const inverse: TransformOf<'date'> = { op: 'date', from: t.to, to: t.from, zone: t.zone };
  const writeOriginal = compileDate({ op: 'date', from: 'iso', to: t.from, zone: t.zone });
  const forward = compileDate(t);
  const backward = compileDate(inverse);
  const exact = PROBES.every((probe) => {
    const original = writeOriginal(probe);
    return !(original instanceof TransformFailure) && backward(forward(original)) === original;
  });
  return exact
    ? inverse
    : `"${t.to}" keeps less than "${t.from}", so the original cannot be rebuilt`;
}
