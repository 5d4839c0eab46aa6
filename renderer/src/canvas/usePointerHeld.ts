import { useEffect, useRef, type RefObject } from 'react';

/** Whether a mouse button or finger is down anywhere in the window right now. */
export function usePointerHeld(): RefObject<boolean> {
  const held = useRef(false);
  useEffect(() => {
    const down = () => (held.current = true);
    const up = () => (held.current = false);
    window.addEventListener('pointerdown', down, true);
    window.addEventListener('pointerup', up, true);
    window.addEventListener('pointercancel', up, true);
    return () => {
      window.removeEventListener('pointerdown', down, true);
      window.removeEventListener('pointerup', up, true);
      window.removeEventListener('pointercancel', up, true);
    };
  }, []);
  return held;
}
