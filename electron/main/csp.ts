// The Content Security Policy of the window, sent as a response header. The
// same policy is in renderer/index.html's meta tag (a test keeps the two
// equal); the header adds what a meta tag can't, frame-ancestors, and covers
// the dev server's responses.
//
// A page read from file:// may come with no response headers to rewrite, so
// for the built app the meta tag is the policy that certainly applies.
// TODO(csp): serve out/renderer through a privileged app:// protocol
// (protocol.handle) to send this header with every file.

import type { Session } from 'electron';

/** The window loads only its own bundle: no inline code, no remote content. */
export const RENDERER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Adds the policy to every response the window's session receives. Nothing
 * else loads in this session: navigation is blocked and the sign-in runs in
 * the system browser.
 */
export function applyContentSecurityPolicy(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = withoutHeader(
      details.responseHeaders ?? {},
      'content-security-policy',
    );

    callback({
      responseHeaders: {
        ...headers,
        'Content-Security-Policy': [RENDERER_CSP],
      },
    });
  });
}

/** `headers` without `name`, whatever its case, so ours is the only one. */
export function withoutHeader(
  headers: Record<string, string[]>,
  name: string,
): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(headers).filter(([key]) => key.toLowerCase() !== name),
  );
}
