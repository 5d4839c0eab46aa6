import { useEffect, useRef, type RefObject } from 'react';
import { useCanvasStore } from '../stores/canvas';
import { neighbour, type Direction } from './model/navigation';

const ARROWS: Record<string, Direction> = {
  ArrowLeft: 'left',
  ArrowRight: 'right',
  ArrowUp: 'up',
  ArrowDown: 'down',
};

const isTextField = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

const dialogOpen = () => !!document.querySelector('dialog[open]');

interface Handlers {
  /** The canvas region: node keys (arrows, Enter, Delete) work only when focus is in it. */
  region: RefObject<HTMLElement | null>;
  reveal: (id: string) => void;
  openInspector: () => void;
}

/**
 * The editor's keys. Undo, redo, save and duplicate work anywhere but in text fields (which
 * keep their own undo); Ctrl/Cmd+S saves even from a text field. Copy and paste use the
 * clipboard events, so they need no clipboard permission.
 */
export function useCanvasShortcuts({ region, reveal, openInspector }: Handlers): void {
  const latest = useRef({ reveal, openInspector });
  useEffect(() => {
    latest.current = { reveal, openInspector };
  });

  useEffect(() => {
    const store = useCanvasStore.getState;
    const inCanvas = (target: EventTarget | null) =>
      target === document.body || (target instanceof Node && !!region.current?.contains(target));

    const onKeyDown = (event: KeyboardEvent) => {
      if (dialogOpen() || event.defaultPrevented) return;
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      if (mod && key === 's') {
        event.preventDefault();
        void store().save();
        return;
      }
      if (isTextField(event.target)) return;
      if (mod && key === 'z') {
        event.preventDefault();
        if (event.shiftKey) store().redo();
        else store().undo();
      } else if (mod && key === 'y') {
        event.preventDefault();
        store().redo();
      } else if (mod && key === 'd') {
        event.preventDefault();
        store().duplicateSelection();
      } else if (mod && key === 'a' && inCanvas(event.target)) {
        event.preventDefault();
        store().selectAll();
      } else if (event.key === 'Escape') {
        const s = store();
        if (s.panel) s.showPanel(null);
        else s.select([]);
      } else if (!mod && !event.altKey && inCanvas(event.target)) {
        onCanvasKey(event);
      }
    };

    const onCanvasKey = (event: KeyboardEvent) => {
      const s = store();
      const direction = ARROWS[event.key];
      if (direction) {
        event.preventDefault();
        const current = s.selection.nodes.at(-1) ?? null;
        const next = neighbour(s.definition, current, direction);
        if (next) {
          s.select([next]);
          latest.current.reveal(next);
        }
      } else if (event.key === 'Delete' || event.key === 'Backspace') {
        event.preventDefault();
        s.deleteSelection();
      } else if (event.key === 'Enter' && s.selection.nodes.length === 1) {
        event.preventDefault();
        latest.current.openInspector();
      }
    };

    const onCopy = (event: ClipboardEvent) => {
      if (isTextField(event.target) || !inCanvas(event.target)) return;
      const text = store().copySelection();
      if (!text || !event.clipboardData) return;
      event.clipboardData.setData('text/plain', text);
      event.preventDefault();
      if (event.type === 'cut') store().deleteSelection();
    };
    const onPaste = (event: ClipboardEvent) => {
      if (isTextField(event.target) || dialogOpen()) return;
      const text = event.clipboardData?.getData('text/plain');
      if (text && store().paste(text)) event.preventDefault();
    };

    window.addEventListener('keydown', onKeyDown);
    document.addEventListener('copy', onCopy);
    document.addEventListener('cut', onCopy);
    document.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('cut', onCopy);
      document.removeEventListener('paste', onPaste);
    };
  }, [region]);
}
