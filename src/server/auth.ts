import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { HttpError, requestError } from './errors';

/**
 * A check of `Authorization: Bearer <token>` against the server's token. Throws HttpError 401
 * (with a WWW-Authenticate challenge, RFC 6750) when the header is missing or the token differs.
 * Both sides are hashed first, so the comparison takes the same time whatever the token's length.
 */
export function bearerAuth(token: string): (request: FastifyRequest) => void {
  if (token === '') throw new Error('the bearer token is empty');
  const expected = digest(token);
  return (request) => {
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer[ ]+([^\s]+)[ ]*$/i.exec(header) : null;
    if (match && timingSafeEqual(digest(match[1]), expected)) return;
    const challenge = header === undefined ? 'Bearer realm="dfft"' : 'Bearer realm="dfft", error="invalid_token"';
    throw new HttpError(
      401,
      [requestError('request/unauthorized', header === undefined ? 'missing bearer token' : 'the bearer token is not valid', undefined, 'send Authorization: Bearer <the token in the server\'s DFFT_TOKEN>')],
      undefined,
      { 'www-authenticate': challenge },
    );
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
