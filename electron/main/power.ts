import type { BackgroundControl } from '../engine/scheduler/control';

/** The slice of Electron's powerMonitor the shell listens to. */
export interface PowerMonitorLike {
  on(
    event: 'suspend' | 'resume' | 'lock-screen' | 'unlock-screen' | 'shutdown',
    listener: (event?: { preventDefault(): void }) => void,
  ): unknown;
}

/**
 * Sleep, lock and shutdown stop background work cleanly; wake and unlock lift their reason, and
 * the control calls the scheduler's resume(now) once when nothing holds work any more.
 */
export function wirePowerEvents(
  power: PowerMonitorLike,
  control: Pick<BackgroundControl, 'pause' | 'release'>,
  onShutdown: () => void,
  log: (message: string, error: unknown) => void = (m, e) => console.error(m, e),
): void {
  const run = (what: string, change: Promise<void>) =>
    change.catch((error: unknown) => log(`Background work did not ${what}:`, error));
  power.on('suspend', () => void run('pause for sleep', control.pause('suspend')));
  power.on('resume', () => void run('resume after sleep', control.release('suspend')));
  power.on('lock-screen', () => void run('pause on lock', control.pause('lock')));
  power.on('unlock-screen', () => void run('resume on unlock', control.release('lock')));
  // Linux and macOS: the OS waits for the quit that follows; work stops before it.
  power.on('shutdown', (event) => {
    event?.preventDefault();
    void run('stop for shutdown', control.pause('shutdown')).finally(onShutdown);
  });
}
