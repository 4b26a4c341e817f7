// The ChatGPT browser sign-in, as Codex does it: PKCE and state, the
// authorize URL with Codex's parameters in Codex's order, the local
// callback, the code exchange through openid-client, and the best-effort
// exchange of the id_token for an API key.

import type { IncomingMessage, ServerResponse } from 'node:http';

import * as oidc from 'openid-client';

import { createLogger } from '../logger';
import { AuthError } from './auth-error';
import {
  CALLBACK_PORTS,
  type CallbackServer,
  listenForCallback,
  sendPage,
} from './callback-server';
import { createPkceSecrets, type PkceSecrets } from './pkce';
import { describeForLog } from './redact';

const log = createLogger('sign-in');

/** Codex's issuer and public client. */
export const CODEX_ISSUER = 'https://auth.openai.com';
export const CODEX_CLIENT_ID = 'app_EMoamEEZ73f0CkXaXp7hrann';
/** Codex's app server gives up on an unfinished sign-in after 10 minutes. */
export const SIGN_IN_TIMEOUT_MS = 10 * 60 * 1000;

const SCOPE = 'openid profile email offline_access';
const TOKEN_EXCHANGE_GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';
const ID_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:id_token';
const API_KEY_EXCHANGE_TIMEOUT_MS = 10_000;
/** How long the success page stays reachable after a sign-in. */
const SUCCESS_GRACE_MS = 3_000;

/** Where and as whom to sign in. */
export interface SignInSettings {
  issuer: string;
  clientId: string;
  /** Codex sends `codex_cli_rs`. */
  originator: string;
  ports: readonly number[];
  timeoutMs: number;
  /** config.toml's forced_chatgpt_workspace_id, passed as allowed_workspace_id. */
  allowedWorkspaceId?: string;
}

/** Codex's own values. */
export const DEFAULT_SIGN_IN_SETTINGS: SignInSettings = {
  issuer: CODEX_ISSUER,
  clientId: CODEX_CLIENT_ID,
  originator: 'codex_cli_rs',
  ports: CALLBACK_PORTS,
  timeoutMs: SIGN_IN_TIMEOUT_MS,
};

/** What a finished sign-in hands over. Secrets: main process only. */
export interface SignInTokens {
  idToken: string;
  accessToken: string;
  refreshToken: string;
  /** From the best-effort token exchange; null when it failed. */
  apiKey: string | null;
}

/** What the sign-in asks of its owner along the way. */
export interface SignInHooks {
  /** Opens the system browser at the authorize URL. */
  openBrowser(url: string): Promise<void>;
  /** Saves the tokens; the browser sees the success page only after this. */
  persist(tokens: SignInTokens): Promise<void>;
  /** The browser came back with a code; the exchange is running. */
  onCompleting?(): void;
}

/** A sign-in waiting for the browser. */
export interface RunningSignIn {
  port: number;
  expiresAt: Date;
  /** Settles when the sign-in ends; rejects with an AuthError. */
  done: Promise<void>;
  /** Settles once the callback port is released. */
  closed: Promise<void>;
  /** Opens the browser again at the same page (the tab was closed). */
  reopenBrowser(): Promise<void>;
  /** Ends the sign-in as cancelled by the user. */
  cancel(): void;
}

/** Refuses an issuer that is neither https nor on this computer. */
export function checkIssuerUrl(issuer: string): URL {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch (error) {
    throw new AuthError('issuer_insecure', { cause: error });
  }
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return url;
  throw new AuthError('issuer_insecure');
}

function isLoopbackHost(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname === '[::1]' ||
    /^127\.\d+\.\d+\.\d+$/.test(hostname)
  );
}

/** The openid-client configuration for Codex's fixed endpoints. */
export function issuerConfiguration(
  settings: Pick<SignInSettings, 'issuer' | 'clientId'>,
): oidc.Configuration {
  const url = checkIssuerUrl(settings.issuer);
  const issuer = settings.issuer.replace(/\/+$/, '');
  // Codex uses fixed paths on its issuer rather than discovery.
  const config = new oidc.Configuration(
    {
      issuer,
      authorization_endpoint: `${issuer}/oauth/authorize`,
      token_endpoint: `${issuer}/oauth/token`,
      revocation_endpoint: `${issuer}/oauth/revoke`,
    },
    settings.clientId,
    undefined,
    oidc.None(),
  );
  // Plain http only ever for a loopback issuer (checked above).
  if (url.protocol === 'http:') oidc.allowInsecureRequests(config);
  config.timeout = 30;
  return config;
}

