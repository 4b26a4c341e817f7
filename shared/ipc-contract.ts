// The one IPC contract between main and the window. The preload bridge, the
// main-side handlers and the event sender all take their types from these
// maps; nothing else names a channel.

import type { AuthStatus, SignInProgress } from './account';
import type { AppError } from './errors';

/** The outcome of a request that can fail in an expected way. */
export type IpcResult<T> =
  { ok: true; value: T } | { ok: false; error: AppError };

/** The longest name a user may give a saved account. */
export const MAX_ACCOUNT_LABEL_LENGTH = 80;

/** The app's own preferences. */
export interface AppSettings {
  /** Desktop notifications when the active sign-in needs the user. */
  notifications: boolean;
}

/**
 * A status as main sends it to the window. The saved accounts are left out
 * (`accounts: null`) when they are those of the last list main sent, the
 * one numbered `listRevision`, apart from which of them is active; then
 * `activeKey` names it. A switch among 200 accounts need not send all 200
 * again. `auth:get-status` always sends the whole list.
 */
export type StatusMessage =
  | (AuthStatus & { listRevision?: number })
  | (Omit<AuthStatus, 'accounts'> & {
      accounts: null;
      listRevision: number;
      activeKey: string | null;
    });

/** Request channels: what the window may ask main to do. */
export interface IpcRequests {
  /** The current state, as last read. */
  'auth:get-status': { request: null; response: StatusMessage };
  /** Read auth.json again and return the state. */
  'auth:reload': { request: null; response: StatusMessage };
  /**
   * Start the ChatGPT browser sign-in; progress arrives as events. The new
   * account is saved, and goes into auth.json when `makeActive` is true (by
   * default only when nobody is signed in).
   */
  'auth:sign-in-chatgpt': {
    request: { makeActive?: boolean } | null;
    response: IpcResult<null>;
  };
  /** Stop the browser sign-in that is waiting. */
  'auth:cancel-sign-in': { request: null; response: IpcResult<null> };
  /** Save an API key as Codex does. */
  'auth:sign-in-api-key': {
    request: { apiKey: string };
    response: IpcResult<StatusMessage>;
  };
  /** Delete auth.json on this computer; nothing is revoked. */
  'auth:sign-out': { request: null; response: IpcResult<StatusMessage> };
  /** Make a saved account the one Codex uses. */
  'accounts:switch': {
    request: { key: string };
    response: IpcResult<StatusMessage>;
  };
  /** Renew a saved account's tokens now and read its plan and email again. */
  'accounts:refresh': {
    request: { key: string };
    response: IpcResult<StatusMessage>;
  };
  /** Give a saved account a name of the user's (empty: no name). */
  'accounts:rename': {
    request: { key: string; label: string };
    response: IpcResult<StatusMessage>;
  };
  /**
   * Forget a saved account on this computer; with `everywhere`, first revoke
   * it at the issuer, which signs it out on every device.
   */
  'accounts:remove': {
    request: { key: string; everywhere: boolean };
    response: IpcResult<StatusMessage>;
  };
  /** The app's preferences. */
  'settings:get': { request: null; response: AppSettings };
  /** Change some preferences. */
  'settings:set': {
    request: Partial<AppSettings>;
    response: IpcResult<AppSettings>;
  };
  /** Forward a line of the window's log to main's logger. */
  'log:write': {
    request: { level: 'info' | 'warn' | 'error'; message: string };
    response: null;
  };
}

/** Events: what main tells the window without being asked. */
export interface IpcEvents {
  /** The signed-in account, or what is wrong with it, changed. */
  'auth:status-changed': StatusMessage;
  /** The browser sign-in moved on. */
  'auth:sign-in-progress': SignInProgress;
}

export type RequestChannel = keyof IpcRequests;
export type EventChannel = keyof IpcEvents;
export type RequestOf<C extends RequestChannel> = IpcRequests[C]['request'];
export type ResponseOf<C extends RequestChannel> = IpcRequests[C]['response'];

/** Every request channel, for registering handlers and checking names. */
export const REQUEST_CHANNELS = [
  'auth:get-status',
  'auth:reload',
  'auth:sign-in-chatgpt',
  'auth:cancel-sign-in',
  'auth:sign-in-api-key',
  'auth:sign-out',
  'accounts:switch',
  'accounts:refresh',
  'accounts:rename',
  'accounts:remove',
  'settings:get',
  'settings:set',
  'log:write',
] as const satisfies readonly RequestChannel[];

/** Every event channel. */
export const EVENT_CHANNELS = [
  'auth:status-changed',
  'auth:sign-in-progress',
] as const satisfies readonly EventChannel[];

/** What the preload bridge puts on `window.codexAccounts`. */
export interface CodexAccountsBridge {
  /** Sends a request to main and waits for its answer. */
  invoke<C extends RequestChannel>(
    channel: C,
    request: RequestOf<C>,
  ): Promise<ResponseOf<C>>;
  /** Listens for an event; returns a function that stops listening. */
  on<E extends EventChannel>(
    channel: E,
    listener: (payload: IpcEvents[E]) => void,
  ): () => void;
}

/** The global name of the bridge in the window. */
export const BRIDGE_NAME = 'codexAccounts';
