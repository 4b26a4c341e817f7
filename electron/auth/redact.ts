// The one place that strips secrets from text before it is logged or shown:
// OAuth query parameters, JWTs, API keys and refresh tokens.

const SECRET_PARAMS = [
  'code',
  'state',
  'code_verifier',
  'code_challenge',
  'id_token',
  'access_token',
  'refresh_token',
  'subject_token',
  'token',
  'api_key',
  'client_secret',
  'password',
];

const PARAM_PATTERN = new RegExp(
  `([?&#](?:${SECRET_PARAMS.join('|')})=)[^&#\\s"']*`,
  'gi',
);
const JSON_FIELD_PATTERN = new RegExp(
  `("(?:${SECRET_PARAMS.join('|')}|OPENAI_API_KEY|authorization_code)"\\s*:\\s*")[^"]*`,
  'gi',
);
const JWT_PATTERN = /\beyJ[\w-]*\.[\w-]*\.[\w-]*/g;
const API_KEY_PATTERN = /\bsk-[\w-]{6,}/g;
const REFRESH_TOKEN_PATTERN = /\brt_[\w.-]{6,}/g;
const BEARER_PATTERN = /(Bearer\s+)[\w.~+/=-]+/gi;

/** Replaces every secret-looking part of `text` with `[redacted]`. */
export function redact(text: string): string {
  return text
    .replace(PARAM_PATTERN, '$1[redacted]')
    .replace(JSON_FIELD_PATTERN, '$1[redacted]')
    .replace(BEARER_PATTERN, '$1[redacted]')
    .replace(JWT_PATTERN, '[redacted-jwt]')
    .replace(API_KEY_PATTERN, '[redacted-key]')
    .replace(REFRESH_TOKEN_PATTERN, '[redacted-token]');
}

/** A redacted one-line description of an error and its causes. */
export function describeForLog(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;

  for (let depth = 0; current !== undefined && depth < 4; depth += 1) {
    if (current instanceof Error) {
      const code = (current as { code?: unknown }).code;
      parts.push(
        `${current.name}${typeof code === 'string' ? `[${code}]` : ''}: ${current.message}`,
      );
      current = current.cause;
    } else {
      parts.push(String(current));
      current = undefined;
    }
  }

  return redact(parts.join(' <- '));
}
