import { z } from 'zod';
import { parsePath, resolvePath, type PathSegment, type Scope } from './paths';

/** One `{{…}}` in a template: its trimmed content and where it starts. */
export interface Placeholder {
  expression: string;
  start: number;
  end: number;
}

export class TemplateSyntaxError extends Error {
  override readonly name = 'TemplateSyntaxError';
}

/** Every `{{…}}` in `text`, in order; throws on a `{{` that is never closed. */
export function scanPlaceholders(text: string): Placeholder[] {
  const found: Placeholder[] = [];
  let from = 0;
  for (;;) {
    const start = text.indexOf('{{', from);
    if (start < 0) return found;
    const close = text.indexOf('}}', start + 2);
    if (close < 0) {
      throw new TemplateSyntaxError(`Invalid template: "{{" at position ${start} is never closed`);
    }
    found.push({ expression: text.slice(start + 2, close).trim(), start, end: close + 2 });
    from = close + 2;
  }
}

export type CompiledTemplate = (scope: Scope) => unknown;

/**
 * A template that is exactly one `{{path}}` yields the raw value (objects and numbers kept);
 * otherwise each placeholder is interpolated as text (see `templateText`).
 */
export function compileTemplate(template: string): CompiledTemplate {
  const placeholders = scanPlaceholders(template);
  const paths = placeholders.map((p): PathSegment[] => {
    try {
      return parsePath(p.expression);
    } catch (error) {
      throw new TemplateSyntaxError(`Invalid template: ${(error as Error).message}`);
    }
  });
  if (placeholders.length === 0) return () => template;
  const only = placeholders[0]!;
  if (placeholders.length === 1 && only.start === 0 && only.end === template.length) {
    const path = paths[0]!;
    return (scope) => resolvePath(scope, path);
  }
  const literals: string[] = [];
  let from = 0;
  for (const p of placeholders) {
    literals.push(template.slice(from, p.start));
    from = p.end;
  }
  const tail = template.slice(from);
  return (scope) => {
    let text = '';
    for (let i = 0; i < paths.length; i++) {
      text += literals[i]! + templateText(resolvePath(scope, paths[i]!));
    }
    return text + tail;
  };
}

/** Renders once; compile with `compileTemplate` when the same template runs many times. */
export function renderTemplate(template: string, scope: Scope): unknown {
  return compileTemplate(template)(scope);
}

/** How a value reads inside text: missing is empty, objects and lists are JSON. */
export function templateText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'object')
    return value instanceof Date ? value.toISOString() : JSON.stringify(value);
  return String(value);
}

export const TemplateString = z
  .string()
  .max(10_000)
  .superRefine((template, ctx) => {
    try {
      compileTemplate(template);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
    }
  })
  .describe('Text with {{node.path}} references, e.g. "Hello {{trigger.first_name}}"');
