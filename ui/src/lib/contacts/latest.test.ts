import { describe, expect, it } from "vitest";
import { latest } from "./latest";

describe("latest", () => {
  it("keeps only the newest request current, whatever order answers come in", () => {
    const l = latest();
    const first = l.begin();
    const second = l.begin();
    expect(second()).toBe(true);
    expect(first()).toBe(false);
  });

  it("makes everything stale on cancel", () => {
    const l = latest();
    const only = l.begin();
    l.cancel();
    expect(only()).toBe(false);
    expect(l.begin()()).toBe(true);
  });
});
