// The dial pad's editing rules for key clicks and the backspace button: how they change the text
// at the caret. Typing and pasting go straight into the field; Rust reads whatever is there.

/** Characters the pad's keys produce. */
export const DIAL_CHARS = "0123456789+*#";

export interface Edit {
  value: string;
  caret: number;
}

export function isDialChar(ch: string): boolean {
  return ch.length === 1 && DIAL_CHARS.includes(ch);
}

/** Inserts pad keys replacing the selection [start, end). A `+` is only kept as the first character. */
export function insertAt(value: string, start: number, end: number, text: string): Edit {
  const s = clamp(start, value.length);
  const e = clamp(Math.max(start, end), value.length);
  let inserted = "";
  for (const ch of text) {
    if (!isDialChar(ch)) continue;
    if (ch === "+" && s + inserted.length !== 0) continue;
    inserted += ch;
  }
  let rest = value.slice(e);
  // A "+" pressed at the start while the number already starts with "+" replaces it, not doubles it.
  if (inserted.startsWith("+") && rest.startsWith("+")) rest = rest.slice(1);
  return { value: value.slice(0, s) + inserted + rest, caret: s + inserted.length };
}

/** Deletes the selection, or the character before the caret when nothing is selected. */
export function backspace(value: string, start: number, end: number): Edit {
  const s = clamp(start, value.length);
  const e = clamp(Math.max(start, end), value.length);
  if (e > s) return { value: value.slice(0, s) + value.slice(e), caret: s };
  if (s === 0) return { value, caret: 0 };
  return { value: value.slice(0, s - 1) + value.slice(s), caret: s - 1 };
}

function clamp(n: number, max: number): number {
  return Math.min(Math.max(0, n), max);
}
