import { useEffect, useState } from 'react';
import type { ChannelOutput } from '@shared/ipc/contract';
import { api, unwrap } from '../../api/client';
import { CloseIcon } from '../../components/icons';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useNow } from '../../hooks/useNow';
import { relativeTime } from '../../lib/relative-time';
import { isDirty, useCanvasStore } from '../../stores/canvas';
import { reportError } from '../../stores/notices';

type Versions = ChannelOutput<'workflows:versions'>;

/** Every save of the workflow, newest first, each one restorable as a new version. */
export function HistoryPanel() {
  const workflow = useCanvasStore((s) => s.workflow);
  const dirty = useCanvasStore(isDirty);
  const restoreVersion = useCanvasStore((s) => s.restoreVersion);
  const showPanel = useCanvasStore((s) => s.showPanel);
  const now = useNow();
  const [loaded, setLoaded] = useState<{ key: string; versions: Versions } | null>(null);
  const [restoring, setRestoring] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const id = workflow?.id;
  const version = workflow?.version;
  const key = `${id}@${version}`;

  useEffect(() => {
    if (!id) return;
    let current = true;
    api
      .call('workflows:versions', { id })
      .then((result) => {
        if (current) setLoaded({ key: `${id}@${version}`, versions: unwrap(result) });
      })
      .catch((error: unknown) => reportError(error, 'Could not load the version history'));
    return () => {
      current = false;
    };
  }, [id, version]);

  const versions = loaded?.key === key ? loaded.versions : null;

  return (
    <aside className="side-panel history-panel" aria-label="Version history">
      <header className="side-panel-header">
        <h2 className="side-panel-title">Version history</h2>
        <button
          type="button"
          className="icon-button"
          aria-label="Close version history"
          onClick={() => showPanel(null)}
        >
          <CloseIcon />
        </button>
      </header>
      <p className="side-panel-intro">
        Each save is kept. Restoring an earlier one saves it again as the newest version, so nothing
        is lost.
      </p>
      {!versions ? (
        <p className="loading" role="status">
          Loading versions…
        </p>
      ) : (
        <ol className="version-list" aria-label="Saved versions">
          {versions.map((v) => (
            <li key={v.version} className="version-row" data-current={v.current || undefined}>
              <div className="version-main">
                <span className="version-name">
                  Version {v.version}
                  {v.current && <span className="version-current">Current</span>}
                </span>
                <span className="version-meta">
                  <time dateTime={v.savedAt} title={new Date(v.savedAt).toLocaleString()}>
                    {relativeTime(v.savedAt, now)}
                  </time>
                  {' · '}
                  {v.stepCount === 1 ? '1 step' : `${v.stepCount} steps`}
                </span>
              </div>
              {!v.current && (
                <button
                  type="button"
                  className="button button-small"
                  aria-label={`Restore version ${v.version}`}
                  onClick={() => setRestoring(v.version)}
                >
                  Restore
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
      {restoring !== null && (
        <ConfirmDialog
          title={`Restore version ${restoring}?`}
          confirmLabel="Restore"
          busy={busy}
          onCancel={() => setRestoring(null)}
          onConfirm={async () => {
            setBusy(true);
            await restoreVersion(restoring);
            setBusy(false);
            setRestoring(null);
          }}
        >
          <p>
            It is saved as a new version; the current one stays in the history.
            {dirty && ' Your unsaved changes on the canvas are replaced (Undo brings them back).'}
          </p>
        </ConfirmDialog>
      )}
    </aside>
  );
}
