import { WORKFLOW_FILE_EXTENSION } from '@shared/workflow/file/format';
import { api, unwrap } from '../api/client';
import { downloadText } from '../runs/export';
import { reportError } from '../stores/notices';

/** A workflow file on its way into the import wizard. */
export interface ImportSource {
  text: string;
  fileName: string | null;
  /** A template is created from, not imported: its clashes default to "keep both". */
  origin: 'file' | 'template';
}

export const readFileAsSource = async (file: File): Promise<ImportSource> => ({
  text: await file.text(),
  fileName: file.name,
  origin: 'file',
});

/** The open dialog (a native one in the desktop app): the chosen file, or null. */
export function pickWorkflowFile(): Promise<ImportSource | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = `${WORKFLOW_FILE_EXTENSION},.json,application/json`;
    input.hidden = true;
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      input.remove();
      resolve(file ? readFileAsSource(file) : null);
    });
    input.addEventListener('cancel', () => {
      input.remove();
      resolve(null);
    });
    document.body.append(input);
    input.click();
  });
}

/**
 * Exports workflows as files and hands each to the download (the desktop app shows its save
 * dialog). Returns how many secret values were left out, or null when it failed.
 */
export async function exportWorkflowFiles(
  ids: string[] | 'all',
  layout: 'single' | 'each' = 'single',
): Promise<number | null> {
  try {
    const { files, stripped } = unwrap(await api.call('files:export', { ids, layout }));
    for (const file of files) downloadText(file.text, file.fileName, 'application/json');
    return stripped.length;
  } catch (error) {
    reportError(error, 'Could not export');
    return null;
  }
}
