// The window's keyboard shortcuts: one table that both the shortcut sheet (`?`) lists and the
// window's key handler reads, so the sheet can never disagree with what the keys do.

/** What a shortcut asks the window to do. */
export type ShortcutAction =
  | { kind: "help" }
  | { kind: "dialPad" }
  | { kind: "redial" }
  | { kind: "favourite"; index: number }
  | { kind: "settings" };

/** One line of the shortcut sheet. */
export interface ShortcutLine {
  keys: string;
  what: string;
}

/** Every shortcut, as the sheet shows it (some are handled by the component they belong to). */
export const SHORTCUTS: ShortcutLine[] = [
  { keys: "?", what: "Show this list of shortcuts" },
  { keys: "Ctrl+K", what: "Search contacts" },
  { keys: "Ctrl+L", what: "Go to the dial pad" },
  { keys: "Enter", what: "Call the number in the dial pad, or the contact picked in the list" },
  { keys: "Esc", what: "Hang up the live call (or close a dialog, or clear the search)" },
  { keys: "Ctrl+R", what: "Call the last number again" },
  { keys: "Ctrl+1 … Ctrl+9", what: "Call favourite 1 to 9 (starred contacts, by name)" },
  { keys: "Ctrl+,", what: "App settings" },
  { keys: "↑ ↓ ← →", what: "Move between contacts, history rows and keypad keys" },
  { keys: "Tab / Shift+Tab", what: "Move between areas; dialogs keep the focus inside" },
];

type Keyish = Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "altKey" | "shiftKey">;

/** True when the key went to a place where typing `?` means a question mark. */
export function typingInto(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || typeof el.tagName !== "string") return false;
  return el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName);
}

/** The window-wide action of a key press, or null when the key is not one of them. */
export function shortcutOf(event: Keyish, target: EventTarget | null): ShortcutAction | null {
  const ctrl = (event.ctrlKey || event.metaKey) && !event.altKey;
  if (ctrl && !event.shiftKey) {
    const key = event.key.toLowerCase();
    if (key === "l") return { kind: "dialPad" };
    if (key === "r") return { kind: "redial" };
    if (key === ",") return { kind: "settings" };
    if (/^[1-9]$/.test(key)) return { kind: "favourite", index: Number(key) - 1 };
    return null;
  }
  if (event.key === "?" && !ctrl && !event.altKey && !typingInto(target)) return { kind: "help" };
  return null;
}
