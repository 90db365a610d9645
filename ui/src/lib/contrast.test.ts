// The theme's colour pairs reach WCAG AA (4.5:1 for text), read from app.css itself.
import { describe, expect, it } from "vitest";
// @ts-ignore -- Node's fs in the test runner (the UI has no Node types)
import { readFileSync } from "node:fs";

// Vitest runs from ui/.
const css: string = readFileSync("src/app.css", "utf8");

function themes(): { light: Record<string, string>; dark: Record<string, string> } {
  const pairs = [...css.matchAll(/--([a-z-]+):\s*light-dark\((#[0-9a-f]{6}),\s*(#[0-9a-f]{6})\)/g)];
  return {
    light: Object.fromEntries(pairs.map((m) => [m[1], m[2]])),
    dark: Object.fromEntries(pairs.map((m) => [m[1], m[3]])),
  };
}

function luminance(hex: string): number {
  const channel = (i: number) => parseInt(hex.slice(i, i + 2), 16) / 255;
  const f = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * f(channel(1)) + 0.7152 * f(channel(3)) + 0.0722 * f(channel(5));
}

function ratio(a: string | undefined, b: string | undefined): number {
  if (!a || !b) throw new Error(`a colour is missing from app.css: ${a} on ${b}`);
  const x = luminance(a);
  const y = luminance(b);
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

describe("contrast", () => {
  for (const [name, theme] of Object.entries(themes())) {
    it(`${name}: text, muted text, the Call button and accent text reach 4.5:1`, () => {
      expect(ratio(theme.text, theme.bg)).toBeGreaterThanOrEqual(4.5);
      expect(ratio(theme.muted, theme.bg)).toBeGreaterThanOrEqual(4.5);
      expect(ratio(theme.muted, theme.hover)).toBeGreaterThanOrEqual(4.5);
      expect(ratio(theme.muted, theme.key)).toBeGreaterThanOrEqual(4.5);
      expect(ratio("#ffffff", theme["accent-strong"])).toBeGreaterThanOrEqual(4.5);
      expect(ratio(theme["accent-text"], theme.bg)).toBeGreaterThanOrEqual(4.5);
      expect(ratio(theme.danger, theme.bg)).toBeGreaterThanOrEqual(4.5);
      // The focus ring stands out from the background (WCAG 1.4.11: 3:1).
      expect(ratio(theme.focus, theme.bg)).toBeGreaterThanOrEqual(3);
    });
  }
});
