// The UI's only door to Rust: every IPC call and event goes through this module, and it is the
// only file that imports @tauri-apps/*. Components import from here; tests mock the IPC under it.

import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import { save } from "@tauri-apps/plugin-dialog";
import { toBase64 } from "./base64";
import type {
  AppInfo,
  CampaignListing,
  CampaignReview,
  CampaignSettings,
  AppSettingsPatch,
  AppSettingsView,
  DesktopDial,
  Favourite,
  CallRequest,
  CallStarted,
  CallUpdate,
  CallerIdTestResult,
  CallerIdPicker,
  ConnectionPatch,
  ConnectionReport,
  Contact,
  ContactInput,
  ErrorCode,
  ExportFormat,
  HistoryRow,
  HistoryFormat,
  ImportPlan,
  ImportProgress,
  ImportSummary,
  IpcError,
  LinkHandlers,
  LinkOutcome,
  LookupSummary,
  NewProfile,
  NumberPreview,
  RegionChoice,
  SpaceConnected,
  ProfileSettingsPatch,
  ProfilesOverview,
  ReconcileReport,
  ReminderDraft,
  ReminderPreview,
  ReminderReport,
  ReminderTick,
  SearchHit,
  SearchPage,
  StatusChoice,
  WebhookTally,
} from "./bindings";

export type * from "./bindings";

/** An IPC failure as the UI shows it: a stable code and a sentence a person can act on. */
export class BackendError extends Error {
  readonly code: ErrorCode | "ipc";
  /** The form field the error is about, in words ("API token"), when it is about one. */
  readonly field: string | null;
  constructor(err: IpcError | { code: "ipc"; message: string }) {
    super(err.message);
    this.code = err.code;
    this.field = "field" in err ? (err.field ?? null) : null;
    this.name = "BackendError";
  }
}

/** The field an error is about ("API token"), or null. */
export function fieldOf(err: unknown): string | null {
  return err instanceof BackendError ? err.field : null;
}

function isIpcError(value: unknown): value is IpcError {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as IpcError).code === "string" &&
    typeof (value as IpcError).message === "string"
  );
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (err) {
    if (isIpcError(err)) throw new BackendError(err);
    const message = err instanceof Error ? err.message : String(err);
    throw new BackendError({ code: "ipc", message: `Callpad's backend did not answer: ${message}` });
  }
}

/** The message of any error, for showing. */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

// --- the app -------------------------------------------------------------------------------
// Each wrapper is named for its command (`call_place` → `callPlace`); src-tauri's command_list.rs
// is the one list, and a Rust test fails when this file disagrees with it.

/** Version and data folder of the running app. */
export const appInfo = () => call<AppInfo>("app_info");

// App settings (not per profile): theme, notifications, tray, start-up, hotkeys, links.
export const appSettings = () => call<AppSettingsView>("app_settings");
export const appSettingsUpdate = (patch: AppSettingsPatch) => call<AppSettingsView>("app_settings_update", { patch });
/** Favourite contacts with a number, for Ctrl+1..9. */
export const favourites = () => call<Favourite[]>("favourites");

/** Numbers from outside the window: the select-to-call hotkey, the tray. */
export function onDesktopDial(handler: (dial: DesktopDial) => void): Promise<UnlistenFn> {
  return listen<DesktopDial>("desktop-dial", (event) => handler(event.payload));
}

/** The quick-dial hotkey was pressed. */
export function onQuickDial(handler: () => void): Promise<UnlistenFn> {
  return listen<null>("quick-dial", () => handler());
}
/** The first screen has rendered with Rust's first answers (the start-up benchmark's mark; see ready.ts). */
export const appReady = () => call<void>("app_ready");
/** The dial pad's preview: what `input` dials and whether a do-not-call contact holds it. */
export const numberPreview = (input: string, region: string | null) => call<NumberPreview>("number_preview", { input, region });
/** The regions a default region can be chosen from (codes; the UI names them). */
export const regions = () => call<RegionChoice[]>("regions");

// --- profiles ------------------------------------------------------------------------------

export const profilesOverview = () => call<ProfilesOverview>("profiles_overview");
/** Tests the connection, then adds the profile; the secrets go to the OS keychain and never come back. */
export const profileAdd = (input: NewProfile) => call<SpaceConnected>("profile_add", { input });
/** Changes Space URL / project ID / token after testing the new connection. */
export const profileUpdateConnection = (name: string, patch: ConnectionPatch) => call<SpaceConnected>("profile_update_connection", { name, patch });
/** Changes only the settings in `patch`; secrets and the remembered caller ID stay as they are. */
export const profileUpdateSettings = (name: string, patch: ProfileSettingsPatch) => call<ProfilesOverview>("profile_update_settings", { name, patch });
/** Makes a profile the one in use; its session replaces the previous one. */
export const profileUse = (name: string) => call<ProfilesOverview>("profile_use", { name });
export const profileRemove = (name: string) => call<ProfilesOverview>("profile_remove", { name });
export const profileTest = (name: string) => call<ConnectionReport>("profile_test", { name });
/** Adds (if needed) and uses the practice profile: no account, no real calls. */
export const practiceStart = () => call<ProfilesOverview>("practice_start");

// --- calls ---------------------------------------------------------------------------------

