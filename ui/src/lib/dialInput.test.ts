import { describe, expect, it } from "vitest";
import { backspace, insertAt, isDialChar } from "./dialInput";

describe("isDialChar", () => {
  it("accepts digits, plus, star and hash only", () => {
    for (const ch of "0123456789+*#") expect(isDialChar(ch)).toBe(true);
    for (const ch of ["a", "x", " ", "-", "(", "", "12"]) expect(isDialChar(ch)).toBe(false);
  });
});

describe("insertAt", () => {
  it("appends at the end and moves the caret", () => {
    expect(insertAt("555", 3, 3, "1")).toEqual({ value: "5551", caret: 4 });
  });
  it("inserts in the middle and replaces a selection", () => {
    expect(insertAt("5551", 1, 1, "9")).toEqual({ value: "59551", caret: 2 });
    expect(insertAt("5551", 1, 3, "0")).toEqual({ value: "501", caret: 2 });
  });
  it("keeps + only as the first character", () => {
    expect(insertAt("", 0, 0, "+")).toEqual({ value: "+", caret: 1 });
    expect(insertAt("44", 2, 2, "+")).toEqual({ value: "44", caret: 2 });
    expect(insertAt("+44", 0, 0, "+")).toEqual({ value: "+44", caret: 1 });
    expect(insertAt("", 0, 0, "++1+2")).toEqual({ value: "+12", caret: 3 });
  });
  it("drops characters that cannot be dialled", () => {
    expect(insertAt("", 0, 0, "1a2-3")).toEqual({ value: "123", caret: 3 });
  });
  it("clamps a caret outside the text", () => {
    expect(insertAt("12", 9, 9, "3")).toEqual({ value: "123", caret: 3 });
  });
});

describe("backspace", () => {
  it("deletes the character before the caret", () => {
    expect(backspace("123", 3, 3)).toEqual({ value: "12", caret: 2 });
    expect(backspace("123", 1, 1)).toEqual({ value: "23", caret: 0 });
  });
  it("deletes a selection", () => {
    expect(backspace("12345", 1, 4)).toEqual({ value: "15", caret: 1 });
  });
  it("does nothing at the start", () => {
    expect(backspace("123", 0, 0)).toEqual({ value: "123", caret: 0 });
  });
});

