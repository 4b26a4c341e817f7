// The window's logger: every line goes to main's logger over 'log:write'.
// Callers pass facts (channels, phases, error codes), never values that
// could be secret; an API key in particular never reaches this module.

import type { CodexAccountsBridge } from '../../shared/ipc-contract';

/** A logger whose lines end up in main's log file. */
export interface RendererLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

type Level = 'info' | 'warn' | 'error';

/** A logger that forwards each line to main through the bridge. */
export function createBridgeLog(bridge: CodexAccountsBridge): RendererLog {
  function write(level: Level, message: string): void {
    // A line that can't be delivered is dropped: logging must never be the
    // reason the window stops working.
    Promise.resolve()
      .then(() => bridge.invoke('log:write', { level, message }))
      .catch(() => undefined);
  }

  return {
    info: (message) => write('info', message),
    warn: (message) => write('warn', message),
    error: (message) => write('error', message),
  };
}

/** A short description of something thrown, for a log line. */
export function describeThrown(thrown: unknown): string {
  if (thrown instanceof Error) {
    return `${thrown.name}: ${thrown.message}`;
  }

  if (typeof thrown === 'string') {
    return thrown;
  }

  return `a thrown ${typeof thrown}`;
}
