// Builds auth.json files for tests: unsigned JWTs (`alg: none`, signature
// `sig`, as in Codex's own tests) and the file formats Codex has written.
// These reproduce the cases of the field notes without any outside file.

const AUTH_CLAIM = 'https://api.openai.com/auth';
const CLIENT_ID = 'app_EMoamEEZ73f0CkXaXp7hrann';

/** Far in the future: 2100-01-01. */
export const FAR_FUTURE = 4_102_444_800;

/** An unsigned JWT whose payload is `payload`. */
export function unsignedJwt(payload: Record<string, unknown>): string {
  const encode = (value: unknown) =>
    Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode(payload)}.c2ln`;
}

/** Who a ChatGPT fixture is. */
export interface FixtureIdentity {
  email?: string | null;
  plan?: string;
  workspaceId?: string;
  userId?: string;
  /** Put the email under the profile claim instead of at the top level. */
  emailInProfile?: boolean;
}

/** How a ChatGPT fixture's tokens and fields look. */
export interface ChatgptFixtureOptions extends FixtureIdentity {
  /** `auth_mode`; `null` leaves it out (files written before 2026). */
  authMode?: string | null;
  apiKey?: string | null;
  accessTokenExp?: number;
  refreshToken?: string;
  /** `tokens.account_id`; `null` writes null as the 2025 format did. */
  accountId?: string | null;
  /** `last_refresh`; `null` leaves the field out. */
  lastRefresh?: string | null;
  /** Fields a newer Codex added, kept verbatim. */
  extra?: Record<string, unknown>;
}

/** An id_token payload with Codex's claims. */
export function idTokenPayload(identity: FixtureIdentity = {}) {
  const email =
    identity.email === undefined ? 'alice@example.com' : identity.email;
  const workspaceId = identity.workspaceId ?? 'ws-personal-alice';
  const userId = identity.userId ?? 'user-alice';
  const payload: Record<string, unknown> = {
    [AUTH_CLAIM]: {
      chatgpt_account_id: workspaceId,
      chatgpt_user_id: userId,
      user_id: userId,
      chatgpt_plan_type: identity.plan ?? 'plus',
    },
    iss: 'https://auth.openai.com',
    aud: [CLIENT_ID],
    iat: 1_700_000_000,
    exp: FAR_FUTURE,
  };
  if (email !== null && identity.emailInProfile) {
    payload['https://api.openai.com/profile'] = { email };
  } else if (email !== null) {
    payload['email'] = email;
  }
  return payload;
}

/** A ChatGPT auth.json as an object. */
export function chatgptAuth(options: ChatgptFixtureOptions = {}) {
  const workspaceId = options.workspaceId ?? 'ws-personal-alice';
  const userId = options.userId ?? 'user-alice';
  const json: Record<string, unknown> = {};

  if (options.authMode !== null)
    json['auth_mode'] = options.authMode ?? 'chatgpt';
  json['OPENAI_API_KEY'] = options.apiKey ?? null;
  json['tokens'] = {
    id_token: unsignedJwt(idTokenPayload(options)),
    access_token: unsignedJwt({
      [AUTH_CLAIM]: { chatgpt_account_id: workspaceId },
      exp: options.accessTokenExp ?? FAR_FUTURE,
      iat: 1_700_000_000,
    }),
    refresh_token: options.refreshToken ?? `rt_${workspaceId}_${userId}_1`,
    account_id:
      options.accountId === undefined ? workspaceId : options.accountId,
  };
  if (options.lastRefresh !== null) {
    json['last_refresh'] = options.lastRefresh ?? '2026-11-30T09:15:00.000000Z';
  }
  return { ...json, ...options.extra };
}

/** An API-key auth.json as Codex 0.171 writes it, or the legacy form. */
export function apiKeyAuth(key: string, options: { legacy?: boolean } = {}) {
  return options.legacy
    ? { OPENAI_API_KEY: key }
    : { auth_mode: 'apikey', OPENAI_API_KEY: key };
}

/** Text of an auth.json, pretty-printed as Codex writes it. */
export function authText(json: Record<string, unknown>): string {
  return JSON.stringify(json, null, 2);
}

/** What the Codex CLI 0.171 says of a file (`codex login status`). */
export type CodexVerdict = 'chatgpt' | 'apikey' | 'error';

/** A field-notes case: a file and what Codex says of it. */
export interface FixtureCase {
  name: string;
  text: string;
  verdict: CodexVerdict;
}

/**
 * The cases of ../shared/fixtures (fixtures/README.md), rebuilt here so the
 * tests pass where that folder does not exist.
 */
export function fieldNoteCases(): FixtureCase[] {
  const plus = chatgptAuth();
  const cut = authText(plus);

  return [
    { name: 'chatgpt-plus', text: authText(plus), verdict: 'chatgpt' },
    {
      name: 'chatgpt-pro-expired',
      text: authText(
        chatgptAuth({
          plan: 'pro',
          accessTokenExp: 1_735_689_600,
          lastRefresh: '2025-01-01T00:00:00.000000Z',
        }),
      ),
      verdict: 'chatgpt',
    },
    {
      name: 'apikey',
      text: authText(apiKeyAuth('sk-proj-PLACEHOLDER0000000000ABCDE')),
      verdict: 'apikey',
    },
    {
      name: 'apikey-legacy',
      text: authText(
        apiKeyAuth('sk-PLACEHOLDER-LEGACY-12345', { legacy: true }),
      ),
      verdict: 'apikey',
    },
    {
      name: 'mixed-legacy',
      text: authText(
        chatgptAuth({
          authMode: null,
          apiKey: 'sk-EXCHANGED-PLACEHOLDER-99999',
        }),
      ),
      verdict: 'apikey',
    },
    {
      name: 'seed-era',
      text: authText(
        chatgptAuth({
          authMode: null,
          plan: 'pro',
          accountId: null,
          lastRefresh: '2025-08-06T20:41:36.232376Z',
        }),
      ),
      verdict: 'chatgpt',
    },
    {
      name: 'empty-last-refresh',
      text: authText(chatgptAuth({ lastRefresh: '' })),
      verdict: 'error',
    },
    {
      name: 'empty-refresh-token',
      text: authText(chatgptAuth({ refreshToken: '' })),
      verdict: 'chatgpt',
    },
    {
      name: 'no-email',
      text: authText(chatgptAuth({ email: null })),
      verdict: 'chatgpt',
    },
    {
      name: 'team-alice',
      text: authText(teamAuth('alice')),
      verdict: 'chatgpt',
    },
    { name: 'team-bob', text: authText(teamAuth('bob')), verdict: 'chatgpt' },
    {
      name: 'go-plan',
      text: authText(chatgptAuth({ plan: 'go' })),
      verdict: 'chatgpt',
    },
    { name: 'empty', text: '', verdict: 'error' },
    {
      name: 'truncated',
      text: cut.slice(0, cut.indexOf('id_token') + 60),
      verdict: 'error',
    },
  ];
}

/** A member of the Team workspace `ws-team-acme`. */
export function teamAuth(person: 'alice' | 'bob') {
  return chatgptAuth({
    email: `${person}@example.com`,
    plan: 'team',
    workspaceId: 'ws-team-acme',
    userId: `user-${person}`,
  });
}
