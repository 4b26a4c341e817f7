/**
 * The test issuer: a real OpenID provider (oidc-provider) on loopback that
 * behaves like auth.openai.com does for Codex. Tests start one per suite;
 * `npm run demo` and people start it by hand:
 *
 *   npx tsx e2e/issuer/test-issuer.ts --port 4444
 */

import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { realpathSync } from 'node:fs';
import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

import type Provider from 'oidc-provider';
import type { JWK, KoaContextWithOIDC } from 'oidc-provider';

import {
  apiKeyExchangeHandler,
  apiKeyFor,
  TOKEN_EXCHANGE_GRANT,
  TOKEN_EXCHANGE_PARAMS,
} from './api-key-exchange.js';
import { authorizeEndpoint, interactionRoutes } from './interactions.js';
import { IssuerLog } from './issuer-log.js';
import { loadOidcProvider } from './load-oidc-provider.js';
import {
  CODEX_CLIENT_ID,
  CODEX_REDIRECT_URIS,
  ISSUER_ROUTES,
  issuerConfiguration,
  type IssuerSettings,
} from './provider-config.js';
import {
  RefreshTokenLedger,
  type RefreshTokenState,
} from './refresh-token-ledger.js';
import {
  decodeBody,
  type DecodedBody,
  readBody,
  withFormBody,
} from './request-body.js';
import {
  findAccountByEmail,
  TEST_ACCOUNTS,
  type TestAccount,
} from './test-accounts.js';
import {
  revokeEndpoint,
  tokenEndpoint,
  TokenEndpointControls,
  type TokenFailure,
} from './token-endpoint.js';

export { CODEX_CLIENT_ID, CODEX_REDIRECT_URIS } from './provider-config.js';
export type { TestAccount } from './test-accounts.js';
export type { TokenFailure } from './token-endpoint.js';

/** How to start a test issuer. */
export interface TestIssuerOptions {
  /** The port to listen on; 0 (the default) picks a free one. */
  readonly port?: number;
  /** Only loopback is allowed: the issuer has no security to speak of. */
  readonly host?: '127.0.0.1';
  /** Redirect URIs to accept besides Codex's two. */
  readonly extraRedirectUris?: readonly string[];
  /** Lifetime of access tokens (their `exp`); 3600 by default. */
  readonly accessTokenTtlSeconds?: number;
  /** Lifetime of refresh tokens; 14 days by default. */
  readonly refreshTokenTtlSeconds?: number;
  /** Who can sign in; `TEST_ACCOUNTS` by default. */
  readonly accounts?: readonly TestAccount[];
}

/** A running test issuer and the levers tests pull on it. */
export interface TestIssuer {
  /** The issuer identifier, e.g. `http://127.0.0.1:4444` (no slash). */
  readonly url: string;
  /** `{url}/oauth/token`, e.g. for `CODEX_REFRESH_TOKEN_URL_OVERRIDE`. */
  readonly tokenUrl: string;
  /** `{url}/oauth/revoke`, e.g. for `CODEX_REVOKE_TOKEN_URL_OVERRIDE`. */
  readonly revokeUrl: string;
  /** Codex's client id, the one client the issuer knows. */
  readonly clientId: string;
  /** Who can sign in (any password). */
  readonly accounts: readonly TestAccount[];
  /** Every authorize, token and revoke request the issuer received. */
  readonly log: IssuerLog;
  /** How many refresh requests presented this refresh token. */
  refreshTokenUses(refreshToken: string): number;
  /** What became of a refresh token; undefined if never issued here. */
  refreshTokenState(refreshToken: string): RefreshTokenState | undefined;
  /** Makes the next refresh answer with `failure` instead. */
  failNextRefresh(failure: TokenFailure): void;
  /** Makes the next API-key exchange answer with `failure` instead. */
  failNextApiKeyExchange(failure: TokenFailure): void;
  /** Makes every refresh wait this long first (0 to stop). */
  setRefreshDelay(milliseconds: number): void;
  /** Changes the lifetime of access tokens issued from now on. */
  setAccessTokenTtl(seconds: number): void;
  /** Makes this refresh token fail with `refresh_token_expired`. */
  expireRefreshToken(refreshToken: string): void;
  /**
   * Revokes every refresh token of the account with this email, as a
   * password change would; returns how many sign-ins were ended.
   */
  revokeRefreshTokensOf(email: string): Promise<number>;
  /** The fake API key the token exchange gives this account. */
  apiKeyFor(email: string): string;
  /** Stops listening and drops every connection. */
  close(): Promise<void>;
}

