// Shared fixtures for the UI tests: profiles overviews, the app's vocabulary, call states, a
// stand-in for Rust's number reading and an IPC mock that answers every command the window uses.
// App.test.ts and the component tests take their data from here, so they agree on one world.

import { mockIPC } from "@tauri-apps/api/mocks";
import type { CallStarted, CallStatusView, Contact, ContactNumber, Profile, ProfilesOverview } from "../lib/backend";

// jsdom has no ResizeObserver (the dial pad measures its field with one): a quiet stand-in.
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};

export type Args = Record<string, unknown>;
export type Handler = (args: Args) => unknown;

export function profile(extra: Partial<Profile> = {}): Profile {
  return {
    name: "Practice",
    spaceUrl: "http://127.0.0.1",
    projectId: "practice-project",
    defaultCallerId: null,
    defaultRegion: "GB",
    statusMethod: "auto",
    practice: true,
    lastCallerId: null,
    myNumber: null,
    ringTimeoutS: 25,
    maxCallS: 3600,
    publicUrl: null,
    requireSignedWebhooks: false,
    ...extra,
  };
}

export const practice: ProfilesOverview = {
  profiles: [{ profile: profile(), tokenMask: null }],
  active: "Practice",
  warning: null,
  keychainProblem: null,
  databaseProblem: null,
};

/** Practice and a connected Space, the Space in use. */
export const twoProfiles: ProfilesOverview = {
  profiles: [
    { profile: profile(), tokenMask: null },
    { profile: profile({ name: "Work", spaceUrl: "https://work.signalwire.com", projectId: "p-1", practice: false, myNumber: "+12065550199" }), tokenMask: "••••1a2b" },
  ],
  active: "Work",
  warning: null,
  keychainProblem: null,
  databaseProblem: null,
};

export const empty: ProfilesOverview = { profiles: [], active: null, warning: null, keychainProblem: null, databaseProblem: null };

export const appInfo = {
  name: "Callpad",
  version: "9.9.9",
  dataDir: "/tmp/callpad-test",
  vocabulary: {
    callModes: [
      { value: "callMeFirst", label: "Call me first" },
      { value: "deliverMessage", label: "Deliver a message" },
      { value: "callerIdTest", label: "Caller-ID test" },
    ],
    testResults: [{ value: "shownCorrectly", label: "Shown correctly" }],
  },
};

/** A stand-in for Rust's number reading: digits-only numbers of 10+ digits are valid. */
export function fakeNormalize(args: Args) {
  const input = String(args.input);
  const digits = input.replace(/\D/g, "");
  if (digits === "911" || digits === "112") throw { code: "invalid_number", message: "Callpad cannot place emergency calls — use a phone", field: null };
  if (digits.length < 10) throw { code: "invalid_number", message: "The number is too short; check for missing digits", field: null };
  return { kind: "phone", e164: "+" + digits, international: "+" + digits, national: digits, region: "GB", extension: null, typed: input };
}

/** The dial pad's preview as Rust answers it; `doNotCall` lists numbers a contact opted out of. */
export function fakePreview(args: Args, doNotCall: string[] = []) {
  const dialable = fakeNormalize(args);
  return { dialable, doNotCall: doNotCall.includes(dialable.e164) };
}

export function view(phase: CallStatusView["phase"], extra: Partial<CallStatusView> = {}): CallStatusView {
  return {
    callId: "call-1",
    phase,
    cause: null,
    causeText: null,
    firstSeenMs: 1_000,
    ringingAtMs: null,
    answeredAtMs: null,
    endedAtMs: null,
    durationMs: null,
    timeline: [{ phase, atMs: 1_000, source: "dial" }],
    contactLeg: null,
    ...extra,
  };
}

export function started(extra: Partial<CallStarted> = {}): CallStarted {
  return {
    historyId: 1,
    callId: "call-1",
    callerId: "+12065550100",
    status: view("queued"),
    to: "+12065550174",
    extension: null,
    contactName: null,
    profile: "Practice",
    toDisplay: "+1 206-555-0174",
    numberLabel: null,
    callerIdName: "Front desk",
    myPhone: null,
    warning: null,
    ...extra,
  };
}

/** A UK mobile, as Rust reads "020 7946 0958". */
export const mobileNumber: ContactNumber = {
  label: "mobile",
  dial: "+442079460958",
  extension: null,
  typed: "020 7946 0958",
  national: "020 7946 0958",
  international: "+44 20 7946 0958",
};

/** A US work number with an extension, as Rust reads "555-123-4567 x12". */
export const workNumber: ContactNumber = {
  label: "work",
  dial: "+15551234567",
  extension: "12",
  typed: "555-123-4567 x12",
  national: "(555) 123-4567",
  international: "+1 555-123-4567",
};

export function contact(extra: Partial<Contact> = {}): Contact {
  return {
    id: 7,
    name: "Ann Lee",
    company: null,
    notes: "",
    favourite: false,
    optOut: false,
    tags: [],
    numbers: [mobileNumber],
    ...extra,
  };
}

/** Ann with everything filled in: a company, two numbers (one with an extension), notes, tags, a favourite. */
export function annInFull(extra: Partial<Contact> = {}): Contact {
  return contact({
    company: "Acme",
    numbers: [mobileNumber, workNumber],
    notes: "Prefers mornings",
    tags: ["vip", "london"],
    favourite: true,
    ...extra,
  });
}

/** Mocks the IPC: every command the window sends on start answers from these fixtures;
 * `overrides` replace single commands. Returns the calls made, in order. */
export function mockBackend(overview: ProfilesOverview, overrides: Record<string, Handler> = {}) {
  const calls: { cmd: string; args: Args }[] = [];
  mockIPC(
    (cmd, args) => {
      calls.push({ cmd, args: args as Args });
      const handler = overrides[cmd];
      if (handler) return handler(args as Args);
      switch (cmd) {
        case "app_info":
          return appInfo;
        case "profiles_overview":
          return overview;
        case "practice_start":
          return practice;
        case "number_preview":
          return fakePreview(args as Args);
        case "regions":
          return [
            { code: "DE", callingCode: 49 },
            { code: "GB", callingCode: 44 },
            { code: "US", callingCode: 1 },
          ];
        case "session_webhooks":
          return { received: 0, signed: 0, unsigned: 0, refused: 0 };
        case "history_reconcile":
          return null;
        case "session_connect":
          return { method: "listen", statusUrl: "http://127.0.0.1:1/status/x", reason: "Listening: the practice space reaches Callpad directly." };
        case "caller_ids":
          return { usable: [{ number: "+12065550100", name: "Front desk", kind: "owned" }], pendingVerification: [], withoutVoice: [], preselected: "+12065550100" };
        case "contacts_search":
          return { offset: Number((args as Args).offset ?? 0), total: 0, calls: 0, hits: [] };
        case "app_ready":
          return null;
        case "history_list":
          return [];
        case "call_place":
          return started();
        case "call_hang_up":
          return null;
      }
      throw new Error(`unexpected command ${cmd}`);
    },
    { shouldMockEvents: true },
  );
  return calls;
}
