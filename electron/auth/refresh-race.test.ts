// FIELD-NOTES D1: two programs want to renew the same sign-in at once. Under
// Codex's locks the second one re-reads auth.json, sees the first one's new
// tokens and adopts them: the refresh token is never presented twice.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { TestIssuer } from '../../e2e/issuer/test-issuer';
import {
  recordingBrowser,
  signInAs,
} from '../../e2e/support/browserless-sign-in';
import { makeTempDir } from '../../e2e/support/temp-home';
import {
  openTestManager,
  startIssuerForPorts,
} from '../../e2e/support/test-manager';

const PORTS = [25455, 25457] as const;
const KEY = 'chatgpt:ws-personal-plus:user-plus';

describe('two programs renewing one sign-in (D1)', () => {
  let issuer: TestIssuer;
  let home: { path: string; cleanup: () => Promise<void> };
  const dataDirs: Array<{ path: string; cleanup: () => Promise<void> }> = [];

  const openManager = async () => {
    const data = await makeTempDir();
    dataDirs.push(data);
    const browser = recordingBrowser();
    const manager = openTestManager({
      codexHome: home.path,
      dataDir: data.path,
      issuerUrl: issuer.url,
      ports: PORTS,
      openBrowser: browser.openBrowser,
    });
    return { manager, browser };
  };

  beforeAll(async () => {
    issuer = await startIssuerForPorts(PORTS);
    home = await makeTempDir();
  });
  afterAll(async () => {
    await issuer.close();
    await home.cleanup();
    for (const data of dataDirs) await data.cleanup();
  });

  it('ends with one refresh, no reuse, and a sign-in that still works', async () => {
    const first = await openManager();
    await signInAs(first.manager, first.browser, 'plus@example.com');
    const second = await openManager();
    await second.manager.reload();
    issuer.setRefreshDelay(200);

    await Promise.all([
      first.manager.refreshAccount(KEY),
      second.manager.refreshAccount(KEY),
    ]);
    issuer.setRefreshDelay(0);
    const live = JSON.parse(
      await readFile(join(home.path, 'auth.json'), 'utf8'),
    );
    await first.manager.refreshAccount(KEY);

    expect(
      issuer.log.tokenRequestsOf('refresh_token').map((r) => r.status),
    ).toEqual([200, 200]);
    expect(issuer.log.reusedRefreshTokens()).toEqual([]);
    expect(issuer.refreshTokenState(live.tokens.refresh_token)).toBe(
      'consumed',
    );
    await first.manager.dispose();
    await second.manager.dispose();
  });
});
