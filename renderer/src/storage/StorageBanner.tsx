import { useNow } from '../hooks/useNow';
import { relativeTime } from '../lib/relative-time';
import { useStorageStore } from '../stores/storage';
import { clockTime, diskFullSentence } from './storage-text';

/** Across the top of every screen while the engine cannot save; gone once room returns. */
export function StorageBanner() {
  const health = useStorageStore((state) => state.health);
  const now = useNow();
  if (health?.state !== 'full' || !health.fullSince) return null;
  return (
    <div className="storage-banner" role="alert">
      <p className="storage-banner-text">{diskFullSentence(health.dataDir)}</p>
      <p className="storage-banner-since">
        Since {clockTime(health.fullSince, now)} ({relativeTime(health.fullSince, now)})
      </p>
    </div>
  );
}
