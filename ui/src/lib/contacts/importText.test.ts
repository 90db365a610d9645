import { describe, expect, it } from "vitest";
import { importResult } from "./importText";

describe("import preview words", () => {
  it("words the result", () => {
    expect(importResult(3, 1)).toBe("Imported 3 new contacts, merged 1 into existing ones");
    expect(importResult(1, 0)).toBe("Imported 1 new contact, merged 0 into existing ones");
  });
});
