// Access to the preload bridge, the window's only way to reach main. The
// rest of the renderer takes the bridge as an argument, so tests can hand in
// an in-memory one.

import {
  BRIDGE_NAME,
  type CodexAccountsBridge,
} from '../../shared/ipc-contract';

/** What the window says when it was opened without the preload script. */
export const MISSING_BRIDGE_MESSAGE =
  `Codex Accounts can't reach its main process: window.${BRIDGE_NAME} is ` +
  'missing because the preload script did not run. Quit and restart the app.';

/** The bridge on `target` (the window); throws when the preload is missing. */
export function getBridge(target: object = window): CodexAccountsBridge {
  const candidate: unknown = Reflect.get(target, BRIDGE_NAME);

  if (!isBridge(candidate)) {
    throw new Error(MISSING_BRIDGE_MESSAGE);
  }

  return candidate;
}

function isBridge(value: unknown): value is CodexAccountsBridge {
  return (
    typeof value === 'object' &&
    value !== null &&
    'invoke' in value &&
    typeof value.invoke === 'function' &&
    'on' in value &&
    typeof value.on === 'function'
  );
}
