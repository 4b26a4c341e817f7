/**
 * The oidc-provider configuration that makes it look like OpenAI's issuer to
 * Codex: OpenAI's routes, Codex's public client, the claims OpenAI puts in
 * its tokens, JWT access tokens, single-use refresh tokens, and sign-in
 * without a consent screen.
 */

import type {
  Account,
  ClientMetadata,
  Configuration,
  ErrorOut,
  errors as oidcErrors,
  Grant,
  JWKS,
  KoaContextWithOIDC,
} from 'oidc-provider';

import { escapeHtml } from './login-page.js';
import { createMemoryStore } from './memory-store.js';
import {
  AUTH_CLAIM,
  authClaimOf,
  findAccountBySubject,
  PROFILE_CLAIM,
  type TestAccount,
} from './test-accounts.js';

/** Codex's public OAuth client id. */
export const CODEX_CLIENT_ID = 'app_EMoamEEZ73f0CkXaXp7hrann';

/** The only redirect URIs OpenAI registers for Codex. */
export const CODEX_REDIRECT_URIS = [
  'http://localhost:1455/auth/callback',
  'http://localhost:1457/auth/callback',
] as const;

/** The audience of every access token: OpenAI's API. */
export const API_AUDIENCE = 'https://api.openai.com/v1';

/** The routes OpenAI uses, which Codex calls by path. */
export const ISSUER_ROUTES = {
  authorization: '/oauth/authorize',
  token: '/oauth/token',
  revocation: '/oauth/revoke',
  userinfo: '/userinfo',
  jwks: '/.well-known/jwks.json',
} as const;

const SCOPE = 'openid profile email offline_access';

/** The authorize parameters Codex adds, which oidc-provider must keep. */
const CODEX_AUTHORIZE_PARAMS = [
  'id_token_add_organizations',
  'codex_cli_simplified_flow',
  'originator',
  'allowed_workspace_id',
];

/** Lifetimes that tests may change while the issuer runs. */
export interface IssuerSettings {
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
}

/** Everything the configuration is built from. */
export interface IssuerConfigInput {
  readonly accounts: readonly TestAccount[];
  readonly redirectUris: readonly string[];
  readonly settings: IssuerSettings;
  readonly jwks: JWKS;
  readonly cookieKeys: string[];
  readonly errors: typeof oidcErrors;
}

/** The whole oidc-provider configuration of the test issuer. */
export function issuerConfiguration(input: IssuerConfigInput): Configuration {
  return {
    adapter: createMemoryStore(),
    clients: [codexClient(input.redirectUris)],
    jwks: input.jwks,
    cookies: { keys: input.cookieKeys },
    routes: ISSUER_ROUTES,
    responseTypes: ['code'],
    scopes: SCOPE.split(' '),
    claims: {
      // The auth claim sits under `openid` so that every id_token has it.
      openid: ['sub', AUTH_CLAIM],
      email: ['email', 'email_verified', PROFILE_CLAIM],
      profile: ['name'],
    },
    // Without this, oidc-provider keeps scope claims out of the id_token of
    // the code flow and puts them only in userinfo.
    conformIdTokenClaims: false,
    extraParams: CODEX_AUTHORIZE_PARAMS,
    pkce: { required: () => true },
    findAccount: (_ctx, subject) => findAccount(input.accounts, subject),
    extraTokenClaims: (_ctx, token) =>
      'accountId' in token
        ? tokenClaims(input.accounts, token.accountId)
        : undefined,
    loadExistingGrant,
    // oidc-provider drops `offline_access` unless a consent screen is shown;
    // Codex never gets one, yet OpenAI gives it a refresh token.
    issueRefreshToken: (_ctx, client) =>
      client.grantTypeAllowed('refresh_token'),
    // Sessions end after each sign-in (see test-issuer.ts); refresh tokens
    // must outlive them.
    expiresWithSession: () => false,
    rotateRefreshToken: true,
    ttl: lifetimes(input.settings),
    features: {
      devInteractions: { enabled: false },
      revocation: {
        enabled: true,
        allowedPolicy: (_ctx, client, token) =>
          token.clientId === client.clientId,
      },
      resourceIndicators: apiResource(input.settings, input.errors),
    },
    clientBasedCORS: () => false,
    renderError,
  };
}

