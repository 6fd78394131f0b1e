'use strict';
// Compare: pick two cataloged images; every fingerprint's score, the verdict and why, and the pair side by side.
(() => {
  const { el, get, thumbnail, preview, size, date, toast } = Lookalike;
  let root = null;
  const chosen = { a: null, b: null };

  async function show(section, params) {
    root = section;
    for (const side of ['a', 'b']) if (params.get(side)) chosen[side] = await get(`/api/images/${Number(params.get(side))}`);
    root.replaceChildren(
      el('div', { class: 'compare-pickers' }, picker('a'), picker('b')),
      el('div', { id: 'compare-result' }));
    if (chosen.a && chosen.b) compare();
  }

  function picker(side) {
    const list = el('div', { class: 'picker-list' });
    const input = el('input', { type: 'search', placeholder: 'Find an image by name…', id: `pick-${side}` });
    const current = el('div', { class: 'picked' }, chosen[side]
      ? [el('img', { src: thumbnail(chosen[side].id), alt: chosen[side].name }), el('div', {}, chosen[side].name)]
      : el('p', { class: 'empty' }, `Choose image ${side.toUpperCase()}`));
    async function find() {
      const { images } = await get(`/api/images?q=${encodeURIComponent(input.value)}&limit=24`);
      list.replaceChildren(...images.map(image => el('img', { src: thumbnail(image.id), alt: image.name, title: image.name, class: 'pick',
        onclick: () => { chosen[side] = image; location.hash = `compare?a=${chosen.a?.id ?? ''}&b=${chosen.b?.id ?? ''}`; } })));
    }
    input.addEventListener('input', () => find().catch(e => toast(e.message, 'error')));
    find().catch(e => toast(e.message, 'error'));
    return el('div', { class: 'picker' }, el('h3', {}, `Image ${side.toUpperCase()}`), current, input, list);
  }

  async function compare() {
    const data = await get(`/api/compare/${chosen.a.id}/${chosen.b.id}`);
    const r = data.result;
    const rows = r.hashes.map(h => el('tr', { class: h.match ? 'match' : '' },
      el('td', {}, h.fingerprint), el('td', { class: 'num' }, `${h.distance}/64`), el('td', { class: 'num' }, `≤ ${h.maxDistance}`), el('td', {}, h.match ? 'match' : 'no')));
    if (r.embedding) rows.push(el('tr', { class: r.embedding.verdict === 'match' ? 'match' : '' },
      el('td', {}, `cosine, ${r.embedding.model}`), el('td', { class: 'num' }, r.embedding.cosine.toFixed(4)),
      el('td', { class: 'num' }, `≥ ${r.embedding.match} (< ${r.embedding.different} different)`), el('td', {}, r.embedding.verdict)));
    const caption = image => el('figcaption', {}, el('b', {}, image.name), ` ${image.width}×${image.height} · ${size(image.size)} · ${image.format} · ${date(image.date)}`);
    root.querySelector('#compare-result').replaceChildren(
      el('div', { class: `verdict verdict-${r.verdict.startsWith('near') ? 'dup' : 'different'}` }, el('b', {}, `Verdict: ${r.verdict}`), el('p', {}, r.explanation)),
      el('table', { class: 'scores' }, el('thead', {}, el('tr', {}, el('th', {}, 'Fingerprint'), el('th', {}, 'Value'), el('th', {}, 'Duplicate at'), el('th', {}, 'Says'))), el('tbody', {}, rows)),
      el('div', { class: 'pair-row' },
        el('figure', {}, el('img', { src: preview(data.a.id), alt: data.a.name }), caption(data.a)),
        el('figure', {}, el('img', { src: preview(data.b.id), alt: data.b.name }), caption(data.b)),
        el('figure', {}, el('img', { src: `/api/difference/${data.a.id}/${data.b.id}`, alt: 'difference' }), el('figcaption', {}, 'Difference, aligned'))));
  }

  Lookalike.register('compare', { show: (section, params) => show(section, params).catch(e => toast(e.message, 'error')) });
})();
