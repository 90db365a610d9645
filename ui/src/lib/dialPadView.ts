// The dial pad's small view rules, apart so they can be tested: why Call is disabled for the text
// on screen, how big the number's font is so it fits, and how arrow keys move over the keypad.

import type { Preview } from "./numberPreview";

/**
 * Why Call cannot be pressed now, or null when it can. Only an answer for exactly `value` counts:
 * while the preview for new text is on its way, Call stays pressable (the press reads the text
 * itself), so a stale answer can never block or allow a call.
 */
export function callBlock(preview: Preview, value: string): string | null {
  if (value.trim() === "") return "type a number first";
  if (preview.text !== value) return null;
  if (preview.state === "error") return preview.message;
  if (preview.state === "ok" && preview.doNotCall) return "a contact with this number asked not to be called";
  return null;
}

/** The number's font size in px so `value` fits `width` px: 27 px, shrinking to 14 px. */
export function fitFontPx(value: string, width: number): number {
  const max = 27;
  const min = 14;
  // Digits of the system font are about 0.64 em wide, plus the field's letter spacing; `width` is
  // the field's row, which also holds the erase button (about 3 rem).
  const perChar = 0.7;
  const chars = Math.max(value.length, 1);
  const fit = Math.floor(Math.max(0, width - 52) / (chars * perChar));
  return Math.max(min, Math.min(max, fit));
}

/** The key index an arrow (or Home/End) moves to in a grid of `count` keys, `cols` wide. */
export function moveInGrid(index: number, key: string, count: number, cols: number): number | null {
  switch (key) {
    case "ArrowRight":
      return (index + 1) % count;
    case "ArrowLeft":
      return (index - 1 + count) % count;
    case "ArrowDown":
      return index + cols < count ? index + cols : index % cols;
    case "ArrowUp":
      return index - cols >= 0 ? index - cols : index + cols * Math.floor((count - 1 - index) / cols);
    case "Home":
      return 0;
    case "End":
      return count - 1;
    default:
      return null;
  }
}
