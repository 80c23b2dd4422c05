// Live job updates: a WebSocket per job, falling back to polling GET /jobs/{id}
// every second if the socket cannot open or drops before the job finishes.
// Callers get the same callbacks either way and never need to know which is in use.
// The socket carries the session cookie by itself (same origin). A refused upgrade (401) just closes
// it; the poll that follows then meets the 401 and api.js routes to #/sign-in.
import { api, apiUrl, isAbort } from './api.js';
import { parseTime } from './format.js';

const TERMINAL = new Set(['succeeded', 'failed', 'cancelled']);
const POLL_MS = 1000;

export const isTerminal = (status) => TERMINAL.has(status);
export const isActive = (status) => status === 'pending' || status === 'queued' || status === 'running';

/**
 * Merges a partial job (a WebSocket progress payload or a fresh GET) into a job object.
 * Older snapshots are ignored: a list refresh that started before a live message
 * arrived must not move a bar backwards. Returns true when anything was applied.
 */
export function mergeJob(job, patch) {
  if (!patch) return false;
  const current = parseTime(job.updatedAt);
  const incoming = parseTime(patch.updatedAt);
  if (current !== null && incoming !== null && incoming < current) return false;
  for (const [key, value] of Object.entries(patch)) {
    if (key !== 'logs' && value !== undefined) job[key] = value;
  }
  return true;
}

function socketUrl(id) {
  const url = apiUrl(`jobs/${encodeURIComponent(id)}/ws`);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url;
}

/**
 * Subscribes to one job.
 *  onProgress(patch) - status/stage/percent/eta/error fields (full job when polling)
 *  onLog(log)        - one log line; may repeat lines already seen, callers dedupe
 *  onEnd()           - the job reached a terminal status and updates stopped
 *  onMode(mode)      - 'ws' | 'poll' | 'off', for display and tests
 *  onError(error)    - a poll failed (polling keeps going; 404 stops it)
 *  onStep(patch)     - a pipeline's step changed (its own id; the socket of a pipeline carries its steps' events)
 *  onStepLog(id, log) - a log line of one of the pipeline's steps
 * Returns { close() }; always call it when the view goes away.
 */
export function subscribe(id, { onProgress, onLog, onEnd, onMode, onError, onStep, onStepLog } = {}) {
  let closed = false;
  let sawTerminal = false;
  let socket = null;
  let timer = null;
  let logsSeen = 0;
  const aborter = new AbortController();

  const setMode = (mode) => onMode?.(mode);

  function end() {
    if (closed) return;
    stop();
    onEnd?.();
  }

  function stop() {
    closed = true;
    clearTimeout(timer);
    aborter.abort();
    if (socket) {
      socket.onclose = null;
      socket.close(1000);
      socket = null;
    }
    setMode('off');
  }

  function progress(patch) {
    onProgress?.(patch);
    if (isTerminal(patch.status)) sawTerminal = true;
  }

  function openSocket() {
    if (typeof WebSocket !== 'function') return startPolling();
    try {
      socket = new WebSocket(socketUrl(id));
    } catch {
      return startPolling();
    }
    socket.onopen = () => setMode('ws');
    socket.onmessage = (event) => {
      let message;
      try { message = JSON.parse(event.data); } catch { return; }
      if (message?.type === 'progress' && message.job) {
        if (message.job.id && message.job.id !== id) onStep?.(message.job);
        else progress(message.job);
      } else if (message?.type === 'log' && message.log) {
        if (message.jobId && message.jobId !== id) onStepLog?.(message.jobId, message.log);
        else onLog?.(message.log);
      }
    };
    // 'error' is always followed by 'close', so both failure to open and a
    // mid-job drop are handled here. The server closes after a terminal status;
    // we keep the socket until then so trailing log lines still arrive.
    socket.onclose = () => {
      socket = null;
      if (closed) return;
      if (sawTerminal) end();
      else startPolling();
    };
  }

  function startPolling() {
    setMode('poll');
    poll();
  }

  async function poll() {
    if (closed) return;
    try {
      const job = await api.get(`jobs/${encodeURIComponent(id)}`, { signal: aborter.signal });
      const logs = Array.isArray(job.logs) ? job.logs : [];
      for (const log of logs.slice(logsSeen)) onLog?.(log);
      logsSeen = logs.length;
      for (const step of Array.isArray(job.steps) ? job.steps : []) onStep?.(step);
      progress(job);
      if (sawTerminal) return end();
    } catch (error) {
      if (isAbort(error) || closed) return;
      // Signed out (the socket's close and this 401 alike): api.js already sends the user to #/sign-in.
      if (error.status === 401) return stop();
      onError?.(error);
      if (error.status === 404) return end(); // the job is gone; polling cannot recover
    }
    timer = setTimeout(poll, POLL_MS);
  }

  openSocket();
  return { close: stop };
}