/** Opens the active profile's session if needed; says how call status will arrive and why. */
export const sessionConnect = () => call<StatusChoice>("session_connect");
/** The caller IDs the profile may use, and the one Rust preselects (last used, else default). */
/** What the session's listener received ("12 webhooks, 0 signed"); null when polling. */
export const sessionWebhooks = () => call<WebhookTally | null>("session_webhooks");
export const callerIds = (refresh = false) => call<CallerIdPicker>("caller_ids", { refresh });
export const callPlace = (request: CallRequest) => call<CallStarted>("call_place", { request });
export const callHangUp = (callId: string) => call<void>("call_hang_up", { callId });
/** Caller name, carrier and line type of a number. SignalWire may bill each lookup. */
export const numberLookup = (number: string) => call<LookupSummary>("number_lookup", { number });

/** Every change to any call, pushed by Rust (no polling here). */
export function onCallUpdate(handler: (update: CallUpdate) => void): Promise<UnlistenFn> {
  return listen<CallUpdate>("call-update", (event) => handler(event.payload));
}

// --- history -------------------------------------------------------------------------------

export const historyList = (query: string, limit = 200) => call<HistoryRow[]>("history_list", { query, limit });
export const historySetTestResult = (id: number, result: CallerIdTestResult) => call<void>("history_set_test_result", { id, result });
/** Settles calls a crash left unfinished, from the Space's voice logs; null when no session is open. */
export const historyReconcile = () => call<ReconcileReport | null>("history_reconcile");
/** Writes history to `path`; answers where it was written. */
export const historyExport = (format: HistoryFormat, path: string) => call<string>("history_export", { format, path });

// --- contacts ------------------------------------------------------------------------------

export const contactsSearch = (query: string, offset: number, limit: number) => call<SearchPage>("contacts_search", { query, offset, limit });
export const contactGet = (id: number) => call<Contact>("contact_get", { id });
export const contactSave = (id: number | null, input: ContactInput) => call<Contact>("contact_save", { id, input });
export const contactDelete = (id: number) => call<void>("contact_delete", { id });
/** What importing this file would do; Rust reads the raw bytes and keeps the plan under its id. */
export const contactsImportPreview = (bytes: Uint8Array) => call<ImportPlan>("contacts_import_preview", { contentBase64: toBase64(bytes) });
/** Imports the plan `contactsImportPreview` returned, in one transaction. */
export const contactsImportCommit = (importId: number) => call<ImportSummary>("contacts_import_commit", { importId });
/** Writes every contact to `path`; answers where it was written. */
export const contactsExport = (format: ExportFormat, path: string) => call<string>("contacts_export", { format, path });

/** The system Save dialog; the chosen path, or null when the person cancelled. */
export async function chooseSavePath(defaultName: string, filter: { name: string; extensions: string[] }): Promise<string | null> {
  try {
    return (await save({ defaultPath: defaultName, filters: [filter] })) ?? null;
  } catch (err) {
    throw new BackendError({ code: "ipc", message: `The Save dialog did not open: ${messageOf(err)}` });
  }
}

export function onImportProgress(handler: (progress: ImportProgress) => void): Promise<UnlistenFn> {
  return listen<ImportProgress>("import-progress", (event) => handler(event.payload));
}

// --- reminders -----------------------------------------------------------------------------

/** A new campaign's menu, schedule, safeguards and retries as Rust ships them (safeguards on). */
export const reminderDefaults = () => call<CampaignSettings>("reminder_defaults");
/** What the draft would do, nothing stored: columns, what the first recipients hear, the review. */
export const reminderPreview = (draft: ReminderDraft) => call<ReminderPreview>("reminder_preview", { draft });
/** Stores the campaign with every recipient (excluded ones too) and answers its review. */
export const reminderCreate = (draft: ReminderDraft) => call<CampaignReview>("reminder_create", { draft });
export const reminderCampaigns = () => call<CampaignListing[]>("reminder_campaigns");
/** Progress and report: counts by outcome, calls in progress, the next call, every attempt. */
export const reminderReport = (id: number) => call<ReminderReport>("reminder_report", { id });
/** Starts the campaign's runner in the background (it keeps going while the window is hidden). */
export const reminderStart = (id: number) => call<void>("reminder_start", { id });
export const reminderPause = (id: number) => call<string>("reminder_pause", { id });
/** Resumes a paused campaign and starts its runner again. */
export const reminderResume = (id: number) => call<string>("reminder_resume", { id });
export const reminderCancel = (id: number) => call<string>("reminder_cancel", { id });
/** Writes every attempt (with the imported columns) as CSV to `path`; answers where. */
export const reminderExport = (id: number, path: string) => call<string>("reminder_export", { id, path });

/** A running campaign moved on or stopped: re-read its report. */
export function onReminderTick(handler: (tick: ReminderTick) => void): Promise<UnlistenFn> {
  return listen<ReminderTick>("reminder-tick", (event) => handler(event.payload));
}

// --- phone links ---------------------------------------------------------------------------

/** The tel:/callto:/sip: link handed to Callpad and not yet shown (at start, and on each `onLinkOpened`). */
export const linkTake = () => call<LinkOutcome | null>("link_take");
/** Which app the desktop opens phone links with, as `xdg-mime query default` answers. */
export const linkHandlers = () => call<LinkHandlers>("link_handlers");
/** Makes Callpad the desktop's default for phone links, then asks the desktop again. */
export const linkMakeDefault = () => call<LinkHandlers>("link_make_default");

/** A link reached the running window (a second launch handed it over): take it with `linkTake`. */
export function onLinkOpened(handler: () => void): Promise<UnlistenFn> {
  return listen("link-opened", () => handler());
}
