// The plan as a small badge, and the line under an account's name that
// says which plan, personal or workspace, and (where it matters) the mode.
// The card and the rows of the list both draw it.

import type { AccountSummary, PlanSummary } from '../../../shared/account';
import { accountKind, accountMode } from '../format';

/** The plan's name in a badge; an unknown plan says so in its tooltip. */
export function PlanBadge(props: { plan: PlanSummary; testId?: string }) {
  const unknown = props.plan.id === null;

  return (
    <>
      <span className="visually-hidden">Plan: </span>
      <span
        className="badge"
        data-testid={props.testId}
        title={unknown ? 'A plan this app does not know yet' : undefined}
      >
        {props.plan.name}
      </span>
    </>
  );
}

/** Test ids for the parts of the meta line; each view has its own. */
export interface MetaTestIds {
  plan: string;
  kind: string;
}

/**
 * Plan badge and "Personal · ws-pers" (F1). With `showMode`, an account
 * that is not a ChatGPT sign-in says what Codex uses instead.
 */
export function AccountMeta(props: {
  account: AccountSummary;
  testIds: MetaTestIds;
  showMode?: boolean;
}) {
  const { account, testIds } = props;
  const kind =
    props.showMode === true && account.mode !== 'chatgpt'
      ? accountMode(account)
      : accountKind(account);

  if (account.plan === null && kind === null) {
    return null;
  }

  return (
    <span className="meta">
      {account.plan !== null && (
        <PlanBadge plan={account.plan} testId={testIds.plan} />
      )}
      {account.plan !== null && kind !== null && (
        <span className="visually-hidden">, </span>
      )}
      {kind !== null && (
        <span className="kind" data-testid={testIds.kind}>
          {kind}
        </span>
      )}
    </span>
  );
}
