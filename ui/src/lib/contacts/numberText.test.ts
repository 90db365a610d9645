import { describe, expect, it } from "vitest";
import type { ContactNumber } from "../backend";
import { numberDisplay, numberToCall } from "./numberText";
import { workNumber } from "../../test/fixtures";

const withExt: ContactNumber = workNumber;
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
