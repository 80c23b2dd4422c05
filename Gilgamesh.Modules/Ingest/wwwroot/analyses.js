// The analyses panel of a library item: editors run scenes, OCR, a transcript or all of them in one job (a live
// progress bar) and upload captions (SRT/VTT); everyone sees the results. Scenes default to the mixed mode (cuts,
// gradual transitions and slide changes in one pass); the select picks another. Keyframes are a strip of
// thumbnails with their times and OCR text, transcript segments a list; clicking either seeks the player. With a
// transcript the player gets a captions <track> and the current line is highlighted; SRT and VTT download.
// Without captions or a speech model the Transcribe button is off and the panel says how to get a model.
// Test hooks: #run-scenes, #run-ocr, #run-transcript, #run-all, #scene-mode, #analysis-progress .job-progress[data-state],
// #keyframes button.keyframe[data-time][data-cut], #transcript button.segment[data-start], li.current, #captions-input,
// #ocr-text, #transcript-unavailable[data-code], #captions-download-srt, #captions-download-vtt, #media-player track.
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
  const sceneMode = el('select', { id: 'scene-mode', class: 'scene-mode', 'aria-label': 'What scenes to look for' },
    el('option', { value: 'mixed', selected: true }, 'Cuts, fades and slide changes'),
    el('option', { value: 'content' }, 'Cuts and fades only (edited video)'),
    el('option', { value: 'slides' }, 'Slide changes only (screen recording)'));
  const transcribe = timed ? button('run-transcript', 'Transcribe', ['transcript']) : null;
  const unavailable = el('p', { id: 'transcript-unavailable', class: 'callout warning', hidden: true });
  let transcriptPossible = true;
  const allKinds = () => [
    ...(item.kind === 'video' ? ['scenes'] : []), ...(item.kind !== 'audio' ? ['ocr'] : []),
    ...(timed && transcriptPossible ? ['transcript'] : []),
  ];
  const actions = editor
    ? el('div', { class: 'actions analysis-actions' },
      item.kind === 'video' ? el('label', { class: 'scene-mode-label' }, 'Scenes: ', sceneMode) : null,
      item.kind === 'video' ? button('run-scenes', 'Find scenes', ['scenes']) : null,
      item.kind !== 'audio' ? button('run-ocr', 'Read text (OCR)', ['ocr']) : null,
      transcribe,
      el('button', { id: 'run-all', type: 'button', class: 'button primary', onclick: () => run(allKinds()) }, 'Run all'),
      timed ? el('label', { class: 'button captions-label' }, 'Upload captions (SRT/VTT)', captions) : null)
    : null;
  const downloads = el('p', { id: 'captions-downloads', class: 'actions', hidden: true },
    el('a', { id: 'captions-download-srt', class: 'button', href: apiUrl(`${path}/captions`, { format: 'srt' }), download: '' }, 'Download SRT'),
    el('a', { id: 'captions-download-vtt', class: 'button', href: apiUrl(`${path}/captions`, { format: 'vtt' }), download: '' }, 'Download VTT'));
  let currentSegments = [];

  // The player's captions track: the transcript as WebVTT, reloaded (new src) whenever the transcript changes.
  function attachTrack(hasTranscript) {
    if (!player || !timed) return;
    player.querySelector('track')?.remove();
    if (!hasTranscript) return;
    const track = el('track', { kind: 'captions', label: 'Transcript', default: true,
      src: apiUrl(`${path}/captions`, { format: 'vtt', v: String(Date.now()) }) });
    player.append(track);
    if (player.textTracks?.[0]) player.textTracks[0].mode = 'showing';
  }

  // The transcript line being spoken, marked as the player moves.
  function highlight() {
    const list = results.querySelector('#transcript');
    if (!list || !player) return;
    const t = player.currentTime;
    const index = currentSegments.findIndex((s) => s.start <= t && t < s.end);
    list.querySelectorAll('li.current').forEach((li) => { li.classList.remove('current'); li.removeAttribute('aria-current'); });
    const li = index >= 0 ? list.children[index] : null;
    if (li) {
      li.classList.add('current');
      li.setAttribute('aria-current', 'true');
      li.scrollIntoView?.({ block: 'nearest' });
    }
  }
  if (player && timed) {
    player.addEventListener('timeupdate', highlight);
    player.addEventListener('seeked', highlight);
  }

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
      const job = await api.post(`${path}/analyses`, { body: { analyses: kinds, scene_mode: sceneMode.value }, signal });
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
      if (transcribe) transcribe.disabled = !transcriptPossible;
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
    const why = analyses.transcript_unavailable;
    transcriptPossible = !why;
    if (transcribe) {
      transcribe.disabled = !transcriptPossible;
      transcribe.title = why ? why.detail : '';
    }
    unavailable.hidden = !why || !timed;
    unavailable.dataset.code = why?.code ?? '';
    setText(unavailable, why ? `No transcript possible yet (${why.code}): ${why.detail}` : '');
    const ocrByScene = new Map((analyses.ocr ?? []).filter((o) => o.scene != null).map((o) => [o.scene, o.text]));
    const scenes = analyses.scenes ?? [];
    const imageText = (analyses.ocr ?? []).find((o) => o.scene == null)?.text;
    const segments = analyses.transcript?.segments ?? [];
    currentSegments = segments;
    downloads.hidden = segments.length === 0;
    attachTrack(segments.length > 0);
    replace(results,
      scenes.length
        ? el('div', {}, el('h3', {}, `Scenes (${scenes.length})`),
          el('ol', { id: 'keyframes', class: 'keyframe-strip' }, scenes.map((scene) => el('li', {},
            el('button', { type: 'button', class: 'keyframe', 'data-time': scene.keyframe_time, 'data-scene': scene.index, 'data-cut': scene.cut ?? '',
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
  return el('section', { id: 'analyses', class: 'panel analyses' }, el('h2', {}, 'Analyses'), actions, unavailable, progress, failure, results, downloads);
}
