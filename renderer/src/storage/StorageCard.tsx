import { useEffect } from 'react';
import { useNow } from '../hooks/useNow';
import { relativeTime } from '../lib/relative-time';
import { useStorageStore } from '../stores/storage';
import { byteSize, clockTime, diskFullSentence, freeSpaceText } from './storage-text';

/**
 * The Health page's word on the disk: full since when and what was refused (shown first), or
 * saving normally (shown last). `shows` picks the state this placement is for.
 */
export function StorageCard({ shows }: { shows: 'full' | 'ok' }) {
  const health = useStorageStore((state) => state.health);
  const now = useNow();
  useEffect(() => {
    void useStorageStore.getState().load();
  }, []);
  if (!health || health.state !== shows) return null;
  const free = freeSpaceText(health);
  const full = health.state === 'full';
  return (
    <section
      className={`card storage-card${full ? ' storage-card-full' : ''}`}
      aria-labelledby="health-storage"
    >
      <h2 id="health-storage" className="card-title">
        Storage
      </h2>
      {full && health.fullSince ? (
        <>
          <p className="storage-card-state">
            Full since {clockTime(health.fullSince, now)} ({relativeTime(health.fullSince, now)})
          </p>
          <p>{diskFullSentence(health.dataDir)}</p>
        </>
      ) : (
        <p className="storage-card-state">
          Saving normally. Data in <code>{health.dataDir}</code>
          {free && `, ${free}`}.
        </p>
      )}
      <dl className="storage-card-facts">
        {full && health.freeBytes !== null && (
          <div>
            <dt>Free space</dt>
            <dd>{byteSize(health.freeBytes)}</dd>
          </div>
        )}
        {health.lastRefused && (
          <div>
            <dt>Last refused write</dt>
            <dd>
              {health.lastRefused.what}, {relativeTime(health.lastRefused.at, now)}
            </dd>
          </div>
        )}
        {!full && health.recoveredAt && (
          <div>
            <dt>Room came back</dt>
            <dd>{relativeTime(health.recoveredAt, now)}</dd>
          </div>
        )}
      </dl>
    </section>
  );
}