/** The authorize URL, its parameters in the order Codex sends them. */
export function buildAuthorizeUrl(
  settings: SignInSettings,
  redirectUri: string,
  secrets: PkceSecrets,
): string {
  const params = new URLSearchParams([
    ['response_type', 'code'],
    ['client_id', settings.clientId],
    ['redirect_uri', redirectUri],
    ['scope', SCOPE],
    ['code_challenge', secrets.codeChallenge],
    ['code_challenge_method', 'S256'],
    ['id_token_add_organizations', 'true'],
    ['codex_cli_simplified_flow', 'true'],
    ['state', secrets.state],
    ['originator', settings.originator],
  ]);
  if (settings.allowedWorkspaceId) {
    params.append('allowed_workspace_id', settings.allowedWorkspaceId);
  }
  const issuer = settings.issuer.replace(/\/+$/, '');
  return `${issuer}/oauth/authorize?${params.toString()}`;
}

/**
 * Starts a sign-in: binds the callback port, opens the browser, and returns
 * while the user signs in. The port is released however the sign-in ends.
 */
export async function startChatgptSignIn(
  settings: SignInSettings,
  hooks: SignInHooks,
): Promise<RunningSignIn> {
  const config = issuerConfiguration(settings);
  const secrets = createPkceSecrets();
  const ending = settleOnce();
  const successShown = settleOnce();
  let finishing = false;
  // Set once the tokens are being saved: from then on a cancel can't undo
  // the sign-in, so it is refused rather than reported while the file is
  // written anyway.
  let committed = false;
  const cancelWith = (error: AuthError) => {
    if (!committed) ending.fail(error);
  };

  const handle = (req: IncomingMessage, res: ServerResponse, url: URL) => {
    if (url.pathname === '/success') {
      sendPage(
        res,
        200,
        'Signed in to Codex',
        'You can close this tab and go back to Codex Accounts.',
      );
      successShown.succeed();
      return;
    }
    if (url.pathname === '/cancel') {
      log.info('another program asked this sign-in to stop');
      if (committed) {
        sendPage(
          res,
          409,
          'Sign-in already completing',
          'The sign-in is being saved.',
        );
        return;
      }
      sendPage(res, 200, 'Sign-in cancelled', 'This sign-in was stopped.');
      cancelWith(new AuthError('sign_in_taken_over'));
      return;
    }
    if (url.pathname !== '/auth/callback' || req.method !== 'GET') {
      res.writeHead(404).end();
      return;
    }

    const stateValid = url.searchParams.get('state') === secrets.state;
    log.info('callback received', {
      stateValid,
      hasCode: url.searchParams.has('code'),
      hasError: url.searchParams.has('error'),
    });
    if (!stateValid) {
      // Someone else's answer: refuse it and keep waiting for ours.
      sendPage(
        res,
        400,
        'This sign-in link is not valid',
        'Start the sign-in again from Codex Accounts.',
        'state_mismatch',
      );
      return;
    }
    if (finishing) {
      sendPage(
        res,
        409,
        'Sign-in already being completed',
        'Go back to Codex Accounts.',
      );
      return;
    }
    finishing = true;
    void finish(url, res);
  };

  const finish = async (url: URL, res: ServerResponse) => {
    try {
      rejectAuthorizationError(url);
      hooks.onCompleting?.();
      const tokens = await exchangeCode(
        config,
        url,
        secrets,
        server.redirectUri,
      );
      // Cancelled (by the user or another program) while the code was being
      // exchanged: the window already says so, so nothing may be written.
      if (ending.isSettled()) {
        sendPage(res, 409, 'Sign-in cancelled', 'Nothing was saved.');
        return;
      }
      committed = true;
      await hooks.persist(tokens);
      res
        .writeHead(302, {
          Location: `http://${url.host}/success`,
          Connection: 'close',
        })
        .end();
      ending.succeed();
    } catch (error) {
      const authError = toSignInError(error);
      sendPage(res, 400, 'Sign-in failed', authError.message, authError.code);
      ending.fail(authError);
    }
  };

  const server: CallbackServer = await listenForCallback(
    handle,
    settings.ports,
  );
  const authorizeUrl = buildAuthorizeUrl(settings, server.redirectUri, secrets);
  const expiresAt = new Date(Date.now() + settings.timeoutMs);
  const timer = setTimeout(
    () =>
      ending.fail(new AuthError('sign_in_timed_out', { kind: 'transient' })),
    settings.timeoutMs,
  );
  const done = ending.promise.finally(() => clearTimeout(timer));
  // The caller awaits `done`; keep a rejection from also surfacing here.
  done.catch(() => undefined);
  const closed = done
    .catch(() => undefined)
    .then(async () => {
      // After a success the browser is sent on to /success: serve that
      // page before the port is released.
      if (committed) await waitAtMost(successShown.promise, SUCCESS_GRACE_MS);
      await server.close();
    });

  log.info('waiting for the browser', { port: server.port });
  try {
    await hooks.openBrowser(authorizeUrl);
  } catch (error) {
    ending.fail(new AuthError('browser_open_failed', { cause: error }));
  }

  return {
    port: server.port,
    expiresAt,
    done,
    closed,
    reopenBrowser: () => hooks.openBrowser(authorizeUrl),
    cancel: () => cancelWith(new AuthError('sign_in_cancelled')),
  };
}

