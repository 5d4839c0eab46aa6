import { create } from 'zustand';

interface InsertMenuState {
  /** The edge whose "+" was pressed and where on screen, or null when the menu is closed. */
  open: { edgeId: string; x: number; y: number } | null;
  show: (edgeId: string, x: number, y: number) => void;
  close: () => void;
}

/** The menu that inserts a step on an edge; apart from the document so edges stay cheap. */
export const useInsertMenu = create<InsertMenuState>()((set) => ({
  open: null,
  show: (edgeId, x, y) => set({ open: { edgeId, x, y } }),
  close: () => set({ open: null }),
}));
