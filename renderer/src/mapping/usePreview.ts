import { useEffect, useMemo, useState } from 'react';
import {
  compileMapping,
  Mapping,
  type CompiledMapping,
  type MappingResult,
  MappingField,
  type MappingProblem,
  type Scope,
} from '@shared/workflow/mapping';

export interface MappingPreview {
  /** The mapped output for the sample, from the fields that are complete. */
  value: Record<string, unknown>;
  /** Problems by field index: the schema's (an unfinished field) and the evaluation's. */
  problems: ReadonlyMap<number, readonly FieldProblem[]>;
  /** True while JSONata expressions are being evaluated. */
  pending: boolean;
}

export interface FieldProblem {
  code: MappingProblem['code'] | 'invalid';
  message: string;
}

interface Checked {
  /** Fields that pass the schema, with their index in the editor. */
  valid: { index: number; field: MappingField }[];
  issues: Map<number, FieldProblem[]>;
}

/** Schema issues per field, so one unfinished field does not stop the preview of the others. */
function checkFields(fields: readonly unknown[]): Checked {
  const issues = new Map<number, FieldProblem[]>();
  const add = (index: number, message: string) =>
    issues.set(index, [...(issues.get(index) ?? []), { code: 'invalid', message }]);
  const parsed = fields.map((field, index) => ({ index, result: MappingField.safeParse(field) }));
  for (const { index, result } of parsed) {
    if (result.success) continue;
    for (const issue of result.error.issues) add(index, `${labelOf(issue.path)}${issue.message}`);
  }
  let valid = parsed.flatMap(({ index, result }) =>
    result.success ? [{ index, field: result.data }] : [],
  );
  const whole = Mapping.safeParse({ fields: valid.map((v) => v.field) });
  if (!whole.success) {
    const rejected = new Set<number>();
    for (const issue of whole.error.issues) {
      const at = issue.path[1];
      if (typeof at !== 'number') continue;
      const index = valid[at]!.index;
      add(index, issue.message);
      rejected.add(index);
    }
    valid = valid.filter((v) => !rejected.has(v.index));
  }
  return { valid, issues };
}

const PART_LABELS: Record<string, string> = {
  target: 'Target: ',
  source: 'Source: ',
  transforms: 'Transform: ',
  validation: 'Validation: ',
};
const labelOf = (path: readonly PropertyKey[]) => PART_LABELS[String(path[0])] ?? '';

/**
 * The live preview: the shared `compileMapping` — the code the engine runs — evaluated on the
 * sample scope. Synchronous unless a field is a JSONata expression.
 */
export function usePreview(fields: readonly unknown[], scope: Scope): MappingPreview {
  const checked = useMemo(() => checkFields(fields), [fields]);
  const compiled = useMemo(
    () => compileMapping({ fields: checked.valid.map((v) => v.field) }),
    [checked],
  );
  const syncResult = useMemo(
    () => (compiled.hasExpressions ? null : compiled.evaluateSync(scope)),
    [compiled, scope],
  );
  const [asyncResult, setAsyncResult] = useState<{
    compiled: CompiledMapping;
    scope: Scope;
    result: MappingResult;
  } | null>(null);

  useEffect(() => {
    if (!compiled.hasExpressions) return;
    let current = true;
    void compiled.evaluate(scope).then((result) => {
      if (current) setAsyncResult({ compiled, scope, result });
    });
    return () => {
      current = false;
    };
  }, [compiled, scope]);

  return useMemo(() => {
    // While expressions evaluate, the previous result stays on screen instead of flickering.
    const result = syncResult ?? asyncResult?.result ?? null;
    const fresh = asyncResult?.compiled === compiled && asyncResult.scope === scope;
    const problems = new Map<number, FieldProblem[]>(checked.issues);
    for (const problem of result?.problems ?? []) {
      const owner = checked.valid.find((v) => v.field.target === problem.field);
      if (!owner) continue;
      problems.set(owner.index, [
        ...(problems.get(owner.index) ?? []),
        { code: problem.code, message: problem.message },
      ]);
    }
    return {
      value: result?.value ?? {},
      problems,
      pending: compiled.hasExpressions && !fresh,
    };
  }, [asyncResult, checked, compiled, scope, syncResult]);
}
