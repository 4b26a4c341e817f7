// Races and edge cases where a switcher can break an account: each one was
// found by trying, and each test fails on the code before its fix.

import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
} from 'vitest';

import { signInThroughIssuerForm } from '../../e2e/issuer/sign-in-form';
import type { TestIssuer } from '../../e2e/issuer/test-issuer';
import { authText, chatgptAuth } from '../../e2e/support/auth-fixtures';
import {
  recordingBrowser,
  signInAs,
} from '../../e2e/support/browserless-sign-in';
import { makeTempDir, seedAuthFile } from '../../e2e/support/temp-home';
import {
  openTestManager,
  startIssuerForPorts,
} from '../../e2e/support/test-manager';
import { AccountStore } from './account-store';
import type { AuthManager } from './auth-manager';
import { DEFAULT_SIGN_IN_SETTINGS } from './chatgpt-sign-in';

const PORTS = [26455, 26457] as const;
const TEAM = 'chatgpt:ws-team-acme:user-team';
const PLUS = 'chatgpt:ws-personal-plus:user-plus';
let issuer: TestIssuer;

beforeAll(async () => {
  issuer = await startIssuerForPorts(PORTS);
});
afterAll(async () => {
  await issuer.close();
});

describe('keeping accounts alive through races', () => {
  let home: { path: string; cleanup: () => Promise<void> };
  let data: { path: string; cleanup: () => Promise<void> };
  let browser: ReturnType<typeof recordingBrowser>;
  let manager: AuthManager;
  const liveText = () => readFile(join(home.path, 'auth.json'), 'utf8');

  /** Renews the live account the way Codex does, behind the app's back. */
  const renewLikeCodex = async (lastRefresh: string) => {
    const live = JSON.parse(await liveText());
    const response = await fetch(`${issuer.url}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        client_id: DEFAULT_SIGN_IN_SETTINGS.clientId,
        grant_type: 'refresh_token',
        refresh_token: live.tokens.refresh_token,
      }),
    });
    const tokens = (await response.json()) as Record<string, string>;
    live.tokens.access_token = tokens.access_token;
    live.tokens.refresh_token = tokens.refresh_token;
    live.last_refresh = lastRefresh;
    await writeFile(
      join(home.path, 'auth.json'),
      JSON.stringify(live, null, 2),
    );
    return tokens.refresh_token as string;
  };

  beforeEach(async () => {
    home = await makeTempDir();
    data = await makeTempDir();
    browser = recordingBrowser();
    issuer.setAccessTokenTtl(3600);
    issuer.log.clear();
    manager = openTestManager({
      codexHome: home.path,
      dataDir: data.path,
      issuerUrl: issuer.url,
      ports: PORTS,
      openBrowser: browser.openBrowser,
    });
  });
  afterEach(async () => {
    await manager.dispose();
    await home.cleanup();
    await data.cleanup();
  });

  it('never presents a refresh token again after an unclear answer (D2)', async () => {
    issuer.setAccessTokenTtl(1);
    await signInAs(manager, browser, 'plus@example.com');
    await signInAs(manager, browser, 'team@example.com');
    await sleep(1100);
    issuer.failNextRefresh({
      status: 502,
      body: { error: 'bad_gateway' },
      afterProcessing: true,
    });

    const first = await manager.switchTo(TEAM).catch((e) => e);
    const second = await manager.switchTo(TEAM).catch((e) => e);

    expect(first).toMatchObject({ code: 'refresh_failed' });
    expect(second).toMatchObject({ code: 'refresh_failed' });
    expect(
      issuer.log.tokenRequestsOf('refresh_token').map((r) => r.status),
    ).toEqual([502]);
    expect(issuer.log.reusedRefreshTokens()).toEqual([]);
    const team = manager.snapshot().accounts.find((a) => a.key === TEAM);
    expect(team?.needsSignIn).toBe(true);
  });

  it('syncs a renewed live copy back before an API key replaces it (I1)', async () => {
    await signInAs(manager, browser, 'plus@example.com');
    const renewed = await renewLikeCodex(new Date().toISOString());

    await manager.signInWithApiKey('sk-proj-review-probe-ABCDE');
    await manager.switchTo(PLUS);

    expect(JSON.parse(await liveText()).tokens.refresh_token).toBe(renewed);
  });

  it('leaves another account alone when the removed one is no longer live', async () => {
    await seedAuthFile(
      home.path,
      authText(chatgptAuth({ workspaceId: 'ws-a', userId: 'user-a' })),
    );
    await manager.reload();
    const other = authText(
      chatgptAuth({ workspaceId: 'ws-b', userId: 'user-b' }),
    );
    await seedAuthFile(home.path, other);

    await manager.removeAccount('chatgpt:ws-a:user-a', false);

    expect(await liveText()).toBe(other);
  });

  it('signs out only the account the user saw', async () => {
    await seedAuthFile(
      home.path,
      authText(chatgptAuth({ workspaceId: 'ws-a', userId: 'user-a' })),
    );
    await manager.reload();
    const other = authText(
      chatgptAuth({ workspaceId: 'ws-b', userId: 'user-b' }),
    );
    await seedAuthFile(home.path, other);

    await manager.signOut();

    expect(await liveText()).toBe(other);
  });

  it('revokes the newest refresh token when signing out everywhere', async () => {
    await signInAs(manager, browser, 'plus@example.com');
    const renewed = await renewLikeCodex(new Date().toISOString());

    await manager.removeAccount(PLUS, true);

    expect(issuer.refreshTokenState(renewed)).toBe('revoked');
  });

  it('keeps the rotated token even when a saved copy claims a later last_refresh', async () => {
    issuer.setAccessTokenTtl(1);
    await signInAs(manager, browser, 'plus@example.com');
    await signInAs(manager, browser, 'team@example.com', { makeActive: true });
    const live = JSON.parse(await liveText());
    live.last_refresh = '2099-01-01T00:00:00.000000Z';
    await writeFile(
      join(home.path, 'auth.json'),
      JSON.stringify(live, null, 2),
    );
    await manager.reload();
    await manager.switchTo(PLUS);
    await sleep(1100);

    await manager.switchTo(TEAM);

    const after = JSON.parse(await liveText());
    expect(issuer.refreshTokenState(after.tokens.refresh_token)).toBe('active');
    const saved = await new AccountStore(join(data.path, 'accounts')).get(TEAM);
    expect(saved?.auth.tokens?.refreshToken).toBe(after.tokens.refresh_token);
  });

  it('ends a sign-in cancelled during the exchange in one consistent state (A2)', async () => {
    manager.subscribe((event) => {
      if (event.type === 'sign-in' && event.progress.phase === 'completing') {
        void fetch(`http://localhost:${PORTS[0]}/cancel`).catch(() => null);
      }
    });
    await manager.signInWithChatGPT();
    const callback = await signInThroughIssuerForm(
      browser.opened[0] ?? '',
      'plus@example.com',
    );

    await fetch(callback, { redirect: 'manual' }).catch(() => null);
    await sleep(300);

    // The cancel lands before or after the tokens are saved; either way
    // the window, the store and the disk must agree.
    const written = await liveText().then(
      () => true,
      () => false,
    );
    const { signIn, accounts } = manager.snapshot();
    if (written) {
      expect(signIn).toEqual({ phase: 'succeeded' });
      expect(accounts).toHaveLength(1);
    } else {
      expect(signIn).toMatchObject({
        phase: 'failed',
        error: { code: 'sign_in_taken_over' },
      });
      expect(accounts).toEqual([]);
    }
  });
});
