// The window's only door to main: `window.codexAccounts`, built from the IPC
// contract. It runs sandboxed, so it is bundled into one CommonJS file that
// requires nothing but `electron`.
//
// The page gets two functions, never ipcRenderer itself, and can name only
// the contract's channels. Listeners receive the payload alone: the
// IpcRendererEvent would hand the page a way to send on any channel.

import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

import {
  BRIDGE_NAME,
  type CodexAccountsBridge,
  EVENT_CHANNELS,
  REQUEST_CHANNELS,
} from '../../shared/ipc-contract';

const requestChannels: ReadonlySet<string> = new Set(REQUEST_CHANNELS);
const eventChannels: ReadonlySet<string> = new Set(EVENT_CHANNELS);

const bridge: CodexAccountsBridge = {
  invoke(channel, request) {
    if (!requestChannels.has(channel)) {
      return Promise.reject(new Error(`Unknown request channel: ${channel}`));
    }

    return ipcRenderer.invoke(channel, request);
  },

  on(channel, listener) {
    if (!eventChannels.has(channel)) {
      throw new Error(`Unknown event channel: ${channel}`);
    }

    const forward = (_event: IpcRendererEvent, payload: unknown) =>
      listener(payload as Parameters<typeof listener>[0]);
    ipcRenderer.on(channel, forward);

    return () => {
      ipcRenderer.removeListener(channel, forward);
    };
  },
};

contextBridge.exposeInMainWorld(BRIDGE_NAME, bridge);
