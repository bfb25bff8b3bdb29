// The directory's map island: reads the page's results from a JSON data block (never inline
// script, which the Content-Security-Policy forbids) and draws them with Leaflet. Each marker is a
// focusable button (Leaflet's keyboard support) named after its organisation, opening a popup
// with a link to the profile. Without a configured tile server the markers sit on a plain ground.
import { map as createMap, tileLayer, marker, divIcon, latLngBounds } from '/assets/leaflet/leaflet-src.esm.js';

const container = document.getElementById('directory-map');
const dataBlock = document.getElementById('directory-map-data');

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

if (container && dataBlock) {
  const data = JSON.parse(dataBlock.textContent || '{}');
  container.textContent = '';
  container.classList.add('directory-map--ready');
  const view = createMap(container, { scrollWheelZoom: false, keyboard: true });
  if (data.tiles) {
    tileLayer(data.tiles.url, { attribution: data.tiles.attribution, maxZoom: 18 }).addTo(view);
  }
  const icon = divIcon({ className: 'directory-map__marker', iconSize: [18, 18] });
  const points = [];
  for (const m of data.markers || []) {
    const place = m.place ? `, ${m.place}` : '';
    marker([m.lat, m.lon], { icon, title: `${m.name}${place}`, alt: `${m.name}${place}`, keyboard: true })
      .bindPopup(`<a class="usa-link" href="/directory/${encodeURIComponent(m.slug)}">${escapeHtml(m.name)}</a>${escapeHtml(place)}`)
      .addTo(view);
    points.push([m.lat, m.lon]);
  }
  if (points.length > 0) view.fitBounds(latLngBounds(points), { padding: [30, 30], maxZoom: 12 });
  else view.setView([39.5, -98.35], 4);
}