const DEFAULT_ACCESS_TOKEN_TTL = 60 * 60;
const DEFAULT_REFRESH_TOKEN_TTL = 14 * 24 * 60 * 60;
const LOOPBACK = '127.0.0.1';

/** Starts a test issuer on 127.0.0.1 and resolves once it is listening. */
export async function startTestIssuer(
  options: TestIssuerOptions = {},
): Promise<TestIssuer> {
  const server = createServer();
  const port = await listen(server, options.port ?? 0);
  const url = `http://${LOOPBACK}:${port}`;

  const parts = await buildIssuer(url, options);
  server.on('request', (request, response) => {
    void routeRequest(parts, request, response);
  });

  return describeIssuer(url, server, parts);
}

/** The pieces of a running issuer that requests pass through. */
interface IssuerParts {
  readonly handle: (request: IncomingMessage, response: ServerResponse) => void;
  readonly bodies: WeakMap<IncomingMessage, DecodedBody>;
  readonly ledger: RefreshTokenLedger;
  readonly log: IssuerLog;
  readonly controls: TokenEndpointControls;
  readonly settings: IssuerSettings;
  readonly accounts: readonly TestAccount[];
  readonly revokeGrant: (grantId: string) => Promise<void>;
}

async function buildIssuer(
  url: string,
  options: TestIssuerOptions,
): Promise<IssuerParts> {
  const accounts = options.accounts ?? TEST_ACCOUNTS;
  const settings: IssuerSettings = {
    accessTokenTtlSeconds:
      options.accessTokenTtlSeconds ?? DEFAULT_ACCESS_TOKEN_TTL,
    refreshTokenTtlSeconds:
      options.refreshTokenTtlSeconds ?? DEFAULT_REFRESH_TOKEN_TTL,
  };
  const redirectUris = [
    ...CODEX_REDIRECT_URIS,
    ...(options.extraRedirectUris ?? []),
  ];
  const provider = await createProvider(url, accounts, settings, redirectUris);

  const parts = {
    handle: provider.callback(),
    bodies: new WeakMap<IncomingMessage, DecodedBody>(),
    ledger: new RefreshTokenLedger(),
    log: new IssuerLog(),
    controls: new TokenEndpointControls(),
    settings,
    accounts,
    revokeGrant: async (grantId: string) => {
      const grant = await provider.Grant.find(grantId);
      await grant?.destroy();
    },
  };
  addMiddlewares(provider, parts);

  return parts;
}

/** oidc-provider, configured as OpenAI's issuer, with the API-key grant. */
async function createProvider(
  url: string,
  accounts: readonly TestAccount[],
  settings: IssuerSettings,
  redirectUris: readonly string[],
): Promise<Provider> {
  const { Provider, errors } = await loadOidcProvider();
  const key = generateSigningKey();
  const configuration = issuerConfiguration({
    accounts,
    redirectUris,
    settings,
    jwks: { keys: [key.jwk] },
    cookieKeys: [randomBytes(32).toString('base64url')],
    errors,
  });

  const provider = new Provider(url, configuration);
  const exchange = apiKeyExchangeHandler({
    issuer: url,
    publicKey: key.publicKey,
    accounts,
    errors,
  });
  provider.registerGrantType(
    TOKEN_EXCHANGE_GRANT,
    exchange,
    TOKEN_EXCHANGE_PARAMS,
  );

  return provider;
}

/** Puts the issuer's own middlewares in front of oidc-provider's routes. */
function addMiddlewares(provider: Provider, parts: IssuerParts): void {
  // oidc-provider says why it refused a grant only in this event.
  const grantErrors = new WeakMap<object, string>();
  provider.on('grant.error', (ctx: KoaContextWithOIDC, error: unknown) => {
    const detail = (error as { error_detail?: unknown }).error_detail;
    if (typeof detail === 'string') grantErrors.set(ctx, detail);
  });

  const deps = {
    ledger: parts.ledger,
    log: parts.log,
    controls: parts.controls,
    bodyOf: (request: IncomingMessage) => parts.bodies.get(request),
    grantErrorDetailOf: (ctx: KoaContextWithOIDC) => grantErrors.get(ctx),
  };
  provider.use(authorizeEndpoint(parts.log));
  provider.use(interactionRoutes(provider, parts.accounts));
  provider.use(tokenEndpoint(deps));
  provider.use(revokeEndpoint(deps));
}

function generateSigningKey() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
  });
  const jwk: JWK = {
    ...(privateKey.export({ format: 'jwk' }) as JWK),
    kid: randomUUID(),
    alg: 'RS256',
    use: 'sig',
  };

  return { jwk, publicKey };
}

