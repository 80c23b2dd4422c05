// The analyses panel of a library item: editors run scenes, OCR or a transcript (a job with a live
// progress bar) and upload captions (SRT/VTT); everyone sees the results. Keyframes are a strip of
// thumbnails with their times and OCR text, transcript segments a list; clicking either seeks the player.
// Test hooks: #run-scenes, #run-ocr, #run-transcript, #analysis-progress .job-progress[data-state],
// #keyframes button.keyframe[data-time], #transcript button.segment[data-start], #captions-input, #ocr-text.
import { ApiError, api, apiUrl, changeHeaders, isAbort } from '../../js/api.js';
import { el, replace, setText } from '../../js/dom.js';
import { duration } from '../../js/format.js';
import { can } from '../../js/session.js';
import { progressWidget, showError } from '../../js/ui.js';
import { followJob } from './job-follow.js';

export function analysesPanel(item, player, signal) {
  const path = `ingest/media/${encodeURIComponent(item.id)}`;
  const timed = item.kind === 'video' || item.kind === 'audio';
  const progress = progressWidget();
  progress.id = 'analysis-progress';
  progress.hidden = true;
  const failure = el('p', { id: 'analysis-error', class: 'callout error', hidden: true });
  const results = el('div', { id: 'analysis-results', class: 'analysis-results' });
  const buttons = [];
  const button = (id, label, kinds) => {
    const b = el('button', { id, type: 'button', class: 'button', onclick: () => run(kinds) }, label);
    buttons.push(b);
    return b;
  };
  const captions = el('input', {
    id: 'captions-input', type: 'file', accept: '.srt,.vtt,text/vtt,application/x-subrip', class: 'captions-input',
    onchange: () => { if (captions.files[0]) uploadCaptions(captions.files[0]); captions.value = ''; },
  });
  const editor = can('editor') && item.status === 'ready';
  const actions = editor
    ? el('div', { class: 'actions analysis-actions' },
      item.kind === 'video' ? button('run-scenes', 'Find scenes', ['scenes']) : null,
      item.kind !== 'audio' ? button('run-ocr', 'Read text (OCR)', ['ocr']) : null,
      timed ? button('run-transcript', 'Transcribe', ['transcript']) : null,
      timed ? el('label', { class: 'button captions-label' }, 'Upload captions (SRT/VTT)', captions) : null)
    : null;

  const seek = (time) => {
    if (!timed || !player) return;
    player.currentTime = time;
    player.focus();
  };

  async function load() {
    try {
      render(await api.get(`${path}/analyses`, { signal }));
    } catch (error) {
      if (!isAbort(error)) showError(error);
    }
  }

  async function run(kinds) {
    buttons.forEach((b) => { b.disabled = true; });
    failure.hidden = true;
    progress.hidden = false;
    try {
      const job = await api.post(`${path}/analyses`, { body: { analyses: kinds }, signal });
      const done = await followJob(job, progress, signal);
      if (done.status === 'succeeded') await load();
      else {
        setText(failure, `${done.errorCode ?? done.status}: ${done.errorMessage ?? 'the analysis did not finish'}`);
        failure.hidden = false;
      }
    } catch (error) {
      if (!isAbort(error)) showError(error);
    } finally {
      buttons.forEach((b) => { b.disabled = false; });
    }
  }

  async function uploadCaptions(file) {
    const format = file.name.toLowerCase().endsWith('.vtt') ? 'vtt' : 'srt';
    try {
      const response = await fetch(apiUrl(`${path}/captions`, { format }), {
        method: 'PUT', body: await file.text(), signal, credentials: 'same-origin',
        headers: { ...(await changeHeaders()), 'Content-Type': 'text/plain', Accept: 'application/json, application/problem+json' },
      });
      if (!response.ok) {
        const problem = await response.json().catch(() => ({}));
        throw new ApiError({ status: response.status, title: problem.title ?? `HTTP ${response.status}`, detail: problem.detail ?? '', code: problem.code ?? null });
      }
      await load();
    } catch (error) {
      if (!isAbort(error)) showError(error);
    }
  }

  function render(analyses) {
    const ocrByScene = new Map((analyses.ocr ?? []).filter((o) => o.scene != null).map((o) => [o.scene, o.text]));
    const scenes = analyses.scenes ?? [];
    const imageText = (analyses.ocr ?? []).find((o) => o.scene == null)?.text;
    const segments = analyses.transcript?.segments ?? [];
    replace(results,
      scenes.length
        ? el('div', {}, el('h3', {}, `Scenes (${scenes.length})`),
          el('ol', { id: 'keyframes', class: 'keyframe-strip' }, scenes.map((scene) => el('li', {},
            el('button', { type: 'button', class: 'keyframe', 'data-time': scene.keyframe_time, 'data-scene': scene.index,
              title: `Seek to ${duration(scene.keyframe_time)}`, onclick: () => seek(scene.keyframe_time) },
              scene.keyframe_url ? el('img', { src: scene.keyframe_url, alt: `Keyframe of scene ${scene.index + 1}`, loading: 'lazy' }) : null,
              el('span', { class: 'keyframe-time' }, duration(scene.keyframe_time))),
            ocrByScene.get(scene.index) ? el('p', { class: 'keyframe-ocr' }, ocrByScene.get(scene.index)) : null))))
        : null,
      imageText ? el('div', {}, el('h3', {}, 'Text'), el('pre', { id: 'ocr-text', class: 'code-block' }, imageText)) : null,
      segments.length
        ? el('div', {}, el('h3', {}, `Transcript${analyses.transcript.language ? ` (${analyses.transcript.language})` : ''}`),
          el('ol', { id: 'transcript', class: 'transcript' }, segments.map((s) => el('li', {},
            el('button', { type: 'button', class: 'segment', 'data-start': s.start, onclick: () => seek(s.start) },
              el('span', { class: 'segment-time' }, duration(s.start)), ' ', el('span', { class: 'segment-text' }, s.text))))))
        : null,
      !scenes.length && !imageText && !segments.length ? el('p', { class: 'muted', id: 'analysis-empty' }, 'No analyses yet.') : null);
  }

  load();
  return el('section', { id: 'analyses', class: 'panel analyses' }, el('h2', {}, 'Analyses'), actions, progress, failure, results);
}
