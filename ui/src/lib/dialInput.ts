// The dial pad's editing rules: which characters can be dialled, and how keys, backspace and paste
// change the text at the caret. Pure functions, so the component stays a thin view over them.

/** Characters a dial pad can produce. */
export const DIAL_CHARS = "0123456789+*#";

/** Separators people paste with numbers; they are dropped silently because they carry no digits. */
const SEPARATORS = /[\s\-.()/\u00a0\u2010-\u2015]/g;

export interface Edit {
  value: string;
  caret: number;
}

export function isDialChar(ch: string): boolean {
  return ch.length === 1 && DIAL_CHARS.includes(ch);
}

/** Inserts `text` replacing the selection [start, end). A `+` is only kept as the first character. */
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
  // A "+" typed at the start while the number already starts with "+" replaces it, not doubles it.
  if (inserted.startsWith("+") && rest.startsWith("+")) rest = rest.slice(1);
  const next = value.slice(0, s) + inserted + rest;
  return { value: next, caret: s + inserted.length };
}

/** Deletes the selection, or the character before the caret when nothing is selected. */
export function backspace(value: string, start: number, end: number): Edit {
  const s = clamp(start, value.length);
  const e = clamp(Math.max(start, end), value.length);
  if (e > s) return { value: value.slice(0, s) + value.slice(e), caret: s };
  if (s === 0) return { value, caret: 0 };
  return { value: value.slice(0, s - 1) + value.slice(s), caret: s - 1 };
}

export type PasteResult = { ok: true; text: string } | { ok: false; message: string };

/**
 * Cleans pasted text for the dial pad: separators go, dialable characters stay. Anything else
 * (letters, an extension, a SIP address) is refused with a message rather than silently dropped,
 * so the pad never holds a number different from the one the person pasted.
 */
export function cleanPaste(raw: string): PasteResult {
  const trimmed = raw.trim();
  if (trimmed === "") return { ok: false, message: "The clipboard holds no number to paste." };
  const stripped = trimmed.replace(SEPARATORS, "");
  const bad = [...stripped].find((ch) => !isDialChar(ch));
  if (bad !== undefined) {
    return {
      ok: false,
      message: `“${trimmed}” can't go on the dial pad: “${bad}” is not a digit, +, * or #.`,
    };
  }
  return { ok: true, text: stripped };
}

function clamp(n: number, max: number): number {
  return Math.min(Math.max(0, n), max);
}
