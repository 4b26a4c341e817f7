import { describe, expect, it } from 'vitest';

import { toAppError } from '../../shared/errors';
import { createAccountsStore } from './store';
import { createInMemoryBridgeForTests } from './test/in-memory-bridge';
import {
  accountsStatus,
  active,
  ALICE,
  BOB,
  signedInStatus,
  signedOutStatus,
} from './test/statuses';

async function connectedStore(bridge = createInMemoryBridgeForTests()) {
  const store = createAccountsStore(bridge);
  store.getState().connect();

  await new Promise((resolve) => setTimeout(resolve, 0));

  return { bridge, store };
}

describe('the accounts store', () => {
  it('loads the status through auth:get-status', async () => {
    const status = signedInStatus();
    const bridge = createInMemoryBridgeForTests(status);

    const { store } = await connectedStore(bridge);

    expect(store.getState()).toMatchObject({
      status,
      signIn: { phase: 'idle' },
      pending: [],
      failure: null,
    });
    expect(bridge.requestsOn('auth:get-status')).toEqual([null]);
  });

  it('follows sign-in progress events', async () => {
    const { bridge, store } = await connectedStore();

    bridge.emit('auth:sign-in-progress', { phase: 'completing' });

    expect(store.getState().signIn).toEqual({ phase: 'completing' });
  });

  it('puts an error that main returned into failure, naming the action', async () => {
    const { bridge, store } = await connectedStore();
    const busy = toAppError('port_busy');
    bridge.handle('auth:sign-in-chatgpt', () => ({ ok: false, error: busy }));

    await store.getState().signInWithChatGPT();

    expect(store.getState().failure).toEqual({
      action: 'sign-in',
      error: busy,
    });
    expect(store.getState().pending).toEqual([]);
  });

  it('turns a broken request into the internal error', async () => {
    const { bridge, store } = await connectedStore();
    bridge.handle('auth:reload', () => Promise.reject(new TypeError('gone')));

    await store.getState().reload();

    expect(store.getState().failure).toEqual({
      action: 'reload',
      error: toAppError('internal_error'),
    });
    expect(bridge.requestsOn('log:write')).toContainEqual({
      level: 'error',
      message: 'auth:reload failed unexpectedly (TypeError)',
    });
  });

  it('clears the failure when the next request starts', async () => {
    const { bridge, store } = await connectedStore();
    bridge.handle('auth:sign-out', () => ({
      ok: false,
      error: toAppError('auth_write_failed'),
    }));
    await store.getState().signOut();

    await store.getState().reload();

    expect(store.getState().failure).toBeNull();
  });

  it('clears the failure when another program signs in', async () => {
    const { bridge, store } = await connectedStore();
    bridge.handle('auth:sign-in-chatgpt', () => ({
      ok: false,
      error: toAppError('port_busy'),
    }));
    await store.getState().signInWithChatGPT();

    bridge.emit('auth:status-changed', signedInStatus());

    expect(store.getState().failure).toBeNull();
  });

  it('keeps a newer event over an older answer that arrives after it', async () => {
    const { bridge, store } = await connectedStore();
    const older = signedOutStatus();
    const newer = signedInStatus();
    let answer: (status: typeof older) => void = () => undefined;
    bridge.handle(
      'auth:reload',
      () => new Promise((resolve) => (answer = resolve)),
    );

    const reloading = store.getState().reload();
    bridge.emit('auth:status-changed', newer);
    answer(older);
    await reloading;

    expect(older.revision).toBeLessThan(newer.revision);
    expect(store.getState().status).toMatchObject({
      revision: newer.revision,
      state: 'signed_in',
    });
  });

  it('takes the same revision again only from a later reading', async () => {
    const { bridge, store } = await connectedStore();
    const shown = signedInStatus();
    bridge.emit('auth:status-changed', shown);
    const before = store.getState().status;

    bridge.emit('auth:status-changed', { ...shown });
    expect(store.getState().status).toBe(before);

    const readAgain = { ...shown, readAt: '2030-01-01T12:05:00.000Z' };
    bridge.emit('auth:status-changed', readAgain);
    expect(store.getState().status?.readAt).toBe(readAgain.readAt);

    // The earlier reading, arriving late, does not take its place back.
    bridge.emit('auth:status-changed', { ...shown });
    expect(store.getState().status?.readAt).toBe(readAgain.readAt);
  });

  it('sends one sign-in request while one is already running', async () => {
    const { bridge, store } = await connectedStore();

    await Promise.all([
      store.getState().signInWithChatGPT(),
      store.getState().signInWithChatGPT(),
    ]);

    expect(bridge.requestsOn('auth:sign-in-chatgpt')).toEqual([null]);
  });

  it('lets Cancel through while the sign-in request is still running', async () => {
    const { bridge, store } = await connectedStore();
    bridge.handle('auth:sign-in-chatgpt', () => new Promise(() => undefined));

    void store.getState().signInWithChatGPT();
    await store.getState().cancelSignIn();

    expect(bridge.requestsOn('auth:cancel-sign-in')).toEqual([null]);
    expect(store.getState().pending).toEqual(['sign-in']);
  });

  it('takes the new status from a successful sign-out', async () => {
    const { store } = await connectedStore(
      createInMemoryBridgeForTests(signedInStatus()),
    );

    const signedOut = await store.getState().signOut();

    expect(signedOut).toBe(true);
    expect(store.getState().status).toEqual({
      ...signedOutStatus(),
      revision: expect.any(Number),
    });
  });

  it('hides a failed sign-in on dismiss', async () => {
    const { bridge, store } = await connectedStore();
    const error = toAppError('sign_in_timed_out');
    bridge.emit('auth:sign-in-progress', { phase: 'failed', error });

    store.getState().dismissError();

    expect(store.getState().signIn).toEqual({ phase: 'idle' });
  });

  it('keeps a dismissed sign-in failure hidden when later statuses repeat it', async () => {
    const { bridge, store } = await connectedStore();
    const failed = {
      phase: 'failed' as const,
      error: toAppError('sign_in_timed_out'),
    };
    bridge.emit('auth:sign-in-progress', failed);
    bridge.emit('auth:status-changed', signedOutStatus({ signIn: failed }));
    store.getState().dismissError();

    // Main still holds the failure; a reading found something else new.
    bridge.emit('auth:status-changed', signedInStatus({}, { signIn: failed }));
    expect(store.getState().status?.state).toBe('signed_in');
    expect(store.getState().signIn).toEqual({ phase: 'idle' });

    // A sign-in that main reports anew is shown again.
    bridge.emit(
      'auth:status-changed',
      signedInStatus({}, { signIn: { phase: 'cancelled' } }),
    );
    expect(store.getState().signIn).toEqual({ phase: 'cancelled' });
  });

  it('logs that an API key was sent, never the key', async () => {
    const { bridge, store } = await connectedStore();

    await store.getState().signInWithApiKey('sk-proj-secret-value');

    expect(bridge.requestsOn('log:write')).toContainEqual({
      level: 'info',
      message: 'API key submitted',
    });
    expect(JSON.stringify(bridge.requestsOn('log:write'))).not.toContain(
      'sk-proj-secret-value',
    );
  });

  describe('saved accounts', () => {
    it('switches through accounts:switch and takes the new status', async () => {
      const { bridge, store } = await connectedStore(
        createInMemoryBridgeForTests(accountsStatus([active(ALICE), BOB])),
      );

      const switched = await store.getState().switchTo(BOB.key);

      expect(switched).toBe(true);
      expect(bridge.requestsOn('accounts:switch')).toEqual([{ key: BOB.key }]);
      expect(store.getState().status?.account).toEqual(BOB.summary);
      expect(store.getState().accountTasks).toEqual({});
    });

    it('applies a status that names only the active account to the list it holds', async () => {
      const whole = {
        ...accountsStatus([active(ALICE), BOB]),
        listRevision: 7,
      };
      const { bridge, store } = await connectedStore(
        createInMemoryBridgeForTests(whole),
      );
      const [aliceBefore] = store.getState().status?.accounts ?? [];
      const { accounts: _all, ...rest } = accountsStatus([ALICE, active(BOB)]);

      bridge.emit('auth:status-changed', {
        ...rest,
        accounts: null,
        listRevision: 7,
        activeKey: BOB.key,
      });

      const shown = store.getState().status;
      expect(shown?.accounts.map((view) => [view.key, view.isActive])).toEqual([
        [ALICE.key, false],
        [BOB.key, true],
      ]);
      expect(shown?.account).toEqual(BOB.summary);
      expect(shown).not.toHaveProperty('activeKey');
      expect(shown).not.toHaveProperty('listRevision');
      expect(bridge.requestsOn('auth:get-status')).toEqual([null]);
      // Her mark changed, so her view is a new object (her row re-renders).
      expect(shown?.accounts[0]).not.toBe(aliceBefore);
    });

    it('asks for the whole status when a message names a list it does not hold', async () => {
      const whole = {
        ...accountsStatus([active(ALICE), BOB]),
        listRevision: 7,
      };
      const bridge = createInMemoryBridgeForTests(whole);
      const { store } = await connectedStore(bridge);
      const newer = {
        ...accountsStatus([ALICE, active(BOB)]),
        listRevision: 8,
      };
      bridge.handle('auth:get-status', () => newer);
      const { accounts: _all, ...rest } = newer;

      bridge.emit('auth:status-changed', {
        ...rest,
        accounts: null,
        listRevision: 8,
        activeKey: BOB.key,
      });
      await new Promise((resolve) => setTimeout(resolve, 0));

      expect(bridge.requestsOn('auth:get-status')).toEqual([null, null]);
      expect(store.getState().status?.revision).toBe(newer.revision);
      expect(
        store.getState().status?.accounts.find((view) => view.isActive)?.key,
      ).toBe(BOB.key);
    });

    it('keeps a newer message that came while it asked for the whole status', async () => {
      const start = {
        ...accountsStatus([active(ALICE), BOB]),
        listRevision: 7,
      };
      const bridge = createInMemoryBridgeForTests(start);
      const { store } = await connectedStore(bridge);
      const aliceAgain = {
        ...accountsStatus([active(ALICE), BOB]),
        listRevision: 8,
      };
      const { accounts: _all, ...later } = accountsStatus([ALICE, active(BOB)]);
      let answer: (status: typeof aliceAgain) => void = () => undefined;
      bridge.handle(
        'auth:get-status',
        () => new Promise((resolve) => (answer = resolve)),
      );

      // A list-less message of list 8 starts the fetch; a newer one (Bob
      // active) comes before the fetch's older answer.
      const { accounts: _a, ...first } = aliceAgain;
      bridge.emit('auth:status-changed', {
        ...first,
        accounts: null,
        listRevision: 8,
        activeKey: ALICE.key,
      });
      bridge.emit('auth:status-changed', {
        ...later,
        accounts: null,
        listRevision: 8,
        activeKey: BOB.key,
      });
      answer(aliceAgain);
      await new Promise((resolve) => setTimeout(resolve, 0));

      expect(store.getState().status?.revision).toBe(later.revision);
      expect(
        store.getState().status?.accounts.find((view) => view.isActive)?.key,
      ).toBe(BOB.key);
      expect(bridge.requestsOn('auth:get-status')).toEqual([null, null]);
    });

    it('waits for its first status instead of asking twice', async () => {
      const start = {
        ...accountsStatus([active(ALICE), BOB]),
        listRevision: 7,
      };
      const bridge = createInMemoryBridgeForTests(start);
      let answer: (status: typeof start) => void = () => undefined;
      bridge.handle(
        'auth:get-status',
        () => new Promise((resolve) => (answer = resolve)),
      );
      const store = createAccountsStore(bridge);
      store.getState().connect();
      const { accounts: _all, ...later } = accountsStatus([ALICE, active(BOB)]);

      bridge.emit('auth:status-changed', {
        ...later,
        accounts: null,
        listRevision: 7,
        activeKey: BOB.key,
      });
      answer(start);
      await new Promise((resolve) => setTimeout(resolve, 0));

      expect(bridge.requestsOn('auth:get-status')).toEqual([null]);
      expect(store.getState().status?.revision).toBe(later.revision);
      expect(
        store.getState().status?.accounts.find((view) => view.isActive)?.key,
      ).toBe(BOB.key);
    });

    it('sends one switch at a time, whichever account is asked for', async () => {
      const { bridge, store } = await connectedStore(
        createInMemoryBridgeForTests(accountsStatus([ALICE, BOB])),
      );

      await Promise.all([
        store.getState().switchTo(BOB.key),
        store.getState().switchTo(ALICE.key),
      ]);

      expect(bridge.requestsOn('accounts:switch')).toEqual([{ key: BOB.key }]);
    });

    it('lets requests about different accounts run side by side', async () => {
      const { bridge, store } = await connectedStore(
        createInMemoryBridgeForTests(accountsStatus([ALICE, BOB])),
      );
      bridge.handle('accounts:refresh', () => new Promise(() => undefined));

      void store.getState().refreshAccount(ALICE.key);
      await store.getState().renameAccount(BOB.key, 'Work');

      expect(store.getState().accountTasks).toEqual({ [ALICE.key]: 'refresh' });
      expect(bridge.requestsOn('accounts:rename')).toEqual([
        { key: BOB.key, label: 'Work' },
      ]);
    });

    it('names the action and the account of a request that failed', async () => {
      const { bridge, store } = await connectedStore(
        createInMemoryBridgeForTests(accountsStatus([ALICE])),
      );
      const error = toAppError('revoke_failed', { reason: 'offline' });
      bridge.handle('accounts:remove', () => ({ ok: false, error }));

      const removed = await store.getState().removeAccount(ALICE.key, true);

      expect(removed).toBe(false);
      expect(store.getState().failure).toEqual({
        action: 'remove',
        error,
        key: ALICE.key,
      });
      expect(bridge.requestsOn('accounts:remove')).toEqual([
        { key: ALICE.key, everywhere: true },
      ]);
    });

    it('asks for the sign-in with the makeActive it was given', async () => {
      const { bridge, store } = await connectedStore();

      await store.getState().signInWithChatGPT({ makeActive: false });
      await store.getState().signInWithChatGPT();

      expect(bridge.requestsOn('auth:sign-in-chatgpt')).toEqual([
        { makeActive: false },
        null,
      ]);
    });

    it('keeps the views of unchanged accounts as the same objects', async () => {
      const { bridge, store } = await connectedStore(
        createInMemoryBridgeForTests(accountsStatus([active(ALICE), BOB])),
      );
      const [alice, bob] = store.getState().status?.accounts ?? [];

      bridge.emit(
        'auth:status-changed',
        accountsStatus([
          structuredClone(active(ALICE)),
          { ...structuredClone(BOB), label: 'Work' },
        ]),
      );

      const [nextAlice, nextBob] = store.getState().status?.accounts ?? [];
      expect(nextAlice).toBe(alice);
      expect(nextBob).not.toBe(bob);
      expect(nextBob?.label).toBe('Work');
    });

    it('hides the switch notice it was shown, until the next switch', async () => {
      const first = { key: BOB.key, at: '2030-01-01T12:04:00.000Z' };
      const { bridge, store } = await connectedStore(
        createInMemoryBridgeForTests(
          accountsStatus([ALICE, active(BOB)], {
            lastSwitch: { ...first, runningCodex: [] },
          }),
        ),
      );

      store.getState().dismissSwitchNotice();

      expect(store.getState().dismissedSwitchAt).toBe(first.at);
      bridge.emit(
        'auth:status-changed',
        accountsStatus([active(ALICE), BOB], {
          lastSwitch: {
            key: ALICE.key,
            at: '2030-01-01T12:05:00.000Z',
            runningCodex: [],
          },
        }),
      );
      expect(store.getState().status?.lastSwitch?.at).not.toBe(
        store.getState().dismissedSwitchAt,
      );
    });

    it('logs that an account was switched, never which one', async () => {
      const { bridge, store } = await connectedStore(
        createInMemoryBridgeForTests(accountsStatus([ALICE, BOB])),
      );

      await store.getState().switchTo(BOB.key);

      const logged = JSON.stringify(bridge.requestsOn('log:write'));
      expect(logged).toContain('switch of a saved account requested');
      expect(logged).not.toContain(BOB.key);
      expect(logged).not.toContain('bob@example.com');
    });
  });
});
