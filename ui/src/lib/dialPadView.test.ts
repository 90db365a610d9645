import { describe, expect, it } from "vitest";
import { callBlock, fitFontPx, moveInGrid } from "./dialPadView";

describe("callBlock", () => {
  it("judges only the answer for exactly the text on screen", () => {
    const error = { state: "error" as const, text: "911", message: "Callpad cannot place emergency calls — use a phone" };
    expect(callBlock(error, "911")).toBe("Callpad cannot place emergency calls — use a phone");
    // The text changed since that answer: Call stays pressable, the press reads the text itself.
    expect(callBlock(error, "9115550100")).toBeNull();
    expect(callBlock({ state: "empty", text: "" }, "")).toBe("type a number first");
  });
});

describe("fitFontPx", () => {
  it("shrinks the number's font so a long number fits, within bounds", () => {
    expect(fitFontPx("+44", 300)).toBe(27);
    const long = "+44 20 7946 0958 x 1234";
    expect(fitFontPx(long, 300)).toBeLessThan(27);
    expect(fitFontPx(long, 300) * long.length * 0.7).toBeLessThanOrEqual(300 - 52);
    expect(fitFontPx("1".repeat(80), 200)).toBe(14);
  });
});

describe("moveInGrid", () => {
  it("moves over the 4×3 keypad with the arrows, wrapping", () => {
    expect(moveInGrid(0, "ArrowRight", 12, 3)).toBe(1);
    expect(moveInGrid(0, "ArrowLeft", 12, 3)).toBe(11);
    expect(moveInGrid(1, "ArrowDown", 12, 3)).toBe(4);
    expect(moveInGrid(10, "ArrowDown", 12, 3)).toBe(1);
    expect(moveInGrid(1, "ArrowUp", 12, 3)).toBe(10);
    expect(moveInGrid(5, "Home", 12, 3)).toBe(0);
    expect(moveInGrid(5, "a", 12, 3)).toBeNull();
  });
});
