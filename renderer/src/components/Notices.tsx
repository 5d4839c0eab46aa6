import { useNoticesStore } from '../stores/notices';
import { CloseIcon } from './icons';

/** Errors from the engine, each kept on screen until the user dismisses it. */
export function Notices() {
  const notices = useNoticesStore((state) => state.notices);
  const dismiss = useNoticesStore((state) => state.dismiss);
  return (
    <section className="notices" aria-label="Messages" aria-live="polite">
      {notices.map((notice) => (
        <div key={notice.id} className="notice" role="alert">
          <div className="notice-body">
            <p className="notice-title">{notice.title}</p>
            <p className="notice-text">{notice.summary}</p>
            {notice.detail && <p className="notice-text notice-detail">{notice.detail}</p>}
            {notice.issues.length > 0 && (
              <ul className="notice-issues">
                {notice.issues.map((issue) => (
                  <li key={issue}>{issue}</li>
                ))}
              </ul>
            )}
          </div>
          <button
            type="button"
            className="icon-button"
            aria-label="Dismiss message"
            onClick={() => dismiss(notice.id)}
          >
            <CloseIcon />
          </button>
        </div>
      ))}
    </section>
  );
}
