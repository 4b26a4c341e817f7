// Signs in through the AuthManager without a browser: the "browser" records
// the authorize URL, the issuer's login form is filled in with fetch, and
// the callback is delivered to the manager's own listener on loopback.

import type {
  AddAccountOptions,
  AuthManager,
} from '../../electron/auth/auth-manager';
import type { SignInProgress } from '../../shared/account';
import { signInThroughIssuerForm } from '../issuer/sign-in-form';

/** A stand-in for the system browser that remembers what it was asked. */
export function recordingBrowser() {
  const opened: string[] = [];
  return {
    opened,
    openBrowser: async (url: string) => {
      opened.push(url);
    },
  };
}

/** Resolves with the sign-in's final progress. */
export function waitForSignInEnd(
  manager: AuthManager,
): Promise<SignInProgress> {
  return new Promise((resolve) => {
    const stop = manager.subscribe((event) => {
      if (event.type !== 'sign-in') return;
      if (['succeeded', 'failed', 'cancelled'].includes(event.progress.phase)) {
        stop();
        resolve(event.progress);
      }
    });
  });
}

/** Signs in as `email` and waits until the manager has saved the account. */
export async function signInAs(
  manager: AuthManager,
  browser: ReturnType<typeof recordingBrowser>,
  email: string,
  options: AddAccountOptions = {},
): Promise<void> {
  const before = browser.opened.length;
  const ended = waitForSignInEnd(manager);
  await manager.signInWithChatGPT(options);

  const callback = await signInThroughIssuerForm(
    browser.opened[before] ?? '',
    email,
  );
  const answer = await fetch(callback, { redirect: 'manual' });
  const location = answer.headers.get('location');
  if (location) await (await fetch(location)).text();

  const end = await ended;
  if (end.phase !== 'succeeded') {
    throw new Error(`sign-in as ${email} ended ${JSON.stringify(end)}`);
  }
}
