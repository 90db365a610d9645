import { describe, expect, it } from "vitest";
import { defaultSettings, toCallRequest } from "./callSettings";

describe("toCallRequest", () => {
  it("calls to talk by default: call me first, ringing the person's own phone (the profile's)", () => {
    expect(defaultSettings().mode).toBe("callMeFirst");
    expect(toCallRequest(defaultSettings(), { kind: "typed", text: "5" }).mode).toEqual({ mode: "callMeFirst", myNumber: "" });
  });

  it("speaks the message, or runs the person's SWML URL when one is given", () => {
    const s = { ...defaultSettings(), mode: "deliverMessage" as const, message: "Hi {name} ${x}", voice: " en-GB " };
    expect(toCallRequest(s, { kind: "contact", contactId: 3, dial: "+442079460958" })).toEqual({
      mode: { mode: "deliverMessage", message: { kind: "text", text: "Hi {name} ${x}", voice: "en-GB", language: null } },
      target: { kind: "contact", contactId: 3, dial: "+442079460958" },
      callerId: null,
    });
    const url = toCallRequest({ ...s, swmlUrl: " https://x.test/a.yaml " }, { kind: "typed", text: "1" });
    expect(url.mode).toEqual({ mode: "deliverMessage", message: { kind: "swmlUrl", url: "https://x.test/a.yaml" } });
  });

  it("carries the chosen caller ID and mode", () => {
    const r = toCallRequest({ ...defaultSettings(), mode: "callMeFirst", myNumber: " +1206 ", callerId: "+12065550100" }, { kind: "typed", text: "5" });
    expect(r.mode).toEqual({ mode: "callMeFirst", myNumber: "+1206" });
    expect(r.callerId).toBe("+12065550100");
    expect(toCallRequest({ ...defaultSettings(), mode: "callerIdTest" }, { kind: "history", historyId: 5 }).mode).toEqual({ mode: "callerIdTest" });
  });
});
