// Fetch wrapper for /api/v1. Every failure becomes an ApiError shaped like the
// backend's RFC 7807 problem JSON ({type,title,status,detail,code}), so the UI
// has exactly one error shape to show whatever went wrong.
// Changes (non-GET) carry the antiforgery header the session cookie requires; a 401 anywhere
// (except sign-in itself) hands over to the app's "not signed in" handler.

// Relative to the document, not the host root, so a reverse-proxy sub-path keeps working.
const BASE = 'api/v1/';

export class ApiError extends Error {
  constructor({ status = 0, title = 'Request failed', detail = '', code = null, type = null, retryAfter = null } = {}) {
    super(detail ? `${title}: ${detail}` : title);
    this.name = 'ApiError';
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.code = code;
    this.type = type;
    this.retryAfter = retryAfter;
  }
}

export function isAbort(error) {
  return error?.name === 'AbortError';
}

export function apiUrl(path, query) {
  const url = new URL(BASE + path.replace(/^\/+/, ''), document.baseURI);
  for (const [key, value] of Object.entries(query ?? {})) {
    // Empty filters are omitted rather than sent as "module=" so the server sees "no filter".
    if (value !== '' && value !== null && value !== undefined) url.searchParams.set(key, value);
  }
  return url;
}

// ---- antiforgery ----------------------------------------------------------
// The token is bound to who is signed in, so it is dropped whenever that changes.
let csrf = null; // Promise<{ token, headerName }>

export function resetAntiforgery() {
  csrf = null;
}

function antiforgery() {
  csrf ??= send('GET', 'auth/antiforgery', {}).catch((error) => { csrf = null; throw error; });
  return csrf;
}

// ---- auth hooks (set by app.js) --------------------------------------------
let onUnauthorized = () => {};

export function setUnauthorizedHandler(handler) {
  onUnauthorized = handler;
}

async function request(method, path, options = {}) {
  const isChange = method !== 'GET';
  try {
    const headers = isChange ? await csrfHeader() : {};
    try {
      return await send(method, path, options, headers);
    } catch (error) {
      // Token expired or the session changed under us: fetch a fresh one and retry once.
      if (!isChange || error.code !== 'auth.antiforgery_invalid') throw error;
      resetAntiforgery();
      return await send(method, path, options, await csrfHeader());
    }
  } catch (error) {
    if (error.status === 401 && !options.noAuthRedirect) onUnauthorized(error);
    throw error;
  }
}

/** Headers a change made outside api.* (e.g. an XHR upload with progress) must carry. */
export async function changeHeaders() {
  return csrfHeader();
}

async function csrfHeader() {
  const { token, headerName } = await antiforgery();
  return { [headerName || 'X-CSRF-TOKEN']: token };
}

async function send(method, path, { query, body, signal } = {}, extraHeaders = {}) {
  const headers = { Accept: 'application/json, application/problem+json', ...extraHeaders };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(apiUrl(path, query), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
      credentials: 'same-origin',
      cache: 'no-store', // job state changes every second; never show a cached snapshot
    });
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new ApiError({
      title: 'Cannot reach the Gilgamesh server',
      detail: 'The request did not get a response. Check that the server is running.',
      code: 'network.unreachable',
    });
  }

  const text = await response.text();
  let data = null;
  if (text) {
    try { data = JSON.parse(text); } catch { data = null; }
  }

  if (!response.ok) throw problemToError(response, data);
  if (text && data === null) {
    throw new ApiError({
      status: response.status,
      title: 'Unexpected response from the server',
      detail: `${method} ${path} did not return JSON.`,
      code: 'client.bad_response',
    });
  }
  return data;
}

function problemToError(response, problem) {
  const isProblem = problem && typeof problem === 'object' && !Array.isArray(problem);
  const status = isProblem && Number.isInteger(problem.status) ? problem.status : response.status;
  const retryAfter = Number.parseInt(response.headers.get('Retry-After'), 10);
  return new ApiError({
    status,
    // Every 403 reads the same way in a banner; the detail still says what exactly was refused.
    title: status === 403 ? 'Your role does not allow this'
      : (isProblem && problem.title) || `HTTP ${response.status} ${response.statusText}`.trim(),
    detail: (isProblem && problem.detail) || '',
    code: (isProblem && problem.code) || null,
    type: (isProblem && problem.type) || null,
    retryAfter: Number.isFinite(retryAfter) ? retryAfter : null,
  });
}

export const api = {
  get: (path, options) => request('GET', path, options),
  post: (path, options) => request('POST', path, options),
  patch: (path, options) => request('PATCH', path, options),
  delete: (path, options) => request('DELETE', path, options),
};
