// The campaign form as the Reminders tab edits it, and the settings Rust receives: times as
// "HH:MM" ↔ minutes after midnight, days as seven checkboxes ↔ Monday = 0 … Sunday = 6, the
// schedule's three kinds. Rust checks every value; this only translates.

import type { CampaignSettings, RetryRule, Schedule } from "../bindings";

export const DAY_NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;

/** The retry outcomes, in the order the form lists them, with their words. */
export const RETRY_KINDS = [
  { key: "busy", label: "Busy" },
  { key: "noAnswer", label: "No answer" },
  { key: "failed", label: "Failed" },
  { key: "machine", label: "Answering machine" },
  { key: "noInput", label: "No key pressed" },
] as const;
export type RetryKind = (typeof RETRY_KINDS)[number]["key"];

export interface CampaignForm {
  name: string;
  template: string;
  appointmentColumn: string;
  appointmentFormat: string;
  callerId: string;
  frontDesk: string;
  schedule: "now" | "at" | "before";
  /** datetime-local text, e.g. "2026-12-02T09:00" (the desk's clock). */
  at: string;
  hoursBefore: number;
  windowStart: string;
  windowEnd: string;
  days: boolean[];
  maxPerDay: number;
  maxPerWeek: number;
  ratePerSecond: number;
  maxLive: number;
  retry: Record<RetryKind, RetryRule>;
}

/** "08:30" → 510; null when it is not a time of day. */
export function minutesOf(hhmm: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 24 || min > 59 || (h === 24 && min > 0)) return null;
  return h * 60 + min;
}

/** 510 → "08:30". */
export function hhmm(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
}

/** The form filled from Rust's defaults (safeguards on, as shipped). */
export function formFrom(defaults: CampaignSettings): CampaignForm {
  const g = defaults.safeguards;
  return {
    name: "",
    template: "Hello {first_name}, this is a reminder of your appointment.",
    appointmentColumn: "",
    appointmentFormat: "",
    callerId: "",
    frontDesk: defaults.frontDesk ?? "",
    schedule: defaults.schedule.kind,
    at: "",
    hoursBefore: defaults.schedule.kind === "before" ? defaults.schedule.hours : 24,
    windowStart: hhmm(g.windowStartMin),
    windowEnd: hhmm(g.windowEndMin),
    days: DAY_NAMES.map((_, i) => g.days.includes(i)),
    maxPerDay: g.maxPerDay,
    maxPerWeek: g.maxPerWeek,
    ratePerSecond: g.ratePerSecond,
    maxLive: g.maxLive,
    retry: JSON.parse(JSON.stringify(defaults.retry)) as CampaignForm["retry"],
  };
}

/** What the form asks for, or a sentence saying which field to fix. */
export function settingsOf(form: CampaignForm, defaults: CampaignSettings): CampaignSettings | string {
  const numbers = [form.maxPerDay, form.maxPerWeek, form.ratePerSecond, form.maxLive, form.hoursBefore, ...Object.values(form.retry).flatMap((r) => [r.count, r.delayMin])];
  if (numbers.some((n) => typeof n !== "number" || !Number.isFinite(n) || n < 0)) return "Safeguards and retries: fill in every number (0 or more).";
  const start = minutesOf(form.windowStart);
  const end = minutesOf(form.windowEnd);
  if (start === null || end === null) return "Calling window: write the times as HH:MM, e.g. 08:00 and 21:00.";
  let schedule: Schedule;
  if (form.schedule === "at") {
    const at = Date.parse(form.at);
    if (!form.at || Number.isNaN(at)) return "Schedule: choose the date and time to start calling.";
    schedule = { kind: "at", at_ms: at };
  } else if (form.schedule === "before") {
    if (!form.appointmentColumn) return "Schedule: choose the appointment column to count the hours from.";
    schedule = { kind: "before", column: form.appointmentColumn, hours: Math.max(0, Math.round(form.hoursBefore)) };
  } else {
    schedule = { kind: "now" };
  }
  return {
    ...defaults,
    schedule,
    frontDesk: form.frontDesk.trim() || null,
    safeguards: {
      windowStartMin: start,
      windowEndMin: end,
      days: form.days.flatMap((on, i) => (on ? [i] : [])),
      maxPerDay: form.maxPerDay,
      maxPerWeek: form.maxPerWeek,
      ratePerSecond: form.ratePerSecond,
      maxLive: form.maxLive,
    },
    retry: { ...form.retry },
  };
}

/** "Mon–Sat", "Mon, Wed, Fri", "no days". */
export function daysWords(days: boolean[]): string {
  const on = DAY_NAMES.filter((_, i) => days[i]);
  if (on.length === 0) return "no days";
  const first = DAY_NAMES.indexOf(on[0]!);
  const run = on.every((d, i) => DAY_NAMES[first + i] === d);
  if (run && on.length > 2) return `${on[0]}–${on[on.length - 1]}`;
  return on.join(", ");
}

/** "2 × 10 min", "no retry". */
export function retryWords(rule: RetryRule): string {
  return rule.count === 0 ? "no retry" : `${rule.count} × ${rule.delayMin} min`;
}
