// Keyboard rules of the contact list: which row a navigation key moves the selection to, and the
// Ctrl+K / Cmd+K shortcut that jumps to the search box. What the keys *do* stays in ContactsPane.

/** The row a key moves to from `current` (-1 when nothing is selected), or null if the key does
 *  not navigate or the list is empty. Stops at the ends; does not wrap. */
export function nextIndex(key: string, current: number, count: number, pageSize: number): number | null {
  if (count <= 0) return null;
  const last = count - 1;
  const none = current < 0 || current > last;
  switch (key) {
    case "ArrowDown":
      return none ? 0 : Math.min(last, current + 1);
    case "ArrowUp":
      return none ? last : Math.max(0, current - 1);
    case "PageDown":
      return none ? Math.min(last, pageSize - 1) : Math.min(last, current + pageSize);
    case "PageUp":
      return none ? 0 : Math.max(0, current - pageSize);
    case "Home":
      return 0;
    case "End":
      return last;
    default:
      return null;
  }
}

/** Ctrl+K (Cmd+K on macOS): focus the contact search from anywhere. */
export function isSearchShortcut(event: Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "altKey">): boolean {
  return (event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "k";
}
