import { describe, expect, it, vi } from "vitest";
import { dialogKeydown } from "./dialogKeys";

function dialog(): HTMLElement {
  const d = document.createElement("div");
  for (const [tag, id, disabled] of [["input", "a", false], ["button", "b", true], ["button", "c", false]] as const) {
    const el = document.createElement(tag);
    el.id = id;
    (el as HTMLInputElement).disabled = disabled;
    d.append(el);
  }
  document.body.append(d);
  return d;
}

describe("dialogKeydown", () => {
  it("closes on Escape", () => {
    const close = vi.fn();
    dialogKeydown(new KeyboardEvent("keydown", { key: "Escape" }), dialog(), close);
    expect(close).toHaveBeenCalledOnce();
  });

  it("wraps Tab from the last control to the first and Shift+Tab back, skipping disabled ones", () => {
    const d = dialog();
    const [first, , last] = Array.from(d.children) as HTMLElement[];
    if (!first || !last) throw new Error("the dialog has no controls");
    last.focus();
    dialogKeydown(new KeyboardEvent("keydown", { key: "Tab", cancelable: true }), d, () => {});
    expect(document.activeElement).toBe(first);
    dialogKeydown(new KeyboardEvent("keydown", { key: "Tab", shiftKey: true, cancelable: true }), d, () => {});
    expect(document.activeElement).toBe(last);
  });
});
