import { useId, useMemo } from 'react';
import {
  compileCondition,
  Condition,
  ConditionOperator,
  UNARY_OPERATORS,
  type Rule,
} from '@shared/workflow/conditions';
import { AlertIcon, CheckIcon, PlusSmallIcon, XIcon } from '../components/editor-icons';
import { useInspectorData } from './data-context';
import { MappableInput } from './MappableInput';

const OPERATOR_LABELS: Readonly<Record<ConditionOperator, string>> = {
  equals: 'equals',
  not_equals: 'does not equal',
  contains: 'contains',
  not_contains: 'does not contain',
  starts_with: 'starts with',
  ends_with: 'ends with',
  greater_than: 'is greater than',
  less_than: 'is less than',
  greater_or_equal: 'is at least',
  less_or_equal: 'is at most',
  is_empty: 'is empty',
  is_not_empty: 'is not empty',
  matches_regex: 'matches pattern',
  is_true: 'is true',
  is_false: 'is false',
  exists: 'exists',
  not_exists: 'does not exist',
};

interface ConditionEditorProps {
  condition: Condition;
  onChange: (next: Condition) => void;
  /** "Continue when" for a filter, "Take the true path when" for a branch. */
  lead: string;
  /** The workflow check's messages about the condition. */
  problems: readonly string[];
}

const newRule = (): Rule => ({ left: '', operator: 'equals', right: '' });

/** Rules tested on the data of earlier steps: all must pass, or any one. */
export function ConditionEditor({ condition, onChange, lead, problems }: ConditionEditorProps) {
  const id = useId();
  const { sample } = useInspectorData();
  const rules = condition.rules;
  const setRules = (next: Rule[]) => onChange({ ...condition, rules: next });
  const setRule = (index: number, patch: Partial<Rule>) =>
    setRules(rules.map((rule, i) => (i === index ? { ...rule, ...patch } : rule)));

  const checked = useMemo(() => Condition.safeParse(condition), [condition]);
  const ruleIssues = useMemo(() => {
    const byRule = new Map<number, string>();
    if (checked.success) return byRule;
    for (const issue of checked.error.issues) {
      const index = issue.path[0] === 'rules' ? issue.path[1] : undefined;
      if (typeof index === 'number' && !byRule.has(index)) {
        const part = issue.path[2] === 'left' ? 'Value to test: ' : '';
        byRule.set(index, part + issue.message.replace(/^rule \d+: /, ''));
      }
    }
    return byRule;
  }, [checked]);
  const verdict = useMemo(() => {
    if (!checked.success) return null;
    try {
      return compileCondition(checked.data).evaluate(sample.scope);
    } catch {
      return null;
    }
  }, [checked, sample.scope]);

  return (
    <div className="condition-editor">
      <div className="condition-lead">
        <span>{lead}</span>
        <div className="segmented segmented-sm" role="radiogroup" aria-label="How rules combine">
          {(['all', 'any'] as const).map((combinator) => (
            <label key={combinator} className="segmented-option">
              <input
                type="radio"
                name={`${id}-combinator`}
                checked={condition.combinator === combinator}
                onChange={() => onChange({ ...condition, combinator })}
              />
              <span>{combinator === 'all' ? 'all rules pass' : 'any rule passes'}</span>
            </label>
          ))}
        </div>
      </div>
      <ol className="rule-list">
        {rules.map((rule, index) => {
          const unary = UNARY_OPERATORS.has(rule.operator);
          const issue = ruleIssues.get(index);
          return (
            <li key={index} className={`rule${issue ? ' is-invalid' : ''}`}>
              {index > 0 && (
                <span className="rule-joiner">{condition.combinator === 'all' ? 'and' : 'or'}</span>
              )}
              <div className="rule-body">
                <MappableInput
                  id={`${id}-left-${index}`}
                  label={`Rule ${index + 1} value to test`}
                  value={rule.left}
                  mono
                  placeholder="trigger.email"
                  onChange={(left) => setRule(index, { left })}
                />
                <div className="rule-row">
                  <select
                    className="input"
                    aria-label={`Rule ${index + 1} operator`}
                    value={rule.operator}
                    onChange={(e) => {
                      const operator = e.target.value as ConditionOperator;
                      setRule(
                        index,
                        UNARY_OPERATORS.has(operator)
                          ? { operator, right: undefined }
                          : { operator },
                      );
                    }}
                  >
                    {ConditionOperator.options.map((op) => (
                      <option key={op} value={op}>
                        {OPERATOR_LABELS[op]}
                      </option>
                    ))}
                  </select>
                  <label className="chip-toggle" title="Compare text with its exact case">
                    <input
                      type="checkbox"
                      checked={rule.caseSensitive === true}
                      onChange={(e) =>
                        setRule(index, { caseSensitive: e.target.checked || undefined })
                      }
                    />
                    <span>Aa</span>
                  </label>
                  <button
                    type="button"
                    className="mini-button mini-button-danger"
                    aria-label={`Remove rule ${index + 1}`}
                    disabled={rules.length === 1}
                    onClick={() => setRules(rules.filter((_, i) => i !== index))}
                  >
                    <XIcon />
                  </button>
                </div>
                {!unary && (
                  <MappableInput
                    id={`${id}-right-${index}`}
                    label={`Rule ${index + 1} value to compare with`}
                    value={rule.right === undefined ? '' : String(rule.right)}
                    placeholder={
                      rule.operator === 'matches_regex' ? '^[a-z]+@acme\\.com$' : 'Value'
                    }
                    onChange={(right) => setRule(index, { right })}
                  />
                )}
                {issue && (
                  <p className="field-error">
                    <AlertIcon /> {issue}
                  </p>
                )}
              </div>
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        className="button button-sm"
        onClick={() => setRules([...rules, newRule()])}
      >
        <PlusSmallIcon /> Add rule
      </button>
      {problems.map((message, i) => (
        <p key={i} className="field-error">
          <AlertIcon /> {message}
        </p>
      ))}
      {verdict && (
        <p className={`condition-verdict ${verdict.passed ? 'is-pass' : 'is-fail'}`} role="status">
          {verdict.passed ? <CheckIcon /> : <XIcon />}
          <span>
            <strong>{verdict.passed ? 'Passes' : 'Does not pass'} for the sample:</strong>{' '}
            {verdict.explanation}
          </span>
        </p>
      )}
    </div>
  );
}
