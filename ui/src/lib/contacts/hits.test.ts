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

  it("counts contacts and recent calls apart", () => {
    const contact = { ...base, source: { kind: "contact", id: 1 } } as const;
    const call = { ...base, source: { kind: "call", number: "+12015550123" } } as const;
    expect(countText([contact])).toBe("1 contact");
    expect(countText([contact, contact])).toBe("2 contacts");
    expect(countText([contact, contact, call])).toBe("2 contacts, 1 recent call");
    expect(countText([call, call])).toBe("2 recent calls");
    expect(countText([])).toBe("0 contacts");
  });
});
