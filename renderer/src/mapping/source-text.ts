import {
  formatPath,
  parsePath,
  scanPlaceholders,
  type FieldSource,
} from '@shared/workflow/mapping';

const LONE_REFERENCE = /^\{\{\s*([^{}]+?)\s*\}\}$/;

const isPath = (text: string) => {
  try {
    return typeof parsePath(text)[0] === 'string';
  } catch {
    return false;
  }
};

/**
 * What the operator typed as a field's source: `{{trigger.email}}` is a path (the value as is),
 * text with `{{…}}` inside is a template, anything else is a fixed value.
 */
export function sourceFromText(text: string): FieldSource {
  const lone = LONE_REFERENCE.exec(text.trim());
  if (lone && isPath(lone[1]!)) return { kind: 'path', path: formatPath(parsePath(lone[1]!)) };
  if (text.includes('{{')) return { kind: 'template', template: text };
  return { kind: 'literal', value: text };
}

/** The text shown for a source in the source box. */
export function sourceToText(source: FieldSource): string {
  switch (source.kind) {
    case 'path':
      return `{{${source.path}}}`;
    case 'template':
      return source.template;
    case 'expression':
      return source.expression;
    case 'literal':
      return typeof source.value === 'string'
        ? source.value
        : source.value === undefined
          ? ''
          : JSON.stringify(source.value);
  }
}

/** The same value written as a JSONata expression, so switching to an expression keeps it. */
export function toExpression(source: FieldSource): string {
  switch (source.kind) {
    case 'expression':
      return source.expression;
    case 'path':
      return source.path;
    case 'literal':
      return source.value === undefined || source.value === '' ? '' : JSON.stringify(source.value);
    case 'template': {
      try {
        const parts: string[] = [];
        let from = 0;
        for (const p of scanPlaceholders(source.template)) {
          if (p.start > from) parts.push(JSON.stringify(source.template.slice(from, p.start)));
          parts.push(p.expression);
          from = p.end;
        }
        if (from < source.template.length) parts.push(JSON.stringify(source.template.slice(from)));
        return parts.join(' & ');
      } catch {
        return JSON.stringify(source.template);
      }
    }
  }
}

/** Back from an expression: a plain path stays a path; anything else starts empty. */
export function fromExpression(expression: string): FieldSource {
  const text = expression.trim();
  if (text !== '' && isPath(text)) return { kind: 'path', path: formatPath(parsePath(text)) };
  return { kind: 'literal', value: '' };
}

/** A target name for a field made by dropping `path`: its last name, made unique. */
export function targetFor(path: string, taken: ReadonlySet<string>): string {
  let base = 'field';
  try {
    const names = parsePath(path).filter((s): s is string => typeof s === 'string');
    base = names[names.length - 1] ?? base;
  } catch {
    // keep the generic name
  }
  if (!/^[\p{L}_][\p{L}\p{N}_-]*$/u.test(base)) base = 'field';
  return uniqueTarget(base, taken);
}

export function uniqueTarget(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}_${n}`)) return `${base}_${n}`;
}

/** Every path in a sample, for autocomplete in expressions. */
export function samplePaths(
  scope: Readonly<Record<string, unknown>>,
  roots: readonly string[],
): string[] {
  const paths: string[] = [];
  const walk = (value: unknown, segments: (string | number)[], depth: number) => {
    paths.push(formatPath(segments));
    if (depth > 5 || paths.length > 2000 || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      if (value.length > 0) walk(value[0], [...segments, 0], depth + 1);
      return;
    }
    for (const [key, child] of Object.entries(value)) walk(child, [...segments, key], depth + 1);
  };
  for (const root of roots) walk(scope[root], [root], 0);
  return paths;
}
