// The test issuer, driven the way Codex and the app drive OpenAI's issuer:
// openid-client for discovery, sign-in and code exchange, plain fetch with
// JSON bodies for refresh and revoke.

import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { errorCodeOf } from './issuer-log.js';
import { type CookieJar, signInThroughIssuerForm } from './sign-in-form.js';
import { startTestIssuer, type TestIssuer } from './test-issuer.js';

const REDIRECT_URI = 'http://localhost:1455/auth/callback';
const AUTH_CLAIM = 'https://api.openai.com/auth';
const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';

interface SignedIn {
  readonly idToken: string;
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly claims: Record<string, unknown>;
}

let issuer: TestIssuer;
let config: oidc.Configuration;

beforeAll(async () => {
  issuer = await startTestIssuer();
  config = await oidc.discovery(
    new URL(issuer.url),
    issuer.clientId,
    { token_endpoint_auth_method: 'none' },
    oidc.None(),
    { execute: [oidc.allowInsecureRequests] },
  );
});

afterAll(async () => {
  await issuer.close();
});

/** Codex's authorize URL, with its parameters in its order. */
async function codexAuthorizeUrl(extra: Record<string, string> = {}) {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const url = oidc.buildAuthorizationUrl(config, {
    response_type: 'code',
    redirect_uri: REDIRECT_URI,
    scope: 'openid profile email offline_access',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    id_token_add_organizations: 'true',
    codex_cli_simplified_flow: 'true',
    state,
    originator: 'codex_cli_rs',
    ...extra,
  });

  return { url, verifier, state };
}

async function signIn(email: string, cookieJar?: CookieJar): Promise<SignedIn> {
  const { url, verifier, state } = await codexAuthorizeUrl();
  const callback = await signInThroughIssuerForm(url.href, email, {
    ...(cookieJar && { cookieJar }),
  });
  const tokens = await oidc.authorizationCodeGrant(config, new URL(callback), {
    pkceCodeVerifier: verifier,
    expectedState: state,
  });

  return {
    idToken: tokens.id_token ?? '',
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token ?? '',
    claims: { ...tokens.claims() },
  };
}

/** A refresh as Codex 0.171 sends it: JSON, with a refresh_reason. */
function refreshAsCodex(refreshToken: string): Promise<Response> {
  return postJson(issuer.tokenUrl, {
    client_id: issuer.clientId,
    grant_type: 'refresh_token',
    refresh_reason: 'proactive_expiry',
    refresh_token: refreshToken,
  });
}

function postJson(url: string, body: unknown): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

function jwtPayload(jwt: string): Record<string, unknown> {
  const payload = jwt.split('.')[1] ?? '';
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
}

