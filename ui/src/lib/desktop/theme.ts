// The theme on the page: app.css has one palette of light-dark() colours, picked by
// color-scheme; "system" leaves it to the desktop, "light"/"dark" set data-theme on <html>.

import type { Theme } from "../backend";

/** Puts `theme` on the document. */
export function applyTheme(theme: Theme, root: HTMLElement = document.documentElement): void {
  if (theme === "system") delete root.dataset.theme;
  else root.dataset.theme = theme;
}

/** The theme in effect, for a label ("Dark (from your desktop)"). */
export function effectiveTheme(theme: Theme, prefersDark: boolean): "light" | "dark" {
  if (theme === "system") return prefersDark ? "dark" : "light";
  return theme;
}
