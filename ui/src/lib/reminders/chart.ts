// The report's outcome chart as plain SVG geometry: one horizontal bar per outcome, longest for
// the most common, each coloured by what the desk must do about it. No chart library.

import type { Outcome, OutcomeCount } from "../bindings";

export interface Bar {
  outcome: Outcome;
  label: string;
  count: number;
  /** Top of the bar's row, in SVG units. */
  y: number;
  /** The bar's length, in SVG units (at least 2 so a count of one shows). */
  width: number;
  /** A CSS colour (an app.css variable). */
  fill: string;
}

export const ROW = 28;
export const BAR_HEIGHT = 18;

/** Green: done; amber: someone must act; red: stop / check; grey: did not reach anyone. */
export function fillOf(outcome: Outcome): string {
  switch (outcome) {
    case "confirmed":
    case "answered":
      return "var(--accent)";
    case "reschedule":
    case "asked_for_call":
    case "no_input":
      return "var(--warn, #b7791f)";
    case "stop_calls":
    case "may_have_been_placed":
      return "var(--danger)";
    default:
      return "var(--muted)";
  }
}

/** Bars for `outcomes`, scaled so the largest fills `width`. */
export function bars(outcomes: OutcomeCount[], width: number): Bar[] {
  const max = Math.max(1, ...outcomes.map((o) => o.count));
  return outcomes.map((o, i) => ({
    outcome: o.outcome,
    label: o.label,
    count: o.count,
    y: i * ROW,
    width: Math.max(2, (o.count / max) * width),
    fill: fillOf(o.outcome),
  }));
}
