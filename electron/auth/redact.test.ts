import { describe, expect, it } from 'vitest';

import { unsignedJwt } from '../../e2e/support/auth-fixtures';
import { describeForLog, redact } from './redact';

describe('redact', () => {
  it('hides OAuth parameters in a URL and keeps the rest', () => {
    const url =
      'http://localhost:1455/auth/callback?code=abc123&state=xyz&iss=http%3A%2F%2F127.0.0.1';

    expect(redact(url)).toBe(
      'http://localhost:1455/auth/callback?code=[redacted]&state=[redacted]&iss=http%3A%2F%2F127.0.0.1',
    );
  });

  it('hides JWTs, API keys, refresh tokens and bearer headers anywhere', () => {
    const jwt = unsignedJwt({ sub: 'user-1' });
    const text = `token ${jwt} key sk-proj-ABCDEFGH12345 rt_ws-1_user-1_7 Bearer abc.def`;

    expect(redact(text)).toBe(
      'token [redacted-jwt] key [redacted-key] [redacted-token] Bearer [redacted]',
    );
  });

  it('hides secret fields of JSON bodies', () => {
    const body =
      '{"refresh_token":"opaque-value","client_id":"app_1","code_verifier":"v"}';

    expect(redact(body)).toBe(
      '{"refresh_token":"[redacted]","client_id":"app_1","code_verifier":"[redacted]"}',
    );
  });

  it('describes an error chain without the secrets in it', () => {
    const error = new Error('exchange failed', {
      cause: new Error('POST /oauth/token?code=secret-code refused'),
    });

    expect(describeForLog(error)).toBe(
      'Error: exchange failed <- Error: POST /oauth/token?code=[redacted] refused',
    );
  });
});
