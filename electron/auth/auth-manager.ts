// The one source of truth about the Codex sign-in in the main process. It
// reads auth.json, hands out snapshots, tells subscribers when the account
// or its state changed, and runs every sign-in and sign-out.

import type {
  AccountSummary,
  AuthStatus,
  CodexHomeInfo,
  SavedAccountView,
  SignInProgress,
  SwitchNotice,
} from '../../shared/account';
import { sameAccountView } from '../../shared/same-view';
import { createLogger } from '../logger';
import {
  type AccountStore,
  compareFreshness,
  type SavedAccount,
} from './account-store';
import { AuthError } from './auth-error';
import {
  identityKey,
  parseAuthJson,
  type StoredAuth,
  summarizeAuth,
} from './auth-file';
import {
  type AuthFileChange,
  type CurrentAuthFile,
  formatLastRefresh,
  serializeAuthJson,
} from './auth-writer';
import { backUpAuthText } from './backups';
import {
  type RunningSignIn,
  type SignInSettings,
  type SignInTokens,
  startChatgptSignIn,
} from './chatgpt-sign-in';
import {
  codexEnvironmentSource,
  DEFAULT_ENVIRONMENT,
  type EnvironmentSource,
  type PolicySnapshot,
} from './codex-environment';
import { checkCodexHome } from './codex-home';
import { decodeJwtPayload } from './jwt';
import { type LiveCredentials, liveCredentials } from './live-credentials';
import { describeForLog } from './redact';
import { refreshStoredAuth, revokeRefreshToken } from './token-refresh';

const log = createLogger('auth-manager');

/** What the manager needs from its host (Electron, or the demo). */
export interface AuthManagerOptions {
  home: CodexHomeInfo;
  /** The app's folder for backups of replaced or deleted sign-ins. */
  backupDir: string;
  signIn: SignInSettings;
  /** Opens the system browser; the host checks the URL is the issuer's. */
  openBrowser(url: string): Promise<void>;
  /** Saved accounts. */
  store: AccountStore;
  /** config.toml's policy and the environment; read from CODEX_HOME by default. */
  environment?: EnvironmentSource;
  /** The Codex processes running now, for the notice after a switch. */
  listCodexProcesses?: () => Promise<SwitchNotice['runningCodex']>;
}

/** How an added account is used. */
export interface AddAccountOptions {
  /** Write it into auth.json now; by default only when nobody is signed in. */
  makeActive?: boolean;
}

