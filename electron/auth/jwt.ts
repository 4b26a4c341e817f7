// Reads the payload of a JWT without verifying it. Codex trusts auth.json as
// local state and does the same; a token that isn't three dot-separated
// parts with a base64url JSON payload makes the whole file unusable.

/** The payload of a JWT, or a reason it can't be read. */
export type JwtPayloadResult =
  | { ok: true; payload: Record<string, unknown> }
  | { ok: false; reason: string };

/** Decodes the middle part of `token`. */
export function decodeJwtPayload(token: string): JwtPayloadResult {
  const parts = token.split('.');

  if (parts.length !== 3) {
    return { ok: false, reason: 'is not a JWT (three dot-separated parts)' };
  }

  try {
    const json = Buffer.from(parts[1] ?? '', 'base64url').toString('utf8');
    const payload: unknown = JSON.parse(json);
    if (!isRecord(payload)) {
      return { ok: false, reason: 'has a payload that is not a JSON object' };
    }
    return { ok: true, payload };
  } catch {
    return { ok: false, reason: 'has a payload that is not base64url JSON' };
  }
}

/** Whether a value is a plain JSON object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
