// After a switch, what changed and what did not (I3): new Codex sessions
// use the new account; sessions already running keep the old one in memory
// until they are restarted, and the ones the system could list are named.

import { describeProcess, savedAccountName } from '../format';
import { useAccounts } from '../store-context';
import { useNow } from '../use-now';

/** How long after a switch its notice is still worth showing. */
export const SWITCH_NOTICE_MS = 10 * 60_000;

/** The notice, inside a live region so the switch is heard. */
export function SwitchNotice() {
  const lastSwitch = useAccounts((state) => state.status?.lastSwitch ?? null);
  const dismissedAt = useAccounts((state) => state.dismissedSwitchAt);
  const target = useAccounts(
    (state) =>
      state.status?.accounts.find((view) => view.key === lastSwitch?.key) ??
      null,
  );
  const dismiss = useAccounts((state) => state.dismissSwitchNotice);
  const now = useNow(30_000);
  // Once that account is no longer the active one (removed, or another
  // program signed in since), the notice would be out of date.
  const visible =
    lastSwitch !== null &&
    target?.isActive === true &&
    lastSwitch.at !== dismissedAt &&
    now - Date.parse(lastSwitch.at) < SWITCH_NOTICE_MS;

  return (
    <div className="switch-notice-region" aria-live="polite">
      {visible && (
        <div className="notice" data-testid="switch-notice">
          <div className="notice-body">
            <p>
              New Codex sessions use <strong>{savedAccountName(target)}</strong>
              .
            </p>
            <p className="muted">
              Codex sessions already running keep the previous account until you
              restart them.
            </p>
            {lastSwitch.runningCodex.length > 0 && (
              <>
                <p className="muted">Running when you switched:</p>
                <ul className="process-list" data-testid="running-codex">
                  {lastSwitch.runningCodex.map((process) => (
                    <li key={process.pid}>{describeProcess(process)}</li>
                  ))}
                </ul>
              </>
            )}
          </div>
          <button
            type="button"
            className="button button--small button--quiet notice-dismiss"
            aria-label="Dismiss switch notice"
            onClick={dismiss}
          >
            <span aria-hidden="true">✕</span>
          </button>
        </div>
      )}
    </div>
  );
}
