// Start highlights (#/highlights?media={id}): pick a ready video or audio item of the library (preselected when the
// library item's page links here), the clip count or total length, aspect, subtitles and analyzer, then POST and go to
// the run's page. Test hooks: #highlights-media, #highlights-start, #highlights-form.
import { api, isAbort } from '../../js/api.js';
import { el } from '../../js/dom.js';
import { field, setFormMessage } from '../../js/ui.js';

export function mount(root) {
  const aborter = new AbortController();
  document.title = 'Highlights · Gilgamesh';
  const wanted = new URLSearchParams(location.hash.split('?')[1] ?? '').get('media');
  const media = el('select', { id: 'highlights-media', required: true });
  const count = el('input', { id: 'highlights-count', type: 'number', min: 1, max: 50, value: 3 });
  const min = el('input', { id: 'highlights-min', type: 'number', min: 3, max: 600, value: 20 });
  const max = el('input', { id: 'highlights-max', type: 'number', min: 3, max: 600, value: 90 });
  const aspect = el('select', { id: 'highlights-aspect' }, ...['9:16', '16:9', '1:1'].map((a) => el('option', { value: a }, a)));
  const subtitles = el('select', { id: 'highlights-subtitles' }, ...['burned', 'soft', 'none'].map((s) => el('option', { value: s }, s)));
  const analyzer = el('select', { id: 'highlights-analyzer' }, el('option', { value: 'local' }, 'local (explainable)'), el('option', { value: 'llm' }, 'LLM (falls back to local)'));
  const message = el('p', { class: 'form-message', hidden: true });
  const submit = el('button', { id: 'highlights-start', type: 'submit', class: 'button primary' }, 'Make highlights');
  const form = el('form', { id: 'highlights-form', class: 'panel form-panel', onsubmit: send },
    field('Lecture', media), field('Clips', count), field('Shortest clip (s)', min), field('Longest clip (s)', max),
    field('Aspect', aspect), field('Subtitles', subtitles), field('Analyzer', analyzer), message, el('div', { class: 'actions' }, submit));
  root.append(el('header', { class: 'page-header' }, el('h1', {}, 'Highlights')),
    el('p', { class: 'muted' }, 'Chapters and ranked clips cut only in pauses, rendered from the lecture\'s layout with subtitles.'), form);

  api.get('ingest/items', { query: { status: 'ready', limit: 100 }, signal: aborter.signal })
    .then((page) => {
      const items = page.items.filter((i) => i.kind === 'video' || i.kind === 'audio');
      media.append(...items.map((i) => el('option', { value: i.id, selected: i.id === wanted }, i.name)));
      if (items.length === 0) setFormMessage(message, 'No ready video or audio in the library yet: upload a lecture first.');
    })
    .catch((error) => { if (!isAbort(error)) setFormMessage(message, error.detail || error.message); });

  async function send(event) {
    event.preventDefault();
    submit.disabled = true;
    try {
      const created = await api.post('highlights', {
        body: {
          mediaId: media.value, clipCount: Number(count.value), minSeconds: Number(min.value), maxSeconds: Number(max.value),
          aspect: aspect.value, subtitles: subtitles.value, analyzer: analyzer.value,
        },
      });
      location.hash = `#/highlights/${created.id}`;
    } catch (error) {
      setFormMessage(message, error.detail || error.message);
      submit.disabled = false;
    }
  }

  return () => aborter.abort();
}
