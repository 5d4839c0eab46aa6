import { useEffect } from 'react';
import { useNow } from '../hooks/useNow';
import { relativeTime } from '../lib/relative-time';
import { useStorageStore } from '../stores/storage';
import { clockTime, diskFullSentence, freeSpaceText } from './storage-text';

/** The Health page's word on the disk: saving normally, or full since when and what was refused. */
export function StorageCard() {
  const health = useStorageStore((state) => state.health);
  const now = useNow();
  useEffect(() => {
    void useStorageStore.getState().load();
  }, []);
  if (!health) return null;
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
        {full && free && (
          <div>
            <dt>Free space</dt>
            <dd>{free}</dd>
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
