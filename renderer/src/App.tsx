import { lazy, Suspense, useEffect } from 'react';
import { Route, Router, Switch } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
import { Notices } from './components/Notices';
import { Sidebar } from './components/Sidebar';
import { useEngineEvents } from './hooks/useEngineEvents';
import { useTheme } from './hooks/useTheme';
import { StorageBanner } from './storage/StorageBanner';
import { useStorageStore } from './stores/storage';
import { CanvasPage } from './pages/canvas/CanvasPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { WorkflowsPage } from './pages/workflows/WorkflowsPage';
import { ImportHost } from './transfer/ImportHost';

// The app opens on the workflows or on a canvas: the other pages load when first opened, so
// the first screen does not wait for their code (Health's charts, recharts, most of all).
const HealthPage = lazy(() =>
  import('./pages/HealthPage').then((module) => ({ default: module.HealthPage })),
);
const ConnectionsPage = lazy(() =>
  import('./pages/connections/ConnectionsPage').then((module) => ({
    default: module.ConnectionsPage,
  })),
);
const RunsPage = lazy(() =>
  import('./pages/RunsPage').then((module) => ({ default: module.RunsPage })),
);
const RunDetailPage = lazy(() =>
  import('./runs/detail/RunDetailPage').then((module) => ({ default: module.RunDetailPage })),
);
const SettingsPage = lazy(() =>
  import('./pages/settings/SettingsPage').then((module) => ({ default: module.SettingsPage })),
);

// Hash routes work the same from file:// in Electron and over the engine's HTTP server.
export function App() {
  useEngineEvents();
  useTheme();
  const diskFull = useStorageStore((state) => state.health?.state === 'full');
  useEffect(() => {
    void useStorageStore.getState().load();
  }, []);
  return (
    <Router hook={useHashLocation}>
      <div className={diskFull ? 'app app-with-banner' : 'app'}>
        <StorageBanner />
        <Sidebar />
        <main className="main">
          <Suspense fallback={null}>
            <Switch>
              <Route path="/" component={WorkflowsPage} />
              <Route path="/workflows/:id">{({ id }) => <CanvasPage id={id} />}</Route>
              <Route path="/connections" component={ConnectionsPage} />
              <Route path="/runs" component={RunsPage} />
              <Route path="/runs/:id">
                {({ id }) =>
                  /^\d+$/.test(id) ? <RunDetailPage key={id} id={Number(id)} /> : <NotFoundPage />
                }
              </Route>
              <Route path="/health" component={HealthPage} />
              <Route path="/settings" component={SettingsPage} />
              <Route component={NotFoundPage} />
            </Switch>
          </Suspense>
        </main>
        <ImportHost />
        <Notices />
      </div>
    </Router>
  );
}
