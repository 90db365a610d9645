// Small presentation helpers shared by components: times, durations, phase words.

import type { CallPhase } from "./backend";

/** Local wall-clock time of a Unix-ms instant, e.g. "14:05:09". */
export function clockTime(ms: number): string {
  return new Date(ms).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });
}

/** A date and time for history rows, e.g. "25 Nov, 14:05". */
export function shortDateTime(ms: number): string {
  return new Date(ms).toLocaleString([], { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });
}

/** Milliseconds as "m:ss" (or "h:mm:ss"). */
export function duration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

/** What each phase is called on screen. */
export const PHASE_WORDS: Record<CallPhase, string> = {
  queued: "Queued",
  created: "Connecting…",
  ringing: "Ringing…",
  answered: "Answered",
  ending: "Hanging up…",
  ended: "Ended",
};

/** What each phase is called in a timeline of things that already happened. */
export const TIMELINE_WORDS: Record<CallPhase, string> = {
  queued: "Queued",
  created: "Connecting",
  ringing: "Ringing",
  answered: "Answered",
  ending: "Hanging up",
  ended: "Ended",
};
