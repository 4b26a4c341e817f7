// The demo's stand-in for Electron's preload bridge: the same
// CodexAccountsBridge (shared/ipc-contract.ts), carried over loopback HTTP.
// Requests are POSTs to /ipc/<channel>; events arrive on one EventSource.
/* global window, fetch, EventSource */
(() => {
  const listeners = new Map();
  const events = new EventSource('/events');

  const dispatch = (channel, payload) => {
    for (const listener of listeners.get(channel) ?? []) listener(payload);
  };

  events.addEventListener('message', (message) => {
    const { channel, payload } = JSON.parse(message.data);
    // "Open the system browser" means a new tab of this browser in the demo.
    if (channel === 'demo:open-url') window.open(payload, '_blank', 'noopener');
    else dispatch(channel, payload);
  });

  window.codexAccounts = Object.freeze({
    async invoke(channel, request) {
      const response = await fetch(`/ipc/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(request ?? null),
      });
      if (!response.ok) throw new Error(`IPC ${channel} failed`);
      return response.json();
    },
    on(channel, listener) {
      const set = listeners.get(channel) ?? new Set();
      set.add(listener);
      listeners.set(channel, set);
      return () => set.delete(listener);
    },
  });
})();
