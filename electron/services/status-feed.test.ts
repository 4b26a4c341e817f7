// What the window is sent: the whole list of saved accounts when it
// changed, and only the active account's key when a switch is all that
// happened. Real services on a temporary CODEX_HOME.

import { join } from 'node:path';

import { afterEach, beforeEach, expect, it } from 'vitest';

import { authText, teamAuth } from '../../e2e/support/auth-fixtures';
import { makeTempDir, seedAuthFile } from '../../e2e/support/temp-home';
import type { StatusMessage } from '../../shared/ipc-contract';
import { type AppServices, createAppServices } from './app-services';
import { forwardManagerEvents } from './ipc-handlers';

const ALICE = 'chatgpt:ws-team-acme:user-alice';
const BOB = 'chatgpt:ws-team-acme:user-bob';

let home: { path: string; cleanup: () => Promise<void> };
let services: AppServices;
let events: StatusMessage[];
let stopEvents: () => void;

beforeEach(async () => {
  home = await makeTempDir();
  await seedAuthFile(home.path, authText(teamAuth('alice')));
  services = await createAppServices({
    dataDir: join(home.path, 'data'),
    env: { CODEX_HOME: home.path },
    openBrowser: async () => undefined,
    watch: false,
  });
  // Bob signs in with Codex; the app saves him too.
  await seedAuthFile(home.path, authText(teamAuth('bob')));
  await services.manager.reload();
  events = [];
  stopEvents = forwardManagerEvents(
    services.manager,
    (channel, payload) => {
      if (channel === 'auth:status-changed') {
        events.push(payload as StatusMessage);
      }
    },
    services.statusFeed,
  );
});
afterEach(async () => {
  stopEvents();
  await services.dispose();
  await home.cleanup();
});

function unwrap(
  result: { ok: true; value: StatusMessage } | { ok: false },
): StatusMessage {
  if (!result.ok) throw new Error('the request failed');
  return result.value;
}

it('sends the whole list first, then only which account a switch made active', async () => {
  const first = await services.handlers['auth:get-status'](null);
  const answer = unwrap(
    await services.handlers['accounts:switch']({ key: ALICE }),
  );

  expect(first.accounts?.map((view) => [view.key, view.isActive])).toEqual([
    [ALICE, false],
    [BOB, true],
  ]);
  // (A Codex process running here would add a second event after the scan.)
  for (const message of [events[0], answer]) {
    expect(message).toMatchObject({
      accounts: null,
      activeKey: ALICE,
      listRevision: first.listRevision,
      account: { email: 'alice@example.com' },
    });
  }
});

it('sends the whole list again, under a new number, once it changed', async () => {
  const first = await services.handlers['auth:get-status'](null);

  const answer = unwrap(
    await services.handlers['accounts:rename']({ key: ALICE, label: 'Work' }),
  );

  // The event went first with the new list; the answer carries it too, as
  // it may reach the window before the event does.
  const [event] = events;
  expect(event?.listRevision).toBeGreaterThan(first.listRevision ?? 0);
  expect(event?.accounts?.find((view) => view.key === ALICE)?.label).toBe(
    'Work',
  );
  expect(answer).toMatchObject({
    listRevision: event?.listRevision,
    accounts: event?.accounts,
  });
});

it('always answers auth:get-status with the whole list', async () => {
  await services.handlers['auth:get-status'](null);
  await services.handlers['accounts:switch']({ key: ALICE });

  const again = await services.handlers['auth:get-status'](null);

  expect(again.accounts?.map((view) => [view.key, view.isActive])).toEqual([
    [ALICE, true],
    [BOB, false],
  ]);
});
