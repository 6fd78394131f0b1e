'use strict';
// Explore: the collection as a 2-D map (PCA), thumbnails on hover, clusters, and a similarity matrix for a chosen set.
(() => {
  const { el, get, thumbnail, toast } = Lookalike;
  const svgNs = 'http://www.w3.org/2000/svg';
  const colours = ['#4f7cff', '#ff9f43', '#2ecc71', '#e74c3c', '#9b59b6', '#1abc9c', '#f1c40f', '#e67e22', '#34495e', '#ff6bcb'];
  let root = null, selected = new Set();

  async function show(section) {
    root = section;
    selected = new Set();
    const data = await get('/api/explore/map');
    const width = 900, height = 560, pad = 24;
    const xs = data.points.map(p => p.x), ys = data.points.map(p => p.y);
    const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const sx = x => pad + (maxX > minX ? (x - minX) / (maxX - minX) : 0.5) * (width - 2 * pad);
    const sy = y => pad + (maxY > minY ? (y - minY) / (maxY - minY) : 0.5) * (height - 2 * pad);
    const svg = document.createElementNS(svgNs, 'svg');
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    svg.setAttribute('class', 'map');
    svg.setAttribute('id', 'map');
    const hover = el('img', { class: 'hover hidden', alt: '' });
    for (const point of data.points) {
      const dot = document.createElementNS(svgNs, 'circle');
      dot.setAttribute('cx', sx(point.x));
      dot.setAttribute('cy', sy(point.y));
      dot.setAttribute('r', 6);
      dot.setAttribute('fill', colours[point.cluster % colours.length]);
      dot.setAttribute('data-id', point.image.id);
      const title = document.createElementNS(svgNs, 'title');
      title.textContent = `${point.image.name} (cluster ${point.cluster + 1})`;
      dot.append(title);
      dot.addEventListener('mouseenter', event => {
        hover.src = thumbnail(point.image.id);
        hover.style.left = `${event.offsetX + 16}px`;
        hover.style.top = `${event.offsetY + 16}px`;
        hover.classList.remove('hidden');
      });
      dot.addEventListener('mouseleave', () => hover.classList.add('hidden'));
      dot.addEventListener('click', () => {
        if (selected.has(point.image.id)) selected.delete(point.image.id); else selected.add(point.image.id);
        dot.classList.toggle('chosen', selected.has(point.image.id));
        count.textContent = `${selected.size} chosen`;
      });
      svg.append(dot);
    }
    const count = el('span', { id: 'chosen-count' }, '0 chosen');
    const clusters = {};
    for (const point of data.points) (clusters[point.cluster] ||= []).push(point.image);
    root.replaceChildren(
      el('p', { class: 'summary' }, `${data.points.length} images, ${data.source}. Hover a dot for its picture; click dots to choose them.`),
      el('div', { class: 'map-wrap' }, svg, hover),
      el('div', { class: 'toolbar' }, count,
        el('button', { id: 'matrix-button', onclick: matrix }, 'Similarity matrix of the chosen'),
        el('button', { onclick: () => { selected.clear(); svg.querySelectorAll('.chosen').forEach(d => d.classList.remove('chosen')); count.textContent = '0 chosen'; } }, 'Clear')),
      el('div', { id: 'matrix' }),
      el('h3', {}, 'Clusters (k-means on the map)'),
      el('div', { class: 'clusters' }, Object.entries(clusters).map(([c, images]) => el('div', { class: 'cluster' },
        el('h4', { style: { color: colours[c % colours.length] } }, `Cluster ${Number(c) + 1} · ${images.length}`),
        el('div', { class: 'cluster-images' }, images.slice(0, 24).map(image =>
          el('img', { src: thumbnail(image.id), alt: image.name, title: image.name, loading: 'lazy', width: '64', height: '64' })))))));
  }

  async function matrix() {
    const target = root.querySelector('#matrix');
    if (selected.size < 2) { toast('Choose at least two dots on the map.', 'warn'); return; }
    try {
      const data = await get(`/api/explore/matrix?ids=${[...selected].join(',')}`);
      const head = el('tr', {}, el('th', {}), data.images.map(i => el('th', {}, el('img', { src: thumbnail(i.id), alt: i.name, title: i.name, width: '48', height: '48' }))));
      // Shaded from the lowest to the highest cosine shown: a model's cosines can all sit within a few hundredths.
      const values = data.cosines.flat(), low = Math.min(...values), high = Math.max(...values);
      const shade = c => (high > low ? (c - low) / (high - low) : 1).toFixed(2);
      const rows = data.images.map((image, r) => el('tr', {},
        el('th', {}, el('img', { src: thumbnail(image.id), alt: image.name, title: image.name, width: '48', height: '48' })),
        data.cosines[r].map(c => el('td', { style: { background: `rgba(79,124,255,${shade(c)})` } }, c.toFixed(2)))));
      target.replaceChildren(el('table', { class: 'matrix' }, el('thead', {}, head), el('tbody', {}, rows)));
    } catch (error) {
      toast(error.message, 'error');
    }
  }

  Lookalike.register('explore', { show: section => show(section).catch(e => toast(e.message, 'error')) });
})();
