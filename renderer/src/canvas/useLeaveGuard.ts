import { useEffect, useState } from 'react';

/**
 * While `dirty`: the browser asks before the page unloads, and a click on an in-app link or the
 * browser's Back is held until the user decides (`pending` is where to; `leave` goes there).
 */
export function useLeaveGuard(dirty: boolean) {
  const [pending, setPending] = useState<string | null>(null);

  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = '';
    };
    // Capture phase, before the router's own click handler sees the link.
    const onClick = (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0) return;
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const link = (event.target as Element | null)?.closest?.('a[href]');
      if (!(link instanceof HTMLAnchorElement) || link.target === '_blank') return;
      const url = new URL(link.href, window.location.href);
      if (url.origin !== window.location.origin || url.hash === window.location.hash) return;
      event.preventDefault();
      event.stopPropagation();
      setPending(url.hash);
    };
    // Back and Forward: put the canvas's address back before the router reads the new one.
    const here = window.location.hash;
    const onPopState = () => {
      const wanted = window.location.hash;
      if (wanted === here) return;
      window.history.pushState(window.history.state, '', here);
      setPending(wanted);
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    window.addEventListener('popstate', onPopState);
    document.addEventListener('click', onClick, true);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      window.removeEventListener('popstate', onPopState);
      document.removeEventListener('click', onClick, true);
    };
  }, [dirty]);

  return {
    pending,
    stay: () => setPending(null),
    leave: () => {
      const to = pending;
      setPending(null);
      if (to !== null) window.location.hash = to;
    },
  };
}
