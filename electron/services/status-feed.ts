// What the window is sent of each status. The list of saved accounts is
// sent whole only when it changed since the last list sent; otherwise the
// message names the active account and the list it belongs to, and the
// window applies that to the list it holds (renderer/src/store.ts).

import type { AuthStatus } from '../../shared/account';
import type { StatusMessage } from '../../shared/ipc-contract';
import { sameAccountsButActive } from '../../shared/same-view';

/** Turns statuses into messages for the window. */
export interface StatusFeed {
  /** The status with its whole list (the window's first status). */
  whole(status: AuthStatus): StatusMessage;
  /** The status with its list left out when the window already has it. */
  next(status: AuthStatus): StatusMessage;
}

export function createStatusFeed(): StatusFeed {
  let sent: AuthStatus['accounts'] | null = null;
  let listRevision = 0;

  const whole = (status: AuthStatus): StatusMessage => {
    if (sent === null || !sameAccountsButActive(sent, status.accounts)) {
      listRevision += 1;
      sent = status.accounts;
    }
    return { ...status, listRevision };
  };

  return {
    whole,
    next: (status) => {
      if (sent === null || !sameAccountsButActive(sent, status.accounts)) {
        return whole(status);
      }
      const { accounts, ...rest } = status;
      const active = accounts.find((view) => view.isActive);
      return {
        ...rest,
        accounts: null,
        listRevision,
        activeKey: active?.key ?? null,
      };
    },
  };
}
