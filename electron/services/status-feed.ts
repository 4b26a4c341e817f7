// What the window is sent of each status. The list of saved accounts is
// sent whole only when it changed since the last list sent; otherwise the
// message names the active account and the list it belongs to, and the
// window applies that to the list it holds (renderer/src/store.ts).
//
// One feed serves every message of an app, events and answers alike, so a
// list number always means one list. Every change of the list goes out
// whole as an event (the manager emits before a request is answered); a
// message without a list therefore names a list the window was sent.

import type { AuthStatus } from '../../shared/account';
import type { StatusMessage } from '../../shared/ipc-contract';
import { sameAccountsButActive } from '../../shared/same-view';

/** Turns statuses into messages for the window. */
export interface StatusFeed {
  /** The status with its whole list (the window's first status). */
  whole(status: AuthStatus): StatusMessage;
  /** The status with its list left out when the window already has it. */
  next(status: AuthStatus): StatusMessage;
  /**
   * The answer to a request that began when the list was `since`
   * (`listRevision()` then): whole if the list changed meanwhile, so the
   * window need not wait for the event that brought the new list (in the
   * demo, answers and events travel apart and either may come first).
   */
  answer(status: AuthStatus, since: number): StatusMessage;
  /** The number of the last list sent. */
  listRevision(): number;
}

export function createStatusFeed(): StatusFeed {
  let sent: AuthStatus['accounts'] | null = null;
  let listRevision = 0;

  // Gives the status's list a new number when it differs from the last list
  // sent; says whether it did.
  const numberList = (status: AuthStatus): boolean => {
    if (sent !== null && sameAccountsButActive(sent, status.accounts)) {
      return false;
    }
    listRevision += 1;
    sent = status.accounts;
    return true;
  };

  const whole = (status: AuthStatus): StatusMessage => {
    numberList(status);
    return { ...status, listRevision };
  };

  const next = (status: AuthStatus): StatusMessage => {
    if (numberList(status)) return { ...status, listRevision };
    const { accounts, ...rest } = status;
    const active = accounts.find((view) => view.isActive);
    return {
      ...rest,
      accounts: null,
      listRevision,
      activeKey: active?.key ?? null,
    };
  };

  return {
    whole,
    next,
    answer: (status, since) => {
      const message = next(status);
      return message.accounts === null && message.listRevision !== since
        ? whole(status)
        : message;
    },
    listRevision: () => listRevision,
  };
}
