// The window's state: the last AuthStatus main sent, the progress of the
// browser sign-in, which requests are running (for the window and for each
// saved account) and the last request that failed. Every action is a
// request over the bridge; the store holds no token and never keeps or logs
// an API key.

import { createStore, type StoreApi } from 'zustand/vanilla';

import type {
  AuthStatus,
  SavedAccountView,
  SignInProgress,
} from '../../shared/account';
import { type AppError, toAppError } from '../../shared/errors';
import type {
  CodexAccountsBridge,
  IpcResult,
  RequestChannel,
  RequestOf,
  ResponseOf,
  StatusMessage,
} from '../../shared/ipc-contract';
import { sameAccountView } from '../../shared/same-view';
import { createBridgeLog, type RendererLog } from './log';

/** The requests the window as a whole can have running. */
export type WindowAction =
  'load' | 'reload' | 'sign-in' | 'cancel' | 'api-key' | 'sign-out';

/** The requests about one saved account. */
export type AccountAction = 'switch' | 'refresh' | 'rename' | 'remove';

/** Any request the window sends. */
export type AccountsAction = WindowAction | AccountAction;

/** A request that came back with an error, and which one it was. */
export interface ActionFailure {
  action: AccountsAction;
  error: AppError;
  /** The saved account the request was about, for account actions. */
  key?: string;
}

/** Options of the ChatGPT sign-in, as the contract takes them. */
export type SignInOptions = NonNullable<RequestOf<'auth:sign-in-chatgpt'>>;

/** The store's state and actions. */
export interface AccountsState {
  /** The status main sent last, or null until the first one arrives. */
  status: AuthStatus | null;
  /** The browser sign-in, from the latest status or progress event. */
  signIn: SignInProgress;
  /**
   * Whether the last sign-in this window asked for was to make the account
   * active (true), to save it for later (false), or left to main (null).
   */
  signInMakesActive: boolean | null;
  /** Requests in flight; an action does nothing while its own is running. */
  pending: readonly WindowAction[];
  /**
   * The saved-account request in flight for each account key. One at a
   * time per account, and one switch at a time in all.
   */
  accountTasks: Readonly<Record<string, AccountAction>>;
  /** The `at` of the switch notice the user dismissed, if any. */
  dismissedSwitchAt: string | null;
  /** The last request that failed, until the next one starts. */
  failure: ActionFailure | null;
  /** Loads the status and follows main's events; returns a stop function. */
  connect: () => () => void;
  /**
   * Starts the ChatGPT browser sign-in; progress arrives as events. With
   * `makeActive` the new account goes into auth.json; without options main
   * decides (and reopens the browser for a sign-in that is waiting).
   */
  signInWithChatGPT: (options?: SignInOptions) => Promise<void>;
  /** Stops the browser sign-in that is waiting. */
  cancelSignIn: () => Promise<void>;
  /** Saves an API key; resolves to whether it was saved. */
  signInWithApiKey: (apiKey: string) => Promise<boolean>;
  /** Removes the sign-in from this computer; resolves to whether it did. */
  signOut: () => Promise<boolean>;
  /** Reads auth.json again. */
  reload: () => Promise<void>;
  /** Makes a saved account the one Codex uses; resolves to whether it did. */
  switchTo: (key: string) => Promise<boolean>;
  /** Renews a saved account and reads its plan and email again. */
  refreshAccount: (key: string) => Promise<boolean>;
  /** Names a saved account; an empty label removes the name. */
  renameAccount: (key: string, label: string) => Promise<boolean>;
  /** Forgets a saved account here; `everywhere` revokes it first. */
  removeAccount: (key: string, everywhere: boolean) => Promise<boolean>;
  /** Hides the last failure and a failed sign-in's error. */
  dismissError: () => void;
  /** Hides the notice about the last switch. */
  dismissSwitchNotice: () => void;
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

    function begin(action: WindowAction): boolean {
      if (get().pending.includes(action)) {
        return false;
      }

      set((state) => ({ pending: [...state.pending, action], failure: null }));
      return true;
    }

