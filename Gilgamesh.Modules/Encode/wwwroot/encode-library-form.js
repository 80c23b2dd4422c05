// The create-library form (administrators): folders under the configured roots (shown as the hint), patterns,
// action on success, schedule window and the profile. The server validates; its problem detail shows inline.
import { api, isAbort } from '../../js/api.js';
import { el, setText } from '../../js/dom.js';
import { field, setFormMessage } from '../../js/ui.js';

const CODECS = ['hevc', 'h264', 'av1'];
const ENCODERS = [['auto', 'auto (NVENC when it works here, else CPU)'], ['cpu', 'CPU only'], ['nvenc', 'NVENC (falls back to CPU)']];
const SPEEDS = ['', 'ultrafast', 'superfast', 'veryfast', 'faster', 'fast', 'medium', 'slow', 'slower', 'veryslow'];
const ACTIONS = [['replace-and-archive', 'Replace, archive the original'], ['keep-both', 'Keep both'], ['write-elsewhere', 'Write elsewhere']];

const options = (pairs) => pairs.map((p) => (Array.isArray(p) ? el('option', { value: p[0] }, p[1]) : el('option', { value: p }, p || 'preset default')));
const list = (text) => text.split(/[\n,]/).map((s) => s.trim()).filter(Boolean);
const numberOrNull = (input) => (input.value.trim() === '' ? null : Number(input.value));

export function libraryForm(signal, status, onCreated) {
  const name = el('input', { id: 'encode-name', required: true, maxlength: 100, autocomplete: 'off' });
  const folders = el('textarea', { id: 'encode-folders', required: true, rows: 2, spellcheck: 'false', class: 'mono' });
  const include = el('input', { id: 'encode-include', placeholder: '*.mkv, *.mp4', spellcheck: 'false' });
  const exclude = el('input', { id: 'encode-exclude', placeholder: '*.part', spellcheck: 'false' });
  const action = el('select', { id: 'encode-action' }, options(ACTIONS));
  const archive = el('input', { id: 'encode-archive', placeholder: '<first folder>/.gilgamesh-archive', spellcheck: 'false' });
  const output = el('input', { id: 'encode-output', spellcheck: 'false' });
  const windowStart = el('input', { id: 'encode-window-start', type: 'time' });
  const windowEnd = el('input', { id: 'encode-window-end', type: 'time' });
  const codec = el('select', { id: 'encode-codec' }, options(CODECS));
  const encoder = el('select', { id: 'encode-encoder' }, options(ENCODERS));
  const quality = el('input', { id: 'encode-quality', type: 'number', min: 0, max: 63, value: 26 });
  const speed = el('select', { id: 'encode-speed' }, options(SPEEDS));
  const maxHeight = el('input', { id: 'encode-max-height', type: 'number', min: 1, placeholder: 'keep' });
  const maxBitrate = el('input', { id: 'encode-max-bitrate', type: 'number', min: 1, placeholder: 'none' });
  const bitDepth = el('select', { id: 'encode-bit-depth' }, options([['8', '8-bit'], ['10', '10-bit']]));
  const languages = el('input', { id: 'encode-languages', placeholder: 'all, or e.g. eng, deu', spellcheck: 'false' });
  const minSsim = el('input', { id: 'encode-min-ssim', type: 'number', min: 0, max: 1, step: 0.001, value: 0.95 });
  const allowLarger = el('input', { id: 'encode-allow-larger', type: 'checkbox' });
  const create = el('button', { id: 'encode-create', type: 'submit', class: 'button primary' }, 'Create library');
  const message = el('p', { id: 'encode-library-message', class: 'form-message', hidden: true });
  const roots = el('span', { id: 'encode-roots' }, '…');
  status().then((s) => setText(roots, s?.roots?.join(', ') ?? 'the configured roots'));

  async function submit(event) {
    event.preventDefault();
    setFormMessage(message, '');
    create.disabled = true;
    try {
      const created = await api.post('encode/libraries', {
        signal,
        body: {
          name: name.value.trim(), folders: list(folders.value), include: list(include.value), exclude: list(exclude.value),
          action: action.value, archiveFolder: archive.value.trim() || null, outputFolder: output.value.trim() || null,
          windowStart: windowStart.value || null, windowEnd: windowEnd.value || null,
          profile: {
            codec: codec.value, encoder: encoder.value, quality: Number(quality.value), speed: speed.value || null,
            maxHeight: numberOrNull(maxHeight), maxBitrateKbps: numberOrNull(maxBitrate), bitDepth: Number(bitDepth.value),
            audio: { keepLanguages: list(languages.value) },
            thresholds: { minSsim: Number(minSsim.value), allowLarger: allowLarger.checked },
          },
        },
      });
      setFormMessage(message, `Created ${created.name}.`, 'ok');
      onCreated(created);
    } catch (error) {
      if (!isAbort(error)) {
        setFormMessage(message, [error.detail || error.title, error.code].filter(Boolean).join(' — '));
        message.dataset.code = error.code ?? '';
      }
    } finally {
      create.disabled = false;
    }
  }

  return el('section', { class: 'panel form-panel', 'aria-labelledby': 'encode-new-title' },
    el('h2', { id: 'encode-new-title' }, 'New library'),
    el('form', { id: 'encode-library-form', class: 'inline-form', onsubmit: submit },
      field('Name', name), field('Folders, one per line', folders, el('span', {}, 'Under ', roots, '; symlinks out of a root are refused.')),
      field('Include', include), field('Exclude', exclude), field('On success', action), field('Archive folder', archive),
      field('Output folder (write elsewhere)', output), field('Window from', windowStart), field('Window to', windowEnd),
      field('Codec', codec), field('Encoder', encoder), field('Quality (CRF/CQ)', quality), field('Speed', speed),
      field('Max height', maxHeight), field('Max bit rate (kb/s)', maxBitrate), field('Bit depth', bitDepth),
      field('Keep audio languages', languages), field('Min SSIM', minSsim),
      el('label', { class: 'check' }, allowLarger, ' Allow an output larger than the original'),
      el('div', { class: 'actions' }, create)),
    message);
}
