// FIELD-NOTES I1 with the real Codex CLI: A is active, Codex refreshes A in
// auth.json (a new refresh token), we switch to B and back to A, and A still
// works. The issuer must never see a refresh token used twice.

import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  type AppServices,
  createAppServices,
} from '../../electron/services/app-services';
import { startTestIssuer, type TestIssuer } from '../issuer/test-issuer';
import { recordingBrowser, signInAs } from '../support/browserless-sign-in';
import { makeTestHome, type TestHome } from './app-home';
import {
  CLOSED_LOCAL_URL,
  codexBin,
  loginStatusVerdict,
  runCodex,
} from './codex-cli';

const PORTS = [24455, 24457] as const;
const A = 'chatgpt:ws-personal-plus:user-plus';
const B = 'chatgpt:ws-team-acme:user-team';

/**
 * Runs `codex exec` until auth.json changes, then stops it. With an expired
 * access token Codex refreshes first (at the override URL, our issuer), then
 * fails to reach the model, which goes to a closed local port.
 */
async function letCodexRefresh(
  home: TestHome,
  issuer: TestIssuer,
): Promise<void> {
  const before = await readFile(home.authFile, 'utf8');
  const child = spawn(codexBin, ['exec', '--skip-git-repo-check', 'hi'], {
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: home.dataDir,
      CODEX_HOME: home.codexHome,
      CODEX_REFRESH_TOKEN_URL_OVERRIDE: issuer.tokenUrl,
      CODEX_REVOKE_TOKEN_URL_OVERRIDE: `${CLOSED_LOCAL_URL}/oauth/revoke`,
      OPENAI_BASE_URL: `${CLOSED_LOCAL_URL}/v1`,
      HTTPS_PROXY: CLOSED_LOCAL_URL,
      HTTP_PROXY: CLOSED_LOCAL_URL,
      NO_PROXY: '127.0.0.1,localhost',
    },
    stdio: ['ignore', 'ignore', 'ignore'],
    // The npm launcher starts the native binary as a child: a process group
    // lets the test stop both.
    detached: true,
  });

  try {
    for (let waited = 0; waited < 25_000; waited += 100) {
      await sleep(100);
      const now = await readFile(home.authFile, 'utf8').catch(() => before);
      if (now !== before) return;
    }
    throw new Error('codex exec did not refresh auth.json');
  } finally {
    if (child.pid) process.kill(-child.pid, 'SIGKILL');
  }
}

describe('switching with Codex refreshing the live account (I1)', () => {
  let issuer: TestIssuer;
  let home: TestHome;
  let services: AppServices;
  const browser = recordingBrowser();

  beforeAll(async () => {
    issuer = await startTestIssuer({
      extraRedirectUris: PORTS.map(
        (port) => `http://localhost:${port}/auth/callback`,
      ),
      accessTokenTtlSeconds: 1,
    });
    home = await makeTestHome();
    // Codex's model requests go to a closed port on this computer.
    await writeFile(
      join(home.codexHome, 'config.toml'),
      `chatgpt_base_url = "${CLOSED_LOCAL_URL}/backend-api/"\n`,
    );
    services = await createAppServices({
      dataDir: home.dataDir,
      env: { CODEX_HOME: home.codexHome, CODEX_ACCOUNTS_ISSUER: issuer.url },
      signIn: { ports: PORTS },
      openBrowser: browser.openBrowser,
    });
  });
  afterAll(async () => {
    await services.dispose();
    await issuer.close();
    await home.cleanup();
  });

  it('keeps A working after A, B, A with a refresh by Codex in between', async () => {
    await signInAs(services.manager, browser, 'plus@example.com');
    await signInAs(services.manager, browser, 'team@example.com');
    const tokenAtSignIn = JSON.parse(await readFile(home.authFile, 'utf8'))
      .tokens.refresh_token;
    await sleep(1100);
    // Tokens from now on last an hour, so Codex refreshes exactly once.
    issuer.setAccessTokenTtl(3600);

    await letCodexRefresh(home, issuer);
    const refreshedByCodex = JSON.parse(await readFile(home.authFile, 'utf8'));
    await services.manager.switchTo(B);
    const statusOnB = await runCodex(home.codexHome, ['login', 'status']);
    await services.manager.switchTo(A);
    const statusOnA = await runCodex(home.codexHome, ['login', 'status']);
    const final = JSON.parse(await readFile(home.authFile, 'utf8'));
    await services.manager.refreshAccount(A);

    expect(refreshedByCodex.tokens.refresh_token).not.toBe(tokenAtSignIn);
    expect(issuer.log.tokenRequestsOf('refresh_token')[0]).toMatchObject({
      bodyFormat: 'json',
      refreshReason: 'proactive_expiry',
      status: 200,
    });
    expect(loginStatusVerdict(statusOnB)).toBe('chatgpt');
    expect(loginStatusVerdict(statusOnA)).toBe('chatgpt');
    expect(final.tokens.account_id).toBe('ws-personal-plus');
    // A naive switcher would have restored this token; it is spent.
    expect(issuer.refreshTokenState(tokenAtSignIn)).toBe('consumed');
    expect(issuer.refreshTokenUses(tokenAtSignIn)).toBe(1);
    expect(issuer.log.reusedRefreshTokens()).toEqual([]);
    expect(
      issuer.log
        .tokenRequestsOf('refresh_token')
        .every((r) => r.status === 200),
    ).toBe(true);
  });
});
