// The UI's only door to Rust: every IPC call and event goes through this module, and it is the
// only file that imports @tauri-apps/*. Components import from here; tests mock the IPC under it.

import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import { toBase64 } from "./base64";
import type {
  AppInfo,
  CallRequest,
  CallUpdate,
  CallerIds,
  ConnectionReport,
  Contact,
  ContactInput,
  Dialable,
  HistoryEntry,
  ImportPreview,
  ImportProgress,
  ImportSummary,
  IpcError,
  LookupSummary,
  NewProfile,
  PlacedCall,
  Profile,
  ProfilesOverview,
  SearchHit,
  StatusChoice,
} from "./bindings";

export type * from "./bindings";

/** An IPC failure as the UI shows it: a stable code and a sentence a person can act on. */
export class BackendError extends Error {
  readonly code: string;
  constructor(err: IpcError) {
    super(err.message);
    this.code = err.code;
    this.name = "BackendError";
  }
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

/** Version and data folder of the running app. */
export const appInfo = () => call<AppInfo>("app_info");

/** What `input` will dial: E.164 (with any extension kept apart) or a SIP address. */
export const normalizeNumber = (input: string, region: string | null) =>
  call<Dialable>("normalize_number", { input, region });

// --- profiles ------------------------------------------------------------------------------

export const profilesOverview = () => call<ProfilesOverview>("profiles_overview");
/** Adds a profile; the token goes to the OS keychain and never comes back. */
export const addProfile = (input: NewProfile) => call<ProfilesOverview>("profile_add", { input });
export const useProfile = (name: string) => call<ProfilesOverview>("profile_use", { name });
/** Saves a profile's settings; its secrets stay in the keychain. */
export const updateProfile = (profile: Profile) => call<ProfilesOverview>("profile_update", { profile });
export const removeProfile = (name: string) => call<ProfilesOverview>("profile_remove", { name });
export const testProfile = (name: string) => call<ConnectionReport>("profile_test", { name });
/** Adds (if needed) and activates the practice profile: no account, no real calls. */
export const startPractice = () => call<ProfilesOverview>("practice_start");

// --- calls ---------------------------------------------------------------------------------

/** Opens the active profile's session; says how call status will arrive and why. */
export const sessionStatus = () => call<StatusChoice>("session_status");
export const callerIds = (refresh = false) => call<CallerIds>("caller_ids", { refresh });
export const placeCall = (request: CallRequest) => call<PlacedCall>("call_place", { request });
export const hangUp = (callId: string) => call<void>("call_hang_up", { callId });
/** Caller name, carrier and line type of a number. SignalWire may bill each lookup. */
export const lookupNumber = (number: string) => call<LookupSummary>("number_lookup", { number });

/** Every change to any call, pushed by Rust (no polling here). */
export function onCallUpdate(handler: (update: CallUpdate) => void): Promise<UnlistenFn> {
  return listen<CallUpdate>("call-update", (event) => handler(event.payload));
}

// --- history -------------------------------------------------------------------------------

export const historyList = (query: string, limit = 200) => call<HistoryEntry[]>("history_list", { query, limit });
export const setTestResult = (id: number, result: string) => call<void>("history_set_test_result", { id, result });
export const historyCsv = () => call<string>("history_export_csv");

// --- contacts ------------------------------------------------------------------------------

export const searchContacts = (query: string, limit = 500) => call<SearchHit[]>("contacts_search", { query, limit });
export const getContact = (id: number) => call<Contact>("contact_get", { id });
export const saveContact = (id: number | null, input: ContactInput) => call<Contact>("contact_save", { id, input });
export const deleteContact = (id: number) => call<void>("contact_delete", { id });
/** What importing this file would do; Rust reads the raw bytes and keeps the plan for `importContacts`. */
export const previewImport = (bytes: Uint8Array) =>
  call<ImportPreview>("contacts_import_preview", { contentBase64: toBase64(bytes) });
export const importContacts = () => call<ImportSummary>("contacts_import");
export const exportContacts = (format: "csv" | "vcard") => call<string>("contacts_export", { format });

export function onImportProgress(handler: (progress: ImportProgress) => void): Promise<UnlistenFn> {
  return listen<ImportProgress>("import-progress", (event) => handler(event.payload));
}
