import type { WorkflowProblem } from '@shared/workflow/validate';
import { AlertIcon, InfoIcon } from '../components/editor-icons';

const SEVERITY_LABELS = { error: 'Error', incomplete: 'To do', warning: 'Warning' } as const;

/** The node's problems from the workflow check, most serious first. */
export function ProblemList({ problems }: { problems: readonly WorkflowProblem[] }) {
  if (problems.length === 0) return null;
  const rank = { error: 0, incomplete: 1, warning: 2 } as const;
  const sorted = [...problems].sort((a, b) => rank[a.severity] - rank[b.severity]);
  return (
    <ul className="problem-list" aria-label="Problems with this step">
      {sorted.map((problem, i) => (
        <li key={i} className={`problem problem-${problem.severity}`}>
          {problem.severity === 'warning' ? <InfoIcon /> : <AlertIcon />}
          <span>
            <span className="sr-only">{SEVERITY_LABELS[problem.severity]}: </span>
            {problem.message}
          </span>
        </li>
      ))}
    </ul>
  );
}
