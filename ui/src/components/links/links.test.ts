// Phone links in the window: a link waiting at start and one a second launch hands over fill the
// dial pad and show the number's country; the "call" preference counts down and calls, Cancel
// stops it; a refused link says why; the Phone links dialog runs the desktop self-test.

import { afterEach, describe, expect, it } from "vitest";
import { cleanup, render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { clearMocks } from "@tauri-apps/api/mocks";
import { emit } from "@tauri-apps/api/event";
import App from "../../App.svelte";
import type { LinkDial, LinkHandlers, LinkOutcome } from "../../lib/backend";
import { mockBackend, practice } from "../../test/fixtures";

afterEach(async () => {
  cleanup();
  await new Promise((resolve) => setTimeout(resolve, 0));
  clearMocks();
});

function dial(extra: Partial<LinkDial> = {}): LinkOutcome {
  return {
    kind: "dial",
    link: "tel:+12065550174;ext=12",
    scheme: "tel",
    dialable: {
      kind: "phone",
      e164: "+12065550174",
      international: "+1 206-555-0174",
      national: "(206) 555-0174",
      region: "US",
      extension: "12",
      typed: "+12065550174 ext. 12",
    },
    prefill: "+1 206-555-0174 ext. 12",
    action: "prefill",
    countdownSeconds: 5,
    doNotCall: false,
    ...extra,
  };
}

/** `link_take` answers each of `outcomes` once, then null, as Rust's take does. */
function linksInTurn(...outcomes: LinkOutcome[]) {
  return () => outcomes.shift() ?? null;
}


describe("phone links", () => {
  it("fills the dial pad from the launch's link and from one a second launch hands over", async () => {
    const waiting = [dial()];
    const calls = mockBackend(practice, { link_take: () => waiting.shift() ?? null });
    render(App);
    const input = await screen.findByTestId<HTMLInputElement>("dial-input");
    await waitFor(() => expect(input.value).toBe("+1 206-555-0174 ext. 12"));
    expect(screen.getByTestId("link-number").textContent).toBe("+1 206-555-0174");
    expect(screen.getByTestId("link-country").textContent).toBe("United States");
    expect(screen.getByTestId("link-extension").textContent).toBe("ext. 12");
    expect(screen.queryByTestId("link-countdown")).toBeNull();

    waiting.push(
      dial({
        link: "sip:alice@example.com",
        scheme: "sip",
        dialable: { kind: "sip", uri: "sip:alice@example.com" },
        prefill: "sip:alice@example.com",
      }),
    );
    await emit("link-opened");
    await waitFor(() => expect(input.value).toBe("sip:alice@example.com"));
    expect(screen.getByTestId("link-country").textContent).toBe("SIP address");
    expect(calls.map((c) => c.cmd)).not.toContain("call_place");
  });

  it("calls after the countdown when the preference says call", async () => {
    const calls = mockBackend(practice, { link_take: linksInTurn(dial({ action: "call", countdownSeconds: 1 })) });
    render(App);
    expect((await screen.findByTestId("link-countdown")).textContent).toBe("Calling in 1 s…");
    await waitFor(() => expect(calls.map((c) => c.cmd)).toContain("call_place"), { timeout: 3000 });
    const placed = calls.find((c) => c.cmd === "call_place");
    expect(placed?.args.request).toMatchObject({ target: { kind: "typed", text: "+1 206-555-0174 ext. 12" } });
    expect(screen.queryByTestId("link-countdown")).toBeNull();
  });

  it("Cancel stops the countdown and leaves the number on the dial pad", { timeout: 10_000 }, async () => {
    const calls = mockBackend(practice, { link_take: linksInTurn(dial({ action: "call", countdownSeconds: 2 })) });
    const user = userEvent.setup();
    render(App);
    await user.click(await screen.findByTestId("link-cancel"));
    expect(screen.queryByTestId("link-countdown")).toBeNull();
    // Past the countdown's end: no call.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(calls.map((c) => c.cmd)).not.toContain("call_place");
    expect(screen.getByTestId<HTMLInputElement>("dial-input").value).toBe("+1 206-555-0174 ext. 12");
    expect(screen.queryByTestId("link-countdown")).toBeNull();
  });

  it("says why a link cannot be dialled and leaves the dial pad alone", async () => {
    mockBackend(practice, {
      link_take: linksInTurn({
        kind: "refused",
        link: "callto://alice.smith",
        code: "invalid_number",
        message: "this link cannot be dialled: callto:alice.smith names a Skype contact, not a phone number",
      }),
    });
    const user = userEvent.setup();
    render(App);
    const problem = await screen.findByTestId("link-problem");
    expect(problem.textContent).toContain("callto://alice.smith");
    expect(problem.textContent).toContain("names a Skype contact");
    expect(screen.getByTestId<HTMLInputElement>("dial-input").value).toBe("");
    await user.click(screen.getByTestId("link-dismiss"));
    expect(screen.queryByTestId("link-banner")).toBeNull();
  });

  it("the Phone links dialog reports which app opens each scheme, before and after making Callpad the default", async () => {
    const before: LinkHandlers = {
      schemes: [
        { scheme: "tel", desktopFile: "linphone.desktop", appName: "Linphone", isCallpad: false, summary: "tel: links open Linphone (linphone.desktop), not Callpad." },
        { scheme: "callto", desktopFile: null, appName: null, isCallpad: false, summary: "No app is set to open callto: links." },
        { scheme: "sip", desktopFile: null, appName: null, isCallpad: false, summary: "No app is set to open sip: links." },
      ],
      allCallpad: false,
      problem: null,
    };
    const after: LinkHandlers = {
      schemes: ["tel", "callto", "sip"].map((scheme) => ({
        scheme,
        desktopFile: "callpad-app-handler.desktop",
        appName: "Callpad",
        isCallpad: true,
        summary: `${scheme}: links open Callpad.`,
      })),
      allCallpad: true,
      problem: null,
    };
    const calls = mockBackend(practice, { link_handlers: () => before, link_make_default: () => after });
    const user = userEvent.setup();
    render(App);
    await user.click(await screen.findByTestId("open-phone-links"));
    expect((await screen.findByTestId("link-handler-tel")).textContent).toContain("open Linphone (linphone.desktop), not Callpad");
    expect(screen.queryByTestId("link-report-ok")).toBeNull();
    await user.click(screen.getByTestId("link-make-default"));
    expect((await screen.findByTestId("link-report-ok")).textContent).toBe("The desktop opens every phone link with Callpad.");
    expect(screen.getByTestId("link-handler-sip").textContent).toContain("sip: links open Callpad.");
    expect(calls.map((c) => c.cmd)).toContain("link_make_default");
    await user.keyboard("{Escape}");
    expect(screen.queryByTestId("phone-links")).toBeNull();
  });
});
