/**
 * The sign-in interaction of the test issuer: shows the login form at
 * `/interaction/:uid`, checks the email on POST `/interaction/:uid/login`,
 * and hands the result back to oidc-provider. There is no consent step:
 * the grant is made in `loadExistingGrant` (see provider-config.ts).
 */

import type Provider from 'oidc-provider';
import type { InteractionResults, KoaContextWithOIDC } from 'oidc-provider';

import { renderLoginPage } from './login-page.js';
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
  ctx.body = renderLoginPage({
    action: `/interaction/${details.uid}/login`,
    clientId: String(details.params['client_id'] ?? ''),
    knownEmails: accounts.map((each) => each.email),
  });
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
    ctx.type = 'html';
    ctx.body = renderLoginPage({
      action: `/interaction/${details.uid}/login`,
      clientId: String(details.params['client_id'] ?? ''),
      email,
      error: `No account for ${email || 'that email'}. Use a test account.`,
      knownEmails: accounts.map((each) => each.email),
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
    return {
      error: 'access_denied',
      error_description: `${account.email} is not a member of workspace ${forced}`,
    };
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
