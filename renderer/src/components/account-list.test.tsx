// @vitest-environment jsdom
import {
  cleanup,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { toAppError } from '../../../shared/errors';
import { freezeClockForTests, restoreClockForTests } from '../test/clock';
import { createInMemoryBridgeForTests } from '../test/in-memory-bridge';
import { renderAppForTests } from '../test/render-app';
import {
  accountsStatus,
  active,
  ALICE,
  API_KEY,
  BOB,
  CAROL,
  DAVE,
} from '../test/statuses';

beforeEach(freezeClockForTests);
afterEach(() => {
  cleanup();
  restoreClockForTests();
});

function rows() {
  return within(screen.getByTestId('account-list')).getAllByTestId(
    'account-row',
  );
}

function rowOf(key: string): HTMLElement {
  const row = rows().find((candidate) => candidate.dataset['key'] === key);

  if (row === undefined) {
    throw new Error(`no row for ${key}`);
  }

  return row;
}

function describeRow(row: HTMLElement) {
  const inRow = within(row);

  return {
    key: row.dataset['key'],
    active: row.dataset['active'],
    current: row.getAttribute('aria-current'),
    label: inRow.getByTestId('row-label').textContent,
    plan: inRow.queryByTestId('row-plan')?.textContent ?? null,
    kind: inRow.queryByTestId('row-kind')?.textContent ?? null,
    marks: [...row.querySelectorAll('.row-marks .mark')].map(
      (mark) => mark.textContent,
    ),
    note: inRow.queryByTestId('row-note')?.textContent ?? null,
  };
}

async function renderAccounts(...args: Parameters<typeof accountsStatus>) {
  const bridge = createInMemoryBridgeForTests(accountsStatus(...args));
  const view = await renderAppForTests(bridge);

  return { bridge, ...view };
}

function openActions(key: string): HTMLElement {
  const row = rowOf(key);

  fireEvent.click(within(row).getByRole('button', { name: /^Actions for / }));
  return row;
}

describe('the saved accounts list', () => {
  it('shows every account with its name, plan, kind and marks', async () => {
    await renderAccounts([active(ALICE), BOB, CAROL, DAVE, API_KEY]);

    expect(rows().map(describeRow)).toEqual([
      {
        key: ALICE.key,
        active: 'true',
        current: 'true',
        label: 'alice@example.com',
        plan: 'Plus',
        kind: 'Personal · ws-pers',
        marks: ['Active'],
        note: null,
      },
      {
        key: BOB.key,
        active: 'false',
        current: null,
        label: 'bob@example.com',
        plan: 'Team',
        kind: 'Workspace · ws-team',
        marks: [],
        note: null,
      },
      {
        key: CAROL.key,
        active: 'false',
        current: null,
        label: 'carol@example.com',
        plan: 'Pro',
        kind: 'Personal · ws-caro',
        marks: ['⚠ Sign in again'],
        note:
          'Its sign-in has ended and can no longer be renewed. Choose Add ' +
          'account and sign in as carol@example.com again.',
      },
      {
        key: DAVE.key,
        active: 'false',
        current: null,
        label: 'dave@example.com',
        plan: 'Enterprise',
        kind: 'Workspace · ws-corp',
        marks: ['⊘ Not allowed here'],
        note:
          "Can't be used here: config.toml allows only the workspace " +
          'ws-team-2222-3333 (forced_chatgpt_workspace_id).',
      },
      {
        key: API_KEY.key,
        active: 'false',
        current: null,
        label: 'API key sk-proj-***ABCDE',
        plan: null,
        kind: 'API key · sk-proj-***ABCDE',
        marks: [],
        note: null,
      },
    ]);
  });

  it('gives every inactive row a switch button, and the active one none', async () => {
    await renderAccounts([active(ALICE), BOB]);

    expect(
      within(rowOf(ALICE.key)).queryByRole('button', { name: /^Switch to/ }),
    ).toBeNull();
    expect(
      within(rowOf(BOB.key)).getByRole('button', {
        name: 'Switch to bob@example.com',
      }).tagName,
    ).toBe('BUTTON');
  });

  it('calls an account by the name the user gave it, with the email below', async () => {
    await renderAccounts([active(ALICE), { ...BOB, label: 'Work' }]);

    expect(describeRow(rowOf(BOB.key)).label).toBe('Work');
    expect(within(rowOf(BOB.key)).getByText('bob@example.com')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Switch to Work' })).toBeTruthy();
  });

  describe('switching', () => {
    it('switches through accounts:switch with the row key', async () => {
      const { bridge } = await renderAccounts([active(ALICE), BOB]);

      fireEvent.click(
        screen.getByRole('button', { name: 'Switch to bob@example.com' }),
      );

      await waitFor(() =>
        expect(rowOf(BOB.key).dataset['active']).toBe('true'),
      );
      expect(bridge.requestsOn('accounts:switch')).toEqual([{ key: BOB.key }]);
      expect(rowOf(ALICE.key).dataset['active']).toBe('false');
      expect(screen.getByTestId('account-label').textContent).toBe(
        'bob@example.com',
      );
    });

    it('keeps focus on the row that became active', async () => {
      await renderAccounts([active(ALICE), BOB]);
      const button = screen.getByRole('button', {
        name: 'Switch to bob@example.com',
      });
      button.focus();

      fireEvent.click(button);

      await waitFor(() =>
        expect(document.activeElement).toBe(
          rowOf(BOB.key).querySelector('[data-row-focus]'),
        ),
      );
    });

    it('does not switch to a blocked account, and says why', async () => {
      const { bridge } = await renderAccounts([active(ALICE), DAVE]);
      const button = screen.getByRole('button', {
        name: 'Switch to dave@example.com',
      });

      fireEvent.click(button);

      expect(button.getAttribute('aria-disabled')).toBe('true');
      expect(bridge.requestsOn('accounts:switch')).toEqual([]);
      const description = (button.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent)
        .join(' ');
      expect(description).toContain('Not allowed here');
      expect(description).toContain(
        'config.toml allows only the workspace ws-team-2222-3333',
      );
    });

    it('says which switch failed, and offers to try again when it may help', async () => {
      const { bridge } = await renderAccounts([active(ALICE), BOB]);
      bridge.handle('accounts:switch', () => ({
        ok: false,
        error: toAppError('auth_lock_timeout'),
      }));

      fireEvent.click(
        screen.getByRole('button', { name: 'Switch to bob@example.com' }),
      );

      await waitFor(() =>
        expect(screen.getByTestId('alert-subject').textContent).toBe(
          "Couldn't switch to bob@example.com",
        ),
      );
      expect(screen.getByRole('alert').textContent).toContain(
        toAppError('auth_lock_timeout').message,
      );
      bridge.handle('accounts:switch', () => ({
        ok: true,
        value: accountsStatus([ALICE, active(BOB)]),
      }));
      fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
      await waitFor(() =>
        expect(rowOf(BOB.key).dataset['active']).toBe('true'),
      );
      expect(bridge.requestsOn('accounts:switch')).toEqual([
        { key: BOB.key },
        { key: BOB.key },
      ]);
    });

    it('moves between rows with the arrow keys', async () => {
      await renderAccounts([active(ALICE), BOB, CAROL]);
      const targets = rows().map((row) =>
        row.querySelector<HTMLElement>('[data-row-focus]'),
      );
      targets[0]?.focus();

      fireEvent.keyDown(targets[0] as HTMLElement, { key: 'ArrowDown' });
      expect(document.activeElement).toBe(targets[1]);
      fireEvent.keyDown(targets[1] as HTMLElement, { key: 'End' });
      expect(document.activeElement).toBe(targets[2]);
      fireEvent.keyDown(targets[2] as HTMLElement, { key: 'ArrowUp' });
      expect(document.activeElement).toBe(targets[1]);
    });
  });

  describe('renaming', () => {
    it('saves the new name on Enter through accounts:rename', async () => {
      const { bridge } = await renderAccounts([active(ALICE), BOB]);
      const row = openActions(BOB.key);
      fireEvent.click(within(row).getByRole('button', { name: 'Rename' }));
      const field = within(row).getByLabelText('Account name');
      expect(document.activeElement).toBe(field);

      fireEvent.change(field, { target: { value: '  Work  ' } });
      fireEvent.submit(field);

      await waitFor(() =>
        expect(describeRow(rowOf(BOB.key)).label).toBe('Work'),
      );
      expect(bridge.requestsOn('accounts:rename')).toEqual([
        { key: BOB.key, label: 'Work' },
      ]);
      await waitFor(() =>
        expect(document.activeElement).toBe(
          within(rowOf(BOB.key)).getByRole('button', { name: 'Rename' }),
        ),
      );
    });

    it('cancels on Escape and sends nothing', async () => {
      const { bridge } = await renderAccounts([active(ALICE), BOB]);
      const row = openActions(BOB.key);
      fireEvent.click(within(row).getByRole('button', { name: 'Rename' }));
      const field = within(row).getByLabelText('Account name');
      fireEvent.change(field, { target: { value: 'Work' } });

      fireEvent.keyDown(field, { key: 'Escape' });

      expect(within(row).queryByLabelText('Account name')).toBeNull();
      expect(bridge.requestsOn('accounts:rename')).toEqual([]);
      expect(describeRow(row).label).toBe('bob@example.com');
      // Escape closed the field only; the actions are still open.
      expect(within(row).getByRole('button', { name: 'Rename' })).toBe(
        document.activeElement,
      );
    });

    it('removes the name when the field is emptied', async () => {
      const { bridge } = await renderAccounts([
        active(ALICE),
        { ...BOB, label: 'Work' },
      ]);
      const row = openActions(BOB.key);
      fireEvent.click(within(row).getByRole('button', { name: 'Rename' }));
      const field =
        within(row).getByLabelText<HTMLInputElement>('Account name');
      expect(field.value).toBe('Work');

      fireEvent.change(field, { target: { value: '' } });
      fireEvent.submit(field);

      await waitFor(() =>
        expect(describeRow(rowOf(BOB.key)).label).toBe('bob@example.com'),
      );
      expect(bridge.requestsOn('accounts:rename')).toEqual([
        { key: BOB.key, label: '' },
      ]);
    });
  });

  describe('refreshing', () => {
    it('renews a saved account through accounts:refresh', async () => {
      const { bridge } = await renderAccounts([active(ALICE), BOB]);
      const row = openActions(BOB.key);

      fireEvent.click(
        within(row).getByRole('button', { name: 'Refresh account info' }),
      );

      await waitFor(() =>
        expect(bridge.requestsOn('accounts:refresh')).toEqual([
          { key: BOB.key },
        ]),
      );
    });

    it('says when the plan was read: the file for the active account, the last renewal for others', async () => {
      await renderAccounts([active(ALICE), BOB]);

      openActions(ALICE.key);
      openActions(BOB.key);

      expect(
        within(rowOf(ALICE.key)).getByTestId('row-read-at').textContent,
      ).toBe('Plan read 5 minutes ago');
      expect(
        within(rowOf(BOB.key)).getByTestId('row-read-at').textContent,
      ).toBe('Plan read yesterday');
    });
  });

  describe('removing', () => {
    it('offers both kinds of removal, each explained, with Keep focused', async () => {
      const { bridge } = await renderAccounts([active(ALICE), BOB]);
      const row = openActions(BOB.key);

      fireEvent.click(within(row).getByRole('button', { name: 'Remove' }));

      const group = within(row).getByRole('group', {
        name: 'Remove bob@example.com?',
      });
      const local = within(group).getByRole('button', {
        name: 'Remove from this computer',
      });
      const everywhere = within(group).getByRole('button', {
        name: 'Sign out everywhere',
      });
      expect(descriptionOf(local)).toBe(
        'Deletes the saved copy on this computer. Nothing is revoked: ' +
          'other devices stay signed in.',
      );
      expect(descriptionOf(everywhere)).toBe(
        'Warning: every device and app that uses this account is signed ' +
          'out, not only this computer.',
      );
      expect(document.activeElement).toBe(
        within(group).getByRole('button', { name: 'Keep' }),
      );
      expect(bridge.requestsOn('accounts:remove')).toEqual([]);
    });

    it('removes from this computer with everywhere false', async () => {
      const { bridge } = await renderAccounts([active(ALICE), BOB, CAROL]);
      const row = openActions(BOB.key);
      fireEvent.click(within(row).getByRole('button', { name: 'Remove' }));

      fireEvent.click(
        within(row).getByRole('button', { name: 'Remove from this computer' }),
      );

      await waitFor(() => expect(rows()).toHaveLength(2));
      expect(bridge.requestsOn('accounts:remove')).toEqual([
        { key: BOB.key, everywhere: false },
      ]);
      // Focus goes to the next row instead of being lost.
      expect(document.activeElement).toBe(
        rowOf(CAROL.key).querySelector('[data-row-focus]'),
      );
    });

    it('signs out everywhere with everywhere true', async () => {
      const { bridge } = await renderAccounts([active(ALICE), BOB]);
      const row = openActions(BOB.key);
      fireEvent.click(within(row).getByRole('button', { name: 'Remove' }));

      fireEvent.click(
        within(row).getByRole('button', { name: 'Sign out everywhere' }),
      );

      await waitFor(() => expect(rows()).toHaveLength(1));
      expect(bridge.requestsOn('accounts:remove')).toEqual([
        { key: BOB.key, everywhere: true },
      ]);
    });

    it('says that Codex here is signed out when the active account goes', async () => {
      await renderAccounts([active(ALICE), BOB]);
      const row = openActions(ALICE.key);

      fireEvent.click(within(row).getByRole('button', { name: 'Remove' }));

      for (const name of ['Remove from this computer', 'Sign out everywhere']) {
        expect(
          descriptionOf(within(row).getByRole('button', { name })),
        ).toContain('Codex on this computer will be signed out.');
      }
    });

    it('offers only the local removal for an API key', async () => {
      await renderAccounts([active(ALICE), API_KEY]);
      const row = openActions(API_KEY.key);

      fireEvent.click(within(row).getByRole('button', { name: 'Remove' }));

      expect(
        within(row).getByRole('button', { name: 'Remove from this computer' }),
      ).toBeTruthy();
      expect(
        within(row).queryByRole('button', { name: 'Sign out everywhere' }),
      ).toBeNull();
    });

    it('keeps the account on Escape and returns focus to Remove', async () => {
      const { bridge } = await renderAccounts([active(ALICE), BOB]);
      const row = openActions(BOB.key);
      fireEvent.click(within(row).getByRole('button', { name: 'Remove' }));

      fireEvent.keyDown(within(row).getByRole('button', { name: 'Keep' }), {
        key: 'Escape',
      });

      expect(within(row).queryByRole('group', { name: /^Remove/ })).toBeNull();
      expect(document.activeElement).toBe(
        within(row).getByRole('button', { name: 'Remove' }),
      );
      expect(bridge.requestsOn('accounts:remove')).toEqual([]);
    });
  });

  it('closes a row’s actions on Escape and gives focus back to its toggle', async () => {
    await renderAccounts([active(ALICE), BOB]);
    const row = openActions(BOB.key);

    fireEvent.keyDown(within(row).getByRole('button', { name: 'Rename' }), {
      key: 'Escape',
    });

    const toggle = within(row).getByRole('button', {
      name: 'Actions for bob@example.com',
    });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(toggle);
  });
});

function descriptionOf(element: HTMLElement): string {
  return (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}
