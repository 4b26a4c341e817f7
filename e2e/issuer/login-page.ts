/**
 * The test issuer's sign-in page: one plain HTML form that a person, a
 * headless browser or `signInThroughIssuerForm` can fill in.
 */

/** What the sign-in page shows. */
export interface LoginPageContent {
  /** Where the form posts to. */
  readonly action: string;
  /** The client that asked for the sign-in (shown, not trusted). */
  readonly clientId: string;
  /** The email to fill in again after a failed attempt. */
  readonly email?: string;
  /** A message shown above the form, e.g. for an unknown email. */
  readonly error?: string;
  /** Emails a person can use, listed as a hint. */
  readonly knownEmails: readonly string[];
}

/** Replaces the characters that HTML gives a meaning to. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** The whole sign-in page as an HTML document. */
export function renderLoginPage(content: LoginPageContent): string {
  const error =
    content.error === undefined
      ? ''
      : `<p class="error" role="alert">${escapeHtml(content.error)}</p>`;
  const hints = content.knownEmails
    .map((email) => `<li><code>${escapeHtml(email)}</code></li>`)
    .join('');

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Sign in - Codex Accounts test issuer</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 22rem; margin: auto; }
label { display: block; margin-top: 1rem; }
input { width: 100%; padding: 0.4rem; box-sizing: border-box; }
button { margin-top: 1.5rem; padding: 0.5rem 1rem; }
.error { color: #b00020; }
</style>
</head>
<body>
<h1>Sign in</h1>
<p>to continue to <code>${escapeHtml(content.clientId)}</code></p>
${error}
<form method="post" action="${escapeHtml(content.action)}">
<label for="email">Email</label>
<input id="email" name="email" type="email" autocomplete="username"
  required value="${escapeHtml(content.email ?? '')}">
<label for="password">Password</label>
<input id="password" name="password" type="password"
  autocomplete="current-password" required>
<button type="submit">Sign in</button>
</form>
<p>Test accounts (any password):</p>
<ul>${hints}</ul>
</body>
</html>
`;
}
