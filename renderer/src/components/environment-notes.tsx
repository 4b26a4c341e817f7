// What Codex's settings and the environment mean for the sign-in, next to
// the active account: an API key variable that Codex would bill instead of
// the ChatGPT plan (C1, named, never its value), an auth.json that other
// users can read (J2), and a config.toml that can't be read.

import { useAccounts } from '../store-context';

/** The notes, or nothing while there is nothing to say. */
export function EnvironmentNotes() {
  const environment = useAccounts((state) => state.status?.environment);

  if (environment === undefined) {
    return null;
  }

  const { apiKeyVariables, authFileOpenToOthers, configProblem } = environment;

  if (
    apiKeyVariables.length === 0 &&
    !authFileOpenToOthers &&
    configProblem === null
  ) {
    return null;
  }

  return (
    <div className="environment-notes">
      {apiKeyVariables.map((variable) => (
        <p
          key={`${variable.name} ${variable.where}`}
          className="note note--warning"
          data-testid="api-key-variable-note"
        >
          <code>{variable.name}</code> is set in {variable.where}: Codex may
          bill that key instead of the ChatGPT plan. Remove it there to use the
          plan.
        </p>
      ))}
      {authFileOpenToOthers && (
        <p className="note note--warning" data-testid="auth-file-open-note">
          Other users of this computer can read auth.json, and with it this
          sign-in. Make the file readable only by you.
        </p>
      )}
      {configProblem !== null && (
        <p className="note note--warning" data-testid="config-problem-note">
          config.toml: {configProblem}
        </p>
      )}
    </div>
  );
}
