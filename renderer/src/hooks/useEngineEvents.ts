import { useEffect } from 'react';
import { api } from '../api/client';
import { useCanvasStore } from '../stores/canvas';
import { useConnectionsStore } from '../stores/connections';
import { useSettingsStore } from '../stores/settings';
import { useStorageStore } from '../stores/storage';
import { useWorkflowsStore } from '../stores/workflows';

/** Keeps every loaded list fresh when the engine reports a change, wherever it came from. */
export function useEngineEvents(): void {
  useEffect(
    () =>
      api.onEvent((event) => {
        switch (event.type) {
          case 'workflow.saved':
          case 'workflow.deleted':
            if (useWorkflowsStore.getState().status !== 'idle')
              void useWorkflowsStore.getState().load();
            useCanvasStore.getState().onWorkflowChanged(event.id);
            break;
          case 'workflow.state':
            // A workflow put on hold or paused by the engine: lists show its new state.
            if (useWorkflowsStore.getState().status !== 'idle')
              void useWorkflowsStore.getState().load();
            break;
          case 'connection.deleted':
          case 'connection.changed':
            if (useConnectionsStore.getState().status !== 'idle')
              void useConnectionsStore.getState().load();
            break;
          case 'settings.changed':
            void useSettingsStore.getState().load();
            break;
          case 'storage.changed':
            useStorageStore.getState().receive(event.storage);
            break;
        }
      }),
    [],
  );
}
