import type { Timers } from '../../electron/engine/attention/notification-center';

/** Timers that fire only when the test moves the clock. */
export function manualTimers(clock: { ms: number; set(ms: number): void }) {
  let seq = 0;
  const pending = new Map<number, { at: number; callback: () => void }>();
  const timers: Timers = {
    setTimeout(callback, ms) {
      pending.set(++seq, { at: clock.ms + ms, callback });
      return seq;
    },
    clearTimeout(handle) {
      pending.delete(handle as number);
    },
  };
  return {
    timers,
    /** Moves time forward, firing each timer at its moment, in order. */
    advance(ms: number) {
      const until = clock.ms + ms;
      for (;;) {
        const next = [...pending.entries()].sort((a, b) => a[1].at - b[1].at)[0];
        if (!next || next[1].at > until) break;
        pending.delete(next[0]);
        clock.set(Math.max(clock.ms, next[1].at));
        next[1].callback();
      }
      clock.set(until);
    },
  };
}
