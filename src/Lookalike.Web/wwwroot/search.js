'use strict';
// Search: drop, paste or choose a picture, or type a text when the model has a text tower; results as a grid.
(() => {
  const { el, get, post, request, thumbnail, toast } = Lookalike;
  let root = null, filters = null, lastQuery = null;

  async function show(section, params) {
    root = section;
    if (!filters) filters = await get('/api/search/filters');
    const tag = el('select', { id: 'filter-tag' }, el('option', { value: '' }, 'any tag'), filters.tags.map(t => el('option', { value: t.tag }, `${t.tag} (${t.count})`)));
    const folder = el('select', { id: 'filter-folder' }, el('option', { value: '' }, 'any folder'), filters.folders.map(f => el('option', { value: f }, f)));
    const where = el('input', { id: 'filter-where', type: 'text', placeholder: 'key=value, ...', title: 'metadata from tag import (file,key,value)' });
    const file = el('input', { type: 'file', accept: 'image/*', id: 'search-file', onchange: () => file.files[0] && byImage(file.files[0]) });
    const drop = el('div', { class: 'dropzone', id: 'dropzone', tabindex: '0' },
      el('p', {}, 'Drop a picture here, paste one (Ctrl+V), or ', el('label', { class: 'link' }, 'choose a file', file)));
    drop.addEventListener('dragover', e => { e.preventDefault(); drop.classList.add('over'); });
    drop.addEventListener('dragleave', () => drop.classList.remove('over'));
    drop.addEventListener('drop', e => { e.preventDefault(); drop.classList.remove('over'); if (e.dataTransfer.files[0]) byImage(e.dataTransfer.files[0]); });
    const text = el('input', { type: 'search', id: 'search-text', placeholder: filters.text ? 'Describe what you look for…' : `Text search needs a model with a text tower (${filters.model || 'no model'} has none)`, disabled: !filters.text });
    const textForm = el('form', { class: 'text-search', onsubmit: e => { e.preventDefault(); byText(text.value); } }, text, el('button', { disabled: !filters.text }, 'Search'));
    root.replaceChildren(
      el('div', { class: 'search-head' }, drop, el('div', { class: 'search-side' }, textForm,
        el('div', { class: 'filters' }, 'Filter: ', tag, folder, where, el('button', { onclick: rerun }, 'Apply')),
        el('div', { id: 'query-info', class: 'query-info' }))),
      el('div', { id: 'results', class: 'grid' }));
    if (params.get('like')) like(Number(params.get('like')));
  }

  function filterQuery() {
    const q = new URLSearchParams();
    const tag = root.querySelector('#filter-tag').value, folder = root.querySelector('#filter-folder').value;
    if (tag) q.set('tag', tag);
    if (folder) q.set('folder', folder);
    const where = root.querySelector('#filter-where').value.trim();
    if (where) q.set('where', where);
    return q;
  }

  async function byImage(blob) {
    lastQuery = { kind: 'image', blob };
    const form = new FormData();
    form.append('image', blob, blob.name || 'pasted.png');
    info(el('span', {}, `Pictures like ${blob.name || 'the pasted picture'}`, el('img', { class: 'query-thumb', src: URL.createObjectURL(blob), alt: 'query' })));
    await run(() => request('POST', `/api/search/image?${filterQuery()}`, form));
  }

  async function byText(text) {
    if (!text.trim()) return;
    lastQuery = { kind: 'text', text };
    info(el('span', {}, `Pictures matching “${text}”`));
    const q = filterQuery();
    await run(() => post('/api/search/text', { text, tag: q.get('tag'), folder: q.get('folder'), where: q.get('where') }));
  }

  async function like(id) {
    lastQuery = { kind: 'like', id };
    info(el('span', {}, 'More like ', el('img', { class: 'query-thumb', src: thumbnail(id), alt: `image ${id}` })));
    await run(() => get(`/api/search/like/${id}?${filterQuery()}`));
  }

  function rerun() {
    if (!lastQuery) return;
    if (lastQuery.kind === 'image') byImage(lastQuery.blob);
    else if (lastQuery.kind === 'text') byText(lastQuery.text);
    else like(lastQuery.id);
  }

  const info = node => root.querySelector('#query-info').replaceChildren(node);

  async function run(search) {
    const grid = root.querySelector('#results');
    grid.replaceChildren(el('p', { class: 'empty' }, 'Searching…'));
    try {
      const { results } = await search();
      grid.replaceChildren(...(results.length ? results.map(result) : [el('p', { class: 'empty' }, 'No results.')]));
    } catch (error) {
      grid.replaceChildren(el('p', { class: 'empty error' }, error.message));
      toast(error.message, 'error');
    }
  }

  const result = hit => el('figure', { class: 'result' },
    el('img', { src: thumbnail(hit.image.id), alt: hit.image.name, loading: 'lazy', width: '180', height: '180' }),
    el('figcaption', {},
      el('div', { class: 'score' }, hit.score.toFixed(3)),
      el('div', { class: 'name', title: `${hit.image.folder}/${hit.image.name}` }, hit.image.name),
      hit.tags.length ? el('div', { class: 'tags' }, hit.tags.join(', ')) : null,
      el('button', { class: 'small more-like', onclick: () => { location.hash = `search?like=${hit.image.id}`; } }, 'More like this')));

  document.addEventListener('paste', event => {
    if (!root || root.classList.contains('hidden')) return;
    const item = [...(event.clipboardData?.items || [])].find(i => i.type.startsWith('image/'));
    if (item) byImage(item.getAsFile());
  });

  Lookalike.register('search', { show: (section, params) => show(section, params).catch(e => toast(e.message, 'error')) });
})();
