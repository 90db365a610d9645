// The UI's only door to Rust: every IPC call goes through this module, and it is the only file
// that imports @tauri-apps/*. Components import from here; tests mock the IPC underneath it.

import { invoke } from "@tauri-apps/api/core";
import type { AppInfo, Dialable, IpcError } from "./bindings";

export type { AppInfo, Dialable, IpcError, PhoneNumber, SipAddress } from "./bindings";

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

/** Version and data folder of the running app. */
export function appInfo(): Promise<AppInfo> {
  return call<AppInfo>("app_info");
}

/** What `input` will dial: E.164 (with any extension kept apart) or a SIP address. */
export function normalizeNumber(input: string, region: string | null): Promise<Dialable> {
  return call<Dialable>("normalize_number", { input, region });
}
