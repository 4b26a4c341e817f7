/**
 * Loads oidc-provider without its "Unsupported runtime" warning. The
 * package prints it on import under Node 20 (it checks the release
 * codename, not what it needs); it runs fine there. Importing it through
 * here keeps that line out of every test run.
 */

import type * as OidcProvider from 'oidc-provider';

type OidcProviderModule = typeof OidcProvider;

const RUNTIME_WARNING = 'Unsupported runtime';

let loading: Promise<OidcProviderModule> | undefined;

/** The oidc-provider module, imported once. */
export function loadOidcProvider(): Promise<OidcProviderModule> {
  loading ??= importWithoutRuntimeWarning();
  return loading;
}

async function importWithoutRuntimeWarning(): Promise<OidcProviderModule> {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (String(args[0]).includes(RUNTIME_WARNING)) return;
    warn(...args);
  };

  try {
    return await import('oidc-provider');
  } finally {
    console.warn = warn;
  }
}
