import type { AppInfo } from '@shared/ipc/contract';

const MODE_LABELS: Record<AppInfo['mode'], string> = {
  desktop: 'Desktop app',
  browser: 'Browser (served by the engine)',
};

export function AppInfoList({ info }: { info: AppInfo }) {
  const rows: [string, string][] = [
    ['Version', info.version],
    ['Mode', MODE_LABELS[info.mode]],
    ['Data directory', info.dataDir],
    ['Keyring', info.keyring],
    ['Platform', info.platform],
    ['Database schema', String(info.schemaVersion)],
  ];
  return (
    <dl className="info-list" aria-label="About this installation">
      {rows.map(([term, value]) => (
        <div key={term} className="info-row">
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
