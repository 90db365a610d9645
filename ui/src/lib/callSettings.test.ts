import { describe, expect, it } from "vitest";
import { defaultSettings, toCallRequest } from "./callSettings";

describe("toCallRequest", () => {
  it("speaks the message, or runs the person's SWML URL when one is given", () => {
    const s = { ...defaultSettings(), message: "Hi {name} ${x}", voice: " en-GB " };
    expect(toCallRequest(s, "020 7946 0958", { id: 3, name: "Ann" })).toEqual({
      mode: { mode: "deliverMessage", message: { kind: "text", text: "Hi {name} ${x}", voice: "en-GB", language: null } },
      number: "020 7946 0958",
      contactId: 3,
      contactName: "Ann",
      callerId: null,
    });
    const url = toCallRequest({ ...s, swmlUrl: " https://x.test/a.yaml " }, "1", null);
    expect(url.mode).toEqual({ mode: "deliverMessage", message: { kind: "swmlUrl", url: "https://x.test/a.yaml" } });
  });

  it("carries the chosen caller ID and mode", () => {
    const r = toCallRequest({ ...defaultSettings(), mode: "callMeFirst", myNumber: " +1206 ", callerId: "+12065550100" }, "5", null);
    expect(r.mode).toEqual({ mode: "callMeFirst", myNumber: "+1206" });
    expect(r.callerId).toBe("+12065550100");
    expect(toCallRequest({ ...defaultSettings(), mode: "callerIdTest" }, "5", null).mode).toEqual({ mode: "callerIdTest" });
  });
});