describe('the test issuer', () => {
  it('publishes discovery with OpenAI routes', () => {
    const metadata = config.serverMetadata();

    expect(metadata.issuer).toBe(issuer.url);
    expect(metadata.authorization_endpoint).toBe(
      `${issuer.url}/oauth/authorize`,
    );
    expect(metadata.token_endpoint).toBe(`${issuer.url}/oauth/token`);
    expect(metadata.revocation_endpoint).toBe(`${issuer.url}/oauth/revoke`);
  });

  describe('signing in as Codex does', () => {
    it('puts email, workspace, user and plan in the id_token', async () => {
      const signedIn = await signIn('team@example.com');

      expect(signedIn.claims['email']).toBe('team@example.com');
      expect(signedIn.claims[AUTH_CLAIM]).toEqual({
        chatgpt_account_id: 'ws-team-acme',
        chatgpt_user_id: 'user-team',
        user_id: 'user-team',
        chatgpt_plan_type: 'team',
      });
      expect(signedIn.refreshToken).not.toBe('');
    });

    it('records the parameters Codex sent to authorize', async () => {
      await signIn('plus@example.com');
      const last = issuer.log.authorizeRequests.at(-1);

      expect(last?.params).toMatchObject({
        client_id: issuer.clientId,
        originator: 'codex_cli_rs',
        codex_cli_simplified_flow: 'true',
        id_token_add_organizations: 'true',
      });
    });

    it('issues a JWT access token with exp and the workspace', async () => {
      const before = Math.floor(Date.now() / 1000);
      const { accessToken } = await signIn('plus@example.com');
      const claims = jwtPayload(accessToken);

      expect(claims['exp']).toBeGreaterThanOrEqual(before + 3600);
      expect(claims['exp']).toBeLessThan(before + 3700);
      expect(claims[AUTH_CLAIM]).toMatchObject({
        chatgpt_account_id: 'ws-personal-plus',
        chatgpt_plan_type: 'plus',
      });
    });

    it('asks for an email again on each sign-in in one browser', async () => {
      const browser: CookieJar = new Map();

      const first = await signIn('pro@example.com', browser);
      const second = await signIn('go@example.com', browser);

      expect(first.claims['email']).toBe('pro@example.com');
      expect(second.claims['email']).toBe('go@example.com');
    });

    it('shows an error on the page for an unknown email', async () => {
      const { url } = await codexAuthorizeUrl();

      await expect(
        signInThroughIssuerForm(url.href, 'nobody@example.com'),
      ).rejects.toThrow('No account for nobody@example.com');
    });

    it('refuses an account outside the forced workspace', async () => {
      const { url } = await codexAuthorizeUrl({
        allowed_workspace_id: 'ws-team-acme',
      });
      const callback = new URL(
        await signInThroughIssuerForm(url.href, 'plus@example.com'),
      );

      expect(callback.origin + callback.pathname).toBe(REDIRECT_URI);
      expect(callback.searchParams.get('error')).toBe('access_denied');
      expect(callback.searchParams.get('code')).toBeNull();
    });

    it('says missing_codex_entitlement where Codex is off', async () => {
      const { url } = await codexAuthorizeUrl();
      const callback = new URL(
        await signInThroughIssuerForm(url.href, 'blocked@example.com'),
      );

      expect(callback.searchParams.get('error_description')).toBe(
        'missing_codex_entitlement',
      );
    });
  });

  describe('refreshing', () => {
    it('accepts a JSON body and rotates the refresh token', async () => {
      const { refreshToken } = await signIn('plus@example.com');

      const response = await refreshAsCodex(refreshToken);
      const body = (await response.json()) as Record<string, unknown>;

      expect(response.status).toBe(200);
      expect(typeof body['access_token']).toBe('string');
      expect(typeof body['id_token']).toBe('string');
      expect(body['refresh_token']).not.toBe(refreshToken);
      expect(issuer.refreshTokenUses(refreshToken)).toBe(1);
      expect(issuer.log.tokenRequests.at(-1)).toEqual({
        grantType: 'refresh_token',
        refreshToken,
        refreshReason: 'proactive_expiry',
        bodyFormat: 'json',
        status: 200,
      });
    });

    it('answers a reused token with 401 refresh_token_reused', async () => {
      const { refreshToken } = await signIn('plus@example.com');
      const first = await refreshAsCodex(refreshToken);
      const rotated = (await first.json()) as { refresh_token: string };

      const reuse = await refreshAsCodex(refreshToken);
      const successor = await refreshAsCodex(rotated.refresh_token);

      expect(reuse.status).toBe(401);
      expect(await reuse.json()).toMatchObject({
        error: { code: 'refresh_token_reused' },
      });
      // Reuse revokes the whole sign-in, the rotated token included.
      expect(successor.status).toBe(401);
      expect(issuer.refreshTokenUses(refreshToken)).toBe(2);
      expect(issuer.log.reusedRefreshTokens()).toContain(refreshToken);
    });

    it('works through openid-client with a form body too', async () => {
      const { refreshToken } = await signIn('go@example.com');

      const tokens = await oidc.refreshTokenGrant(config, refreshToken);

      expect(tokens.refresh_token).not.toBe(refreshToken);
      expect(issuer.log.tokenRequests.at(-1)?.bodyFormat).toBe('form');
    });

    it('fails the next refresh on request, without rotating', async () => {
      const { refreshToken } = await signIn('plus@example.com');
      issuer.failNextRefresh({ status: 503 });

      const failed = await refreshAsCodex(refreshToken);
      const retried = await refreshAsCodex(refreshToken);

      expect(failed.status).toBe(503);
      expect(retried.status).toBe(200);
    });

    it('can rotate and still report a failure', async () => {
      const { refreshToken } = await signIn('plus@example.com');
      issuer.failNextRefresh({ status: 500, afterProcessing: true });

      const failed = await refreshAsCodex(refreshToken);

      expect(failed.status).toBe(500);
      expect(issuer.refreshTokenState(refreshToken)).toBe('consumed');
    });

    it('still rotates a delayed refresh after the client gave up', async () => {
      const { refreshToken } = await signIn('go@example.com');
      issuer.setRefreshDelay(600);

      const request = fetch(issuer.tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          client_id: issuer.clientId,
          grant_type: 'refresh_token',
          refresh_token: refreshToken,
        }),
        signal: AbortSignal.timeout(150),
      });
      await expect(request).rejects.toThrow();
      await expect
        .poll(() => issuer.refreshTokenState(refreshToken), { timeout: 3000 })
        .toBe('consumed');
      issuer.setRefreshDelay(0);
    });

    it('gives access tokens the lifetime a test sets', async () => {
      issuer.setAccessTokenTtl(60);
      const before = Math.floor(Date.now() / 1000);

      const { accessToken } = await signIn('go@example.com');
      issuer.setAccessTokenTtl(3600);

      expect(jwtPayload(accessToken)['exp']).toBeLessThanOrEqual(before + 61);
    });

    it('answers an expired token with refresh_token_expired', async () => {
      const { refreshToken } = await signIn('pro@example.com');
      issuer.expireRefreshToken(refreshToken);

      const response = await refreshAsCodex(refreshToken);

      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({
        error: { code: 'refresh_token_expired' },
      });
    });

    it('invalidates every sign-in of an account on request', async () => {
      const first = await signIn('teammate@example.com');
      const second = await signIn('teammate@example.com');
      const other = await signIn('team@example.com');

      expect(await issuer.revokeRefreshTokensOf('teammate@example.com')).toBe(
        2,
      );

      const statuses = await Promise.all(
        [first, second, other].map(async (each) => {
          const response = await refreshAsCodex(each.refreshToken);
          return [response.status, errorCodeOf(await response.json())];
        }),
      );
      expect(statuses).toEqual([
        [401, 'refresh_token_invalidated'],
        [401, 'refresh_token_invalidated'],
        [200, undefined],
      ]);
    });
  });

  describe('the API-key exchange', () => {
    it('trades an id_token for an sk- key', async () => {
      const { idToken } = await signIn('pro@example.com');

      const response = await oidc.genericGrantRequest(config, TOKEN_EXCHANGE, {
        requested_token: 'openai-api-key',
        subject_token: idToken,
        subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
      });

      expect(response.access_token).toMatch(/^sk-test-/);
      expect(response.access_token).toBe(issuer.apiKeyFor('pro@example.com'));
    });

    it('fails the next exchange on request', async () => {
      const { idToken } = await signIn('pro@example.com');
      issuer.failNextApiKeyExchange({ status: 500 });

      const exchange = oidc.genericGrantRequest(config, TOKEN_EXCHANGE, {
        requested_token: 'openai-api-key',
        subject_token: idToken,
        subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
      });

      await expect(exchange).rejects.toThrow();
      expect(issuer.log.tokenRequests.at(-1)).toMatchObject({
        grantType: TOKEN_EXCHANGE,
        status: 500,
      });
    });

    it('refuses a subject token it did not sign', async () => {
      const { idToken } = await signIn('pro@example.com');
      const [header, payload] = idToken.split('.');
      const forged = `${header}.${payload}.AAAA`;

      const response = await fetch(issuer.tokenUrl, {
        method: 'POST',
        body: new URLSearchParams({
          client_id: issuer.clientId,
          grant_type: TOKEN_EXCHANGE,
          requested_token: 'openai-api-key',
          subject_token: forged,
          subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
        }),
      });

      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: 'invalid_grant' });
    });
  });

  describe('revoking', () => {
    it('accepts Codex JSON, then calls the token invalidated', async () => {
      const { refreshToken } = await signIn('go@example.com');

      const revoke = await postJson(issuer.revokeUrl, {
        token: refreshToken,
        token_type_hint: 'refresh_token',
        client_id: issuer.clientId,
      });
      const refresh = await refreshAsCodex(refreshToken);

      expect(revoke.status).toBe(200);
      expect(issuer.log.revokeRequests.at(-1)).toEqual({
        token: refreshToken,
        tokenTypeHint: 'refresh_token',
        bodyFormat: 'json',
        status: 200,
      });
      expect(refresh.status).toBe(401);
      expect(await refresh.json()).toMatchObject({
        error: { code: 'refresh_token_invalidated' },
      });
    });
  });

  it('counts how often each refresh token was presented', async () => {
    const { refreshToken } = await signIn('pro@example.com');

    const response = await refreshAsCodex(refreshToken);
    const rotated = (await response.json()) as { refresh_token: string };

    expect(issuer.refreshTokenUses(refreshToken)).toBe(1);
    expect(issuer.refreshTokenUses(rotated.refresh_token)).toBe(0);
    expect(issuer.log.reusedRefreshTokens()).not.toContain(refreshToken);
  });
});
