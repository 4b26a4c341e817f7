// A round badge with the account's initials. Decorative: the label next to
// it already names the account.

import type { AccountSummary } from '../../../shared/account';
import { accountInitials } from '../format';

const COLOURS = 6;

/** The account's initials in one of a few colours chosen by its identity. */
export function Avatar(props: { account: AccountSummary }) {
  const { account } = props;
  const initials = accountInitials(account);
  const colour = hashOf(account.userId ?? account.email ?? account.label);
  const size = initials.length > 2 ? ' avatar--small-text' : '';

  return (
    <span
      className={`avatar avatar--colour-${colour % COLOURS}${size}`}
      aria-hidden="true"
    >
      {initials}
    </span>
  );
}

function hashOf(text: string): number {
  let hash = 0;

  for (const char of text) {
    hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  }

  return hash;
}
