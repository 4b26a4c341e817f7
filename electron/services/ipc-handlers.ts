// The main-side half of the IPC contract, in plain Node: one handler per
// request channel, each validating its payload as untrusted input. Electron
// registers these with ipcMain; the demo serves them over loopback HTTP.

import type { AuthStatus } from '../../shared/account';
import {
  type AppSettings,
  type EventChannel,
  type IpcEvents,
  type IpcResult,
  MAX_ACCOUNT_LABEL_LENGTH,
  type RequestChannel,
  type ResponseOf,
} from '../../shared/ipc-contract';
import { appErrorFrom, AuthError } from '../auth/auth-error';
import type { AuthManager } from '../auth/auth-manager';
import { describeForLog } from '../auth/redact';
import { createLogger } from '../logger';
import type { SettingsStore } from './app-settings';
import type { StatusFeed } from './status-feed';

const rendererLog = createLogger('renderer');
const handlerLog = createLogger('ipc');
const MAX_API_KEY_LENGTH = 1024;
const MAX_LOG_LENGTH = 2000;
const LOG_LEVELS = ['info', 'warn', 'error'] as const;

/** A handler takes an unchecked payload and answers per the contract. */
export type RequestHandlers = {
  [C in RequestChannel]: (payload: unknown) => Promise<ResponseOf<C>>;
};

/** Sends an event to the window. */
export type EventSender = <E extends EventChannel>(
  channel: E,
  payload: IpcEvents[E],
) => void;

/**
 * The handlers for every request channel. Statuses go out through `feed`,
 * the same one that forwards the manager's events (forwardManagerEvents).
 */
export function createRequestHandlers(
  manager: AuthManager,
  settings: SettingsStore,
  feed: StatusFeed,
): RequestHandlers {
  const status = async (work: () => Promise<AuthStatus>) => {
    const since = feed.listRevision();
    return feed.answer(await work(), since);
  };

  return {
    'auth:get-status': async (payload) => {
      expectNoPayload(payload);
      return feed.whole(manager.snapshot());
    },
    'auth:reload': async (payload) => {
      expectNoPayload(payload);
      return status(() => manager.reload());
    },
    'auth:sign-in-chatgpt': (payload) =>
      asResult(async () => {
        await manager.signInWithChatGPT(readSignInOptions(payload));
        return null;
      }),
    'auth:cancel-sign-in': (payload) =>
      asResult(async () => {
        expectNoPayload(payload);
        manager.cancelSignIn();
        return null;
      }),
    'auth:sign-in-api-key': (payload) =>
      asResult(() =>
        status(() => manager.signInWithApiKey(readApiKey(payload))),
      ),
    'auth:sign-out': (payload) =>
      asResult(() => {
        expectNoPayload(payload);
        return status(() => manager.signOut());
      }),
    'accounts:switch': (payload) =>
      asResult(() => status(() => manager.switchTo(readKey(payload)))),
    'accounts:refresh': (payload) =>
      asResult(() => status(() => manager.refreshAccount(readKey(payload)))),
    'accounts:rename': (payload) =>
      asResult(() =>
        status(() =>
          manager.renameAccount(readKey(payload), readLabel(payload)),
        ),
      ),
    'accounts:remove': (payload) =>
      asResult(() =>
        status(() =>
          manager.removeAccount(readKey(payload), readEverywhere(payload)),
        ),
      ),
    'settings:get': async (payload) => {
      expectNoPayload(payload);
      return settings.get();
    },
    'settings:set': (payload) =>
      asResult(() => settings.update(readSettings(payload))),
    'log:write': async (payload) => {
      const { level, message } = readLogLine(payload);
      // One line per call: the window can't forge lines of main's log.
      // eslint-disable-next-line no-control-regex -- control characters are the point
      const line = message.replace(/[\u0000-\u001f\u007f]+/g, ' ');
      rendererLog[level](line.slice(0, MAX_LOG_LENGTH));
      return null;
    },
  };
}

/** Whether `name` is a request channel of the contract. */
export function isRequestChannel(
  handlers: RequestHandlers,
  name: string,
): name is RequestChannel {
  return Object.hasOwn(handlers, name);
}

/**
 * Forwards the manager's events to the window through `feed` (the one the
 * request handlers use); returns an unsubscribe.
 */
export function forwardManagerEvents(
  manager: AuthManager,
  send: EventSender,
  feed: StatusFeed,
): () => void {
  return manager.subscribe((event) => {
    if (event.type === 'status') {
      send('auth:status-changed', feed.next(event.status));
    } else {
      send('auth:sign-in-progress', event.progress);
    }
  });
}

async function asResult<T>(work: () => Promise<T>): Promise<IpcResult<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    if (!(error instanceof AuthError)) {
      handlerLog.error('a request failed unexpectedly', {
        reason: describeForLog(error),
      });
    }
    return { ok: false, error: appErrorFrom(error) };
  }
}

function expectNoPayload(payload: unknown): void {
  if (payload !== null && payload !== undefined) throw invalidRequest();
}

function readSignInOptions(payload: unknown): { makeActive?: boolean } {
  if (payload === null || payload === undefined) return {};
  const makeActive = (payload as { makeActive?: unknown }).makeActive;
  if (makeActive === undefined) return {};
  if (typeof makeActive !== 'boolean') throw invalidRequest();
  return { makeActive };
}

function readKey(payload: unknown): string {
  const key = (payload as { key?: unknown } | null)?.key;
  if (typeof key !== 'string' || key.length === 0 || key.length > 512) {
    throw invalidRequest();
  }
  return key;
}

function readLabel(payload: unknown): string {
  const label = (payload as { label?: unknown } | null)?.label;
  if (typeof label !== 'string' || label.length > MAX_ACCOUNT_LABEL_LENGTH) {
    throw invalidRequest();
  }
  return label;
}

function readEverywhere(payload: unknown): boolean {
  const everywhere = (payload as { everywhere?: unknown } | null)?.everywhere;
  if (typeof everywhere !== 'boolean') throw invalidRequest();
  return everywhere;
}

function readSettings(payload: unknown): Partial<AppSettings> {
  const notifications = (payload as { notifications?: unknown } | null)
    ?.notifications;
  if (typeof notifications !== 'boolean') throw invalidRequest();
  return { notifications };
}

function readApiKey(payload: unknown): string {
  const apiKey = (payload as { apiKey?: unknown } | null)?.apiKey;
  if (typeof apiKey !== 'string' || apiKey.length > MAX_API_KEY_LENGTH) {
    throw invalidRequest();
  }
  return apiKey;
}

function readLogLine(payload: unknown) {
  const line = payload as { level?: unknown; message?: unknown } | null;
  const level = LOG_LEVELS.find((known) => known === line?.level);
  if (!level || typeof line?.message !== 'string') throw invalidRequest();
  return { level, message: line.message };
}

function invalidRequest(): AuthError {
  return new AuthError('invalid_request');
}
