'use strict';
// Review duplicates: a page of groups at a time, each a row of thumbnails with the suggested keeper marked.
(() => {
  const { el, get, post, size, date, thumbnail, toast } = Lookalike;
  const pageSize = 25;
  const state = { offset: 0, selected: 0, data: null, root: null, busy: false };

  async function load() {
    const data = await get(`/api/review?offset=${state.offset}&limit=${pageSize}`);
    if (data.groups.length === 0 && state.offset > 0 && data.total > 0) {
      state.offset = Math.max(0, Math.floor((data.total - 1) / pageSize) * pageSize);
      return load();
    }
    state.data = data;
    state.selected = Math.min(state.selected, Math.max(0, data.groups.length - 1));
    render();
  }

  function render() {
    const { data } = state;
    const levels = Object.entries(data.levels).map(([level, count]) => `${count} ${level}`).join(', ');
    const bulkScore = el('input', { type: 'number', min: '0', max: '1', step: '0.01', value: '0.95', id: 'bulk-score', title: 'Lowest group score' });
    const bulkLevel = el('select', { id: 'bulk-level' }, el('option', { value: '' }, 'any level'),
      ['exact', 'same-pixels', 'copy', 'similar'].map(l => el('option', { value: l }, l)));
    const toolbar = el('div', { class: 'toolbar' },
      el('span', { class: 'summary' }, `${data.total} groups${levels ? ` (${levels})` : ''} among ${data.images} images`),
      el('span', { class: 'bulk' }, 'Keep suggested in every group of ', bulkLevel, ' with score ≥ ', bulkScore,
        el('button', { id: 'bulk-apply', onclick: () => bulk(Number(bulkScore.value), bulkLevel.value || null) }, 'Apply')),
      el('button', { id: 'undo', onclick: undo, title: 'Undo the latest action (u)' }, 'Undo'));
    const keys = el('div', { class: 'keys' }, 'Keys: j/k next/previous group · Enter keep suggested · 1–9 keep that file · n not duplicates · a keep all · u undo · Esc close');
    const list = el('div', { class: 'groups' }, data.groups.map((group, i) => renderGroup(group, i)));
    const pager = el('div', { class: 'pager' },
      el('button', { disabled: state.offset === 0, onclick: () => page(-1) }, '← Previous'),
      el('span', {}, data.total ? `Groups ${state.offset + 1}–${state.offset + data.groups.length} of ${data.total}` : ''),
      el('button', { disabled: state.offset + pageSize >= data.total, onclick: () => page(1) }, 'Next →'));
    const empty = data.total === 0 ? el('p', { class: 'empty' }, 'No duplicate groups. Index folders on the Index page, or everything is resolved.') : null;
    state.root.replaceChildren(...[toolbar, keys, empty, list, pager].filter(Boolean));
    select(state.selected, false);
    // For benchmarks: when the first page of groups was on screen (bench/Lookalike.Bench/ReviewPaintBenchmark.cs).
    if (!performance.getEntriesByName('lookalike-groups-rendered').length) performance.mark('lookalike-groups-rendered');
  }

  function renderGroup(group, index) {
    const number = state.offset + index + 1;
    const evidence = group.evidence.map(e => `${e.kind} ${e.min}${e.max > e.min ? `–${e.max}` : ''} (${e.links} link${e.links > 1 ? 's' : ''})`).join(', ');
    const keeper = group.files.find(f => f.keep).image;
    const files = group.files.map((file, i) => el('figure', { class: `file${file.keep ? ' keeper' : ''}` },
      el('img', { src: thumbnail(file.image.id), alt: file.image.name, loading: 'lazy', width: '180', height: '180',
        title: file.keep ? 'Suggested keeper' : 'Click to compare with the keeper',
        onclick: () => showPair(keeper, file.image) }),
      el('figcaption', {},
        el('div', { class: 'name', title: `${file.image.folder}/${file.image.name}` }, `${i + 1}. ${file.image.name}`),
        el('div', { class: 'folder' }, file.image.folder),
        el('div', {}, `${file.image.width}×${file.image.height} · ${size(file.image.size)} · ${file.image.format}`),
        el('div', {}, date(file.image.date)),
        file.keep ? el('div', { class: 'why keep' }, `KEEP: ${group.reason}`)
          : el('div', { class: 'why' }, file.whyNot),
        file.keep ? null : el('button', { class: 'small', onclick: () => keep(group, file.image.id) }, 'Keep this one'))));
    return el('article', { class: `group${group.keptAll ? ' decided' : ''}`, 'data-key': group.key, onclick: () => select(index, false) },
      el('header', {},
        el('span', { class: 'number' }, `#${number}`),
        el('span', { class: `level level-${group.level}` }, group.level),
        el('span', { class: 'score' }, `score ${group.score.toFixed(3)}`),
        el('span', { class: 'evidence' }, evidence),
        group.keptAll ? el('span', { class: 'badge' }, 'kept all') : null,
        el('span', { class: 'actions' },
          el('button', { class: 'primary', onclick: () => keep(group, null) }, 'Keep suggested'),
          el('button', { onclick: () => keepAll(group) }, 'Keep all'),
          el('button', { onclick: () => notDuplicates(group) }, 'Not duplicates'))),
      el('div', { class: 'files' }, files));
  }

  function select(index, scroll = true) {
    const groups = state.root.querySelectorAll('.group');
    if (groups.length === 0) return;
    state.selected = Math.max(0, Math.min(index, groups.length - 1));
    groups.forEach((g, i) => g.classList.toggle('selected', i === state.selected));
    if (scroll) groups[state.selected].scrollIntoView({ block: 'nearest', behavior: 'instant' });
  }

  async function act(action) {
    if (state.busy) return;
    state.busy = true;
    try {
      const outcome = await action();
      toast(outcome.message, outcome.skipped.length ? 'warn' : 'ok', outcome.skipped);
    } catch (error) {
      toast(error.message, 'error');
    } finally {
      state.busy = false;
      await load();
    }
  }

  const keep = (group, keeper) => act(() => post(`/api/review/${group.key}/keep`, { keeper }));
  const keepAll = group => act(() => post(`/api/review/${group.key}/keep-all`));
  const notDuplicates = group => act(() => post(`/api/review/${group.key}/not-duplicates`));
  const undo = () => act(() => post('/api/review/undo'));
  function bulk(minScore, level) {
    const count = state.data.total;
    if (!confirm(`Move the duplicates of every matching group (of ${count}) to the trash, keeping each suggested keeper? Undo can put them back.`)) return;
    act(() => post('/api/review/bulk', { minScore, level }));
  }

  function page(direction) {
    state.offset = Math.max(0, state.offset + direction * pageSize);
    state.selected = 0;
    load().then(() => window.scrollTo(0, 0));
  }

  document.addEventListener('keydown', event => {
    if (!state.root || state.root.classList.contains('hidden') || Lookalike.overlayOpen()) return;
    if (event.target.matches('input, select, textarea') || event.ctrlKey || event.metaKey || event.altKey) return;
    const group = state.data && state.data.groups[state.selected];
    switch (event.key) {
      case 'j': select(state.selected + 1); break;
      case 'k': select(state.selected - 1); break;
      case 'Enter': if (group) keep(group, null); break;
      case 'n': if (group) notDuplicates(group); break;
      case 'a': if (group) keepAll(group); break;
      case 'u': undo(); break;
      default:
        if (group && /^[1-9]$/.test(event.key) && group.files[Number(event.key) - 1]) keep(group, group.files[Number(event.key) - 1].image.id);
        else return;
    }
    event.preventDefault();
  });

  Lookalike.register('review', {
    show(root) {
      state.root = root;
      load().catch(error => toast(error.message, 'error'));
    },
    reload: () => state.root && load(),
  });
})();
