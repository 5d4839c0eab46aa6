import type { DragEvent } from 'react';

/** The drag payload of a data path; text/plain carries `{{path}}` for plain text inputs. */
export const PATH_MIME = 'application/x-switchyard-path';

export function startPathDrag(event: DragEvent, path: string): void {
  event.dataTransfer.setData(PATH_MIME, path);
  event.dataTransfer.setData('text/plain', `{{${path}}}`);
  event.dataTransfer.effectAllowed = 'copy';
}

export const carriesPath = (event: DragEvent): boolean =>
  Array.from(event.dataTransfer.types ?? []).includes(PATH_MIME);

/** The dragged path, or null when the drag is not one of ours. */
export function droppedPath(event: DragEvent): string | null {
  const path = event.dataTransfer.getData(PATH_MIME);
  return path ? path : null;
}
