import { describe, expect, it } from "vitest";
import { bars, fillOf } from "./chart";
import { dueWords, isLive, percent, stateWords } from "./progress";

describe("progress words", () => {
  it("gives the share finished and when the next call is due", () => {
    expect(percent(1, 3)).toBe(33);
    expect(percent(0, 0)).toBe(0);
    expect(percent(5, 4)).toBe(100);
    const now = Date.parse("2026-12-02T10:00:00Z");
    expect(dueWords("2026-12-02T09:59:00Z", now)).toBe("now");
    expect(dueWords("2026-12-02T10:12:00Z", now)).toBe("in 12 min");
    expect(dueWords("2026-12-02T13:05:00Z", now)).toBe("in 3 h 5 min");
    expect(dueWords("2026-12-02T13:00:00Z", now)).toBe("in 3 h");
    expect(dueWords("2026-12-04T13:00:00Z", now)).toMatch(/^on /);
    expect(dueWords("soon", now)).toBe("");
    expect(stateWords("paused")).toBe("Paused");
    expect(isLive("running") && isLive("ready") && !isLive("paused") && !isLive("finished")).toBe(true);
  });
});

describe("the outcome chart", () => {
  it("scales bars to the largest count and colours them by what the desk must do", () => {
    const b = bars(
      [
        { outcome: "confirmed", label: "Confirmed", count: 8 },
        { outcome: "no_answer", label: "No answer", count: 2 },
        { outcome: "stop_calls", label: "Stop", count: 0 },
      ],
      200,
    );
    expect(b.map((x) => x.width)).toEqual([200, 50, 2]);
    expect(b.map((x) => x.y)).toEqual([0, 28, 56]);
    expect(b[0]!.fill).toBe("var(--accent)");
    expect(fillOf("no_answer")).toBe("var(--muted)");
    expect(fillOf("may_have_been_placed")).toBe("var(--danger)");
    expect(fillOf("reschedule")).toContain("--warn");
  });
});
