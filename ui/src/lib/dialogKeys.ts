// Keyboard behaviour shared by every modal dialog: Esc closes it, Tab and Shift+Tab stay inside it.

const FOCUSABLE = "input, select, textarea, button, [tabindex]:not([tabindex='-1'])";

/** Handles a keydown inside `dialog`: Esc calls `close`; Tab wraps around the dialog's controls. */
export function dialogKeydown(event: KeyboardEvent, dialog: HTMLElement, close: () => void): void {
  if (event.key === "Escape") {
    event.preventDefault();
    event.stopPropagation();
    close();
    return;
  }
  if (event.key !== "Tab") return;
  const focusable = Array.from(dialog.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(
    (el) => !(el as HTMLInputElement).disabled,
  );
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  if (!first || !last) return;
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}
