// Drops stale answers: when requests overlap (a search per keystroke, a contact per selection),
// only the answer to the newest request is used, whatever order the answers arrive in.

export interface Latest {
  /** Starts a request; the returned function tells, when its answer arrives, if it is still the newest. */
  begin(): () => boolean;
  /** Makes every request started so far stale (e.g. when the component goes away). */
  cancel(): void;
}

export function latest(): Latest {
  let newest = 0;
  return {
    begin() {
      const mine = ++newest;
      return () => mine === newest;
    },
    cancel() {
      newest++;
    },
  };
}
