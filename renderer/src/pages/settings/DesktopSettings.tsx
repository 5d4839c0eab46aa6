import { useEffect } from 'react';
import { LoadFailed } from '../../components/LoadFailed';
import { useDesktopStore } from '../../stores/desktop';
import { useWorkflowsStore } from '../../stores/workflows';
import { CheckOption } from './CheckOption';
import { MutedWorkflows } from './MutedWorkflows';
import { QuietHoursField } from './QuietHoursField';

/** Tray, start at login and notifications: kept by the desktop shell, absent in browser mode. */
export function DesktopSettings() {
  const { preferences, status, quietHoursError, load, change } = useDesktopStore();
  const workflows = useWorkflowsStore((state) => state.workflows);
  const loadWorkflows = useWorkflowsStore((state) => state.load);

  useEffect(() => {
    void load();
  }, [load]);
  const ready = status === 'ready';
  useEffect(() => {
    if (ready) void loadWorkflows();
  }, [ready, loadWorkflows]);

  if (status === 'absent') {
    return (
      <p className="field-hint" role="note">
        These settings belong to the desktop app. This Switchyard is served to your browser by its
        engine, so there is no tray icon, login item or desktop notification to set here.
      </p>
    );
  }
  if (!preferences) {
    return status === 'failed' ? (
      <LoadFailed what="the desktop settings" onRetry={() => void load()} />
    ) : (
      <p className="loading" role="status">
        Loading desktop settings…
      </p>
    );
  }
  const notificationsOff = !preferences.notificationsEnabled;
  return (
    <div className="settings-desktop">
      <CheckOption
        label="Keep running in the tray when the window is closed"
        help="Your workflows go on in the background; quit from the tray icon."
        checked={preferences.closeToTray}
        onChange={(closeToTray) => void change({ closeToTray })}
      />
      <CheckOption
        label="Start at login"
        help="Switchyard opens in the tray when you log in to this computer."
        checked={preferences.startAtLogin}
        onChange={(startAtLogin) => void change({ startAtLogin })}
      />
      <CheckOption
        label="Notifications"
        help="When a workflow is put on hold or paused, and when runs fail after all retries — grouped, so a burst is told once."
        checked={preferences.notificationsEnabled}
        onChange={(notificationsEnabled) => void change({ notificationsEnabled })}
      />
      <QuietHoursField
        value={preferences.quietHours}
        error={quietHoursError}
        disabled={notificationsOff}
        onChange={(quietHours) => void change({ quietHours })}
      />
      <MutedWorkflows
        workflows={workflows}
        muted={preferences.mutedWorkflowIds}
        disabled={notificationsOff}
        onChange={(mutedWorkflowIds) => void change({ mutedWorkflowIds })}
      />
    </div>
  );
}
