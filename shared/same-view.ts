// Whether two views of a saved account show the same thing. Main asks it to
// tell the window only of real changes; the window, to keep an unchanged
// account's view as the same object so its row skips rendering. Each table
// names every field of its type, so a field added later can't be missed.

import type { AccountSummary, PlanSummary, SavedAccountView } from './account';

type FieldComparers<T> = { [K in keyof T]-?: (a: T[K], b: T[K]) => boolean };

// The field names of each table, listed once rather than on every call.
const fieldNames = new WeakMap<object, string[]>();

const same = Object.is;

const PLAN_FIELDS: FieldComparers<PlanSummary> = {
  id: same,
  raw: same,
  name: same,
  isWorkspace: same,
};

const SUMMARY_FIELDS: FieldComparers<AccountSummary> = {
  mode: same,
  modeReason: same,
  email: same,
  label: same,
  plan: (a, b) =>
    a === b || (a !== null && b !== null && sameFields(PLAN_FIELDS, a, b)),
  workspaceId: same,
  shortWorkspaceId: same,
  userId: same,
  accessTokenExpiresAt: same,
  lastRefresh: same,
  canRefresh: same,
  apiKeyMask: same,
};

const VIEW_FIELDS: FieldComparers<SavedAccountView> = {
  key: same,
  label: same,
  summary: (a, b) => a === b || sameFields(SUMMARY_FIELDS, a, b),
  isActive: same,
  blockedReason: same,
  needsSignIn: same,
};

// The same, but for which account is active: what a switch changes.
const VIEW_FIELDS_BUT_ACTIVE: FieldComparers<SavedAccountView> = {
  ...VIEW_FIELDS,
  isActive: () => true,
};

function sameFields<T>(fields: FieldComparers<T>, a: T, b: T): boolean {
  let names = fieldNames.get(fields);
  if (names === undefined) {
    names = Object.keys(fields);
    fieldNames.set(fields, names);
  }
  return (names as Array<keyof T>).every((field) =>
    fields[field](a[field], b[field]),
  );
}

/** Whether `a` and `b` show the same saved account in the same way. */
export function sameAccountView(
  a: SavedAccountView,
  b: SavedAccountView | undefined,
): boolean {
  return b !== undefined && (a === b || sameFields(VIEW_FIELDS, a, b));
}

/**
 * Whether two lists hold the same saved accounts in the same order, shown
 * the same way apart from which one is active.
 */
export function sameAccountsButActive(
  a: readonly SavedAccountView[],
  b: readonly SavedAccountView[],
): boolean {
  // The answer to a request repeats the list its event was built from.
  if (a === b) return true;
  return (
    a.length === b.length &&
    a.every((view, index) => {
      const other = b[index];
      return (
        other !== undefined &&
        (view === other || sameFields(VIEW_FIELDS_BUT_ACTIVE, view, other))
      );
    })
  );
}
