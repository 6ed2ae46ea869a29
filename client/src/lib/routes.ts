// The dashboard's pages and their paths. The server answers index.html for any path it does not
// serve itself, so each page has a real path that can be shared and reloaded.

export const PAGES = [
  { id: 'overview', path: '/', title: 'Overview' },
  { id: 'explore', path: '/explore', title: 'Explore' },
  { id: 'places', path: '/places', title: 'Places' },
  { id: 'costs', path: '/costs', title: 'Costs and use' },
  { id: 'library', path: '/library', title: 'Measure library' },
  { id: 'quality', path: '/quality', title: 'Data quality' },
  { id: 'reports', path: '/reports', title: 'Reports' },
  { id: 'cohorts', path: '/cohorts', title: 'Cohorts' },
  { id: 'cohort-profile', path: '/cohorts/profile', title: 'Cohort profile' },
  { id: 'audit', path: '/audit', title: 'Audit trail' },
] as const;

export type PageId = (typeof PAGES)[number]['id'];

/** The page at a path; null for a path no page has (the notice names it, the overview is shown). */
export function pageOfPath(pathname: string): PageId | null {
  const path = pathname.replace(/\/+$/, '') || '/';
  return PAGES.find((page) => page.path === path)?.id ?? null;
}

export const pathOfPage = (id: PageId): string => PAGES.find((page) => page.path && page.id === id)!.path;
export const titleOfPage = (id: PageId): string => PAGES.find((page) => page.id === id)!.title;

/** Pages only administrators see in the navigation (the server refuses their API to anyone else). */
const ADMIN_PAGES: readonly PageId[] = ['audit', 'quality'];

/** Whether the navigation lists a page for a role; null: a server without sign-in, where everyone holds every role. */
export const pageListedFor = (id: PageId, role: string | null): boolean => role === null || role === 'admin' || !ADMIN_PAGES.includes(id);

