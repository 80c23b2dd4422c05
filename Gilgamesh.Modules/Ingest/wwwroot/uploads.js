// Uploads into the media library with progress. Small files go in one request
// (POST ingest/uploads, XHR for upload progress); large ones use a resumable session
// (create → PUT chunks → complete). A session is remembered per file in localStorage, so
// dropping the same file again after a dropped connection or a reload sends only the chunks
// the server does not have yet.
import { ApiError, api, apiUrl, changeHeaders } from '../../js/api.js';

export const CHUNKED_ABOVE_BYTES = 8 * 1024 * 1024;
const CHUNK_BYTES = 8 * 1024 * 1024;
const CHUNK_ATTEMPTS = 4;
const STORE_PREFIX = 'gilgamesh.upload.';

/**
 * Uploads one File; onProgress(fraction 0..1) as bytes go out. Resolves to {item, duplicate}.
 * signal aborts (the session stays, so a later call resumes it). sessionId resumes that session (a receiving
 * item's, picked again from its card), whatever the file's size; a file of another size is refused before sending.
 */
export async function uploadFile(file, onProgress, signal, { sessionId } = {}) {
  if (sessionId) return uploadChunked(file, onProgress, signal, sessionId);
  if (file.size > CHUNKED_ABOVE_BYTES) return uploadChunked(file, onProgress, signal);
  return uploadWhole(file, onProgress, signal);
}

async function uploadWhole(file, onProgress, signal) {
  const headers = await changeHeaders();
  const url = apiUrl('ingest/uploads', { name: file.name });
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(e.loaded / e.total); };
    xhr.onload = () => {
      let data = null;
      try { data = JSON.parse(xhr.responseText); } catch { data = null; }
      if (xhr.status >= 200 && xhr.status < 300) { onProgress(1); resolve(data); } else reject(toError(xhr.status, data));
    };
    xhr.onerror = () => reject(new ApiError({ title: 'Upload failed', detail: 'The connection was lost.', code: 'network.unreachable' }));
    xhr.onabort = () => reject(new DOMException('Upload cancelled', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}

async function uploadChunked(file, onProgress, signal, sessionId) {
  const storeKey = `${STORE_PREFIX}${file.name}:${file.size}:${file.lastModified}`;
  let session = null;
  if (sessionId) {
    session = await api.get(`ingest/uploads/sessions/${encodeURIComponent(sessionId)}`, { signal });
    if (session.sizeBytes !== file.size) {
      throw new ApiError({
        title: 'Not the same file', code: 'upload.size_mismatch',
        detail: `This upload expects ${session.sizeBytes.toLocaleString()} bytes; ${file.name} has ${file.size.toLocaleString()}. Pick the file it started with.`,
      });
    }
    localStorage.setItem(storeKey, session.id);
  }
  const known = session ? null : localStorage.getItem(storeKey);
  if (known) {
    try {
      session = await api.get(`ingest/uploads/sessions/${known}`, { signal });
      if (session.status !== 'open' || session.sizeBytes !== file.size) session = null;
    } catch {
      session = null; // expired or cleaned up: start again
    }
  }
  if (!session) {
    session = await api.post('ingest/uploads/sessions', {
      body: { name: file.name, sizeBytes: file.size, chunkSizeBytes: CHUNK_BYTES }, signal,
    });
    localStorage.setItem(storeKey, session.id);
  }

  let sent = session.receivedBytes;
  onProgress(sent / file.size);
  for (const index of session.missingChunks) {
    const start = index * session.chunkSizeBytes;
    const blob = file.slice(start, Math.min(file.size, start + session.chunkSizeBytes));
    await putChunk(session.id, index, blob, (loaded) => onProgress((sent + loaded) / file.size), signal);
    sent += blob.size;
    onProgress(sent / file.size);
  }
  const result = await api.post(`ingest/uploads/sessions/${session.id}/complete`, { signal });
  localStorage.removeItem(storeKey);
  return result;
}

async function putChunk(sessionId, index, blob, onLoaded, signal) {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await sendChunk(sessionId, index, blob, onLoaded, signal);
    } catch (error) {
      // Only lost connections are worth another try; a refused chunk (4xx) will be refused again.
      if (error.name === 'AbortError' || attempt >= CHUNK_ATTEMPTS || (error.status && error.status < 500)) throw error;
      await new Promise((r) => setTimeout(r, 500 * 2 ** attempt));
    }
  }
}

async function sendChunk(sessionId, index, blob, onLoaded, signal) {
  const headers = await changeHeaders();
  const url = apiUrl(`ingest/uploads/sessions/${sessionId}/chunks/${index}`);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', url);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => onLoaded(e.loaded);
    xhr.onload = () => {
      let data = null;
      try { data = JSON.parse(xhr.responseText); } catch { data = null; }
      if (xhr.status >= 200 && xhr.status < 300) resolve(data); else reject(toError(xhr.status, data));
    };
    xhr.onerror = () => reject(new ApiError({ title: 'Upload interrupted', detail: 'The connection was lost.', code: 'network.unreachable' }));
    xhr.onabort = () => reject(new DOMException('Upload cancelled', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(blob);
  });
}

function toError(status, problem) {
  const isProblem = problem && typeof problem === 'object';
  return new ApiError({
    status,
    title: status === 403 ? 'Your role does not allow this' : (isProblem && problem.title) || `HTTP ${status}`,
    detail: (isProblem && problem.detail) || '',
    code: (isProblem && problem.code) || null,
  });
}
