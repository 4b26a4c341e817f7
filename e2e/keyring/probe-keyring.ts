// Probes the keyring for a CODEX_HOME and prints the result as JSON. The
// keyring tests run it as a child process with a changed environment (no
// D-Bus session, a locked keyring), which a test can't give its own process.
//
//   tsx e2e/keyring/probe-keyring.ts CODEX_HOME [TIMEOUT_MS]

import { createKeyringStore } from '../../electron/auth/keyring-store';

const codexHome = process.argv[2] ?? process.cwd();
const timeoutMs = process.argv[3] ? Number(process.argv[3]) : undefined;

const store = createKeyringStore(
  codexHome,
  timeoutMs === undefined ? {} : { timeoutMs },
);
const result = await store.probe();

process.stdout.write(`${JSON.stringify(result)}\n`);
// A keyring operation that timed out may still be waiting in the binding.
process.exit(0);
