import { describe, expect, it } from "vitest";
import type { Contact } from "../backend";
import { emptyRow, formFromContact, inputFromForm, splitTags } from "./editorForm";
import { annInFull, mobileNumber, workNumber } from "../../test/fixtures";

const ann: Contact = annInFull({ numbers: [mobileNumber, { ...workNumber, label: "assistant" }] });

describe("formFromContact", () => {
  it("starts a new contact with one empty mobile row", () => {
    const f = formFromContact(null);
    expect(f.name).toBe("");
    expect(f.numbers).toHaveLength(1);
    expect(f.numbers[0]).toMatchObject({ label: "mobile", custom: false, number: "" });
  });

  it("edits what the person typed, and marks labels of their own", () => {
    const f = formFromContact(ann);
    expect(f.company).toBe("Acme");
    expect(f.tags).toBe("vip, london");
    expect(f.numbers.map((n) => [n.label, n.custom, n.number])).toEqual([
      ["mobile", false, "020 7946 0958"],
      ["assistant", true, "555-123-4567 x12"],
    ]);
    expect(new Set(f.numbers.map((n) => n.key)).size).toBe(2);
  });
});

describe("inputFromForm", () => {
  it("round-trips a contact into what Save sends", () => {
    expect(inputFromForm(formFromContact(ann))).toEqual({
      name: "Ann Lee",
      company: "Acme",
      numbers: [
        { label: "mobile", number: "020 7946 0958" },
        { label: "assistant", number: "555-123-4567 x12" },
      ],
      notes: "Prefers mornings",
      tags: ["vip", "london"],
      favourite: true,
      optOut: false,
    });
  });

  it("drops number rows left blank and sends no company when empty", () => {
    const f = formFromContact(null);
    f.name = "Bo";
    f.numbers.push(emptyRow("work"));
    f.numbers[1]!.number = " 555 0100 ";
    const input = inputFromForm(f);
    expect(input.company).toBeNull();
    expect(input.numbers).toEqual([{ label: "work", number: " 555 0100 " }]);
  });
});

describe("splitTags", () => {
  it("splits on commas and drops empty pieces", () => {
    expect(splitTags(" a, b ,, c ,")).toEqual(["a", "b", "c"]);
    expect(splitTags("")).toEqual([]);
  });
});