/** Something subscribers hear about. */
export type AuthManagerEvent =
  | {
      type: 'status';
      status: AuthStatus;
      /** True when a different account (or none) is now signed in. */
      accountChanged: boolean;
      /** `app` after an action of this app, `outside` after a re-read. */
      cause: 'app' | 'outside';
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
  private readonly store: AccountStore;
  private readonly environment: EnvironmentSource;
  /** Accounts whose refresh failed for good, by the refresh token that failed. */
  private readonly deadTokens = new Map<
    string,
    { refreshToken: string; error: AuthError }
  >();
  private lastSwitch: SwitchNotice | null = null;
  private operationEnvironment: ReturnType<EnvironmentSource['read']> | null =
    null;

  constructor(private readonly options: AuthManagerOptions) {
    this.store = options.store;
    this.environment =
      options.environment ?? codexEnvironmentSource(options.home.path);
    this.status = {
      revision: 0,
      codexHome: options.home,
      state: 'signed_out',
      account: null,
      problem: null,
      readAt: new Date(0).toISOString(),
      signIn: { phase: 'idle' },
      accounts: [],
      storage: this.store.protection(),
      lastSwitch: null,
      environment: DEFAULT_ENVIRONMENT,
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
    return this.serially(() => this.readNow('outside'));
  }

  /**
   * Starts the ChatGPT browser sign-in. The new account is saved; it goes
   * into auth.json only when `makeActive` says so (by default, when nobody
   * is signed in), so the live sign-in is never replaced unasked. A sign-in
   * already waiting is reused: its page opens again, no second listener.
   */
  async signInWithChatGPT(options: AddAccountOptions = {}): Promise<void> {
    if (this.running) {
      await this.running.reopenBrowser();
      return;
    }

    const makeActive = options.makeActive ?? this.status.state !== 'signed_in';
    const { policy } = await this.readEnvironment();
    if (policy.chatgptBlocked) {
      throw new AuthError('account_not_allowed', {
        params: { reason: policy.chatgptBlocked },
      });
    }
    const allowedWorkspaceId = policy.allowedWorkspaceId;
    const settings = allowedWorkspaceId
      ? { ...this.options.signIn, allowedWorkspaceId }
      : this.options.signIn;
    const running = await startChatgptSignIn(settings, {
      openBrowser: (url) => this.options.openBrowser(url),
      persist: (tokens) =>
        this.serially(() => this.saveChatgptTokens(tokens, makeActive)),
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
    const text = serializeAuthJson({
      auth_mode: 'apikey',
      OPENAI_API_KEY: key,
    });

    return this.serially(async () => {
      const auth = parseAuthJson(text);
      await this.requireAllowed(summarizeAuth(auth));
      await this.store.save(auth);
      await this.replaceAuthFile(() => ({ action: 'write', text }), 'sign-in');
      log.info('saved an API key', { length: key.length });
      return this.readNow();
    });
  }

  /**
   * Removes the active sign-in from this computer: deletes auth.json under
   * Codex's locks after a backup, and forgets the saved copy. Nothing is
   * revoked at the issuer.
   */
  signOut(): Promise<AuthStatus> {
    return this.serially(async () => {
      // The account the user saw and confirmed; if another program signed
      // in to someone else meanwhile, that sign-in is not touched.
      const key = this.stored ? identityKey(this.stored) : null;
      if (!key) return this.readNow();

      await this.deleteLiveIf(key);
      if (await this.store.get(key)) await this.store.remove(key);
      log.info('removed the sign-in from this computer');
      return this.readNow();
    });
  }

  /**
   * Makes a saved account the one Codex uses. Under Codex's locks: the live
   * file is read and, when it holds a newer copy of a saved account, written
   * back into that record first (sync-back); a target whose access token
   * has expired is refreshed once; then the target is written exactly as
   * saved.
   */
  switchTo(key: string): Promise<AuthStatus> {
    return this.serially(async () => {
      const target = await this.store.require(key);
      await this.requireAllowed(target.summary);

      await (
        await this.live()
      ).update(async (current) => {
        await this.syncBack(current);
        const fresh = await this.readyToActivate(key);
        return { action: 'write', text: fresh.auth.text };
      });
      log.info('switched account');

      const notice: SwitchNotice = {
        key,
        at: new Date().toISOString(),
        runningCodex: [],
      };
      this.lastSwitch = notice;
      const status = await this.readNow();
      // Only after the window has its status: the scan of the process table
      // would otherwise compete with reading it.
      void this.addRunningCodex(notice);
      return status;
    });
  }

  /**
   * Lists the Codex processes for the switch notice after the switch, so the
   * scan of the process table never delays it; the window hears again.
   */
  private async addRunningCodex(notice: SwitchNotice): Promise<void> {
    const running = await this.options.listCodexProcesses?.().catch(() => []);
    if (!running?.length || this.lastSwitch !== notice) return;

    this.lastSwitch = { ...notice, runningCodex: running };
    this.status = {
      ...this.status,
      revision: this.status.revision + 1,
      lastSwitch: this.lastSwitch,
    };
    this.emit({
      type: 'status',
      status: this.status,
      accountChanged: false,
      cause: 'app',
    });
  }

  /**
   * Renews a saved account's tokens at the user's request, which also reads
   * the plan and email again from the new id_token. Under Codex's locks the
   * live file is re-read first: a newer copy there (Codex refreshed it) is
   * adopted instead of refreshing. The active account's new tokens go into
   * auth.json and the store at once.
   */
  refreshAccount(key: string): Promise<AuthStatus> {
    return this.serially(async () => {
      const known = (await this.store.require(key)).auth;

      await (
        await this.live()
      ).update(async (current) => {
        await this.syncBack(current);
        const isLive =
          current.kind === 'present' && identityKey(current.auth) === key;
        // Someone else (Codex, another copy of this app) renewed it while
        // we waited: adopt their tokens instead of spending them.
        if (isLive && compareFreshness(current.auth, known) === 'first_newer') {
          log.info('adopted tokens renewed by another program');
          return { action: 'keep' };
        }
        const fresh = await this.refreshSaved(key);
        return isLive
          ? { action: 'write', text: fresh.auth.text }
          : { action: 'keep' };
      });
      return this.readNow();
    });
  }

  /** Gives a saved account a name of the user's. */
  renameAccount(key: string, label: string): Promise<AuthStatus> {
    return this.serially(async () => {
      await this.store.rename(key, label.slice(0, 80));
      return this.readNow();
    });
  }

  /**
   * Forgets a saved account. `everywhere` first revokes its refresh token
   * at the issuer, which signs it out on every device; if that fails,
   * nothing is removed. Removing the active account signs Codex out here.
   */
  removeAccount(key: string, everywhere: boolean): Promise<AuthStatus> {
    return this.serially(async () => {
      await this.store.require(key);

      await this.deleteLiveIf(key, async () => {
        if (!everywhere) return;
        // After sync-back the store holds the newest refresh token, the one
        // whose revocation really signs the account out.
        const account = await this.store.require(key);
        const refreshToken = account.auth.tokens?.refreshToken ?? '';
        if (refreshToken !== '') {
          await revokeRefreshToken(this.options.signIn, refreshToken);
        }
      });
      await this.store.remove(key);
      log.info('removed a saved account', { everywhere });
      return this.readNow();
    });
  }

  /**
   * Under Codex's locks: syncs the live copy back, runs `before`, then
   * deletes the live sign-in (after a backup) only if it is still `key`.
   */
  private async deleteLiveIf(
    key: string,
    before: () => Promise<void> = async () => undefined,
  ): Promise<void> {
    await (
      await this.live()
    ).update(async (current) => {
      await this.syncBack(current);
      await before();
      if (current.kind !== 'present' || identityKey(current.auth) !== key) {
        return { action: 'keep' };
      }
      await backUpAuthText(
        this.options.backupDir,
        current.auth.text,
        'sign-out',
      );
      return { action: 'delete' };
    });
  }

  /** Ends a waiting sign-in and frees its port (on quit). */
  async dispose(): Promise<void> {
    const running = this.running;
    running?.cancel();
    await running?.closed;
    this.listeners.clear();
  }

  private async saveChatgptTokens(
    tokens: SignInTokens,
    makeActive: boolean,
  ): Promise<void> {
    const auth = parseAuthJson(serializeAuthJson(chatgptAuthJson(tokens)));
    await this.requireAllowed(summarizeAuth(auth));
    await this.store.save(auth);

    if (makeActive) {
      await this.replaceAuthFile(
        () => ({ action: 'write', text: auth.text }),
        'sign-in',
      );
    }
    log.info('saved a ChatGPT sign-in', {
      hasApiKey: tokens.apiKey !== null,
      makeActive,
    });
    await this.readNow();
  }

  /** Writes a newer live copy of a saved (or unknown) account into the store. */
  private async syncBack(current: CurrentAuthFile): Promise<void> {
    if (current.kind === 'unusable' && current.text !== '') {
      await backUpAuthText(this.options.backupDir, current.text, 'sign-in');
    }
    if (current.kind !== 'present') return;

    await this.store.save(current.auth).catch((error: unknown) => {
      // A live sign-in without a refresh token can't be kept; back it up.
      if (!(error instanceof AuthError)) throw error;
      return backUpAuthText(
        this.options.backupDir,
        current.auth.text,
        'sign-in',
      );
    });
  }

  /**
   * The saved copy of `key`, refreshed first when its access token has
   * expired. The rotated refresh token is stored before anything else, so
   * it is never lost; a failure leaves auth.json as it was.
   */
  private async readyToActivate(key: string): Promise<SavedAccount> {
    const account = await this.store.require(key);
    const expiresAt = account.auth.tokens?.accessTokenExpiresAt;
    if (!expiresAt || expiresAt.getTime() > Date.now()) return account;
    return this.refreshSaved(key);
  }

  /**
   * Refreshes the saved copy of `key` once and stores the rotated tokens
   * before anything else. A permanent failure is remembered for exactly
   * this refresh token; a transient one is not retried with it.
   */
  private async refreshSaved(key: string): Promise<SavedAccount> {
    const account = await this.store.require(key);
    if (account.auth.mode === 'apikey') return account;
    const refreshToken = account.auth.tokens?.refreshToken ?? '';
    const dead = this.deadTokens.get(key);
    if (dead && dead.refreshToken === refreshToken) throw dead.error;

    try {
      const refreshed = await refreshStoredAuth(
        this.options.signIn,
        account.auth,
      );
      this.deadTokens.delete(key);
      return await this.store.saveRefreshed(refreshed);
    } catch (error) {
      // After a transient failure the issuer may have rotated the token
      // without our hearing: presenting it again could be a reuse, which
      // revokes the whole sign-in. So it is never presented again.
      if (error instanceof AuthError) {
        this.deadTokens.set(key, { refreshToken, error });
        // The window learns at once that this account needs signing in.
        await this.readNow();
      }
      throw error;
    }
  }

  private async requireAllowed(account: AccountSummary): Promise<void> {
    const { policy } = await this.readEnvironment();
    const reason = policy.blockedReason(account);
    if (reason) {
      throw new AuthError('account_not_allowed', { params: { reason } });
    }
  }

  /** Applies a change under the locks, first backing up what was there. */
  private async replaceAuthFile(
    change: () => AuthFileChange,
    reason: 'sign-in' | 'sign-out',
  ): Promise<void> {
    await (
      await this.live()
    ).update(async (current) => {
      // A newer live copy (Codex renewed it) goes into its record first.
      await this.syncBack(current);
      if (current.kind === 'present') {
        await backUpAuthText(this.options.backupDir, current.auth.text, reason);
      }
      return change();
    });
  }

  /** Where the live sign-in is kept now (config.toml may change). */
  private async live(): Promise<LiveCredentials> {
    const { view } = await this.readEnvironment();
    return liveCredentials(this.options.home, view.credentialsStore);
  }

  private async readNow(cause: 'app' | 'outside' = 'app'): Promise<AuthStatus> {
    const previousKey = identityKey(this.stored);
    const { policy, view } = await this.readEnvironment();
    const read = {
      ...(await this.readStatus()),
      accounts: await this.accountViews(policy),
      storage: this.store.protection(),
      lastSwitch: this.lastSwitch,
      environment: view,
    };
    // The status as it is now, after the reads: the sign-in's progress and
    // the switch notice can change while they wait (neither is queued), and
    // the revision must only ever count up from the newest one.
    const current = this.status;
    const accountChanged = identityKey(this.stored) !== previousKey;
    const candidate: AuthStatus = {
      ...read,
      revision: current.revision,
      signIn: current.signIn,
    };
    const changed = accountChanged || !sameStatus(current, candidate);
    const next = changed
      ? { ...candidate, revision: current.revision + 1 }
      : candidate;

    this.status = next;
    if (changed) {
      this.emit({ type: 'status', status: next, accountChanged, cause });
    }
    return next;
  }

  private async readStatus(): Promise<
    Omit<
      AuthStatus,
      | 'revision'
      | 'signIn'
      | 'accounts'
      | 'storage'
      | 'lastSwitch'
      | 'environment'
    >
  > {
    const base = {
      codexHome: this.options.home,
      readAt: new Date().toISOString(),
    };

    try {
      await checkCodexHome(this.options.home);
      const read = await (await this.live()).read();
      this.stored = read.kind === 'present' ? read.auth : null;
    } catch (error) {
      this.stored = null;
      if (!(error instanceof AuthError)) throw error;
      log.warn('auth.json is not usable', { errorCode: error.code });
      const problem = error.toAppError();
      return { ...base, state: 'unusable', account: null, problem };
    }

    if (this.stored) await this.keepLiveAccount(this.stored);
    const account = this.stored ? summarizeAuth(this.stored) : null;
    const state = account ? 'signed_in' : 'signed_out';
    return { ...base, state, account, problem: null };
  }

  /**
   * Saves the live account when the store lacks it or holds an older copy:
   * whatever Codex signed in to, or refreshed, is never lost.
   */
  private async keepLiveAccount(live: StoredAuth): Promise<void> {
    try {
      await this.store.save(live);
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
    }
  }

  private async accountViews(
    policy: PolicySnapshot,
  ): Promise<SavedAccountView[]> {
    const activeKey = this.stored ? identityKey(this.stored) : null;
    const views: SavedAccountView[] = [];

    for (const account of await this.store.list()) {
      const dead = this.deadTokens.get(account.key);
      views.push({
        key: account.key,
        label: account.label,
        summary: account.summary,
        isActive: account.key === activeKey,
        blockedReason: policy.blockedReason(account.summary),
        needsSignIn:
          dead !== undefined &&
          dead.refreshToken === account.auth.tokens?.refreshToken,
      });
    }
    return views;
  }

  private endSignIn(progress: SignInProgress): void {
    this.running = null;
    this.setSignIn(progress);
  }

  private setSignIn(progress: SignInProgress): void {
    this.status = {
      ...this.status,
      revision: this.status.revision + 1,
      signIn: progress,
    };
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
    const run = () => {
      // config.toml is read once per operation, however often it is asked.
      this.operationEnvironment = null;
      return work();
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private readEnvironment(): ReturnType<EnvironmentSource['read']> {
    this.operationEnvironment ??= this.environment.read();
    return this.operationEnvironment;
  }
}

/** auth.json for a fresh ChatGPT sign-in, in Codex 0.171's format. */
export function chatgptAuthJson(tokens: SignInTokens): Record<string, unknown> {
  const payload = decodeJwtPayload(tokens.idToken);
  const auth = payload.ok
    ? payload.payload['https://api.openai.com/auth']
    : null;
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
    throw new AuthError('api_key_invalid', {
      params: { reason: 'it is empty' },
    });
  }
  if (/\s/.test(key)) {
    throw new AuthError('api_key_invalid', {
      params: { reason: 'it contains spaces or line breaks' },
    });
  }
  return key;
}

function signInFailure(error: unknown): SignInProgress {
  if (error instanceof AuthError && error.code === 'sign_in_cancelled') {
    return { phase: 'cancelled' };
  }
  const authError =
    error instanceof AuthError
      ? error
      : new AuthError('internal_error', { cause: error });
  if (!(error instanceof AuthError)) {
    log.error('sign-in failed unexpectedly', { reason: describeForLog(error) });
  }
  return { phase: 'failed', error: authError.toAppError() };
}

/** The same status apart from when it was read and the sign-in's progress. */
function sameStatus(a: AuthStatus, b: AuthStatus): boolean {
  const strip = (status: AuthStatus) => ({
    ...status,
    revision: 0,
    readAt: '',
    signIn: null,
    accounts: null,
  });
  return (
    a.accounts.length === b.accounts.length &&
    a.accounts.every((view, index) =>
      sameAccountView(view, b.accounts[index]),
    ) &&
    JSON.stringify(strip(a)) === JSON.stringify(strip(b))
  );
}