function codexClient(redirectUris: readonly string[]): ClientMetadata {
  return {
    client_id: CODEX_CLIENT_ID,
    client_name: 'Codex',
    token_endpoint_auth_method: 'none',
    redirect_uris: [...redirectUris],
    response_types: ['code'],
    grant_types: [
      'authorization_code',
      'refresh_token',
      'urn:ietf:params:oauth:grant-type:token-exchange',
    ],
  };
}

function findAccount(
  accounts: readonly TestAccount[],
  subject: string,
): Account | undefined {
  const account = findAccountBySubject(accounts, subject);
  if (!account) return undefined;

  return {
    accountId: subject,
    claims: () => ({
      sub: subject,
      email: account.email,
      email_verified: true,
      name: account.email.split('@')[0],
      [AUTH_CLAIM]: authClaimOf(account),
      [PROFILE_CLAIM]: { email: account.email, email_verified: true },
    }),
  };
}

/** The OpenAI claims that every access token carries. */
function tokenClaims(
  accounts: readonly TestAccount[],
  subject: string | undefined,
): Record<string, unknown> | undefined {
  const account = subject && findAccountBySubject(accounts, subject);
  if (!account) return undefined;

  return {
    [AUTH_CLAIM]: authClaimOf(account),
    [PROFILE_CLAIM]: { email: account.email, email_verified: true },
  };
}

/**
 * Consent is given without asking: the grant covers whatever was requested.
 * Each sign-in makes its own grant, so revoking one account's tokens leaves
 * other sign-ins alone.
 */
async function loadExistingGrant(
  ctx: KoaContextWithOIDC,
): Promise<Grant | undefined> {
  const { oidc } = ctx;
  const accountId = oidc.session?.accountId;
  const clientId = oidc.client?.clientId;
  if (!accountId || !clientId) return undefined;

  const grantId =
    oidc.result?.consent?.grantId ?? oidc.session?.grantIdFor(clientId);
  const existing = grantId
    ? await oidc.provider.Grant.find(grantId)
    : undefined;
  const grant = existing ?? new oidc.provider.Grant({ accountId, clientId });

  const scopes = [...oidc.requestParamScopes];
  grant.addOIDCScope(scopes.join(' '));
  for (const [resource, server] of Object.entries(oidc.resourceServers ?? {})) {
    const granted = scopes.filter((scope) => server.scopes.has(scope));
    grant.addResourceScope(resource, granted.join(' '));
  }
  await grant.save();

  return grant;
}

/**
 * Every access token is a JWT for OpenAI's API, because Codex reads its
 * `exp` to decide when to refresh.
 */
function apiResource(settings: IssuerSettings, errors: typeof oidcErrors) {
  return {
    enabled: true,
    defaultResource: () => API_AUDIENCE,
    useGrantedResource: () => true,
    getResourceServerInfo: (_ctx: KoaContextWithOIDC, resource: string) => {
      if (resource !== API_AUDIENCE) throw new errors.InvalidTarget();

      return {
        scope: SCOPE,
        audience: API_AUDIENCE,
        accessTokenTTL: settings.accessTokenTtlSeconds,
        accessTokenFormat: 'jwt' as const,
      };
    },
  };
}

function lifetimes(settings: IssuerSettings): Configuration['ttl'] {
  const hour = 60 * 60;
  const day = 24 * hour;

  return {
    AccessToken: () => settings.accessTokenTtlSeconds,
    AuthorizationCode: 60,
    IdToken: hour,
    RefreshToken: () => settings.refreshTokenTtlSeconds,
    Interaction: hour,
    Session: day,
    Grant: 400 * day,
  };
}

async function renderError(
  ctx: KoaContextWithOIDC,
  out: ErrorOut,
): Promise<void> {
  const lines = Object.entries(out).map(
    ([name, value]) =>
      `<p><b>${escapeHtml(name)}</b>: ${escapeHtml(String(value))}</p>`,
  );

  ctx.type = 'html';
  ctx.body = `<!DOCTYPE html><title>Sign-in error</title>${lines.join('')}`;
}
