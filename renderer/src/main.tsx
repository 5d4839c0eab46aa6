import './zod-config';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { applyTheme, rememberedTheme } from './hooks/useTheme';
import { useCanvasStore } from './stores/canvas';
import { useSettingsStore } from './stores/settings';
import './styles/theme.css';
import './styles/layout.css';
import './styles/components.css';
import './styles/canvas.css';
import './styles/runs.css';
import './styles/health.css';
import './styles/connections.css';
import './styles/transfer.css';

applyTheme(rememberedTheme());
// The theme is a setting: load settings once at start, not only when the Settings page opens.
void useSettingsStore.getState().load();
// Opened on a workflow: fetch it while React renders the frame, not after (CanvasPage opens it too).
const opened = /^#\/workflows\/([^/?#]+)$/.exec(location.hash);
if (opened) void useCanvasStore.getState().open(decodeURIComponent(opened[1]!));

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
