import type { ViewContext } from '../../../platform/ui/view-context.ts';
import { placeLabel } from '../../organisations/views/organisation-labels.ts';
import type { DirectoryItem } from '../directory.schemas.ts';
import { scriptJson } from './script-json.ts';

export interface MapTiles {
  url: string;
  attribution: string;
}

/** What the map island reads from the page: markers, the tile server (if any) and its labels. */
export function mapData(items: DirectoryItem[], tiles: MapTiles | undefined) {
  return {
    tiles: tiles ?? null,
    markers: items
      .filter((o) => o.latitude !== null && o.longitude !== null)
      .map((o) => ({ slug: o.slug, name: o.name, place: placeLabel(o.city, o.state), lat: o.latitude, lon: o.longitude })),
  };
}

/**
 * The map of this page's results: a Leaflet island (src/client/directory-map.js) reads the JSON
 * block below. Without JavaScript the note says so and the list beside carries everything.
 */
export function DirectoryMap({ ctx, items, tiles }: { ctx: ViewContext; items: DirectoryItem[]; tiles: MapTiles | undefined }) {
  const { t } = ctx;
  const unplaced = items.filter((o) => o.latitude === null || o.longitude === null);
  return (
    <div class="grid-row grid-gap">
      <link rel="stylesheet" href="/assets/leaflet/leaflet.css" />
      <link rel="stylesheet" href="/assets/client/directory-map.css" />
      <div class="tablet:grid-col-8">
        <div id="directory-map" class="directory-map" role="region" aria-label={t('directory:map.label')} data-marker-label={t('directory:map.label')}>
          <p class="padding-2">{t('directory:map.noScript')}</p>
        </div>
        <p class="usa-hint">
          {tiles ? '' : `${t('directory:map.noTiles')} `}
          {t('directory:map.approximate')} {t('directory:map.pageNote')}
        </p>
        <script type="application/json" id="directory-map-data" dangerouslySetInnerHTML={{ __html: scriptJson(mapData(items, tiles)) }} />
        <script type="module" src="/assets/client/directory-map.js"></script>
      </div>
      <div class="tablet:grid-col-4">
        {unplaced.length > 0 && (
          <>
            <h2 class="font-heading-md">{t('directory:map.unplaced')}</h2>
            <ul class="usa-list">
              {unplaced.map((o) => (
                <li>
                  <a class="usa-link" href={`/directory/${o.slug}`}>{o.name}</a>
                  {o.city || o.state ? `, ${placeLabel(o.city, o.state)}` : ''}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </div>
  );
}
