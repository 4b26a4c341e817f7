/**
 * Signing in at the test issuer without a browser: follows the redirects
 * with a small cookie jar, fills in the login form, and stops at the
 * redirect back to the app, which it returns instead of following.
 */

/** Cookies by name, as one browser profile would keep them. */
export type CookieJar = Map<string, string>;

/** Options for a browser-less sign-in. */
export interface SignInThroughFormOptions {
  /** What to type as password; the issuer accepts anything. */
  readonly password?: string;
  /**
   * Cookies to send and keep, to make several sign-ins look like one
   * browser. A fresh jar (a fresh browser) by default.
   */
  readonly cookieJar?: CookieJar;
}

const MAX_STEPS = 10;

interface Step {
  readonly url: URL;
  readonly form?: URLSearchParams;
}

/**
 * Completes a sign-in that starts at `authorizeUrl` as the account with this
 * email, and returns the URL the issuer redirected to: the app's callback,
 * with `code`, `state` and `iss` (or `error`). Nothing is listening there;
 * only the Location header is read. Throws with the page's message when the
 * issuer refuses the email.
 */
export async function signInThroughIssuerForm(
  authorizeUrl: string,
  email: string,
  options: SignInThroughFormOptions = {},
): Promise<string> {
  const issuerOrigin = new URL(authorizeUrl).origin;
  const jar = options.cookieJar ?? new Map<string, string>();
  const password = options.password ?? 'any password';
  let step: Step = { url: new URL(authorizeUrl) };
  let submitted = false;

  for (let count = 0; count < MAX_STEPS; count += 1) {
    const response = await send(step, jar);
    const location = response.headers.get('location');

    if (location !== null) {
      const next = new URL(location, step.url);
      if (next.origin !== issuerOrigin) return next.href;
      step = { url: next };
      continue;
    }

    const page = await response.text();
    if (submitted || response.status !== 200) {
      throw new Error(
        `sign-in as ${email} failed: ${pageMessage(page, response.status)}`,
      );
    }
    step = loginFormStep(page, step.url, email, password);
    submitted = true;
  }

  throw new Error(`sign-in as ${email} did not finish in ${MAX_STEPS} steps`);
}

async function send(step: Step, jar: CookieJar): Promise<Response> {
  const headers: Record<string, string> = { accept: 'text/html' };
  const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
  if (cookie !== '') headers['cookie'] = cookie;

  const response = await fetch(step.url, {
    method: step.form ? 'POST' : 'GET',
    headers,
    redirect: 'manual',
    ...(step.form && { body: step.form }),
  });
  keepCookies(jar, response.headers.getSetCookie());

  return response;
}

/**
 * Stores cookies by name. Paths and expiry dates are not tracked: one
 * sign-in is short, and oidc-provider's cookie names do not collide.
 */
function keepCookies(jar: CookieJar, setCookies: string[]): void {
  for (const header of setCookies) {
    const [pair = '', ...attributes] = header.split(';');
    const separator = pair.indexOf('=');
    const name = pair.slice(0, separator).trim();
    const value = pair.slice(separator + 1).trim();
    const expired = attributes.some((each) => isPastExpiry(each));

    if (value === '' || expired) jar.delete(name);
    else jar.set(name, value);
  }
}

function isPastExpiry(attribute: string): boolean {
  const [name = '', date = ''] = attribute.split('=');
  if (name.trim().toLowerCase() !== 'expires') return false;

  return Date.parse(date) <= Date.now();
}

function loginFormStep(
  page: string,
  pageUrl: URL,
  email: string,
  password: string,
): Step {
  const action = /<form[^>]*\baction="([^"]+)"/i.exec(page)?.[1];
  if (action === undefined) {
    throw new Error(`the issuer page at ${pageUrl.pathname} has no login form`);
  }

  const url = new URL(decodeEntities(action), pageUrl);
  return { url, form: new URLSearchParams({ email, password }) };
}

/** The error shown on the page, or its status when there is none. */
function pageMessage(page: string, status: number): string {
  const alert = /<[^>]*role="alert"[^>]*>([^<]*)</i.exec(page)?.[1];

  return alert === undefined ? `HTTP ${status}` : decodeEntities(alert);
}

function decodeEntities(text: string): string {
  return text
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&');
}
