// Shared fixtures for the UI tests: profiles overviews, the app's vocabulary, call states, a
// stand-in for Rust's number reading and an IPC mock that answers every command the window uses.
// App.test.ts and the component tests take their data from here, so they agree on one world.

import { mockIPC } from "@tauri-apps/api/mocks";
import type {
  AppSettingsView,
  CallStarted,
  CallStatusView,
  CampaignSettings,
  Contact,
  ContactNumber,
  Profile,
  ProfilesOverview,
  ReminderPreview,
  ReminderReport,
} from "../lib/backend";

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
    timeZone: null,
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

/** A new campaign's settings as Rust ships them (reminder_defaults). */
export function reminderSettings(): CampaignSettings {
  const key = (k: string, label: string, outcome: "confirmed" | "reschedule" | "asked_for_call" | "stop_calls", action: "hang_up" | "connect_front_desk" | "do_not_call") => ({
    key: k,
    label,
    reply: "Thank you.",
    outcome,
    action,
  });
  return {
    menu: [key("1", "to confirm", "confirmed", "hang_up"), key("2", "to reschedule", "reschedule", "hang_up"), key("3", "to speak to us", "asked_for_call", "connect_front_desk"), key("9", "to stop these calls", "stop_calls", "do_not_call")],
    schedule: { kind: "now" },
    safeguards: { windowStartMin: 480, windowEndMin: 1260, days: [0, 1, 2, 3, 4, 5], maxPerDay: 1, maxPerWeek: 3, ratePerSecond: 1, maxLive: 5 },
    retry: { busy: { count: 2, delayMin: 10 }, noAnswer: { count: 2, delayMin: 30 }, failed: { count: 1, delayMin: 5 }, machine: { count: 0, delayMin: 0 }, noInput: { count: 1, delayMin: 60 } },
    frontDesk: null,
    detectMachine: false,
    voicemail: "Hello, this is a reminder call.",
    fallbackZone: null,
  };
}

/** What Rust previews for a three-row file with one do-not-call row (reminder_preview). */
export function reminderPreview(extra: Partial<ReminderPreview> = {}): ReminderPreview {
  return {
    columns: [
      { column: "Patient", becomes: "Name ({name})" },
      { column: "Phone", becomes: "Phone number" },
      { column: "Appointment", becomes: "Appointment ({date}, {time})" },
    ],
    suggestedAppointment: "Appointment",
    placeholders: ["{first_name}", "{name}", "{date}", "{time}", "{patient}"],
    problem: null,
    review: {
      id: 0,
      name: "Tuesday",
      call_now: 1,
      call_later: 1,
      never: 1,
      invalid: 0,
      do_not_call: 1,
      duplicates: 0,
      excluded: [{ line: 4, phone: "+12065550190", name: "Cy", kind: "do_not_call", reason: "on the do-not-call list" }],
    },
    heldByCaps: 0,
    heard: [
      {
        line: 2,
        name: "Ada Lovelace",
        phone: "+12065550111",
        words: "Hello Ada, see you on Thursday the 3rd of December at 2:30 PM. Press 1 to confirm.",
        dueAt: "2026-12-02T17:00:00Z",
        zone: "America/Los_Angeles",
        waitingReason: null,
      },
    ],
    callerId: "+12065550100",
    keypresses: { messageOnly: false, reason: "Keypresses reach Callpad: each call offers the menu and records the key." },
    ...extra,
  };
}

/** A running campaign's report (reminder_report). */
export function reminderReport(extra: Partial<ReminderReport> = {}): ReminderReport {
  return {
    status: {
      id: 7,
      name: "Tuesday",
      state: "running",
      profile: "Practice",
      caller_id: "+12065550100",
      template: "Hello {first_name}",
      counts: { confirmed: 1, waiting: 1, excluded: 1 },
      recipients: [
        { line: 2, phone: "+12065550111", name: "Ada", state: "done", exclusion: null, outcome: "confirmed", attempts: 1, next_attempt_at: null, waiting_reason: null, zone: "America/Los_Angeles", message: "Hello Ada" },
        { line: 3, phone: "+12065550121", name: "Bo", state: "waiting", exclusion: null, outcome: "busy", attempts: 1, next_attempt_at: "2099-01-01T10:00:00Z", waiting_reason: "busy: tried again in 10 min", zone: "America/Los_Angeles", message: "Hello Bo" },
        { line: 4, phone: "+12065550190", name: "Cy", state: "excluded", exclusion: "do_not_call", outcome: null, attempts: 0, next_attempt_at: null, waiting_reason: "on the do-not-call list", zone: null, message: null },
      ],
    },
    toCall: 2,
    finished: 1,
    outcomes: [{ outcome: "confirmed", label: "Confirmed", count: 1 }],
    inProgress: [],
    nextCall: { name: "Bo", phone: "+12065550121", at: "2099-01-01T10:00:00Z", atMs: Date.parse("2099-01-01T10:00:00Z"), reason: "busy: tried again in 10 min" },
    attempts: [
      { line: 2, name: "Ada", number: "+12065550111", state: "ended", outcome: "confirmed", startedAt: "2026-12-02T17:00:00Z", endedAt: "2026-12-02T17:00:20Z" },
      { line: 3, name: "Bo", number: "+12065550121", state: "ended", outcome: "busy", startedAt: "2026-12-02T17:00:01Z", endedAt: "2026-12-02T17:00:05Z" },
    ],
    countWords: [
      { key: "confirmed", label: "Confirmed" },
      { key: "busy", label: "Busy" },
      { key: "waiting", label: "Waiting" },
      { key: "excluded", label: "Not called" },
    ],
    ...extra,
  };
}

/** App settings as a fresh install has them, on a desktop with a tray and no problems. */
export function appSettingsView(extra: Partial<AppSettingsView["settings"]> = {}, desktop: Partial<AppSettingsView["desktop"]> = {}): AppSettingsView {
  return {
    settings: {
      theme: "system",
      notifications: true,
      startMinimised: false,
      startAtLogin: false,
      closeToTray: false,
      hotkeys: { selectToCall: "Ctrl+Alt+C", quickDial: "Ctrl+Alt+D" },
      linkAction: "prefill",
      hotkeyAction: "prefill",
      callCountdownS: 5,
      ...extra,
    },
    desktop: { wayland: false, tray: true, problems: [], ...desktop },
  };
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
        case "app_settings":
          return appSettingsView();
        case "favourites":
          return [];
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
        case "reminder_campaigns":
          return [];
        case "reminder_defaults":
          return reminderSettings();
        case "link_take":
          return null;
      }
      throw new Error(`unexpected command ${cmd}`);
    },
    { shouldMockEvents: true },
  );
  return calls;
}
