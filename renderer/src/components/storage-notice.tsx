// A quiet line on how the saved accounts are kept: said only when they are
// not encrypted, or only weakly (no system keyring to hold the key).

import { useAccounts } from '../store-context';

const NOT_ENCRYPTED = 'Saved accounts are not encrypted on this computer.';
const WEAKLY_ENCRYPTED =
  'Saved accounts are only weakly encrypted on this computer (no system ' +
  'keyring).';

/** The notice, or nothing when the accounts are properly encrypted. */
export function StorageNotice() {
  const storage = useAccounts((state) => state.status?.storage ?? null);

  if (storage === null || (storage.encrypted && !storage.weak)) {
    return null;
  }

  return (
    <p className="quiet-note" data-testid="storage-notice">
      {storage.encrypted ? WEAKLY_ENCRYPTED : NOT_ENCRYPTED}
    </p>
  );
}
