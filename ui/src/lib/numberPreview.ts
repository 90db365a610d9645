// Turns what is in the dial field into the preview line under it: the number formatted for
// reading, its country, exactly what will be dialled and whether a do-not-call contact holds it —
// or why it can't be dialled. Rust decides; each answer says which text it is for.

import { BackendError, numberPreview, type Dialable } from "./backend";

export type Preview =
  | { state: "empty"; text: string }
  | { state: "ok"; text: string; dialable: Dialable; country: string; doNotCall: boolean }
  | { state: "error"; text: string; message: string };

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
    if (input.trim() === "") return { state: "empty", text: input };
    let result: Preview;
    try {
      const { dialable, doNotCall } = await numberPreview(input, region);
      result = {
        state: "ok",
        text: input,
        dialable,
        doNotCall,
        country: dialable.kind === "phone" ? countryName(dialable.region) : "SIP address",
      };
    } catch (err) {
      result = { state: "error", text: input, message: err instanceof BackendError ? err.message : String(err) };
    }
    return mine === seq ? result : null;
  };
}
