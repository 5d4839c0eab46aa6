import { lazy, Suspense } from 'react';
import { Route, Router, Switch } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
import { Notices } from './components/Notices';
import { Sidebar } from './components/Sidebar';
import { useEngineEvents } from './hooks/useEngineEvents';
import { useTheme } from './hooks/useTheme';
import { CanvasPage } from './pages/canvas/CanvasPage';
import { ConnectionsPage } from './pages/connections/ConnectionsPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { RunsPage } from './pages/RunsPage';
import { RunDetailPage } from './runs/detail/RunDetailPage';
import { SettingsPage } from './pages/settings/SettingsPage';
import { WorkflowsPage } from './pages/workflows/WorkflowsPage';
import { ImportHost } from './transfer/ImportHost';

// Its charts (recharts) are most of the bundle: loaded when the page is opened, not at start.
const HealthPage = lazy(() =>
  import('./pages/HealthPage').then((module) => ({ default: module.HealthPage })),
);

// Hash routes work the same from file:// in Electron and over the engine's HTTP server.
export function App() {
  useEngineEvents();
  useTheme();
  return (
    <Router hook={useHashLocation}>
      <div className="app">
        <Sidebar />
        <main className="main">
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
            <Route path="/health">
              <Suspense fallback={null}>
                <HealthPage />
              </Suspense>
            </Route>
            <Route path="/settings" component={SettingsPage} />
            <Route component={NotFoundPage} />
          </Switch>
        </main>
        <ImportHost />
        <Notices />
      </div>
    </Router>
  );
}
