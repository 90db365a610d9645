// Turns what is in the dial field into the preview line under it: the number formatted for
// reading, its country, and exactly what will be dialled — or why it can't be. Rust decides.

import { BackendError, normalizeNumber, type Dialable } from "./backend";

export type Preview =
  | { state: "empty" }
  | { state: "ok"; dialable: Dialable; country: string }
  | { state: "error"; message: string };

const regionNames = (() => {
  try {
    return new Intl.DisplayNames(["en"], { type: "region" });
  } catch {
    return null;
  }
})();

/** The English name of an ISO region code; non-geographic numbers (`001`) are "International". */
export function countryName(region: string): string {
  if (region === "001") return "International";
  try {
    return regionNames?.of(region) ?? region;
  } catch {
    return region;
  }
}

/** Reads `input` through Rust. Answers to input that has since changed come back as `null`. */
export function makePreviewer() {
  let seq = 0;
  return async function preview(input: string, region: string | null): Promise<Preview | null> {
    const mine = ++seq;
    if (input.trim() === "") return { state: "empty" };
    let result: Preview;
    try {
      const dialable = await normalizeNumber(input, region);
      result = {
        state: "ok",
        dialable,
        country: dialable.kind === "phone" ? countryName(dialable.region) : "SIP address",
      };
    } catch (err) {
      result = { state: "error", message: err instanceof BackendError ? err.message : String(err) };
    }
    return mine === seq ? result : null;
  };
}
