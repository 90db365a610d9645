import { describe, expect, it } from "vitest";
import { delimiterName, formatName, importResult, targetName } from "./importText";

describe("import preview words", () => {
  it("names formats and delimiters", () => {
    expect(formatName("googleCsv")).toBe("Google Contacts CSV");
    expect(formatName("vCard")).toBe("vCard");
    expect(delimiterName(";")).toBe("semicolon (;)");
    expect(delimiterName("\t")).toBe("tab");
    expect(delimiterName(null)).toBe("none");
  });

  it("names column targets, with a number's label and an ignored column's reason", () => {
    expect(targetName({ kind: "name" })).toBe("Name");
    expect(targetName({ kind: "number", label: "mobile", labelColumn: null })).toBe("Number (mobile)");
    expect(targetName({ kind: "number", label: null, labelColumn: "Phone 1 - Type" })).toBe(
      "Number (label from “Phone 1 - Type”)",
    );
    expect(targetName({ kind: "ignored", reason: "empty in every row" })).toBe("Not imported — empty in every row");
  });

  it("words the result", () => {
    expect(importResult(3, 1)).toBe("Imported 3 new contacts, merged 1 into existing ones");
    expect(importResult(1, 0)).toBe("Imported 1 new contact, merged 0 into existing ones");
  });
});
