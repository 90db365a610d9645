import { describe, expect, it } from "vitest";
import { toBase64 } from "./base64";

describe("toBase64", () => {
  it("keeps every byte, including ones that are not UTF-8", () => {
    // "Caf\xe9" is Windows-1252; a BOM and a multi-byte UTF-8 character too.
    expect(toBase64(new Uint8Array([0x43, 0x61, 0x66, 0xe9]))).toBe("Q2Fm6Q==");
    expect(toBase64(new Uint8Array([0xef, 0xbb, 0xbf, 0xc3, 0xb6]))).toBe("77u/w7Y=");
    expect(toBase64(new Uint8Array([]))).toBe("");
  });

  it("handles files larger than one chunk", () => {
    const bytes = new Uint8Array(100_000).map((_, i) => i % 256);
    const decoded = Uint8Array.from(atob(toBase64(bytes)), (c) => c.charCodeAt(0));
    expect(decoded).toEqual(bytes);
  });
});
