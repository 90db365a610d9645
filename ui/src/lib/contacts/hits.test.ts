import { describe, expect, it } from "vitest";
import type { SearchHit } from "../backend";
import { contactIdOf, contactKey, countText, hitKey, idPart } from "./hits";

const base: Omit<SearchHit, "source"> = {
  name: "x",
  company: null,
  number: null,
  favourite: false,
  optOut: false,
  matched: "none",
  score: 0,
};

describe("hits", () => {
  it("keys contacts by id and recent calls by number, never alike", () => {
    expect(hitKey({ kind: "contact", id: 12 })).toBe("contact:12");
    expect(hitKey({ kind: "contact", id: 12 })).toBe(contactKey(12));
    expect(hitKey({ kind: "call", number: "+12015550123" })).toBe("call:+12015550123");
    expect(hitKey({ kind: "call", number: "12" })).not.toBe(hitKey({ kind: "contact", id: 12 }));
  });

  it("opens a contact, and nothing for a recent call", () => {
    expect(contactIdOf({ ...base, source: { kind: "contact", id: 3 } })).toBe(3);
    expect(contactIdOf({ ...base, source: { kind: "call", number: "+12015550123" } })).toBeNull();
  });

  it("makes keys fit for element ids", () => {
    expect(idPart("call:sip:front desk@example.com")).not.toMatch(/\s/);
    expect(idPart("contact:7")).toBe("contact%3A7");
  });

  it("counts contacts and recent calls apart, with thousands separated", () => {
    expect(countText(1, 0)).toBe("1 contact");
    expect(countText(2, 0)).toBe("2 contacts");
    expect(countText(3, 1)).toBe("2 contacts, 1 recent call");
    expect(countText(2, 2)).toBe("2 recent calls");
    expect(countText(0, 0)).toBe("0 contacts");
    expect(countText(100_003, 3)).toBe("100,000 contacts, 3 recent calls");
  });
});