    function settle(
      action: WindowAction,
      result: IpcResult<StatusMessage | null>,
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

    function beginAccountTask(action: AccountAction, key: string): boolean {
      const tasks = get().accountTasks;
      const switching = Object.values(tasks).includes('switch');

      // Main runs requests one after another anyway; refusing a second
      // switch keeps a double click from switching twice.
      if (key in tasks || (action === 'switch' && switching)) {
        return false;
      }

      set({ accountTasks: { ...tasks, [key]: action }, failure: null });
      return true;
    }

    function settleAccountTask(
      action: AccountAction,
      key: string,
      result: IpcResult<StatusMessage>,
    ): boolean {
      if (result.ok) {
        acceptStatus(result.value);
      } else {
        log.warn(`${action} failed: ${result.error.code}`);
      }

      const { [key]: _done, ...rest } = get().accountTasks;

      set({
        accountTasks: rest,
        ...(result.ok ? {} : { failure: { action, error: result.error, key } }),
      });
      return result.ok;
    }

    async function runAccountTask<C extends AccountChannel>(
      action: AccountAction,
      channel: C,
      payload: RequestOf<C> & { key: string },
    ): Promise<boolean> {
      if (!beginAccountTask(action, payload.key)) {
        return false;
      }

      // The key names an account without saying who it is; log only that.
      log.info(`${action} of a saved account requested`);
      const result = flatten(await request(channel, payload));

      return settleAccountTask(action, payload.key, result);
    }

    // The sign-in progress main reported last. A status repeats it until it
    // changes; the window's own view of it (a dismissed failure is idle)
    // gives way only to a progress main has not reported before.
    let reportedSignIn: SignInProgress | null = null;

    function takeReportedSignIn(progress: SignInProgress): boolean {
      const isNew =
        reportedSignIn === null ||
        JSON.stringify(reportedSignIn) !== JSON.stringify(progress);

      reportedSignIn = progress;
      return isNew;
    }

    // The number of the list of saved accounts this window holds, for
    // messages that leave the list out (StatusMessage).
    let listRevision: number | null = null;
    // The newest message that named a list this window does not hold (the
    // message with that list was overtaken on the way, or the first status
    // has not arrived): tried again once a whole status has come.
    let waiting: StatusMessage | null = null;
    let fetchingWhole = false;

    async function fetchWholeStatus(): Promise<void> {
      if (fetchingWhole) {
        return;
      }

      fetchingWhole = true;
      const result = await request('auth:get-status', null);
      fetchingWhole = false;

      if (result.ok) {
        acceptStatus(result.value);
        // Still waiting if the whole status was not newer than what is
        // shown; by now the window holds the list it names, or it is older.
        retryWaiting();
      }
    }

    function retryWaiting(): void {
      const message = waiting;

      waiting = null;
      if (message !== null) {
        acceptStatus(message);
      }
    }

    function takeAccounts(
      message: StatusMessage,
      previous: AuthStatus | null,
    ): SavedAccountView[] | null {
      if (message.accounts !== null) {
        listRevision = message.listRevision ?? null;
        return keepUnchangedViews(previous?.accounts ?? [], message.accounts);
      }

      if (previous === null || listRevision !== message.listRevision) {
        return null;
      }

      return withActive(previous.accounts, message.activeKey);
    }

    function acceptStatus(message: StatusMessage): void {
      const previous = get().status;

      // A switch's answer repeats the status its event brought, and an
      // answer can arrive after a newer event: keep the newest, once.
      if (previous !== null && isOlderOrSame(message, previous)) {
        return;
      }

      const accounts = takeAccounts(message, previous);

      if (accounts === null) {
        if (waiting === null || message.revision > waiting.revision) {
          waiting = message;
        }
        // Before the first status, the load under way brings the whole list.
        if (previous !== null) {
          void fetchWholeStatus();
        }
        return;
      }

      const status = asStatus(message, accounts);
      // A failure belongs to the situation it happened in; once the account
      // is signed in or out by other means, it no longer applies.
      const moved = previous !== null && previous.state !== status.state;

      set({
        status,
        ...(takeReportedSignIn(status.signIn) ? { signIn: status.signIn } : {}),
        ...(moved ? { failure: null } : {}),
      });
      retryWaiting();
    }

    function acceptProgress(progress: SignInProgress): void {
      const detail =
        progress.phase === 'failed' ? `: ${progress.error.code}` : '';

      log.info(`sign-in ${progress.phase}${detail}`);
      takeReportedSignIn(progress);
      set({ signIn: progress });
    }

    return {
      status: null,
      signIn: { phase: 'idle' },
      signInMakesActive: null,
      pending: [],
      accountTasks: {},
      dismissedSwitchAt: null,
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

      signInWithChatGPT: async (options) => {
        if (!begin('sign-in')) {
          return;
        }

        const use = options?.makeActive ?? 'as main decides';

        // Asking again while one waits only reopens the browser on it.
        if (!isSignInRunning(get().signIn)) {
          set({ signInMakesActive: options?.makeActive ?? null });
        }

        log.info(`sign-in with ChatGPT requested; make active: ${use}`);
        const result = await request('auth:sign-in-chatgpt', options ?? null);

        settle('sign-in', flatten(result));
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

      switchTo: (key) => runAccountTask('switch', 'accounts:switch', { key }),

      refreshAccount: (key) =>
        runAccountTask('refresh', 'accounts:refresh', { key }),

      renameAccount: (key, label) =>
        runAccountTask('rename', 'accounts:rename', { key, label }),

      removeAccount: (key, everywhere) =>
        runAccountTask('remove', 'accounts:remove', { key, everywhere }),

      dismissSwitchNotice: () => {
        set({ dismissedSwitchAt: get().status?.lastSwitch?.at ?? null });
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

/** The saved account in auth.json, if it is one of the saved accounts. */
export function activeSavedAccount(
  status: AuthStatus | null,
): SavedAccountView | null {
  return status?.accounts.find((view) => view.isActive) ?? null;
}

type AccountChannel =
  | 'accounts:switch'
  | 'accounts:refresh'
  | 'accounts:rename'
  | 'accounts:remove';

// Each status from main is a fresh copy. Keeping the previous object for an
// account that did not change lets its row skip rendering (React.memo), so
// a long list stays cheap when one account changes.
function keepUnchangedViews(
  previous: readonly SavedAccountView[],
  next: SavedAccountView[],
): SavedAccountView[] {
  if (previous.length === 0) {
    return next;
  }

  const byKey = new Map(previous.map((view) => [view.key, view]));

  return next.map((view) => {
    const old = byKey.get(view.key);

    return old !== undefined && sameAccountView(old, view) ? old : view;
  });
}

// The views as they are with `activeKey` the active one; the views whose
// mark does not change stay the same objects.
function withActive(
  views: readonly SavedAccountView[],
  activeKey: string | null,
): SavedAccountView[] {
  return views.map((view) =>
    view.isActive === (view.key === activeKey)
      ? view
      : { ...view, isActive: !view.isActive },
  );
}

// The status the window keeps: the message's, with the list it stands for
// and without the fields that only say how it was sent.
function asStatus(
  message: StatusMessage,
  accounts: SavedAccountView[],
): AuthStatus {
  const {
    accounts: _sent,
    listRevision: _list,
    activeKey: _active,
    ...status
  } = message as StatusMessage & { activeKey?: string | null };

  return { ...status, accounts };
}

function isOlderOrSame(status: StatusMessage, shown: AuthStatus): boolean {
  return (
    status.revision < shown.revision ||
    (status.revision === shown.revision && status.readAt <= shown.readAt)
  );
}

function flatten<T>(result: IpcResult<IpcResult<T>>): IpcResult<T> {
  return result.ok ? result.value : result;
}

function errorName(thrown: unknown): string {
  return thrown instanceof Error ? thrown.name : typeof thrown;
}
