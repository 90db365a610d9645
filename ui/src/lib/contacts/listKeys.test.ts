import { describe, expect, it } from "vitest";
import { isSearchShortcut, nextIndex } from "./listKeys";

describe("nextIndex", () => {
  it("moves one row with the arrows and stops at the ends", () => {
    expect(nextIndex("ArrowDown", 0, 5, 3)).toBe(1);
    expect(nextIndex("ArrowDown", 4, 5, 3)).toBe(4);
    expect(nextIndex("ArrowUp", 3, 5, 3)).toBe(2);
    expect(nextIndex("ArrowUp", 0, 5, 3)).toBe(0);
  });

  it("starts from the top (down) or the bottom (up) when nothing is selected", () => {
    expect(nextIndex("ArrowDown", -1, 5, 3)).toBe(0);
    expect(nextIndex("ArrowUp", -1, 5, 3)).toBe(4);
  });

  it("pages and jumps to the ends", () => {
    expect(nextIndex("PageDown", 1, 10, 4)).toBe(5);
    expect(nextIndex("PageDown", 8, 10, 4)).toBe(9);
    expect(nextIndex("PageUp", 5, 10, 4)).toBe(1);
    expect(nextIndex("PageUp", 2, 10, 4)).toBe(0);
    expect(nextIndex("Home", 7, 10, 4)).toBe(0);
    expect(nextIndex("End", 2, 10, 4)).toBe(9);
  });

  it("ignores other keys and empty lists", () => {
    expect(nextIndex("a", 0, 5, 3)).toBeNull();
    expect(nextIndex("Enter", 0, 5, 3)).toBeNull();
    expect(nextIndex("ArrowDown", -1, 0, 3)).toBeNull();
  });
});

describe("isSearchShortcut", () => {
  const key = (k: string, mods: Partial<Record<"ctrlKey" | "metaKey" | "altKey", boolean>> = {}) => ({
    key: k,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    ...mods,
  });
  it("is Ctrl+K or Cmd+K, either case", () => {
    expect(isSearchShortcut(key("k", { ctrlKey: true }))).toBe(true);
    expect(isSearchShortcut(key("K", { metaKey: true }))).toBe(true);
  });
  it("is not plain K, Alt combinations or other letters", () => {
    expect(isSearchShortcut(key("k"))).toBe(false);
    expect(isSearchShortcut(key("k", { ctrlKey: true, altKey: true }))).toBe(false);
    expect(isSearchShortcut(key("j", { ctrlKey: true }))).toBe(false);
  });
});
