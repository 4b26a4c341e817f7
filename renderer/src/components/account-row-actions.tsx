// What a saved account's row offers once its actions are open: rename it,
// read its plan again, or remove it. Removing asks which kind (H1): only
// from this computer (nothing revoked), or everywhere (revoked at the
// issuer, which signs out every device and app that uses it).

import {
  type FormEvent,
  type KeyboardEvent,
  type RefObject,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';

import type { SavedAccountView } from '../../../shared/account';
import { MAX_ACCOUNT_LABEL_LENGTH } from '../../../shared/ipc-contract';
import { formatFullDate, formatPastTime } from '../format';
import type { AccountAction } from '../store';
import { useAccounts } from '../store-context';
import { useNow } from '../use-now';

const KEEP_LOCAL_HINT =
  'Deletes the saved copy on this computer. Nothing is revoked: other ' +
  'devices stay signed in.';
const REVOKE_HINT =
  'Warning: every device and app that uses this account is signed out, ' +
  'not only this computer.';
const ACTIVE_HINT = 'Codex on this computer will be signed out.';

type Step = 'menu' | 'rename' | 'remove';

/** The open actions of one row; `onClose` closes them. */
export function AccountRowActions(props: {
  id: string;
  view: SavedAccountView;
  name: string;
  task: AccountAction | null;
  rowRef: RefObject<HTMLLIElement | null>;
  onClose: () => void;
}) {
  const { view, task } = props;
  const [step, setStep] = useState<Step>('menu');
  const refresh = useAccounts((state) => state.refreshAccount);
  const renameRef = useRef<HTMLButtonElement>(null);
  const removeRef = useRef<HTMLButtonElement>(null);
  const backTo = useRef<Step | null>(null);

  useEffect(() => {
    // Back from renaming or removing, focus returns to the button that
    // began it.
    if (step !== 'menu' || backTo.current === null) {
      return;
    }

    const button = backTo.current === 'rename' ? renameRef : removeRef;

    backTo.current = null;
    button.current?.focus();
  }, [step]);

  function back(from: Step): void {
    backTo.current = from;
    setStep('menu');
  }

  function closeOnEscape(event: KeyboardEvent<HTMLDivElement>): void {
    if (event.key !== 'Escape') {
      return;
    }

    event.preventDefault();
    props.onClose();
  }

  return (
    <div
      id={props.id}
      className="row-panel"
      role="group"
      aria-label={`Actions for ${props.name}`}
      onKeyDown={closeOnEscape}
    >
      {step === 'rename' && (
        <RenameForm
          view={view}
          busy={task !== null}
          onDone={() => back('rename')}
        />
      )}
      {step === 'remove' && (
        <RemoveConfirm
          view={view}
          name={props.name}
          busy={task !== null}
          rowRef={props.rowRef}
          onKeep={() => back('remove')}
        />
      )}
      {step === 'menu' && (
        <>
          <PlanReadLine view={view} />
          <div className="row-actions">
            <button
              ref={renameRef}
              type="button"
              className="button button--small"
              onClick={() => setStep('rename')}
            >
              Rename
            </button>
            {view.summary.canRefresh && (
              <button
                type="button"
                className="button button--small"
                aria-disabled={task === 'refresh'}
                onClick={() => void refresh(view.key)}
              >
                {task === 'refresh' && (
                  <span className="spinner spinner--small" aria-hidden="true" />
                )}
                Refresh account info
              </button>
            )}
            <button
              ref={removeRef}
              type="button"
              className="button button--small button--danger-quiet"
              onClick={() => setStep('remove')}
            >
              Remove
            </button>
          </div>
        </>
      )}
    </div>
  );
}

// When the plan shown was read (G1): for the active account, when auth.json
// was last read; for the others, when their tokens were last renewed, which
// is when their id_token (and the plan in it) was issued.
function PlanReadLine(props: { view: SavedAccountView }) {
  const { view } = props;
  const statusReadAt = useAccounts((state) => state.status?.readAt ?? null);
  const now = useNow(30_000);
  const readAt = view.isActive ? statusReadAt : view.summary.lastRefresh;

  if (view.summary.plan === null || readAt === null) {
    return null;
  }

  return (
    <p className="hint" data-testid="row-read-at">
      Plan read{' '}
      <time dateTime={readAt} title={formatFullDate(readAt)}>
        {formatPastTime(readAt, now)}
      </time>
    </p>
  );
}

function RenameForm(props: {
  view: SavedAccountView;
  busy: boolean;
  onDone: () => void;
}) {
  const { view } = props;
  const [value, setValue] = useState(view.label ?? '');
  const rename = useAccounts((state) => state.renameAccount);
  const inputRef = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const hintId = useId();

  useEffect(() => {
    inputRef.current?.focus();
    inputRef.current?.select();
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();

    if (props.busy) {
      return;
    }

    const label = value.trim();

    if (label === (view.label ?? '')) {
      props.onDone();
      return;
    }

    const renamed = await rename(view.key, label);

    if (renamed) {
      props.onDone();
      return;
    }

    inputRef.current?.focus();
  }

  function cancelOnEscape(event: KeyboardEvent<HTMLFormElement>): void {
    if (event.key !== 'Escape') {
      return;
    }

    // Escape here cancels the rename only; the actions stay open.
    event.preventDefault();
    event.stopPropagation();
    props.onDone();
  }

  return (
    <form
      className="rename"
      aria-label={`Rename ${view.summary.label}`}
      onSubmit={(event) => void submit(event)}
      onKeyDown={cancelOnEscape}
    >
      <label htmlFor={inputId} className="rename-label">
        Account name
      </label>
      <input
        ref={inputRef}
        id={inputId}
        className="input"
        type="text"
        autoComplete="off"
        spellCheck={false}
        maxLength={MAX_ACCOUNT_LABEL_LENGTH}
        placeholder={view.summary.label}
        value={value}
        aria-describedby={hintId}
        onChange={(event) => setValue(event.target.value)}
      />
      <p id={hintId} className="hint">
        Enter saves, Escape cancels. Leave it empty to show {view.summary.label}
        .
      </p>
      <div className="row-actions">
        <button
          type="submit"
          className="button button--small button--primary"
          aria-disabled={props.busy}
        >
          Save
        </button>
        <button
          type="button"
          className="button button--small"
          onClick={props.onDone}
        >
          Cancel
        </button>
      </div>
    </form>
  );
}

function RemoveConfirm(props: {
  view: SavedAccountView;
  name: string;
  busy: boolean;
  rowRef: RefObject<HTMLLIElement | null>;
  onKeep: () => void;
}) {
  const { view } = props;
  const remove = useAccounts((state) => state.removeAccount);
  const keepRef = useRef<HTMLButtonElement>(null);
  const questionId = useId();
  const localHintId = useId();
  const revokeHintId = useId();
  // Without a refresh token (an API key, a sign-in that can't be renewed)
  // there is nothing to revoke, so only the local removal is offered.
  const canRevoke = view.summary.mode !== 'apikey' && view.summary.canRefresh;

  useEffect(() => keepRef.current?.focus(), []);

  async function confirm(everywhere: boolean): Promise<void> {
    if (props.busy) {
      return;
    }

    // The row goes away on success; focus moves to its neighbour.
    const neighbour = neighbourTarget(props.rowRef.current);
    const removed = await remove(view.key, everywhere);

    if (removed && neighbour?.isConnected === true) {
      neighbour.focus();
    }
  }

  function keepOnEscape(event: KeyboardEvent<HTMLDivElement>): void {
    if (event.key !== 'Escape') {
      return;
    }

    event.preventDefault();
    event.stopPropagation();
    props.onKeep();
  }

  return (
    <div
      className="confirm confirm--inline"
      role="group"
      aria-labelledby={questionId}
      onKeyDown={keepOnEscape}
    >
      <p id={questionId} className="confirm-question">
        Remove {props.name}?
      </p>
      <div className="choice">
        <button
          type="button"
          className="button button--small"
          aria-describedby={localHintId}
          aria-disabled={props.busy}
          onClick={() => void confirm(false)}
        >
          Remove from this computer
        </button>
        <p id={localHintId} className="hint">
          {KEEP_LOCAL_HINT}
          {view.isActive && ` ${ACTIVE_HINT}`}
        </p>
      </div>
      {canRevoke && (
        <div className="choice">
          <button
            type="button"
            className="button button--small button--danger"
            aria-describedby={revokeHintId}
            aria-disabled={props.busy}
            onClick={() => void confirm(true)}
          >
            Sign out everywhere
          </button>
          <p id={revokeHintId} className="hint hint--warning">
            {REVOKE_HINT}
            {view.isActive && ` ${ACTIVE_HINT}`}
          </p>
        </div>
      )}
      <div className="confirm-actions">
        <button
          ref={keepRef}
          type="button"
          className="button button--small"
          onClick={props.onKeep}
        >
          Keep
        </button>
      </div>
    </div>
  );
}

// The switch target of the next row, else of the previous one: where focus
// goes when this row is removed. With no row left, the sign-in button that
// replaces the list takes focus by itself.
function neighbourTarget(row: HTMLLIElement | null): HTMLElement | null {
  const sibling = row?.nextElementSibling ?? row?.previousElementSibling;
  const target = sibling?.querySelector<HTMLElement>('[data-row-focus]');

  return target ?? null;
}
