import { describe, expect, it } from "vitest";
import type { ContactNumber } from "../backend";
import { numberDisplay, numberToCall } from "./numberText";

const withExt: ContactNumber = {
  label: "work",
  dial: "+15551234567",
  extension: "12",
  typed: "555-123-4567 x12",
  national: "(555) 123-4567",
  international: "+1 555-123-4567",
};
const sip: ContactNumber = {
  label: "other",
  dial: "sip:ann@example.com",
  extension: null,
  typed: "sip:ann@example.com",
  national: "sip:ann@example.com",
  international: "sip:ann@example.com",
};

describe("numberText", () => {
  it("shows and calls a number with its extension", () => {
    expect(numberDisplay(withExt)).toBe("+1 555-123-4567 ext. 12");
    expect(numberToCall(withExt)).toBe("+15551234567 ext. 12");
  });
  it("uses the address alone when there is no extension", () => {
    expect(numberDisplay(sip)).toBe("sip:ann@example.com");
    expect(numberToCall(sip)).toBe("sip:ann@example.com");
  });
});
