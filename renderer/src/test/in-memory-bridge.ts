// An in-memory stand-in for the preload bridge, for tests only: the real one
// needs Electron's preload, which can't run in jsdom. It answers requests
// with handlers a test can replace, records every request, and lets a test
// send main's events. The saved-account requests act on the status it holds
// the way main would (switch, rename, remove), so a test sees the result.

import type { AuthStatus, SavedAccountView } from '../../../shared/account';
import { toAppError } from '../../../shared/errors';
import type {
  AppSettings,
  CodexAccountsBridge,
  EventChannel,
  IpcEvents,
  RequestChannel,
  RequestOf,
  ResponseOf,
} from '../../../shared/ipc-contract';
import { nextRevision, signedInStatus, signedOutStatus } from './statuses';

type Handler<C extends RequestChannel> = (
  request: RequestOf<C>,
) => ResponseOf<C> | Promise<ResponseOf<C>>;

type Handlers = { [C in RequestChannel]: Handler<C> };

type Listener<E extends EventChannel> = (payload: IpcEvents[E]) => void;

/** A request the window sent. */
export interface RecordedRequest {
  channel: RequestChannel;
  request: unknown;
}

/** The bridge, plus what a test needs to drive it. */
export interface InMemoryBridge extends CodexAccountsBridge {
  /** Every request, in the order sent. */
  readonly requests: RecordedRequest[];
  /** Replaces how `channel` is answered. */
  handle<C extends RequestChannel>(channel: C, handler: Handler<C>): void;
  /** Sends an event as main would. */
  emit<E extends EventChannel>(channel: E, payload: IpcEvents[E]): void;
  /** How many listeners `channel` has. */
  listenerCount(channel: EventChannel): number;
  /** The requests sent on `channel`, without the log lines. */
  requestsOn<C extends RequestChannel>(channel: C): RequestOf<C>[];
}

/** A bridge whose main holds `status` and succeeds at everything. */
export function createInMemoryBridgeForTests(
  status: AuthStatus = signedOutStatus(),
): InMemoryBridge {
  const requests: RecordedRequest[] = [];
  let current = status;
  let settings: AppSettings = { notifications: true };

  // Applies a change to one saved account, as main would answer it.
  function changeAccount(
    key: string,
    change: (status: AuthStatus, view: SavedAccountView) => AuthStatus,
  ): ResponseOf<'accounts:switch'> {
    const view = current.accounts.find((saved) => saved.key === key);

    if (view === undefined) {
      return { ok: false, error: toAppError('account_not_found') };
    }

    current = { ...change(current, view), revision: nextRevision() };
    return { ok: true, value: current };
  }

  const handlers: Handlers = {
    'auth:get-status': () => current,
    'auth:reload': () => current,
    'auth:sign-in-chatgpt': () => ({ ok: true, value: null }),
    'auth:cancel-sign-in': () => ({ ok: true, value: null }),
    'auth:sign-in-api-key': () => ({
      ok: true,
      value: signedInStatus({ mode: 'apikey', apiKeyMask: 'sk-proj-***ABCDE' }),
    }),
    'auth:sign-out': () => ({ ok: true, value: signedOutStatus() }),
    'accounts:switch': ({ key }) =>
      changeAccount(key, (now, target) => ({
        ...now,
        state: 'signed_in',
        account: target.summary,
        problem: null,
        accounts: now.accounts.map((view) => ({
          ...view,
          isActive: view.key === key,
        })),
        lastSwitch: { key, at: new Date().toISOString(), runningCodex: [] },
      })),
    'accounts:refresh': ({ key }) => changeAccount(key, (now) => now),
    'accounts:rename': ({ key, label }) =>
      changeAccount(key, (now) => ({
        ...now,
        accounts: now.accounts.map((view) =>
          view.key === key
            ? { ...view, label: label.trim() === '' ? null : label.trim() }
            : view,
        ),
      })),
    'accounts:remove': ({ key }) =>
      changeAccount(key, (now, target) => ({
        ...now,
        ...(target.isActive
          ? { state: 'signed_out' as const, account: null }
          : {}),
        accounts: now.accounts.filter((view) => view.key !== key),
      })),
    'settings:get': () => settings,
    'settings:set': (change) => {
      settings = { ...settings, ...change };
      return { ok: true, value: settings };
    },
    'log:write': () => null,
  };
  const listeners = new Map<EventChannel, Set<(payload: never) => void>>();

  function listenersOf<E extends EventChannel>(channel: E): Set<Listener<E>> {
    const set = listeners.get(channel) ?? new Set();

    listeners.set(channel, set);
    return set as Set<Listener<E>>;
  }

  return {
    requests,

    async invoke<C extends RequestChannel>(channel: C, request: RequestOf<C>) {
      requests.push({ channel, request });
      const handler: Handler<C> = handlers[channel];

      return handler(request);
    },

    on(channel, listener) {
      listenersOf(channel).add(listener);
      return () => listenersOf(channel).delete(listener);
    },

    handle(channel, handler) {
      // TypeScript can read a mapped type through a generic key but not
      // write through one; the signature of `handle` keeps the pair matched.
      Object.assign(handlers, { [channel]: handler });
    },

    emit(channel, payload) {
      for (const listener of listenersOf(channel)) {
        listener(payload);
      }
    },

    listenerCount: (channel) => listenersOf(channel).size,

    requestsOn<C extends RequestChannel>(channel: C) {
      return requests
        .filter((recorded) => recorded.channel === channel)
        .map((recorded) => recorded.request as RequestOf<C>);
    },
  };
}
