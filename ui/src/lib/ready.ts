// The start-up benchmark's mark: once the first screen has rendered with Rust's first answers,
// the UI says so (after the next frame) through `app_ready`; with CALLPAD_EXIT_WHEN_READY=1 the app
// then exits (src-tauri/src/ready_exit.rs). Only the first report is sent.

import { appReady } from "./backend";

let reported = false;

/** The first screen is on; call after the DOM is updated. */
export function firstScreenShown(): void {
  if (reported) return;
  reported = true;
  const send = () => {
    performance.mark?.("callpad:ready");
    appReady().catch(() => {});
  };
  if (typeof requestAnimationFrame === "function") requestAnimationFrame(send);
  else setTimeout(send, 0);
}
