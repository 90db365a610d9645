import { describe, expect, it } from "vitest";
import { SHORTCUTS, shortcutOf } from "./shortcuts";

const key = (k: string, mods: Partial<KeyboardEvent> = {}) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods });
const body = document.createElement("div");
const field = document.createElement("input");

describe("shortcutOf", () => {
  it("reads Ctrl and Cmd combinations", () => {
    expect(shortcutOf(key("l", { ctrlKey: true }), body)).toEqual({ kind: "dialPad" });
    expect(shortcutOf(key("L", { metaKey: true }), body)).toEqual({ kind: "dialPad" });
    expect(shortcutOf(key("r", { ctrlKey: true }), field)).toEqual({ kind: "redial" });
    expect(shortcutOf(key(",", { ctrlKey: true }), field)).toEqual({ kind: "settings" });
    expect(shortcutOf(key("1", { ctrlKey: true }), body)).toEqual({ kind: "favourite", index: 0 });
    expect(shortcutOf(key("9", { ctrlKey: true }), body)).toEqual({ kind: "favourite", index: 8 });
  });

  it("leaves other keys alone", () => {
    expect(shortcutOf(key("0", { ctrlKey: true }), body)).toBeNull();
    expect(shortcutOf(key("l"), body)).toBeNull();
    expect(shortcutOf(key("l", { ctrlKey: true, altKey: true }), body)).toBeNull();
    expect(shortcutOf(key("r", { ctrlKey: true, shiftKey: true }), body)).toBeNull();
    expect(shortcutOf(key("k", { ctrlKey: true }), body)).toBeNull();
  });

  it("opens the sheet on ? unless the key is typed into a field", () => {
    expect(shortcutOf(key("?", { shiftKey: true }), body)).toEqual({ kind: "help" });
    expect(shortcutOf(key("?", { shiftKey: true }), field)).toBeNull();
  });

  it("lists every shortcut the handler knows", () => {
    const keys = SHORTCUTS.map((s) => s.keys).join(" ");
    for (const k of ["?", "Ctrl+K", "Ctrl+L", "Enter", "Esc", "Ctrl+R", "Ctrl+1", "Ctrl+,"]) expect(keys).toContain(k);
  });
});
