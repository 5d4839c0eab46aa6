import { lazy, Suspense, useEffect, useState } from 'react';
import { useImportStore } from '../stores/import';
import { reportError } from '../stores/notices';
import { readFileAsSource } from './files';

// Opened now and then, never at start: loaded when first shown (the templates come with them).
const ImportWizard = lazy(() =>
  import('./ImportWizard').then((module) => ({ default: module.ImportWizard })),
);
const TemplatesDialog = lazy(() =>
  import('./TemplatesDialog').then((module) => ({ default: module.TemplatesDialog })),
);

const carriesFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;

/** The window's one import wizard and template gallery, and a file dropped anywhere on it. */
export function ImportHost() {
  const { source, templatesOpen, open, close, showTemplates } = useImportStore();
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    let depth = 0;
    const enter = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth++;
      setDragging(true);
    };
    const leave = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const over = (event: DragEvent) => {
      if (carriesFiles(event)) event.preventDefault();
    };
    const drop = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth = 0;
      setDragging(false);
      const file = event.dataTransfer?.files[0];
      if (!file) return;
      readFileAsSource(file).then(open, (error: unknown) =>
        reportError(error, `Could not read ${file.name}`),
      );
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, [open]);

  return (
    <>
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          <p>Drop a workflow file to import it</p>
        </div>
      )}
      <Suspense fallback={null}>
        {templatesOpen && !source && (
          <TemplatesDialog onChoose={open} onClose={() => showTemplates(false)} />
        )}
        {source && <ImportWizard source={source} onClose={close} />}
      </Suspense>
    </>
  );
}
