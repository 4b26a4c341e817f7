// The one source of truth about the Codex sign-in in the main process. It
// reads auth.json, hands out snapshots, tells subscribers when the account
// or its state changed, and runs every sign-in and sign-out.

import { createHash } from 'node:crypto';

import type {
  AuthStatus,
  CodexHomeInfo,
  SignInProgress,
} from '../../shared/account';
import { createLogger } from '../logger';
import { AuthError } from './auth-error';
import {
  readAuthFile,
  type StoredAuth,
  summarizeAuth,
} from './auth-file';
import {
  type AuthFileChange,
  type CurrentAuthFile,
  formatLastRefresh,
  serializeAuthJson,
  updateAuthFile,
} from './auth-writer';
import { backUpAuthText } from './backups';
import {
  type RunningSignIn,
  type SignInSettings,
  type SignInTokens,
  startChatgptSignIn,
} from './chatgpt-sign-in';
import { checkCodexHome } from './codex-home';
import { decodeJwtPayload } from './jwt';
import { describeForLog } from './redact';

const log = createLogger('auth-manager');

/** What the manager needs from its host (Electron, or the demo). */
export interface AuthManagerOptions {
  home: CodexHomeInfo;
  /** The app's folder for backups of replaced or deleted sign-ins. */
  backupDir: string;
  signIn: SignInSettings;
  /** Opens the system browser; the host checks the URL is the issuer's. */
  openBrowser(url: string): Promise<void>;
}

/** Something subscribers hear about. */
export type AuthManagerEvent =
  | {
      type: 'status';
      status: AuthStatus;
      /** True when a different account (or none) is now signed in. */
      accountChanged: boolean;
    }
  | { type: 'sign-in'; progress: SignInProgress };

export type AuthManagerListener = (event: AuthManagerEvent) => void;

/** Owns the sign-in state of one CODEX_HOME. */
export class AuthManager {
  private status: AuthStatus;
  private stored: StoredAuth | null = null;
  private running: RunningSignIn | null = null;
  private readonly listeners = new Set<AuthManagerListener>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: AuthManagerOptions) {
    this.status = {
      codexHome: options.home,
      state: 'signed_out',
      account: null,
      problem: null,
      readAt: new Date(0).toISOString(),
      signIn: { phase: 'idle' },
    };
  }

  /** The last state read. */
  snapshot(): AuthStatus {
    return this.status;
  }

  /** Listens for changes; returns a function that stops listening. */
  subscribe(listener: AuthManagerListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Reads auth.json again and tells subscribers if anything changed. */
  reload(): Promise<AuthStatus> {
    return this.serially(() => this.readNow());
  }

  /**
   * Starts the ChatGPT browser sign-in. A sign-in already waiting is reused:
   * its page is opened again rather than a second listener started.
   */
  async signInWithChatGPT(): Promise<void> {
    if (this.running) {
      await this.running.reopenBrowser();
      return;
    }

    const running = await startChatgptSignIn(this.options.signIn, {
      openBrowser: (url) => this.options.openBrowser(url),
      persist: (tokens) => this.serially(() => this.saveChatgptTokens(tokens)),
      onCompleting: () => this.setSignIn({ phase: 'completing' }),
    });
    this.running = running;
    this.setSignIn({
      phase: 'waiting',
      port: running.port,
      expiresAt: running.expiresAt.toISOString(),
    });

    running.done.then(
      () => this.endSignIn({ phase: 'succeeded' }),
      (error: unknown) => this.endSignIn(signInFailure(error)),
    );
  }

  /** Stops a waiting sign-in; nothing is written. */
  cancelSignIn(): void {
    this.running?.cancel();
  }

  /** Saves an API key as Codex does, replacing the current sign-in. */
  async signInWithApiKey(input: string): Promise<AuthStatus> {
    const key = validateApiKey(input);
    const text = serializeAuthJson({ auth_mode: 'apikey', OPENAI_API_KEY: key });

    return this.serially(async () => {
      await this.replaceAuthFile(() => ({ action: 'write', text }), 'sign-in');
      log.info('saved an API key', { length: key.length });
      return this.readNow();
    });
  }

  /**
   * Removes the sign-in from this computer: deletes auth.json under Codex's
   * locks after a backup. Nothing is revoked at the issuer.
   */
  signOut(): Promise<AuthStatus> {
    return this.serially(async () => {
      await this.replaceAuthFile(() => ({ action: 'delete' }), 'sign-out');
      log.info('removed the sign-in from this computer');
      return this.readNow();
    });
  }

  /** The stored credentials, for main-side services only. */
  storedAuth(): StoredAuth | null {
    return this.stored;
  }

  /** Ends a waiting sign-in and frees its port (on quit). */
  async dispose(): Promise<void> {
    const running = this.running;
    running?.cancel();
    await running?.done.catch(() => undefined);
    this.listeners.clear();
  }

  private async saveChatgptTokens(tokens: SignInTokens): Promise<void> {
    const text = serializeAuthJson(chatgptAuthJson(tokens));
    await this.replaceAuthFile(() => ({ action: 'write', text }), 'sign-in');
    log.info('saved a ChatGPT sign-in', { hasApiKey: tokens.apiKey !== null });
    await this.readNow();
  }

  /** Applies a change under the locks, first backing up what was there. */
  private async replaceAuthFile(
    change: () => AuthFileChange,
    reason: 'sign-in' | 'sign-out',
  ): Promise<void> {
    await updateAuthFile(this.options.home, async (current) => {
      const text = currentText(current);
      if (text) await backUpAuthText(this.options.backupDir, text, reason);
      return change();
    });
  }

  private async readNow(): Promise<AuthStatus> {
    const previousKey = identityKey(this.stored);
    const next = await this.readStatus();
    const accountChanged = identityKey(this.stored) !== previousKey;
    const changed = accountChanged || !sameStatus(this.status, next);

    this.status = next;
    if (changed) this.emit({ type: 'status', status: next, accountChanged });
    return next;
  }

  private async readStatus(): Promise<AuthStatus> {
    const base = {
      codexHome: this.options.home,
      readAt: new Date().toISOString(),
      signIn: this.status.signIn,
    };

    try {
      await checkCodexHome(this.options.home);
      const read = await readAuthFile(this.options.home.path);
      this.stored = read.kind === 'present' ? read.auth : null;
    } catch (error) {
      this.stored = null;
      if (!(error instanceof AuthError)) throw error;
      log.warn('auth.json is not usable', { code: error.code });
      const problem = error.toAppError();
      return { ...base, state: 'unusable', account: null, problem };
    }

    const account = this.stored ? summarizeAuth(this.stored) : null;
    const state = account ? 'signed_in' : 'signed_out';
    return { ...base, state, account, problem: null };
  }

  private endSignIn(progress: SignInProgress): void {
    this.running = null;
    this.setSignIn(progress);
  }

  private setSignIn(progress: SignInProgress): void {
    this.status = { ...this.status, signIn: progress };
    this.emit({ type: 'sign-in', progress });
  }

  private emit(event: AuthManagerEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        log.error('a listener failed', { reason: describeForLog(error) });
      }
    }
  }

  /** Runs file operations one at a time, in the order they were asked. */
  private serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

