import { create } from 'zustand';
import type { ImportSource } from '../transfer/files';

interface ImportState {
  /** The file the import wizard is showing; null when it is closed. */
  source: ImportSource | null;
  templatesOpen: boolean;
  open: (source: ImportSource) => void;
  close: () => void;
  showTemplates: (open: boolean) => void;
}

/** One import wizard for the whole window: the Import button, a dropped file and templates open it. */
export const useImportStore = create<ImportState>()((set) => ({
  source: null,
  templatesOpen: false,
  open: (source) => set({ source, templatesOpen: false }),
  close: () => set({ source: null }),
  showTemplates: (open) => set({ templatesOpen: open }),
}));
