// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';

import { getBridge, MISSING_BRIDGE_MESSAGE } from './bridge';
import { createInMemoryBridgeForTests } from './test/in-memory-bridge';

describe('getBridge', () => {
  it('returns the bridge the preload put on the window', () => {
    const bridge = createInMemoryBridgeForTests();

    expect(getBridge({ codexAccounts: bridge })).toBe(bridge);
  });

  it('says the preload did not run when the bridge is missing', () => {
    expect(() => getBridge(window)).toThrow(MISSING_BRIDGE_MESSAGE);
    expect(MISSING_BRIDGE_MESSAGE).toContain('window.codexAccounts');
  });

  it('refuses something that is not a bridge', () => {
    expect(() => getBridge({ codexAccounts: { invoke: 'nope' } })).toThrow(
      MISSING_BRIDGE_MESSAGE,
    );
  });
});