/** auth.json for a fresh ChatGPT sign-in, in Codex 0.171's format. */
export function chatgptAuthJson(tokens: SignInTokens): Record<string, unknown> {
  const payload = decodeJwtPayload(tokens.idToken);
  const auth = payload.ok ? payload.payload['https://api.openai.com/auth'] : null;
  const accountId =
    auth && typeof auth === 'object'
      ? (auth as Record<string, unknown>)['chatgpt_account_id']
      : null;

  return {
    auth_mode: 'chatgpt',
    OPENAI_API_KEY: tokens.apiKey,
    tokens: {
      id_token: tokens.idToken,
      access_token: tokens.accessToken,
      refresh_token: tokens.refreshToken,
      account_id: typeof accountId === 'string' ? accountId : null,
    },
    last_refresh: formatLastRefresh(),
  };
}

/** Trims surrounding whitespace; refuses an empty key or one with spaces inside. */
export function validateApiKey(input: string): string {
  const key = input.trim();

  if (key === '') {
    throw new AuthError('api_key_invalid', { params: { reason: 'it is empty' } });
  }
  if (/\s/.test(key)) {
    throw new AuthError('api_key_invalid', {
      params: { reason: 'it contains spaces or line breaks' },
    });
  }
  return key;
}

/** Who is signed in, compared without keeping any secret in the key. */
export function identityKey(auth: StoredAuth | null): string {
  if (!auth) return 'none';
  if (auth.mode === 'apikey' && auth.apiKey) {
    const digest = createHash('sha256').update(auth.apiKey).digest('hex');
    return `apikey:${digest.slice(0, 16)}`;
  }
  const claims = auth.tokens?.claims;
  const workspace = claims?.workspaceId ?? auth.tokens?.accountId ?? '';
  return `chatgpt:${workspace}:${claims?.userId ?? ''}`;
}

function currentText(current: CurrentAuthFile): string | null {
  if (current.kind === 'present') return current.auth.text;
  if (current.kind === 'unusable' && current.text !== '') return current.text;
  return null;
}

function signInFailure(error: unknown): SignInProgress {
  if (error instanceof AuthError && error.code === 'sign_in_cancelled') {
    return { phase: 'cancelled' };
  }
  const authError =
    error instanceof AuthError ? error : new AuthError('internal_error', { cause: error });
  if (!(error instanceof AuthError)) {
    log.error('sign-in failed unexpectedly', { reason: describeForLog(error) });
  }
  return { phase: 'failed', error: authError.toAppError() };
}

function sameStatus(a: AuthStatus, b: AuthStatus): boolean {
  const strip = (status: AuthStatus) => ({ ...status, readAt: '', signIn: null });
  return JSON.stringify(strip(a)) === JSON.stringify(strip(b));
}
