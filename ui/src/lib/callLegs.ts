// What the live call panel says about a call in words: which leg is ringing (your phone first for
// "call me first", then the contact), who, and whether an ended call failed.

import type { CallStarted, CallStatusView, EndCause } from "./backend";
import { duration } from "./format";

/** Causes that mean the call did not do its job: shown as failed. */
const FAILED: EndCause[] = ["busy", "noAnswer", "declined", "failed", "abandoned", "unknown"];

export function isFailed(status: CallStatusView): boolean {
  return status.phase === "ended" && status.answeredAtMs === null && (status.cause === null || FAILED.includes(status.cause));
}

/** The number called, with which of the contact's numbers it is: "mobile · +44 20 7946 0958". */
export function numberLine(started: CallStarted): string {
  const label = started.numberLabel?.trim();
  return label ? `${label} · ${started.toDisplay}` : started.toDisplay;
}

/** The caller ID by name when the Space names it: "Seattle office (+12065550100)". */
export function callerIdLine(started: CallStarted): string {
  return started.callerIdName ? `${started.callerIdName} (${started.callerId})` : started.callerId;
}

/**
 * The leg line while the call is live, with the ringing timer: "Your phone is ringing (+1 206…) · 0:07",
 * then "Connecting you to Ann Lee", or "Ringing Ann Lee · 0:04". Null once it ended.
 */
export function legLine(started: CallStarted, status: CallStatusView, now: number): string | null {
  const who = started.contactName ?? started.toDisplay;
  const ringing = status.ringingAtMs !== null ? ` · ${duration(Math.max(0, now - status.ringingAtMs))}` : "";
  const mine = started.myPhone;
  switch (status.phase) {
    case "queued":
    case "created":
      return mine ? `Calling your phone ${mine} first` : `Calling ${who}`;
    case "ringing":
      return mine ? `Your phone is ringing (${mine})${ringing}` : `Ringing ${who}${ringing}`;
    case "answered":
      return mine ? `You answered — connecting you to ${who}` : `Talking to ${who}`;
    case "ending":
      return "Hanging up…";
    case "ended":
      return null;
  }
}
