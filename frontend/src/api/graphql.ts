import { csrfHeaders, sessionExpired } from '../auth/session';

/** A GraphQL error as the gateway reports it: message plus a stable code (BAD_DATE_RANGE, UNKNOWN_SKU, ...). */
export class ApiError extends Error {
  constructor(message: string, readonly code?: string) {
    super(message);
  }
}

/**
 * Posts a GraphQL document to the gateway with the session's anti-forgery token; throws ApiError with the first
 * error's message and code. A 401 means the session is over: the app shows the sign-in page.
 */
export async function gql<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', ...csrfHeaders() },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new ApiError('The gateway cannot be reached. Is it running?', 'NETWORK');
  }
  if (response.status === 401) sessionExpired();
  const body = (await response.json().catch(() => null)) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] } | null;
  if (body?.errors?.length) throw new ApiError(body.errors[0].message, body.errors[0].extensions?.code);
  if (!response.ok || !body?.data) throw new ApiError(`The gateway answered ${response.status}`, 'HTTP');
  return body.data;
}
