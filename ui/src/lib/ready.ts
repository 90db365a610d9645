// The first screen being up: once it has rendered with Rust's first answers, the UI says so
// (after the next frame) through `app_ready` — with CALLPAD_EXIT_WHEN_READY=1 the app then exits,
// the start-up benchmark's mark (src-tauri/src/ready_exit.rs) — and work the first screen does not
// need (opening the profile's session) waits for it. Only the first report is sent.

import { appReady } from "./backend";

/** The longest anything waits for the first screen. */
export const FIRST_SCREEN_WAIT_MS = 2000;

let reported = false;
let markShown: () => void = () => {};

/** Work the first screen does not need waits for this: it resolves once the first screen is up,
 *  or after `FIRST_SCREEN_WAIT_MS` whatever happens. */
export const firstScreenUp: Promise<void> = new Promise((resolve) => {
  markShown = resolve;
  setTimeout(resolve, FIRST_SCREEN_WAIT_MS);
});

/** The first screen is on; call after the DOM is updated. */
export function firstScreenShown(): void {
  if (reported) return;
  reported = true;
  const send = () => {
    performance.mark?.("callpad:ready");
    appReady().catch(() => {});
    markShown();
  };
  if (typeof requestAnimationFrame === "function") requestAnimationFrame(send);
  else setTimeout(send, 0);
}
