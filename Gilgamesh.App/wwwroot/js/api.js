// Fetch wrapper for /api/v1. Every failure becomes an ApiError shaped like the
// backend's RFC 7807 problem JSON ({type,title,status,detail,code}), so the UI
// has exactly one error shape to show whatever went wrong.

// Relative to the document, not the host root, so a reverse-proxy sub-path keeps working.
const BASE = 'api/v1/';

export class ApiError extends Error {
  constructor({ status = 0, title = 'Request failed', detail = '', code = null, type = null } = {}) {
    super(detail ? `${title}: ${detail}` : title);
    this.name = 'ApiError';
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.code = code;
    this.type = type;
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

async function request(method, path, { query, body, signal } = {}) {
  const headers = { Accept: 'application/json, application/problem+json' };
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
  return new ApiError({
    status: isProblem && Number.isInteger(problem.status) ? problem.status : response.status,
    title: (isProblem && problem.title) || `HTTP ${response.status} ${response.statusText}`.trim(),
    detail: (isProblem && problem.detail) || '',
    code: (isProblem && problem.code) || null,
    type: (isProblem && problem.type) || null,
  });
}

export const api = {
  get: (path, options) => request('GET', path, options),
  post: (path, options) => request('POST', path, options),
};
