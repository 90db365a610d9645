// The contact list's results, a page at a time: a search's total and the pages loaded so far,
// which pages a stretch of rows needs, finding a loaded hit by key, and forgetting pages far from
// the rows on screen so scrolling 100,000 contacts holds only a few thousand. Pure data (each
// change returns a new value); the component fetches.

import type { SearchHit, SearchPage } from "../backend";

/** Rows per page asked of Rust: a few screens, small enough to cross IPC in well under a frame. */
export const PAGE_SIZE = 100;
/** Pages kept at most (the ones nearest the rows on screen). */
export const PAGES_KEPT = 24;

export interface PagedHits {
  /** The query these results answer. */
  readonly query: string;
  /** How many results the query has in all. */
  readonly total: number;
  /** How many of them are recent calls. */
  readonly calls: number;
  /** Loaded pages by page number (page n holds rows n·PAGE_SIZE …). */
  readonly pages: ReadonlyMap<number, readonly SearchHit[]>;
}

/** Nothing loaded yet. */
export const NO_HITS: PagedHits = { query: "", total: 0, calls: 0, pages: new Map() };

/** The page number of a page Rust sent (its offset is always a page start). */
export function pageOf(page: Pick<SearchPage, "offset">): number {
  return Math.floor(page.offset / PAGE_SIZE);
}

/** Results that start from `page` (normally the first page of a new search). */
export function fromPage(query: string, page: SearchPage): PagedHits {
  return { query, total: page.total, calls: page.calls, pages: new Map([[pageOf(page), page.hits]]) };
}

/** `paged` with one more page; the total is the newer page's (contacts may have changed). */
export function withPage(paged: PagedHits, page: SearchPage): PagedHits {
  const pages = new Map(paged.pages);
  pages.set(pageOf(page), page.hits);
  return { ...paged, total: page.total, calls: page.calls, pages };
}

/** The hit in row `index`, or undefined while its page is not loaded (or past the end). */
export function hitAt(paged: PagedHits, index: number): SearchHit | undefined {
  if (index < 0 || index >= paged.total) return undefined;
  return paged.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
}

/** The pages rows `start` (inclusive) to `end` (exclusive) need that are not loaded. */
export function missingPages(paged: PagedHits, start: number, end: number): number[] {
  const last = Math.min(end, paged.total) - 1;
  const out: number[] = [];
  for (let p = Math.floor(Math.max(0, start) / PAGE_SIZE); p * PAGE_SIZE <= last; p++) {
    if (!paged.pages.has(p)) out.push(p);
  }
  return out;
}

/** The row of the loaded hit whose key is `key`, or -1. */
export function indexOfKey(paged: PagedHits, key: string | null, keyOf: (hit: SearchHit) => string): number {
  if (key === null) return -1;
  for (const [p, hits] of paged.pages) {
    const i = hits.findIndex((h) => keyOf(h) === key);
    if (i >= 0) return p * PAGE_SIZE + i;
  }
  return -1;
}

/** `paged` keeping only the `keep` pages nearest row `index` (itself unchanged if it holds no more). */
export function keepNear(paged: PagedHits, index: number, keep = PAGES_KEPT): PagedHits {
  if (paged.pages.size <= keep) return paged;
  const centre = Math.floor(index / PAGE_SIZE);
  const nearest = [...paged.pages.keys()].sort((a, b) => Math.abs(a - centre) - Math.abs(b - centre)).slice(0, keep);
  return { ...paged, pages: new Map(nearest.map((p) => [p, paged.pages.get(p)!])) };
}
