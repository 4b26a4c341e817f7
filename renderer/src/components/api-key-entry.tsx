// "Use an API key": a disclosure button and the small form it opens. The key
// lives only in this form's state until it is sent; it is never logged and
// never kept after the form closes, which it does once the key is saved.

import {
  type FormEvent,
  type KeyboardEvent,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';

import { describeError } from '../../../shared/errors';
import { asSentence } from '../../../shared/text';
import { useAccounts } from '../store-context';

const API_KEY_HINT =
  'Codex will bill this key instead of a ChatGPT plan. It is saved in ' +
  'auth.json on this computer.';

/** The button that opens the API key form, and the form. */
export function ApiKeyEntry() {
  const [open, setOpen] = useState(false);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const formId = useId();
  const failedAction = useAccounts((state) => state.failure?.action ?? null);
  // C3: forced_login_method in config.toml can turn API keys off.
  const blocked = useAccounts(
    (state) => state.status?.environment.apiKeyBlocked ?? null,
  );
  const blockedId = useId();
  const dismissError = useAccounts((state) => state.dismissError);

  function close(): void {
    setOpen(false);

    // An error about the key belongs to the form and goes with it.
    if (failedAction === 'api-key') {
      dismissError();
    }

    toggleRef.current?.focus();
  }

  return (
    <div className="api-key">
      <button
        ref={toggleRef}
        type="button"
        className="button button--link"
        aria-expanded={open}
        aria-controls={open ? formId : undefined}
        aria-disabled={blocked !== null && !open}
        aria-describedby={blocked !== null ? blockedId : undefined}
        onClick={() => {
          if (open) {
            close();
          } else if (blocked === null) {
            setOpen(true);
          }
        }}
      >
        Use an API key
      </button>
      {blocked !== null && (
        <p id={blockedId} className="hint hint--warning">
          API keys are turned off here: {asSentence(blocked)}
        </p>
      )}
      {open && <ApiKeyForm id={formId} onClose={close} onSaved={close} />}
    </div>
  );
}

function ApiKeyForm(props: {
  id: string;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [value, setValue] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const save = useAccounts((state) => state.signInWithApiKey);
  const saving = useAccounts((state) => state.pending.includes('api-key'));
  const failure = useAccounts((state) =>
    state.failure?.action === 'api-key' ? state.failure.error : null,
  );
  const inputRef = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();
  const message = invalid ?? failure?.message ?? null;

  useEffect(() => inputRef.current?.focus(), []);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();

    if (saving) {
      return;
    }

    const apiKey = value.trim();
    const problem = checkApiKey(apiKey);

    setInvalid(problem);

    if (problem !== null) {
      inputRef.current?.focus();
      return;
    }

    // On success the form closes, and the key goes with it.
    const saved = await save(apiKey);

    if (saved) {
      props.onSaved();
      return;
    }

    inputRef.current?.focus();
  }

  function closeOnEscape(event: KeyboardEvent<HTMLFormElement>): void {
    if (event.key !== 'Escape') {
      return;
    }

    event.preventDefault();
    props.onClose();
  }

  return (
    <form
      id={props.id}
      className="api-key-form"
      aria-label="API key"
      noValidate
      onSubmit={(event) => void submit(event)}
      onKeyDown={closeOnEscape}
    >
      <label htmlFor={inputId}>OpenAI API key</label>
      <input
        ref={inputRef}
        id={inputId}
        className="input"
        type="password"
        autoComplete="off"
        autoCapitalize="off"
        spellCheck={false}
        value={value}
        aria-invalid={message !== null}
        aria-describedby={message !== null ? `${errorId} ${hintId}` : hintId}
        onChange={(event) => setValue(event.target.value)}
      />
      {message !== null && (
        <p id={errorId} className="field-error" data-testid="api-key-error">
          {message}
        </p>
      )}
      <p id={hintId} className="hint">
        {API_KEY_HINT}
      </p>
      <button
        type="submit"
        className="button button--primary"
        aria-disabled={saving}
      >
        Save API key
      </button>
    </form>
  );
}

// The same sentences main would send, from the shared table; main checks
// the key again and has the last word.
function checkApiKey(apiKey: string): string | null {
  if (apiKey === '') {
    return describeError('api_key_invalid', { reason: 'it is empty' });
  }

  if (/\s/.test(apiKey)) {
    return describeError('api_key_invalid', { reason: 'it contains spaces' });
  }

  return null;
}
