/**
 * The people who can sign in at the test issuer, and the claims each one
 * carries in its tokens. Any password is accepted for every account.
 */

/** The claim under which OpenAI puts workspace, user and plan. */
export const AUTH_CLAIM = 'https://api.openai.com/auth';

/** The claim under which OpenAI repeats the email address. */
export const PROFILE_CLAIM = 'https://api.openai.com/profile';

/** One person in one ChatGPT workspace, as the test issuer knows them. */
export interface TestAccount {
  /** The address typed into the sign-in form and put in the `email` claim. */
  readonly email: string;
  /** The `sub` of every token; unique per account. */
  readonly subject: string;
  /** `chatgpt_user_id` and `user_id`: the person. */
  readonly userId: string;
  /** `chatgpt_account_id`: the workspace. */
  readonly workspaceId: string;
  /** `chatgpt_plan_type`, as the real issuer spells it. */
  readonly plan: string;
  /** What to type as password (the issuer accepts anything). */
  readonly passwordHint: string;
  /**
   * False for a workspace where Codex is switched off: signing in ends with
   * `error=access_denied` and the description `missing_codex_entitlement`.
   */
  readonly codexEnabled: boolean;
}

const ANY_PASSWORD = 'any password';

function account(
  email: string,
  userId: string,
  workspaceId: string,
  plan: string,
  codexEnabled = true,
): TestAccount {
  const subject = `auth0|${userId}`;
  const passwordHint = ANY_PASSWORD;

  return {
    email,
    subject,
    userId,
    workspaceId,
    plan,
    passwordHint,
    codexEnabled,
  };
}

/**
 * The default accounts. Two people share the team workspace, so tests can
 * tell accounts apart by workspace and user together.
 */
export const TEST_ACCOUNTS: readonly TestAccount[] = [
  account('plus@example.com', 'user-plus', 'ws-personal-plus', 'plus'),
  account('team@example.com', 'user-team', 'ws-team-acme', 'team'),
  account('teammate@example.com', 'user-teammate', 'ws-team-acme', 'team'),
  account('pro@example.com', 'user-pro', 'ws-personal-pro', 'pro'),
  account('go@example.com', 'user-go', 'ws-personal-go', 'go'),
  account(
    'blocked@example.com',
    'user-blocked',
    'ws-enterprise-blocked',
    'enterprise',
    false,
  ),
];

/** The claim object that both the id_token and the access token carry. */
export function authClaimOf(account: TestAccount): Record<string, string> {
  return {
    chatgpt_account_id: account.workspaceId,
    chatgpt_user_id: account.userId,
    user_id: account.userId,
    chatgpt_plan_type: account.plan,
  };
}

/** The account whose email matches, ignoring case and surrounding spaces. */
export function findAccountByEmail(
  accounts: readonly TestAccount[],
  email: string,
): TestAccount | undefined {
  const wanted = email.trim().toLowerCase();

  return accounts.find((each) => each.email.toLowerCase() === wanted);
}

/** The account with this `sub`. */
export function findAccountBySubject(
  accounts: readonly TestAccount[],
  subject: string,
): TestAccount | undefined {
  return accounts.find((each) => each.subject === subject);
}
