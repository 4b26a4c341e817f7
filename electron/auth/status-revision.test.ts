// The status revision only counts up, even when something outside the
// manager's queue (the scan for running Codex after a switch, the sign-in's
// progress) changes the status while a reading waits on the disk.

import { join } from 'node:path';

import { afterEach, beforeEach, expect, it } from 'vitest';

import { authText, teamAuth } from '../../e2e/support/auth-fixtures';
import {
  envHome,
  makeTempDir,
  seedAuthFile,
} from '../../e2e/support/temp-home';
import type { SwitchNotice } from '../../shared/account';
import { AccountStore } from './account-store';
import { AuthManager, type AuthManagerEvent } from './auth-manager';
import { DEFAULT_SIGN_IN_SETTINGS } from './chatgpt-sign-in';

const ALICE = 'chatgpt:ws-team-acme:user-alice';
const BOB = 'chatgpt:ws-team-acme:user-bob';

/** A store that runs `duringList` once, in the middle of its next list(). */
class PausingStore extends AccountStore {
  duringList: (() => Promise<void>) | null = null;

  override async list() {
    const accounts = await super.list();
    const during = this.duringList;
    this.duringList = null;
    await during?.();
    return accounts;
  }
}

let home: { path: string; cleanup: () => Promise<void> };
let data: { path: string; cleanup: () => Promise<void> };
let store: PausingStore;
let manager: AuthManager;
let events: AuthManagerEvent[];
let endScan: (running: SwitchNotice['runningCodex']) => void;

beforeEach(async () => {
  home = await makeTempDir();
  data = await makeTempDir();
  store = new PausingStore(join(data.path, 'accounts'));
  manager = new AuthManager({
    home: envHome(home.path),
    backupDir: join(data.path, 'backups'),
    store,
    signIn: DEFAULT_SIGN_IN_SETTINGS,
    openBrowser: async () => {
      throw new Error('no browser in this test');
    },
    listCodexProcesses: () =>
      new Promise((resolve) => {
        endScan = resolve;
      }),
  });
  events = [];
  manager.subscribe((event) => events.push(event));
});
afterEach(async () => {
  await manager.dispose();
  await home.cleanup();
  await data.cleanup();
});

const emittedRevisions = () =>
  events.flatMap((event) =>
    event.type === 'status' ? [event.status.revision] : [],
  );

it('counts on from a switch notice that changed while a reading waited', async () => {
  await seedAuthFile(home.path, authText(teamAuth('alice')));
  await manager.reload();
  await seedAuthFile(home.path, authText(teamAuth('bob')));
  await manager.reload();
  await manager.switchTo(ALICE);

  // The scan after the switch ends while the watcher's reading is under way.
  store.duringList = async () => {
    endScan([{ pid: 4242, name: 'codex' }]);
    await new Promise((resolve) => setImmediate(resolve));
  };
  const reloaded = await manager.reload();
  await manager.renameAccount(BOB, 'Bob at work');

  const revisions = emittedRevisions();
  const risesEachTime = revisions.every(
    (revision, index) => index === 0 || revision > (revisions[index - 1] ?? 0),
  );
  expect(revisions.length).toBeGreaterThanOrEqual(5);
  expect(risesEachTime).toBe(true);
  expect(reloaded.lastSwitch?.runningCodex).toEqual([
    { pid: 4242, name: 'codex' },
  ]);
  expect(reloaded.revision).toBeGreaterThanOrEqual(revisions.at(-2) ?? 0);
  expect(manager.snapshot().revision).toBe(revisions.at(-1));
});
