import { contextBridge, ipcRenderer } from 'electron';
import { exposeSwitchyardBridge } from './bridge';

exposeSwitchyardBridge(contextBridge, ipcRenderer);