function rejectAuthorizationError(url: URL): void {
  const error = url.searchParams.get('error');
  if (!error) return;

  const description = url.searchParams.get('error_description') ?? '';
  if (`${error} ${description}`.includes('missing_codex_entitlement')) {
    throw new AuthError('missing_codex_entitlement');
  }
  throw new AuthError('authorization_denied', {
    params: { reason: readableReason(description || error) },
  });
}

async function exchangeCode(
  config: oidc.Configuration,
  callbackUrl: URL,
  secrets: PkceSecrets,
  redirectUri: string,
): Promise<SignInTokens> {
  // openid-client takes the redirect URI from the URL it is given, and the
  // browser reached us as localhost: rebuild it on the registered URI.
  const current = new URL(redirectUri);
  current.search = callbackUrl.search;

  const response = await oidc.authorizationCodeGrant(config, current, {
    pkceCodeVerifier: secrets.codeVerifier,
    expectedState: secrets.state,
    idTokenExpected: true,
  });
  const idToken = response.id_token;
  const refreshToken = response.refresh_token;
  if (!idToken || !refreshToken) {
    throw new AuthError('token_exchange_failed', {
      params: { reason: 'the issuer sent no id_token or refresh_token' },
    });
  }

  return {
    idToken,
    accessToken: response.access_token,
    refreshToken,
    apiKey: await exchangeForApiKey(config, idToken),
  };
}

/**
 * Asks for an API key for the signed-in user, as Codex does after sign-in.
 * Best effort: any failure leaves the sign-in without a key. Plain fetch,
 * because the answer need not be a standard token response.
 */
async function exchangeForApiKey(
  config: oidc.Configuration,
  idToken: string,
): Promise<string | null> {
  const endpoint = config.serverMetadata().token_endpoint;
  if (!endpoint) return null;

  try {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: TOKEN_EXCHANGE_GRANT,
        client_id: config.clientMetadata().client_id,
        requested_token: 'openai-api-key',
        subject_token: idToken,
        subject_token_type: ID_TOKEN_TYPE,
      }),
      signal: AbortSignal.timeout(API_KEY_EXCHANGE_TIMEOUT_MS),
    });
    const body = (await response.json()) as { access_token?: unknown };
    if (response.ok && typeof body.access_token === 'string') {
      return body.access_token;
    }
    log.warn('API key exchange refused', { status: response.status });
  } catch (error) {
    log.warn('API key exchange failed', { reason: describeForLog(error) });
  }
  return null;
}

function toSignInError(error: unknown): AuthError {
  if (error instanceof AuthError) return error;

  log.warn('code exchange failed', { reason: describeForLog(error) });
  if (error instanceof oidc.ResponseBodyError) {
    return new AuthError('token_exchange_failed', {
      params: {
        reason: readableReason(error.error_description ?? error.error),
      },
      cause: error,
    });
  }
  if (error instanceof TypeError || isNetworkError(error)) {
    return new AuthError('issuer_unreachable', {
      kind: 'transient',
      cause: error,
    });
  }
  return new AuthError('token_exchange_failed', { cause: error });
}

function isNetworkError(error: unknown): boolean {
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  return typeof cause?.code === 'string' && /^(E|UND_)/.test(cause.code);
}

/** Keeps an issuer's description short and plain; it is shown to the user. */
function readableReason(text: string): string {
  return text
    .replace(/[^\p{L}\p{N} .,:;'()_-]/gu, ' ')
    .slice(0, 200)
    .trim();
}

function waitAtMost(promise: Promise<void>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    void promise.then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** A promise that settles once, by whichever party gets there first. */
function settleOnce() {
  let resolve!: () => void;
  let reject!: (error: AuthError) => void;
  let settled = false;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  const settle = (finish: () => void) => {
    if (settled) return;
    settled = true;
    finish();
  };
  return {
    promise,
    isSettled: () => settled,
    succeed: () => settle(resolve),
    fail: (error: AuthError) => settle(() => reject(error)),
  };
}
