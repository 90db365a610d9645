import { describe, expect, it } from "vitest";
import { duration } from "./format";

describe("duration", () => {
  it("formats seconds, minutes and hours", () => {
    expect(duration(0)).toBe("0:00");
    expect(duration(59_999)).toBe("0:59");
    expect(duration(61_000)).toBe("1:01");
    expect(duration(3_723_000)).toBe("1:02:03");
    expect(duration(-5)).toBe("0:00");
  });
});
