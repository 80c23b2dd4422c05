// Follows one job with a progress bar (live.js: WebSocket, else polling) and resolves with the
// finished job as GET /jobs/{id} answers it (result, errorCode, errorMessage).
// The widget is ui.js's progressWidget, so tests read .job-progress[data-state][data-percent].
import { api } from '../../js/api.js';
import { mergeJob, subscribe } from '../../js/live.js';
import { updateProgress } from '../../js/ui.js';

export function followJob(job, widget, signal) {
  const current = { ...job };
  updateProgress(widget, current);
  return new Promise((resolve, reject) => {
    const live = subscribe(job.id, {
      onProgress: (patch) => { if (mergeJob(current, patch)) updateProgress(widget, current); },
      onEnd: () => api.get(`jobs/${encodeURIComponent(job.id)}`, { signal })
        .then((done) => { updateProgress(widget, done); resolve(done); }, reject),
    });
    signal?.addEventListener('abort', () => live.close(), { once: true });
  });
}
