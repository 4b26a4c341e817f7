// The saved accounts, one row each: who, which plan, personal or
// workspace, and marks for the active one, one that must sign in again and
// one that config.toml does not allow. A click (or Enter) on a row makes
// that account the one Codex uses; each row opens its own actions.
//
// The list is built to stay fast with a few hundred accounts: rows are
// memoized on their view (the store keeps unchanged views as the same
// object), every row reads only its own slice of the store, and the
// actions of a row are rendered only while they are open.

import {
  type KeyboardEvent,
  memo,
  type ReactNode,
  useCallback,
  useId,
  useRef,
  useState,
} from 'react';

import type { SavedAccountView } from '../../../shared/account';
import { asSentence } from '../../../shared/text';
import { savedAccountName } from '../format';
import { useAccounts } from '../store-context';
import { useFocusWhenLost } from '../use-focus-when-lost';
import { signInEndedNote } from './account-card';
import { AccountRowActions } from './account-row-actions';
import { Avatar } from './avatar';
import { AccountMeta } from './plan-badge';

const ROW_TEST_IDS = { plan: 'row-plan', kind: 'row-kind' };

/** The heading and the list of every saved account. */
export function AccountList(props: { accounts: readonly SavedAccountView[] }) {
  const headingId = useId();
  // Read once here and handed down: one store subscription, not one a row.
  const switchTo = useAccounts((state) => state.switchTo);

  return (
    <section className="accounts" aria-labelledby={headingId}>
      <h2 id={headingId} className="section-title" tabIndex={-1}>
        Saved accounts
        <span className="count" aria-hidden="true">
          {props.accounts.length}
        </span>
      </h2>
      <ul
        className="account-list"
        data-testid="account-list"
        aria-labelledby={headingId}
        onKeyDown={moveBetweenRows}
      >
        {props.accounts.map((view) => (
          <AccountRow key={view.key} view={view} onSwitch={switchTo} />
        ))}
      </ul>
    </section>
  );
}

/** One saved account. Re-renders only when its view or its task changes. */
export const AccountRow = memo(function AccountRow(props: {
  view: SavedAccountView;
  onSwitch: (key: string) => Promise<boolean>;
}) {
  const { view } = props;
  const name = savedAccountName(view);
  const task = useAccounts((state) => state.accountTasks[view.key] ?? null);
  const [open, setOpen] = useState(false);
  const rowRef = useRef<HTMLLIElement>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const id = useId();
  const [subId, detailsId, marksId, warningsId, noteId, panelId] = [
    `${id}sub`,
    `${id}details`,
    `${id}marks`,
    `${id}warnings`,
    `${id}note`,
    `${id}panel`,
  ];
  const blocked = view.blockedReason !== null;
  const warned = blocked || view.needsSignIn;

  const close = useCallback(() => {
    setOpen(false);
    toggleRef.current?.focus();
  }, []);

  return (
    <li
      ref={rowRef}
      className={rowClass(view)}
      data-testid="account-row"
      data-key={view.key}
      data-active={String(view.isActive)}
      aria-current={view.isActive ? 'true' : undefined}
    >
      <div className="row-main">
        <RowTarget
          view={view}
          name={name}
          describedBy={[
            ...(view.label !== null ? [subId] : []),
            detailsId,
            marksId,
            ...(warned ? [warningsId, noteId] : []),
          ].join(' ')}
          switching={task === 'switch'}
          onSwitch={props.onSwitch}
        >
          <Avatar account={view.summary} />
          <span className="row-text">
            {/* Active and Switching share the name's line, so a switch
                never changes the height of a row; the warnings, which a
                switch does not change, keep the width of the line below. */}
            <span className="row-title">
              <span className="row-label" data-testid="row-label" title={name}>
                {name}
              </span>
              <span className="row-marks" id={marksId}>
                <RowMarks view={view} switching={task === 'switch'} />
              </span>
            </span>
            <span className="row-details">
              {view.label !== null && (
                <span id={subId} className="row-sub">
                  {view.summary.label}
                </span>
              )}
              <span id={detailsId} className="row-meta">
                <AccountMeta
                  account={view.summary}
                  testIds={ROW_TEST_IDS}
                  showMode
                />
              </span>
              {warned && (
                <span className="row-marks row-warnings" id={warningsId}>
                  <RowWarnings view={view} />
                </span>
              )}
            </span>
          </span>
        </RowTarget>
        <button
          ref={toggleRef}
          type="button"
          className="button button--quiet row-toggle"
          aria-label={`Actions for ${name}`}
          aria-expanded={open}
          aria-controls={open ? panelId : undefined}
          onClick={() => (open ? close() : setOpen(true))}
        >
          <span aria-hidden="true">⋯</span>
        </button>
      </div>
      {(blocked || view.needsSignIn) && (
        <p id={noteId} className="row-note" data-testid="row-note">
          {blocked
            ? `Can't be used here: ${asSentence(view.blockedReason ?? '')}`
            : signInEndedNote(view.summary.label)}
        </p>
      )}
      {open && (
        <AccountRowActions
          id={panelId}
          view={view}
          name={name}
          task={task}
          rowRef={rowRef}
          onClose={close}
        />
      )}
    </li>
  );
});

