import { z } from 'zod';
import { compileExpression, ExpressionText, type CompiledExpression } from './expressions';
import {
  formatPath,
  parsePath,
  resolvePath,
  setPath,
  SourcePath,
  TargetPath,
  type PathSegment,
  type Scope,
} from './paths';
import { compileTemplate, TemplateString } from './templates';
import {
  compileTransform,
  Transform,
  TransformFailure,
  type CompiledTransform,
} from './transforms';
import { compileValidation, Validation, type CompiledValidation } from './validations';
import { isMissing } from './values';

export const FieldSource = z.discriminatedUnion('kind', [
  z
    .object({ kind: z.literal('path'), path: SourcePath })
    .describe("The value at a path in an earlier node's output"),
  z.object({ kind: z.literal('literal'), value: z.unknown() }).describe('A fixed value'),
  z
    .object({ kind: z.literal('template'), template: TemplateString })
    .describe('Text with {{node.path}} references; a lone {{…}} keeps the value as is'),
  z
    .object({ kind: z.literal('expression'), expression: ExpressionText })
    .describe('A JSONata expression over the outputs of earlier nodes'),
]);
export type FieldSource = z.infer<typeof FieldSource>;

export const MappingField = z.object({
  target: TargetPath,
  source: FieldSource,
  required: z
    .boolean()
    .optional()
    .describe('Report a problem when there is no value and no default'),
  default: z.unknown().optional().describe('Used as is (not transformed) when there is no value'),
  transforms: z.array(Transform).max(20).default([]).describe('Applied in order'),
  validation: Validation.optional().describe('Checked on the transformed value'),
});
export type MappingField = z.infer<typeof MappingField>;

export const MAX_MAPPING_FIELDS = 500;

export const Mapping = z
  .object({
    fields: z.array(MappingField).max(MAX_MAPPING_FIELDS),
    twoWay: z
      .boolean()
      .optional()
      .describe('Also write changes back to the source (see reverseMapping)'),
  })
  .superRefine((mapping, ctx) => {
    const owners = new Map<string, number>();
    const targets = mapping.fields.map((field) => {
      try {
        return parsePath(field.target);
      } catch {
        return undefined; // TargetPath reports it
      }
    });
    targets.forEach((segments, i) => {
      if (!segments) return;
      const key = formatPath(segments);
      const owner = owners.get(key);
      if (owner === undefined) owners.set(key, i);
      else {
        const message = `"${key}" is already the target of field ${owner + 1}`;
        ctx.addIssue({ code: 'custom', path: ['fields', i, 'target'], message });
      }
    });
    targets.forEach((segments, i) => {
      for (let length = 1; segments && length < segments.length; length++) {
        const outer = owners.get(formatPath(segments.slice(0, length)));
        if (outer === undefined) continue;
        const message = `field ${outer + 1} writes "${mapping.fields[outer]!.target}", so nothing can be written inside it`;
        ctx.addIssue({ code: 'custom', path: ['fields', i, 'target'], message });
        break;
      }
    });
  });
export type Mapping = z.infer<typeof Mapping>;
export type MappingInput = z.input<typeof Mapping>;

export type MappingProblemCode =
  | 'missing_required'
  | 'validation_failed'
  | 'type_mismatch'
  | 'transform_failed'
  | 'expression_failed';

export interface MappingProblem {
  /** The field's target. */
  field: string;
  code: MappingProblemCode;
  message: string;
}

export interface MappingResult {
  value: Record<string, unknown>;
  problems: MappingProblem[];
}

export interface CompileMappingOptions {
  /** Budget of one JSONata evaluation; default 1000. */
  expressionTimeoutMs?: number;
  /** How deeply one JSONata evaluation may nest; default 100. */
  expressionMaxDepth?: number;
}

export interface CompiledMapping {
  readonly hasExpressions: boolean;
  evaluate(scope: Scope): Promise<MappingResult>;
  /** The same without a promise; throws when the mapping has expression fields. */
  evaluateSync(scope: Scope): MappingResult;
}

interface CompiledField {
  target: string;
  segments: readonly PathSegment[];
  /** The output key when the target is one plain name (most fields). */
  key: string | undefined;
  read: ((scope: Scope) => unknown) | undefined;
  expression: CompiledExpression | undefined;
  transforms: CompiledTransform[];
  required: boolean;
  hasDefault: boolean;
  defaultValue: unknown;
  validate: CompiledValidation | undefined;
  sourceLabel: string;
}

