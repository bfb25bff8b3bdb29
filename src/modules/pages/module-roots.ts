import type { PageLink } from './views/related-pages.tsx';

/** A later module's root URL, described until that module ships its own page there. */
export interface ModuleRoot {
  /** The stable URL, and the `pages:` catalogue section holding its title, heading, lead and items. */
  path: string;
  section: 'library' | 'volunteer' | 'news';
  /** Keys under `pages:<section>.items`, in the order shown. */
  items: readonly string[];
  related: readonly PageLink[];
}

/**
 * The stable public roots of modules that are not built yet. Each answers with a real description of
 * what it will hold instead of a 404, because other sites and the network's own materials link to
 * these URLs already. When a module ships its root page, remove its entry here.
 */
export const MODULE_ROOTS: readonly ModuleRoot[] = [
  {
    path: '/library',
    section: 'library',
    items: ['clips', 'research', 'guides', 'faq'],
    related: [['/principles', 'common:nav.principles'], ['/framework', 'common:nav.framework'], ['/events', 'common:nav.events']],
  },
  {
    path: '/volunteer',
    section: 'volunteer',
    items: ['opportunities', 'feed', 'contact', 'recommend'],
    related: [['/network', 'common:nav.network'], ['/directory', 'common:nav.directory'], ['/events', 'common:nav.events']],
  },
  {
    path: '/news',
    section: 'news',
    items: ['posts', 'stories', 'policy', 'newsletter'],
    related: [['/about', 'common:nav.about'], ['/beliefs', 'common:nav.beliefs'], ['/events', 'common:nav.events']],
  },
];
