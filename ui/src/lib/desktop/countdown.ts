// A cancellable countdown before a call that arrived from outside the window (a link, the
// select-to-call hotkey): it ticks once a second, and calls only if nobody cancelled.

export interface Countdown {
  /** Seconds left (0 once it fired). */
  readonly left: number;
  cancel(): void;
}

/** Starts counting `seconds` down; `ontick` gets each new value, `onfire` runs at 0. A count of
 * 0 fires at once (an explicit tray click). */
export function startCountdown(seconds: number, ontick: (left: number) => void, onfire: () => void): Countdown {
  let left = Math.max(0, Math.floor(seconds));
  let timer: ReturnType<typeof setInterval> | null = null;
  const state = {
    get left() {
      return left;
    },
    cancel() {
      if (timer !== null) clearInterval(timer);
      timer = null;
    },
  };
  if (left === 0) {
    onfire();
    return state;
  }
  ontick(left);
  timer = setInterval(() => {
    left -= 1;
    ontick(left);
    if (left <= 0) {
      state.cancel();
      onfire();
    }
  }, 1000);
  return state;
}
