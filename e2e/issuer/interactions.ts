/**
 * The sign-in side of the test issuer: records each authorize request,
 * shows the login form at `/interaction/:uid`, checks the email on POST
 * `/interaction/:uid/login`, and hands the result back to oidc-provider.
 * There is no consent step: the grant is made in `loadExistingGrant` (see
 * provider-config.ts).
 */

import type Provider from 'oidc-provider';
import type {
  Interaction,
  InteractionResults,
  KoaContextWithOIDC,
} from 'oidc-provider';

import type { IssuerLog } from './issuer-log.js';
import { type LoginPageContent, renderLoginPage } from './login-page.js';
import { ISSUER_ROUTES } from './provider-config.js';
import { readBody } from './request-body.js';
import { findAccountByEmail, type TestAccount } from './test-accounts.js';

/** A Koa middleware in front of oidc-provider's own routes. */
export type IssuerMiddleware = (
  ctx: KoaContextWithOIDC,
  next: () => Promise<unknown>,
) => Promise<void>;

const INTERACTION_PATH = /^\/interaction\/([\w-]+)(\/login)?$/;

/** The error description Codex shows as "Codex is not enabled". */
const NO_CODEX_ENTITLEMENT = 'missing_codex_entitlement';

/**
 * Records each authorize request and ends the browser session once the
 * sign-in is over, so that the next sign-in asks for an email again (the
 * way a person adds a second account) instead of reusing the first one.
 */
export function authorizeEndpoint(log: IssuerLog): IssuerMiddleware {
  return async (ctx, next) => {
    if (!ctx.path.startsWith(ISSUER_ROUTES.authorization)) {
      return void (await next());
    }
    if (ctx.path === ISSUER_ROUTES.authorization) {
      const params = Object.fromEntries(new URLSearchParams(ctx.querystring));
      log.authorizeRequests.push({ params });
    }

    await next();

    if (redirectsOutOfIssuer(ctx)) await endSession(ctx);
  };
}

function redirectsOutOfIssuer(ctx: KoaContextWithOIDC): boolean {
  const location = ctx.response.get('location');
  if (location === '' || location.startsWith('/')) return false;

  return !location.startsWith(ctx.origin);
}

async function endSession(ctx: KoaContextWithOIDC): Promise<void> {
  // `ctx.oidc` exists only when oidc-provider matched the route.
  const oidc = ctx.oidc as typeof ctx.oidc | undefined;
  await oidc?.session?.destroy();
}

/** Serves the login page and its form submission. */
export function interactionRoutes(
  provider: Provider,
  accounts: readonly TestAccount[],
): IssuerMiddleware {
  return async (ctx, next) => {
    const match = INTERACTION_PATH.exec(ctx.path);
    if (!match) return void (await next());

    try {
      if (ctx.method === 'GET' && !match[2]) {
        return await showLoginPage(provider, accounts, ctx);
      }
      if (ctx.method === 'POST' && match[2]) {
        return await submitLogin(provider, accounts, ctx);
      }
    } catch (error) {
      return showInteractionError(ctx, error);
    }

    ctx.status = 405;
  };
}

async function showLoginPage(
  provider: Provider,
  accounts: readonly TestAccount[],
  ctx: KoaContextWithOIDC,
): Promise<void> {
  const details = await provider.interactionDetails(ctx.req, ctx.res);

  ctx.type = 'html';
  ctx.body = renderLoginPage(loginPageFor(details, accounts));
}

function loginPageFor(
  details: Interaction,
  accounts: readonly TestAccount[],
): LoginPageContent {
  return {
    action: `/interaction/${details.uid}/login`,
    clientId: String(details.params['client_id'] ?? ''),
    knownEmails: accounts.map((each) => each.email),
  };
}

async function submitLogin(
  provider: Provider,
  accounts: readonly TestAccount[],
  ctx: KoaContextWithOIDC,
): Promise<void> {
  const details = await provider.interactionDetails(ctx.req, ctx.res);
  const form = new URLSearchParams((await readBody(ctx.req)).toString('utf8'));
  const email = form.get('email') ?? '';
  const account = findAccountByEmail(accounts, email);

  if (!account) {
    const error = `No account for ${email || 'that email'}. Try a test one.`;
    ctx.type = 'html';
    ctx.body = renderLoginPage({
      ...loginPageFor(details, accounts),
      email,
      error,
    });
    return;
  }

  const result = loginResult(account, details.params['allowed_workspace_id']);
  const resumeUrl = await provider.interactionResult(ctx.req, ctx.res, result, {
    mergeWithLastSubmission: false,
  });

  ctx.status = 303;
  ctx.redirect(resumeUrl);
}

/**
 * Signs the account in, or refuses as OpenAI does: when the app forced a
 * workspace the account is not in, or when Codex is off for the workspace.
 */
function loginResult(
  account: TestAccount,
  allowedWorkspace: unknown,
): InteractionResults {
  const forced = typeof allowedWorkspace === 'string' ? allowedWorkspace : '';
  const allowed = forced.split(',').filter((each) => each !== '');
  if (allowed.length > 0 && !allowed.includes(account.workspaceId)) {
    const description = `${account.email} is not in workspace ${forced}`;
    return { error: 'access_denied', error_description: description };
  }
  if (!account.codexEnabled) {
    return { error: 'access_denied', error_description: NO_CODEX_ENTITLEMENT };
  }

  return { login: { accountId: account.subject } };
}

function showInteractionError(ctx: KoaContextWithOIDC, error: unknown): void {
  const reason = error instanceof Error ? error.message : String(error);

  ctx.status = 400;
  ctx.type = 'text';
  ctx.body = `This sign-in cannot continue (${reason}). Start it again.\n`;
}