// The part of a row that switches to the account. The active account has
// nothing to switch to, so it is plain text that can still hold focus
// (after a switch, focus lands on it instead of being lost). A blocked
// account keeps its button, so it is found and its reason heard, but the
// button does nothing.
function RowTarget(props: {
  view: SavedAccountView;
  name: string;
  describedBy: string;
  switching: boolean;
  onSwitch: (key: string) => Promise<boolean>;
  children: ReactNode;
}) {
  const { view } = props;
  const activeRef = useRef<HTMLDivElement>(null);
  const blocked = view.blockedReason !== null;

  useFocusWhenLost(activeRef, view.isActive);

  if (view.isActive) {
    return (
      <div
        ref={activeRef}
        className="row-target"
        tabIndex={-1}
        data-row-focus=""
      >
        {props.children}
      </div>
    );
  }

  return (
    <button
      type="button"
      className="row-target row-target--button"
      data-row-focus=""
      aria-label={`Switch to ${props.name}`}
      aria-describedby={props.describedBy}
      aria-disabled={blocked || props.switching}
      title={blocked ? (view.blockedReason ?? undefined) : undefined}
      onClick={() => {
        if (!blocked) {
          void props.onSwitch(view.key);
        }
      }}
    >
      {props.children}
    </button>
  );
}

function RowMarks(props: { view: SavedAccountView; switching: boolean }) {
  const { view } = props;

  return (
    <>
      {view.isActive && (
        <span className="mark mark--active" data-testid="active-mark">
          Active
        </span>
      )}
      {props.switching && (
        <span className="mark" data-testid="switching-mark">
          Switching…
        </span>
      )}
    </>
  );
}

function RowWarnings(props: { view: SavedAccountView }) {
  const { view } = props;

  return (
    <>
      {view.needsSignIn && (
        <span className="mark mark--warning" data-testid="sign-in-again-mark">
          <span aria-hidden="true">⚠ </span>Sign in again
        </span>
      )}
      {view.blockedReason !== null && (
        <span className="mark mark--warning" data-testid="blocked-mark">
          <span aria-hidden="true">⊘ </span>Not allowed here
        </span>
      )}
    </>
  );
}

function rowClass(view: SavedAccountView): string {
  const classes = ['row'];

  if (view.isActive) {
    classes.push('row--active');
  }

  if (view.blockedReason !== null) {
    classes.push('row--blocked');
  }

  return classes.join(' ');
}

// Up and Down (and Home, End) move between rows, so a long list need not be
// walked with Tab through every row's actions.
function moveBetweenRows(event: KeyboardEvent<HTMLUListElement>): void {
  const from = event.target;

  if (!(from instanceof HTMLElement) || !from.hasAttribute('data-row-focus')) {
    return;
  }

  const targets = [
    ...event.currentTarget.querySelectorAll<HTMLElement>('[data-row-focus]'),
  ];
  const index = targets.indexOf(from);
  const moves: Record<string, HTMLElement | undefined> = {
    ArrowDown: targets[index + 1],
    ArrowUp: targets[index - 1],
    Home: targets[0],
    End: targets[targets.length - 1],
  };
  const next = moves[event.key];

  if (next === undefined) {
    return;
  }

  event.preventDefault();
  next.focus();
}
