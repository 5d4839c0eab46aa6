import { useEffect } from 'react';
import { LoadFailed } from '../../components/LoadFailed';
import { PageHeader } from '../../components/PageHeader';
import { useSettingsStore } from '../../stores/settings';
import { AppInfoList } from './AppInfoList';
import { AuditLog } from './AuditLog';
import { DesktopSettings } from './DesktopSettings';
import { PublicUrlField } from './PublicUrlField';
import { RunsAtOnceField } from './RunsAtOnceField';
import { ThemePicker } from './ThemePicker';

export function SettingsPage() {
  const { settings, appInfo, status, fieldErrors, load, change, chooseTheme } = useSettingsStore();

  useEffect(() => {
    void load();
  }, [load]);

  if (!settings) {
    return (
      <div className="page">
        <PageHeader title="Settings" />
        {status === 'failed' ? (
          <LoadFailed what="the settings" onRetry={() => void load()} />
        ) : (
          <p className="loading" role="status">
            Loading settings…
          </p>
        )}
      </div>
    );
  }

  return (
    <div className="page page-narrow">
      <PageHeader title="Settings" />
      <section className="card" aria-labelledby="settings-appearance">
        <h2 id="settings-appearance" className="card-title">
          Appearance
        </h2>
        <ThemePicker value={settings.theme} onChange={(theme) => void chooseTheme(theme)} />
      </section>
      <section className="card" aria-labelledby="settings-desktop">
        <h2 id="settings-desktop" className="card-title">
          Desktop app
        </h2>
        <DesktopSettings />
      </section>
      <section className="card" aria-labelledby="settings-webhooks">
        <h2 id="settings-webhooks" className="card-title">
          Webhooks
        </h2>
        <PublicUrlField
          saved={settings.publicBaseUrl}
          error={fieldErrors.publicBaseUrl}
          onSave={(publicBaseUrl) => change({ publicBaseUrl })}
        />
        <p className="field-hint">
          Local server port:{' '}
          {settings.serverPort === null ? (
            'chosen on first start'
          ) : (
            <code>{settings.serverPort}</code>
          )}
        </p>
      </section>
      <section className="card" aria-labelledby="settings-background">
        <h2 id="settings-background" className="card-title">
          Background work
        </h2>
        <RunsAtOnceField
          saved={settings.runsAtOnce}
          error={fieldErrors.runsAtOnce}
          onSave={(runsAtOnce) => change({ runsAtOnce })}
        />
      </section>
      <section className="card" aria-labelledby="settings-activity">
        <h2 id="settings-activity" className="card-title">
          Activity
        </h2>
        <AuditLog />
      </section>
      {appInfo && (
        <section className="card" aria-labelledby="settings-about">
          <h2 id="settings-about" className="card-title">
            About
          </h2>
          <AppInfoList info={appInfo} />
        </section>
      )}
    </div>
  );
}
