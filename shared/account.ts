// What the window knows about a sign-in: summaries built in main from
// auth.json. No token, refresh token or API key ever appears here.

import type { AppError } from './errors';

/** How Codex will authenticate, decided as Codex decides it. */
export type AuthMode =
  'chatgpt' | 'apikey' | 'chatgptAuthTokens' | 'agentIdentity';

/** Why the mode is what it is, when that is not obvious from the file. */
export type ModeReason =
  /** `auth_mode` is written in the file. */
  | 'auth_mode_field'
  /** No `auth_mode`, and an API key is present: Codex uses the key. */
  | 'legacy_api_key'
  /** No `auth_mode`, tokens only: ChatGPT. */
  | 'legacy_tokens';

/** A ChatGPT plan, as read from the id_token. */
export interface PlanSummary {
  /** The canonical plan id, or null for a plan this app does not know. */
  id: string | null;
  /** The value found in the token, as written there. */
  raw: string;
  /** The name to show: the proper name, or the raw value when unknown. */
  name: string;
  /** Team, business, enterprise and edu plans are workspace accounts. */
  isWorkspace: boolean;
}

/** One account as the window shows it. */
export interface AccountSummary {
  /** What Codex will use. */
  mode: AuthMode;
  /** How the mode was decided. */
  modeReason: ModeReason;
  /** The person's email, or null when the id_token carries none. */
  email: string | null;
  /** What to call the account: the email, else plan and short workspace. */
  label: string;
  /** The plan, for ChatGPT sign-ins. */
  plan: PlanSummary | null;
  /** The ChatGPT workspace (account) id. */
  workspaceId: string | null;
  /** The first characters of the workspace id, for display. */
  shortWorkspaceId: string | null;
  /** The ChatGPT user id. */
  userId: string | null;
  /** When the access token expires (ISO 8601), from its `exp`. */
  accessTokenExpiresAt: string | null;
  /** When Codex last refreshed the tokens (ISO 8601). */
  lastRefresh: string | null;
  /** Whether a refresh token is present, so the sign-in can be renewed. */
  canRefresh: boolean;
  /** Codex's mask of the API key (`sk-proj-***ABCDE`), when one is stored. */
  apiKeyMask: string | null;
}

/** Where CODEX_HOME points and why. */
export interface CodexHomeInfo {
  /** The directory, as resolved. */
  path: string;
  /** `env` when CODEX_HOME is set, `default` for ~/.codex. */
  source: 'env' | 'default';
}

/** Progress of the ChatGPT browser sign-in. */
export type SignInProgress =
  | { phase: 'idle' }
  | {
      phase: 'waiting';
      /** The local port that receives the browser's answer. */
      port: number;
      /** When the sign-in gives up (ISO 8601). */
      expiresAt: string;
    }
  | { phase: 'completing' }
  | { phase: 'succeeded' }
  | { phase: 'cancelled' }
  | { phase: 'failed'; error: AppError };

/** What the window knows of one saved account. */
export interface SavedAccountView {
  /** Stable id of the account: workspace and user, or a key fingerprint. */
  key: string;
  /** A name the user gave it, or null. */
  label: string | null;
  summary: AccountSummary;
  /** Whether it is the one in auth.json now. */
  isActive: boolean;
  /** Why it can't be made active (config.toml policy), or null. */
  blockedReason: string | null;
  /** The last refresh failed for good: sign in again. */
  needsSignIn: boolean;
}

/** How the saved accounts' credentials are kept on this computer. */
export interface StorageProtection {
  /** False when they are in plain files (readable only by this user). */
  encrypted: boolean;
  /** True when encryption is weak (Linux safeStorage's basic_text). */
  weak: boolean;
}

/** Shown after a switch: running Codex sessions keep the old account. */
export interface SwitchNotice {
  /** The account switched to. */
  key: string;
  /** When (ISO 8601). */
  at: string;
  /** Codex processes running at that moment, where the system tells. */
  runningCodex: Array<{ pid: number; name: string }>;
}

/** What Codex's settings and the environment mean for the sign-in. */
export interface CodexEnvironment {
  /** `cli_auth_credentials_store` from config.toml. */
  credentialsStore: 'file' | 'keyring' | 'auto' | 'ephemeral';
  /** Why signing in with ChatGPT is off (forced_login_method), or null. */
  chatgptBlocked: string | null;
  /** Why using an API key is off (forced_login_method), or null. */
  apiKeyBlocked: string | null;
  /** What is wrong with config.toml, or null. */
  configProblem: string | null;
  /**
   * OPENAI_API_KEY or CODEX_API_KEY set where Codex would see it: Codex may
   * bill the key instead of the ChatGPT plan. Names and places, no values.
   */
  apiKeyVariables: Array<{ name: string; where: string }>;
  /** auth.json can be read by other users of this computer. */
  authFileOpenToOthers: boolean;
}

/** Everything the window needs to draw the current state. */
export interface AuthStatus {
  /**
   * Counts up with every change main makes to the status. A window keeps
   * the highest it has seen: a request's answer can arrive after an event
   * that is newer, and the same status can come both ways.
   */
  revision: number;
  /** The Codex folder in use. */
  codexHome: CodexHomeInfo;
  /** `signed_in`, `signed_out`, or `unusable` when auth.json is broken. */
  state: 'signed_in' | 'signed_out' | 'unusable';
  /** The signed-in account, when there is one. */
  account: AccountSummary | null;
  /** Why the sign-in can't be used or read, when it can't. */
  problem: AppError | null;
  /** When auth.json was last read (ISO 8601). */
  readAt: string;
  /** The browser sign-in, if one is running or just ended. */
  signIn: SignInProgress;
  /** Every saved account, in the order they were saved. */
  accounts: SavedAccountView[];
  /** How saved accounts are protected. */
  storage: StorageProtection;
  /** The last switch, until the next one. */
  lastSwitch: SwitchNotice | null;
  /** Settings and warnings about how Codex will sign in. */
  environment: CodexEnvironment;
}
