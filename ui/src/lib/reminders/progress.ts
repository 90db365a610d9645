// Words and numbers for a running campaign's progress view: the share finished, when the next
// call is due, and a campaign's state in words. Counts and decisions come from Rust's report.

/** Whole percent finished, 0 when there is nobody to call. */
export function percent(finished: number, toCall: number): number {
  if (toCall <= 0) return 0;
  return Math.min(100, Math.round((finished / toCall) * 100));
}

/** "now", "in 12 min", "in 3 h 5 min", or the local date and time when it is a day or more away. */
export function dueWords(iso: string, nowMs: number): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return "";
  const min = Math.round((at - nowMs) / 60_000);
  if (min <= 0) return "now";
  if (min < 60) return `in ${min} min`;
  if (min < 24 * 60) return `in ${Math.floor(min / 60)} h${min % 60 ? ` ${min % 60} min` : ""}`;
  return `on ${new Date(at).toLocaleString(undefined, { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" })}`;
}

const STATE_WORDS: Record<string, string> = {
  ready: "Ready",
  running: "Running",
  paused: "Paused",
  cancelled: "Cancelled",
  finished: "Finished",
};

/** A campaign's state in words. */
export function stateWords(state: string): string {
  return STATE_WORDS[state] ?? state;
}

/** Whether the runner may still call someone (the view keeps refreshing). */
export function isLive(state: string): boolean {
  return state === "ready" || state === "running";
}
