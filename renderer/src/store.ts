// The window's state: the last AuthStatus main sent, the progress of the
// browser sign-in, which requests are running and the last request that
// failed. Every action is a request over the bridge; the store holds no
// token and never keeps or logs an API key.

import { createStore, type StoreApi } from 'zustand/vanilla';

import type { AuthStatus, SignInProgress } from '../../shared/account';
import { type AppError, toAppError } from '../../shared/errors';
import type {
  CodexAccountsBridge,
  IpcResult,
  RequestChannel,
  RequestOf,
  ResponseOf,
} from '../../shared/ipc-contract';
import { createBridgeLog, type RendererLog } from './log';

/** The requests the window can have running. */
export type AccountsAction =
  'load' | 'reload' | 'sign-in' | 'cancel' | 'api-key' | 'sign-out';

/** A request that came back with an error, and which one it was. */
export interface ActionFailure {
  action: AccountsAction;
  error: AppError;
}

/** The store's state and actions. */
export interface AccountsState {
  /** The status main sent last, or null until the first one arrives. */
  status: AuthStatus | null;
  /** The browser sign-in, from the latest status or progress event. */
  signIn: SignInProgress;
  /** Requests in flight; an action does nothing while its own is running. */
  pending: readonly AccountsAction[];
  /** The last request that failed, until the next one starts. */
  failure: ActionFailure | null;
  /** Loads the status and follows main's events; returns a stop function. */
  connect: () => () => void;
  /** Starts the ChatGPT browser sign-in; progress arrives as events. */
  signInWithChatGPT: () => Promise<void>;
  /** Stops the browser sign-in that is waiting. */
  cancelSignIn: () => Promise<void>;
  /** Saves an API key; resolves to whether it was saved. */
  signInWithApiKey: (apiKey: string) => Promise<boolean>;
  /** Removes the sign-in from this computer; resolves to whether it did. */
  signOut: () => Promise<boolean>;
  /** Reads auth.json again. */
  reload: () => Promise<void>;
  /** Hides the last failure and a failed sign-in's error. */
  dismissError: () => void;
}

/** A store for one window. */
export type AccountsStore = StoreApi<AccountsState>;

/** Creates the store that talks to main through `bridge`. */
export function createAccountsStore(
  bridge: CodexAccountsBridge,
  log: RendererLog = createBridgeLog(bridge),
): AccountsStore {
  return createStore<AccountsState>()((set, get) => {
    async function request<C extends RequestChannel>(
      channel: C,
      payload: RequestOf<C>,
    ): Promise<IpcResult<ResponseOf<C>>> {
      try {
        return { ok: true, value: await bridge.invoke(channel, payload) };
      } catch (thrown) {
        // Main logs its own failures in full. The window notes only that the
        // call broke and how, so nothing it sent (an API key) can be logged.
        log.error(`${channel} failed unexpectedly (${errorName(thrown)})`);
        return { ok: false, error: toAppError('internal_error') };
      }
    }

    function begin(action: AccountsAction): boolean {
      if (get().pending.includes(action)) {
        return false;
      }

      set((state) => ({ pending: [...state.pending, action], failure: null }));
      return true;
    }

    function settle(
      action: AccountsAction,
      result: IpcResult<AuthStatus | null>,
    ): boolean {
      if (result.ok && result.value !== null) {
        acceptStatus(result.value);
      }

      if (!result.ok) {
        log.warn(`${action} failed: ${result.error.code}`);
      }

      set((state) => ({
        pending: state.pending.filter((running) => running !== action),
        ...(result.ok ? {} : { failure: { action, error: result.error } }),
      }));
      return result.ok;
    }

    function acceptStatus(status: AuthStatus): void {
      const previous = get().status;
      // A failure belongs to the situation it happened in; once the account
      // is signed in or out by other means, it no longer applies.
      const moved = previous !== null && previous.state !== status.state;

      set({
        status,
        signIn: status.signIn,
        ...(moved ? { failure: null } : {}),
      });
    }

    function acceptProgress(progress: SignInProgress): void {
      const detail =
        progress.phase === 'failed' ? `: ${progress.error.code}` : '';

      log.info(`sign-in ${progress.phase}${detail}`);
      set({ signIn: progress });
    }

    return {
      status: null,
      signIn: { phase: 'idle' },
      pending: [],
      failure: null,

      connect: () => {
        // Listen first, so no change between the read and the subscription
        // is missed.
        const stops = [
          bridge.on('auth:status-changed', acceptStatus),
          bridge.on('auth:sign-in-progress', acceptProgress),
        ];

        void (async () => {
          if (!begin('load')) {
            return;
          }

          settle('load', await request('auth:get-status', null));
        })();

        return () => {
          for (const stop of stops) {
            stop();
          }
        };
      },

      signInWithChatGPT: async () => {
        if (!begin('sign-in')) {
          return;
        }

        log.info('sign-in with ChatGPT requested');
        settle('sign-in', flatten(await request('auth:sign-in-chatgpt', null)));
      },

      cancelSignIn: async () => {
        if (!begin('cancel')) {
          return;
        }

        log.info('sign-in cancel requested');
        settle('cancel', flatten(await request('auth:cancel-sign-in', null)));
      },

      signInWithApiKey: async (apiKey) => {
        if (!begin('api-key')) {
          return false;
        }

        log.info('API key submitted');
        const result = await request('auth:sign-in-api-key', { apiKey });

        return settle('api-key', flatten(result));
      },

      signOut: async () => {
        if (!begin('sign-out')) {
          return false;
        }

        log.info('sign-out requested');
        return settle(
          'sign-out',
          flatten(await request('auth:sign-out', null)),
        );
      },

      reload: async () => {
        if (!begin('reload')) {
          return;
        }

        settle('reload', await request('auth:reload', null));
      },

      dismissError: () => {
        const { signIn } = get();

        set({
          failure: null,
          signIn: signIn.phase === 'failed' ? { phase: 'idle' } : signIn,
        });
      },
    };
  });
}

/** Whether the browser sign-in is under way. */
export function isSignInRunning(signIn: SignInProgress): boolean {
  return signIn.phase === 'waiting' || signIn.phase === 'completing';
}

function flatten<T>(result: IpcResult<IpcResult<T>>): IpcResult<T> {
  return result.ok ? result.value : result;
}

function errorName(thrown: unknown): string {
  return thrown instanceof Error ? thrown.name : typeof thrown;
}
