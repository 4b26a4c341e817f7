// What the window says when no usable sign-in is in auth.json. A broken file
// is not called "signed out": the alert says what is wrong with it.

import { useId } from 'react';

/**
 * The heading and sentence above the sign-in choices; `hasSaved` says
 * whether saved accounts are listed below to switch to.
 */
export function SignedOutIntro(props: {
  unusable: boolean;
  hasSaved: boolean;
}) {
  const titleId = useId();

  return (
    <section className="intro" aria-labelledby={titleId}>
      <h2 id={titleId} className="intro-title">
        {props.unusable ? "The sign-in can't be used" : 'Not signed in'}
      </h2>
      <p className="intro-text">{introText(props)}</p>
    </section>
  );
}

function introText(props: { unusable: boolean; hasSaved: boolean }): string {
  if (props.hasSaved) {
    return props.unusable
      ? 'Switch to a saved account to replace it, sign in again, or use an API key.'
      : 'Codex on this computer is signed out. Switch to a saved account, sign in, or use an API key.';
  }

  return props.unusable
    ? 'Sign in again to replace it, or use an API key.'
    : 'Sign in so Codex on this computer uses your ChatGPT plan, or use an API key.';
}
