/**
 * The token-exchange grant with which Codex trades a fresh id_token for an
 * OpenAI API key (RFC 8693, `requested_token=openai-api-key`). The test
 * issuer answers with a fake, deterministic key per account.
 */

import { createHash, type KeyObject, verify } from 'node:crypto';

import type {
  errors as oidcErrors,
  TokenEndpointGrantContext,
} from 'oidc-provider';

import { findAccountBySubject, type TestAccount } from './test-accounts.js';

/** The grant type Codex sends for the API-key exchange. */
export const TOKEN_EXCHANGE_GRANT =
  'urn:ietf:params:oauth:grant-type:token-exchange';

/** The parameters of the grant, besides `grant_type` and `client_id`. */
export const TOKEN_EXCHANGE_PARAMS = [
  'requested_token',
  'subject_token',
  'subject_token_type',
] as const;

const ID_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:id_token';
const API_KEY_TOKEN = 'openai-api-key';

type ExchangeParams = Partial<
  Record<(typeof TOKEN_EXCHANGE_PARAMS)[number], string>
>;

/** What the grant needs to know to check an id_token. */
export interface ApiKeyExchangeSetup {
  readonly issuer: string;
  /** The public half of the key the issuer signs id_tokens with (RS256). */
  readonly publicKey: KeyObject;
  readonly accounts: readonly TestAccount[];
  readonly errors: typeof oidcErrors;
}

/** The fake API key the test issuer gives an account: `sk-test-...`. */
export function apiKeyFor(account: TestAccount): string {
  const digest = createHash('sha256')
    .update(`${account.workspaceId}/${account.userId}`)
    .digest('hex');

  return `sk-test-${account.userId}-${digest.slice(0, 16)}`;
}

/** The grant handler to register with `provider.registerGrantType`. */
export function apiKeyExchangeHandler(setup: ApiKeyExchangeSetup) {
  return async (ctx: TokenEndpointGrantContext<ExchangeParams>) => {
    const params = ctx.oidc.params;
    const { InvalidGrant, InvalidRequest } = setup.errors;

    if (params.requested_token !== API_KEY_TOKEN) {
      throw new InvalidRequest(`requested_token must be ${API_KEY_TOKEN}`);
    }
    if (params.subject_token_type !== ID_TOKEN_TYPE) {
      throw new InvalidRequest(`subject_token_type must be ${ID_TOKEN_TYPE}`);
    }

    const clientId = ctx.oidc.client?.clientId ?? '';
    const subject = subjectOfIdToken(
      params.subject_token ?? '',
      clientId,
      setup,
    );
    const account = subject && findAccountBySubject(setup.accounts, subject);
    if (!account) {
      throw new InvalidGrant(
        'subject_token is not a valid id_token from this issuer',
      );
    }

    ctx.body = {
      access_token: apiKeyFor(account),
      token_type: 'Bearer',
      issued_token_type: 'urn:ietf:params:oauth:token-type:access_token',
    };
  };
}

/**
 * The `sub` of an id_token that this issuer signed for this client and that
 * has not expired; undefined for anything else.
 */
function subjectOfIdToken(
  token: string,
  clientId: string,
  setup: ApiKeyExchangeSetup,
): string | undefined {
  const [header, payload, signature] = token.split('.');
  if (header === undefined || payload === undefined || !signature) {
    return undefined;
  }

  const signed = Buffer.from(`${header}.${payload}`);
  const signatureBytes = Buffer.from(signature, 'base64url');
  if (!verify('sha256', signed, setup.publicKey, signatureBytes)) {
    return undefined;
  }

  const claims = parseClaims(payload);
  const audience = [claims['aud']].flat();
  const expiresAt = typeof claims['exp'] === 'number' ? claims['exp'] : 0;
  const valid =
    claims['iss'] === setup.issuer &&
    audience.includes(clientId) &&
    expiresAt * 1000 > Date.now();

  return valid && typeof claims['sub'] === 'string' ? claims['sub'] : undefined;
}

function parseClaims(payload: string): Record<string, unknown> {
  try {
    const claims: unknown = JSON.parse(
      Buffer.from(payload, 'base64url').toString('utf8'),
    );
    return typeof claims === 'object' && claims !== null
      ? (claims as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}
