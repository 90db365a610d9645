import { describe, expect, it } from "vitest";
import type { SearchHit, SearchPage } from "../backend";
import { hitKey } from "./hits";
import { NO_HITS, PAGE_SIZE, fromPage, hitAt, indexOfKey, keepNear, missingPages, pageOf, withPage } from "./pagedHits";

const hit = (id: number): SearchHit => ({
  source: { kind: "contact", id },
  name: `Person ${id}`,
  company: null,
  number: null,
  favourite: false,
  optOut: false,
  matched: "none",
  score: 0,
});

/** Page `n` of a result of `total` contacts numbered from 0, as Rust sends it. */
function page(n: number, total: number, calls = 0): SearchPage {
  const offset = n * PAGE_SIZE;
  const hits = Array.from({ length: Math.max(0, Math.min(PAGE_SIZE, total - offset)) }, (_, i) => hit(offset + i));
  return { offset, total, calls, hits };
}

const keyOf = (h: SearchHit) => hitKey(h.source);

describe("pagedHits", () => {
  it("finds each row in its page, and nothing outside the results", () => {
    const paged = withPage(fromPage("p", page(0, 1000)), page(7, 1000));
    expect(hitAt(paged, 0)?.name).toBe("Person 0");
    expect(hitAt(paged, PAGE_SIZE - 1)?.name).toBe(`Person ${PAGE_SIZE - 1}`);
    expect(hitAt(paged, 7 * PAGE_SIZE + 5)?.name).toBe(`Person ${7 * PAGE_SIZE + 5}`);
    expect(hitAt(paged, PAGE_SIZE)).toBeUndefined();
    expect(hitAt(paged, -1)).toBeUndefined();
    expect(hitAt(paged, 1000)).toBeUndefined();
    expect(hitAt(NO_HITS, 0)).toBeUndefined();
    expect(pageOf({ offset: 7 * PAGE_SIZE })).toBe(7);
  });

  it("names the pages a stretch of rows still needs, never past the end", () => {
    const paged = fromPage("", page(0, 1050));
    expect(missingPages(paged, 0, 30)).toEqual([]);
    expect(missingPages(paged, 90, 210)).toEqual([1, 2]);
    expect(missingPages(paged, 1000, 1100)).toEqual([10]);
    expect(missingPages(paged, 2000, 2100)).toEqual([]);
    expect(missingPages(fromPage("", page(0, 0)), 0, 30)).toEqual([]);
  });

  it("takes the newest total and counts from each page", () => {
    const paged = withPage(fromPage("a", page(0, 500, 2)), page(3, 501, 3));
    expect(paged.total).toBe(501);
    expect(paged.calls).toBe(3);
    expect(paged.query).toBe("a");
  });

  it("finds a loaded hit's row by key", () => {
    const paged = withPage(fromPage("", page(0, 10_000)), page(42, 10_000));
    expect(indexOfKey(paged, "contact:4250", keyOf)).toBe(4250);
    expect(indexOfKey(paged, "contact:3", keyOf)).toBe(3);
    expect(indexOfKey(paged, "contact:500", keyOf)).toBe(-1);
    expect(indexOfKey(paged, null, keyOf)).toBe(-1);
  });

  it("keeps the pages nearest the rows on screen and forgets the rest", () => {
    let paged = fromPage("", page(0, 100_000));
    for (let n = 1; n < 40; n++) paged = withPage(paged, page(n, 100_000));
    const kept = keepNear(paged, 30 * PAGE_SIZE, 10);
    expect([...kept.pages.keys()].sort((a, b) => a - b)).toEqual([25, 26, 27, 28, 29, 30, 31, 32, 33, 34]);
    expect(kept.total).toBe(100_000);
    const small = fromPage("", page(0, 50));
    expect(keepNear(small, 0, 10)).toBe(small);
  });
});
