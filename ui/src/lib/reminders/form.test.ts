import { describe, expect, it } from "vitest";
import { reminderSettings } from "../../test/fixtures";
import { daysWords, formFrom, hhmm, minutesOf, retryWords, settingsOf } from "./form";

describe("the campaign form", () => {
  it("starts from Rust's defaults with every safeguard on", () => {
    const form = formFrom(reminderSettings());
    expect([form.windowStart, form.windowEnd]).toEqual(["08:00", "21:00"]);
    expect(daysWords(form.days)).toBe("Mon–Sat");
    expect([form.maxPerDay, form.maxPerWeek, form.ratePerSecond, form.maxLive]).toEqual([1, 3, 1, 5]);
    expect(retryWords(form.retry.busy)).toBe("2 × 10 min");
    expect(retryWords(form.retry.machine)).toBe("no retry");
  });

  it("turns the form back into settings: window minutes, day numbers, the schedule", () => {
    const defaults = reminderSettings();
    const form = formFrom(defaults);
    form.windowStart = "09:30";
    form.days[5] = false;
    form.days[6] = true;
    form.schedule = "before";
    form.appointmentColumn = "Appointment";
    form.hoursBefore = 24;
    const s = settingsOf(form, defaults);
    if (typeof s === "string") throw new Error(s);
    expect(s.safeguards.windowStartMin).toBe(570);
    expect(s.safeguards.days).toEqual([0, 1, 2, 3, 4, 6]);
    expect(s.schedule).toEqual({ kind: "before", column: "Appointment", hours: 24 });
    expect(s.menu).toBe(defaults.menu);
  });

  it("says which field to fix instead of sending nonsense", () => {
    const defaults = reminderSettings();
    const form = formFrom(defaults);
    form.schedule = "before";
    expect(settingsOf(form, defaults)).toContain("appointment column");
    form.schedule = "at";
    expect(settingsOf(form, defaults)).toContain("date and time");
    form.at = "2026-12-02T09:00";
    const s = settingsOf(form, defaults);
    expect(typeof s !== "string" && s.schedule.kind).toBe("at");
    form.retry.busy.count = null as unknown as number; // an emptied number field
    expect(settingsOf(form, defaults)).toContain("fill in every number");
    form.retry.busy.count = 0;
    form.windowEnd = "25:00";
    expect(settingsOf(form, defaults)).toContain("HH:MM");
  });

  it("reads and writes times of day", () => {
    expect(minutesOf("8:05")).toBe(485);
    expect(minutesOf("24:00")).toBe(1440);
    expect(minutesOf("24:01")).toBeNull();
    expect(minutesOf("noon")).toBeNull();
    expect(hhmm(1260)).toBe("21:00");
    expect(daysWords([true, false, true, false, true, false, false])).toBe("Mon, Wed, Fri");
    expect(daysWords([false, false, false, false, false, false, false])).toBe("no days");
  });
});