const BODY_ROUTES: ReadonlySet<string> = new Set([
  ISSUER_ROUTES.token,
  ISSUER_ROUTES.revocation,
]);

/**
 * Hands a request to oidc-provider. Token and revoke bodies are read here
 * first, so the issuer can record them and accept Codex's JSON.
 */
async function routeRequest(
  parts: IssuerParts,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const path = new URL(request.url ?? '/', 'http://issuer').pathname;
  if (request.method !== 'POST' || !BODY_ROUTES.has(path)) {
    return parts.handle(request, response);
  }

  const contentType = request.headers['content-type'] ?? '';
  let body: DecodedBody;
  try {
    body = decodeBody(await readBody(request), contentType);
  } catch (error) {
    recordUnreadableBody(parts.log, path, contentType);
    return answerUnreadableBody(response, error);
  }

  const copy = withFormBody(request, body.params);
  parts.bodies.set(copy, body);
  parts.handle(copy, response);
}

function recordUnreadableBody(
  log: IssuerLog,
  path: string,
  contentType: string,
): void {
  const bodyFormat = contentType.includes('json') ? 'json' : 'form';
  const failure = { bodyFormat, status: 400 } as const;

  if (path === ISSUER_ROUTES.token) {
    log.tokenRequests.push({
      grantType: '',
      ...failure,
      errorCode: 'invalid_request',
    });
  } else {
    log.revokeRequests.push({ token: '', ...failure });
  }
}

function answerUnreadableBody(response: ServerResponse, error: unknown): void {
  const reason = error instanceof Error ? error.message : String(error);

  response.statusCode = 400;
  response.setHeader('content-type', 'application/json');
  response.end(
    JSON.stringify({
      error: 'invalid_request',
      error_description: `failed to read the request body: ${reason}`,
    }),
  );
}

function describeIssuer(
  url: string,
  server: Server,
  parts: IssuerParts,
): TestIssuer {
  const { ledger, log, controls, settings, accounts } = parts;

  return {
    url,
    tokenUrl: `${url}${ISSUER_ROUTES.token}`,
    revokeUrl: `${url}${ISSUER_ROUTES.revocation}`,
    clientId: CODEX_CLIENT_ID,
    accounts,
    log,
    refreshTokenUses: (token) => log.refreshTokenUses(token),
    refreshTokenState: (token) => ledger.stateOf(token),
    failNextRefresh: (failure) => controls.failNext('refresh_token', failure),
    failNextApiKeyExchange: (failure) =>
      controls.failNext(TOKEN_EXCHANGE_GRANT, failure),
    setRefreshDelay: (milliseconds) => {
      controls.refreshDelayMs = milliseconds;
    },
    setAccessTokenTtl: (seconds) => {
      settings.accessTokenTtlSeconds = seconds;
    },
    expireRefreshToken: (token) => ledger.expire(token),
    revokeRefreshTokensOf: (email) => revokeRefreshTokensOf(parts, email),
    apiKeyFor: (email) => apiKeyFor(requireAccount(accounts, email)),
    close: () => closeServer(server, controls),
  };
}

async function revokeRefreshTokensOf(
  parts: IssuerParts,
  email: string,
): Promise<number> {
  const account = requireAccount(parts.accounts, email);
  const grants = parts.ledger.activeGrantsOf(account.subject);

  for (const grantId of grants) {
    parts.ledger.revokeGrant(grantId);
    await parts.revokeGrant(grantId);
  }

  return grants.length;
}

function requireAccount(
  accounts: readonly TestAccount[],
  email: string,
): TestAccount {
  const account = findAccountByEmail(accounts, email);
  if (!account) throw new Error(`the test issuer has no account ${email}`);

  return account;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, LOOPBACK, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(
  server: Server,
  controls: TokenEndpointControls,
): Promise<void> {
  controls.stop();

  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}

/** Runs the issuer until Ctrl-C, printing its URL and accounts. */
async function runStandalone(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { port: { type: 'string', default: '0' } },
  });
  const issuer = await startTestIssuer({ port: Number(values.port) });

  console.log(`issuer: ${issuer.url}`);
  for (const account of issuer.accounts) {
    console.log(`  ${account.email} (${account.plan}, ${account.workspaceId})`);
  }
  console.log('Any password signs in. Ctrl-C stops.');

  process.once('SIGINT', () => void issuer.close());
  process.once('SIGTERM', () => void issuer.close());
}

function isMainModule(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;

  return import.meta.url === pathToFileURL(realpathSync(script)).href;
}

if (isMainModule()) await runStandalone(process.argv.slice(2));