/**
 * Compiles a mapping that passed the `Mapping` schema: paths, templates, regexes, time zones
 * and formats are prepared once. A JSONata syntax error does not throw: each evaluation reports
 * it as an `expression_failed` problem, so a live preview can show it next to the field.
 */
export function compileMapping(
  mapping: Mapping,
  options: CompileMappingOptions = {},
): CompiledMapping {
  const limits = {
    timeoutMs: Math.max(1, options.expressionTimeoutMs ?? 1000),
    maxDepth: Math.max(1, options.expressionMaxDepth ?? 100),
  };
  const fields = mapping.fields.map((field) => compileField(field, limits));
  const hasExpressions = fields.some((field) => field.expression !== undefined);

  const evaluateSync = (scope: Scope): MappingResult => {
    if (hasExpressions) {
      throw new Error(
        'This mapping has JSONata expression fields; use evaluate(), which is asynchronous',
      );
    }
    const value: Record<string, unknown> = {};
    const problems: MappingProblem[] = [];
    for (const field of fields) finishField(field, field.read!(scope), value, problems);
    return { value, problems };
  };

  const evaluateWithExpressions = async (scope: Scope): Promise<MappingResult> => {
    const outcomes = await Promise.all(
      fields.map((field) => (field.expression?.ok ? field.expression.evaluate(scope) : undefined)),
    );
    const value: Record<string, unknown> = {};
    const problems: MappingProblem[] = [];
    fields.forEach((field, i) => {
      const expression = field.expression;
      if (!expression) return finishField(field, field.read!(scope), value, problems);
      const outcome = expression.ok ? outcomes[i]! : expression;
      if (!outcome.ok) {
        problems.push({ field: field.target, code: 'expression_failed', message: outcome.message });
        return;
      }
      finishField(field, outcome.value, value, problems);
    });
    return { value, problems };
  };

  return {
    hasExpressions,
    evaluateSync,
    evaluate: (scope) => {
      if (hasExpressions) return evaluateWithExpressions(scope);
      try {
        return Promise.resolve(evaluateSync(scope));
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    },
  };
}

export function evaluateMapping(
  mapping: Mapping,
  scope: Scope,
  options?: CompileMappingOptions,
): Promise<MappingResult> {
  return compileMapping(mapping, options).evaluate(scope);
}

function compileField(
  field: MappingField,
  limits: { timeoutMs: number; maxDepth: number },
): CompiledField {
  const segments = parsePath(field.target);
  const only = segments.length === 1 ? segments[0] : undefined;
  const source = field.source;
  let read: CompiledField['read'];
  let expression: CompiledExpression | undefined;
  let sourceLabel: string;
  switch (source.kind) {
    case 'path': {
      const path = parsePath(source.path);
      read = (scope) => resolvePath(scope, path);
      sourceLabel = source.path;
      break;
    }
    case 'literal': {
      const literal = source.value;
      read = () => literal;
      sourceLabel = 'the fixed value';
      break;
    }
    case 'template':
      read = compileTemplate(source.template);
      sourceLabel = 'the template';
      break;
    case 'expression':
      expression = compileExpression(source.expression, limits);
      sourceLabel = 'the expression';
      break;
  }
  return {
    target: field.target,
    segments,
    key: typeof only === 'string' && only !== '__proto__' ? only : undefined,
    read,
    expression,
    transforms: (field.transforms ?? []).map(compileTransform),
    required: field.required === true,
    hasDefault: field.default !== undefined,
    defaultValue: field.default,
    validate: field.validation ? compileValidation(field.validation) : undefined,
    sourceLabel,
  };
}

function finishField(
  field: CompiledField,
  raw: unknown,
  out: Record<string, unknown>,
  problems: MappingProblem[],
): void {
  let value = raw;
  for (const transform of field.transforms) {
    value = transform(value);
    if (value instanceof TransformFailure) {
      problems.push({ field: field.target, code: value.code, message: value.message });
      return;
    }
  }
  if (isMissing(value)) {
    if (field.hasDefault) value = field.defaultValue;
    else {
      if (field.required) {
        const message = `required, but ${field.sourceLabel} has no value`;
        problems.push({ field: field.target, code: 'missing_required', message });
      }
      return;
    }
  } else if (field.validate) {
    const problem = field.validate(value);
    if (problem !== undefined) {
      problems.push({ field: field.target, code: 'validation_failed', message: problem });
      return;
    }
  }
  if (field.key !== undefined) out[field.key] = value;
  else setPath(out, field.segments, value);
}
