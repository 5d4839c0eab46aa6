/** One thing wrong with a workflow file, located so the operator can find and fix it. */
export interface FileIssue {
  /** The file's name, when it has one. */
  file: string | null;
  /** A JSON path into the file, e.g. `$.steps[2].config.url`; `$` is the whole file. */
  path: string;
  /** The node the problem is in, when it is inside one. */
  nodeId: string | null;
  message: string;
}

export type FileErrorCode = 'invalid_file' | 'file_too_large' | 'file_newer_schema';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function jsonPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === 'number') return `${out}[${key}]`;
    const name = String(key);
    return IDENTIFIER.test(name) ? `${out}.${name}` : `${out}[${JSON.stringify(name)}]`;
  }, '$');
}

export function formatIssue(issue: FileIssue): string {
  const where = [issue.file, issue.path === '$' ? null : issue.path].filter(Boolean).join(': ');
  const node = issue.nodeId ? ` (node "${issue.nodeId}")` : '';
  return `${where ? `${where}${node}: ` : node ? `${node.trim()}: ` : ''}${issue.message}`;
}

/** The first issue in words, and how many more there are. */
export function summariseIssues(issues: readonly FileIssue[]): string {
  if (issues.length === 0) return 'The file is not a valid workflow file.';
  const more = issues.length - 1;
  return `${formatIssue(issues[0]!)}${more > 0 ? ` (and ${more} more problem${more > 1 ? 's' : ''})` : ''}`;
}
