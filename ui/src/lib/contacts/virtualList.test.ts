import { describe, expect, it } from "vitest";
import { revealScrollTop, rowWindow, rowsPerPage } from "./virtualList";

const base = { rowHeight: 50, viewportHeight: 500, overscan: 3 };

describe("rowWindow", () => {
  it("draws the visible rows plus overscan below at the top of the list", () => {
    expect(rowWindow({ ...base, count: 100_000, scrollTop: 0 })).toEqual({
      start: 0,
      end: 13,
      offsetY: 0,
      totalHeight: 5_000_000,
    });
  });

  it("draws overscan on both sides in the middle, and offsets the rows to the first drawn", () => {
    const w = rowWindow({ ...base, count: 100_000, scrollTop: 1000 });
    expect(w).toEqual({ start: 17, end: 33, offsetY: 850, totalHeight: 5_000_000 });
  });

  it("counts a partly visible row as visible", () => {
    const w = rowWindow({ ...base, overscan: 0, count: 100, scrollTop: 25 });
    expect([w.start, w.end]).toEqual([0, 11]);
  });

  it("stops at the end of the list", () => {
    const w = rowWindow({ ...base, count: 100, scrollTop: 4500 });
    expect([w.start, w.end]).toEqual([87, 100]);
  });

  it("clamps scroll positions past either end (elastic scrolling, a list that just shrank)", () => {
    expect(rowWindow({ ...base, count: 100, scrollTop: -200 }).start).toBe(0);
    const shrunk = rowWindow({ ...base, count: 20, scrollTop: 40_000 });
    expect([shrunk.start, shrunk.end, shrunk.offsetY]).toEqual([7, 20, 350]);
  });

  it("draws everything when the list is shorter than the viewport", () => {
    expect(rowWindow({ ...base, count: 4, scrollTop: 0 })).toEqual({ start: 0, end: 4, offsetY: 0, totalHeight: 200 });
  });

  it("draws nothing for an empty list", () => {
    expect(rowWindow({ ...base, count: 0, scrollTop: 300 })).toEqual({ start: 0, end: 0, offsetY: 0, totalHeight: 0 });
  });

  it("keeps the number of drawn rows bounded however long the list", () => {
    for (const count of [1_000, 100_000, 10_000_000]) {
      const w = rowWindow({ ...base, count, scrollTop: (count * 50) / 2 });
      expect(w.end - w.start).toBeLessThanOrEqual(500 / 50 + 1 + 2 * 3);
    }
  });

  it("draws at least one row when the viewport has no height yet", () => {
    const w = rowWindow({ ...base, overscan: 0, viewportHeight: 0, count: 10, scrollTop: 0 });
    expect([w.start, w.end]).toEqual([0, 1]);
  });
});

describe("revealScrollTop", () => {
  it("leaves a fully visible row where it is", () => {
    expect(revealScrollTop(3, 50, 0, 500)).toBe(0);
    expect(revealScrollTop(9, 50, 0, 500)).toBe(0);
  });

  it("scrolls down just enough to show a row below", () => {
    expect(revealScrollTop(10, 50, 0, 500)).toBe(50);
    expect(revealScrollTop(100, 50, 0, 500)).toBe(4550);
  });

  it("scrolls up to the top of a row above", () => {
    expect(revealScrollTop(2, 50, 400, 500)).toBe(100);
  });

  it("shows a row that is only partly visible", () => {
    expect(revealScrollTop(0, 50, 20, 500)).toBe(0);
    expect(revealScrollTop(10, 50, 20, 500)).toBe(50);
  });
});

describe("rowsPerPage", () => {
  it("counts whole rows, at least one", () => {
    expect(rowsPerPage(50, 500)).toBe(10);
    expect(rowsPerPage(50, 520)).toBe(10);
    expect(rowsPerPage(50, 10)).toBe(1);
  });
});
