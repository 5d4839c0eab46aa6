/** `text` with `insert` put at the input's caret (replacing the selection), or at the end. */
export function insertAtCaret(
  element: HTMLInputElement | HTMLTextAreaElement | null,
  text: string,
  insert: string,
): string {
  const start = element?.selectionStart ?? text.length;
  const end = element?.selectionEnd ?? start;
  return text.slice(0, start) + insert + text.slice(end);
}
