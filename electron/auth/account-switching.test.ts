import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
} from 'vitest';

import type { TestIssuer } from '../../e2e/issuer/test-issuer';
import {
  authText,
  chatgptAuth,
  teamAuth,
} from '../../e2e/support/auth-fixtures';
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

const PORTS = [23455, 23457] as const;
let issuer: TestIssuer;

beforeAll(async () => {
  issuer = await startIssuerForPorts(PORTS);
});
afterAll(async () => {
  await issuer.close();
});

describe('switching accounts', () => {
  let home: { path: string; cleanup: () => Promise<void> };
  let data: { path: string; cleanup: () => Promise<void> };
  let browser: ReturnType<typeof recordingBrowser>;
  let manager: AuthManager;

  const open = () =>
    openTestManager({
      codexHome: home.path,
      dataDir: data.path,
      issuerUrl: issuer.url,
      ports: PORTS,
      openBrowser: browser.openBrowser,
    });
  const liveText = () => readFile(join(home.path, 'auth.json'), 'utf8');

  beforeEach(async () => {
    home = await makeTempDir();
    data = await makeTempDir();
    browser = recordingBrowser();
    issuer.setAccessTokenTtl(3600);
    manager = open();
  });
  afterEach(async () => {
    await manager.dispose();
    await home.cleanup();
    await data.cleanup();
  });

  it('saves the live account on start and keeps two people of one workspace apart (F2)', async () => {
    await seedAuthFile(home.path, authText(teamAuth('alice')));
    await manager.reload();
    await seedAuthFile(home.path, authText(teamAuth('bob')));

    const status = await manager.reload();

    expect(status.accounts.map((a) => [a.key, a.isActive])).toEqual([
      ['chatgpt:ws-team-acme:user-alice', false],
      ['chatgpt:ws-team-acme:user-bob', true],
    ]);
  });

  it('restores a saved account byte for byte, unknown fields included (I4)', async () => {
    const alice = authText(
      chatgptAuth({
        extra: {
          agent_identity: { id: 'agent-7' },
          personal_access_token: null,
        },
      }),
    );
    await seedAuthFile(home.path, alice);
    await manager.reload();
    await seedAuthFile(home.path, authText(teamAuth('bob')));
    await manager.reload();

    await manager.switchTo('chatgpt:ws-personal-alice:user-alice');
    const back = await liveText();
    await manager.switchTo('chatgpt:ws-team-acme:user-bob');
    await manager.switchTo('chatgpt:ws-personal-alice:user-alice');

    expect(back).toBe(alice);
    expect(await liveText()).toBe(alice);
    expect(manager.snapshot().lastSwitch?.key).toBe(
      'chatgpt:ws-personal-alice:user-alice',
    );
  });

  it('writes a newer live copy back before switching away (I1, sync-back)', async () => {
    await seedAuthFile(home.path, authText(teamAuth('alice')));
    await manager.reload();
    await seedAuthFile(home.path, authText(teamAuth('bob')));
    await manager.reload();
    await manager.switchTo('chatgpt:ws-team-acme:user-alice');
    // Codex refreshes alice in the live file behind our back.
    const refreshed = authText(
      chatgptAuth({
        email: 'alice@example.com',
        plan: 'team',
        workspaceId: 'ws-team-acme',
        userId: 'user-alice',
        refreshToken: 'rt_alice_rotated_2',
        lastRefresh: '2026-12-01T00:00:00.000000Z',
      }),
    );
    await seedAuthFile(home.path, refreshed);

    await manager.switchTo('chatgpt:ws-team-acme:user-bob');
    await manager.switchTo('chatgpt:ws-team-acme:user-alice');

    expect(await liveText()).toBe(refreshed);
  });

  it('updates the saved record when another program renews the live account', async () => {
    await seedAuthFile(home.path, authText(teamAuth('alice')));
    await manager.reload();
    const renewed = authText(
      chatgptAuth({
        email: 'alice@example.com',
        plan: 'team',
        workspaceId: 'ws-team-acme',
        userId: 'user-alice',
        refreshToken: 'rt_alice_renewed_9',
        lastRefresh: '2026-12-02T00:00:00.000000Z',
      }),
    );
    await seedAuthFile(home.path, renewed);

    await manager.reload();

    const saved = await new AccountStore(join(data.path, 'accounts')).get(
      'chatgpt:ws-team-acme:user-alice',
    );
    expect(saved?.auth.text).toBe(renewed);
  });

  it('adds an account through the browser without touching the live file (H2)', async () => {
    await signInAs(manager, browser, 'plus@example.com');
    const live = await liveText();

    await signInAs(manager, browser, 'team@example.com');

    expect(await liveText()).toBe(live);
    expect(
      manager.snapshot().accounts.map((a) => [a.summary.email, a.isActive]),
    ).toEqual([
      ['plus@example.com', true],
      ['team@example.com', false],
    ]);
  });

  it('makes an added account active at once when asked', async () => {
    await signInAs(manager, browser, 'plus@example.com');

    await signInAs(manager, browser, 'team@example.com', { makeActive: true });

    expect(manager.snapshot().account?.email).toBe('team@example.com');
  });

  it('refreshes an expired target once before writing it, storing the rotated token', async () => {
    issuer.setAccessTokenTtl(1);
    await signInAs(manager, browser, 'plus@example.com');
    await signInAs(manager, browser, 'team@example.com');
    const before = (
      await new AccountStore(join(data.path, 'accounts')).list()
    )[1];
    await new Promise((resolve) => setTimeout(resolve, 1100));
    issuer.setAccessTokenTtl(3600);

    await manager.switchTo('chatgpt:ws-team-acme:user-team');

    const live = JSON.parse(await liveText());
    const saved = (
      await new AccountStore(join(data.path, 'accounts')).list()
    )[1];
    expect(live.tokens.refresh_token).not.toBe(
      before?.auth.tokens?.refreshToken,
    );
    expect(saved?.auth.text).toBe(await liveText());
    expect(
      issuer.refreshTokenUses(before?.auth.tokens?.refreshToken ?? ''),
    ).toBe(1);
    expect(issuer.log.reusedRefreshTokens()).toEqual([]);
  });

  it('leaves auth.json alone and marks the account when its refresh is refused for good', async () => {
    issuer.setAccessTokenTtl(1);
    await signInAs(manager, browser, 'plus@example.com');
    await signInAs(manager, browser, 'team@example.com');
    await issuer.revokeRefreshTokensOf('team@example.com');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const live = await liveText();
    const requests = issuer.log.tokenRequestsOf('refresh_token').length;

    const first = await manager
      .switchTo('chatgpt:ws-team-acme:user-team')
      .catch((e) => e);
    const second = await manager
      .switchTo('chatgpt:ws-team-acme:user-team')
      .catch((e) => e);

    expect(first).toMatchObject({ code: 'refresh_token_invalidated' });
    expect(second).toMatchObject({ code: 'refresh_token_invalidated' });
    expect(issuer.log.tokenRequestsOf('refresh_token').length).toBe(
      requests + 1,
    );
    expect(await liveText()).toBe(live);
    const team = (await manager.reload()).accounts.find(
      (a) => a.summary.email === 'team@example.com',
    );
    expect(team?.needsSignIn).toBe(true);
  });

  it('reports a refresh that got no clear answer as transient and writes nothing (D2)', async () => {
    issuer.setAccessTokenTtl(1);
    await signInAs(manager, browser, 'plus@example.com');
    await signInAs(manager, browser, 'team@example.com');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    issuer.failNextRefresh({
      status: 502,
      body: { error: 'bad_gateway' },
      afterProcessing: true,
    });
    const live = await liveText();

    const error = await manager
      .switchTo('chatgpt:ws-team-acme:user-team')
      .catch((e) => e);

    expect(error).toMatchObject({ code: 'refresh_failed', kind: 'transient' });
    expect(error.message).toContain('will try again later');
    expect(await liveText()).toBe(live);
  });

  it('refuses to activate an account that config.toml forbids (C3)', async () => {
    await seedAuthFile(home.path, authText(teamAuth('alice')));
    await manager.reload();
    await seedAuthFile(
      home.path,
      authText(chatgptAuth({ workspaceId: 'ws-personal-x', userId: 'user-x' })),
    );
    await writeFile(
      join(home.path, 'config.toml'),
      'forced_chatgpt_workspace_id = "ws-team-acme"\n',
    );
    const status = await manager.reload();
    const live = await liveText();

    const error = await manager
      .switchTo('chatgpt:ws-team-acme:user-alice')
      .then(() => manager.switchTo('chatgpt:ws-personal-x:user-x'))
      .catch((e) => e);

    expect(
      status.accounts.find((a) => a.key === 'chatgpt:ws-personal-x:user-x')
        ?.blockedReason,
    ).toContain('forced_chatgpt_workspace_id');
    expect(error).toMatchObject({ code: 'account_not_allowed' });
    // The reason is a sentence of its own; the message ends it only once.
    expect(error.toAppError().message).toMatch(
      /^This account can't be used here: config\.toml .*[^.]\.$/,
    );
    expect(JSON.parse(await liveText()).tokens.account_id).toBe('ws-team-acme');
    expect(live).not.toBe(await liveText());
  });

  it('passes the forced workspace to the sign-in as allowed_workspace_id', async () => {
    await writeFile(
      join(home.path, 'config.toml'),
      'forced_chatgpt_workspace_id = "ws-team-acme"\n',
    );

    await signInAs(manager, browser, 'team@example.com');

    expect(
      new URL(browser.opened[0] ?? '').searchParams.get('allowed_workspace_id'),
    ).toBe('ws-team-acme');
  });

  it('turns off the ChatGPT sign-in when config.toml forces API keys', async () => {
    await writeFile(
      join(home.path, 'config.toml'),
      'forced_login_method = "api"\n',
    );
    const status = await manager.reload();

    const error = await manager.signInWithChatGPT().catch((e) => e);

    expect(status.environment.chatgptBlocked).toContain('forced_login_method');
    expect(error).toMatchObject({ code: 'account_not_allowed' });
    expect(browser.opened).toEqual([]);
  });

  it('removes the active account locally, leaving Codex signed out', async () => {
    await signInAs(manager, browser, 'plus@example.com');

    const status = await manager.removeAccount(
      'chatgpt:ws-personal-plus:user-plus',
      false,
    );

    expect(status.state).toBe('signed_out');
    expect(status.accounts).toEqual([]);
    expect(issuer.log.revokeRequests).toEqual([]);
  });

  it('signs out everywhere by revoking the refresh token first (H1)', async () => {
    await signInAs(manager, browser, 'plus@example.com');
    await signInAs(manager, browser, 'team@example.com');
    const team = (
      await new AccountStore(join(data.path, 'accounts')).list()
    )[1];

    await manager.removeAccount('chatgpt:ws-team-acme:user-team', true);

    expect(
      issuer.refreshTokenState(team?.auth.tokens?.refreshToken ?? ''),
    ).toBe('revoked');
    expect(manager.snapshot().accounts.map((a) => a.summary.email)).toEqual([
      'plus@example.com',
    ]);
    expect(manager.snapshot().account?.email).toBe('plus@example.com');
  });

  it('explicitly refreshes the active account and updates the plan read', async () => {
    await signInAs(manager, browser, 'plus@example.com');
    const before = JSON.parse(await liveText());

    await manager.refreshAccount('chatgpt:ws-personal-plus:user-plus');

    const after = JSON.parse(await liveText());
    expect(after.tokens.refresh_token).not.toBe(before.tokens.refresh_token);
    expect(after.OPENAI_API_KEY).toBe(before.OPENAI_API_KEY);
    expect(after.auth_mode).toBe('chatgpt');
    expect(Object.keys(after)).toEqual(Object.keys(before));
    expect(issuer.log.reusedRefreshTokens()).toEqual([]);
  });
});
