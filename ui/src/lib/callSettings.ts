// What the person has chosen for the next call — mode, message, caller ID — and how that becomes
// the `CallRequest` Rust checks. Pure data mapping; Rust validates everything.

import type { CallMode, CallRequest, CallTarget } from "./backend";

export type ModeName = CallMode["mode"];

export interface CallSettings {
  mode: ModeName;
  /** The text spoken by "deliver a message". */
  message: string;
  /** Optional TTS voice, e.g. "en-US-Neural2-F". */
  voice: string;
  /** When set, "deliver a message" runs the SWML at this URL instead of speaking `message`. */
  swmlUrl: string;
  /** The person's own phone for "call me first"; empty means the profile's. Rust keeps a new one
   * in the profile (the same value as Settings → My phone). */
  myNumber: string;
  /** The caller ID picked; empty means the profile's last or default. */
  callerId: string;
}

/** Click to call means talking: "call me first" rings the person's own phone, then the contact. A
 * message call is a deliberate choice. */
export function defaultSettings(): CallSettings {
  return {
    mode: "callMeFirst",
    message: "Hello, this is a reminder of your appointment tomorrow. Please call us if you need to change it.",
    voice: "",
    swmlUrl: "",
    myNumber: "",
    callerId: "",
  };
}

export function toCallMode(s: CallSettings): CallMode {
  switch (s.mode) {
    case "callMeFirst":
      return { mode: "callMeFirst", myNumber: s.myNumber.trim() };
    case "callerIdTest":
      return { mode: "callerIdTest" };
    case "deliverMessage":
      return {
        mode: "deliverMessage",
        message:
          s.swmlUrl.trim() !== ""
            ? { kind: "swmlUrl", url: s.swmlUrl.trim() }
            : { kind: "text", text: s.message, voice: s.voice.trim() || null, language: null },
      };
  }
}

/** A Call press for `target` with these settings; Rust resolves the target and checks the rest. */
export function toCallRequest(s: CallSettings, target: CallTarget): CallRequest {
  return {
    mode: toCallMode(s),
    target,
    callerId: s.callerId.trim() || null,
  };
}
