import { afterEach, describe, expect, it } from "vitest";
import { cleanup, render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { clearMocks } from "@tauri-apps/api/mocks";
import { emit } from "@tauri-apps/api/event";
import App from "./App.svelte";
import { empty, fakePreview, mockBackend, practice, started, twoProfiles, view, type Args } from "./test/fixtures";

afterEach(async () => {
  cleanup();
  // Let the app's event listeners unregister before the IPC mock goes away.
  await new Promise((resolve) => setTimeout(resolve, 0));
  clearMocks();
});

/** Renders the app, clicks into the dial pad and types `keys` (user-event key syntax). */
async function renderAndType(keys: string) {
  const user = userEvent.setup();
  render(App);
  await user.click(await screen.findByTestId("dial-input"));
  await user.keyboard(keys);
  return user;
}

/** Renders the app, types `number`, waits for its preview and presses Call. */
async function renderAndCall(number: string) {
  const user = await renderAndType(number);
  await screen.findByTestId("dial-e164");
  await user.click(screen.getByTestId("dial-call"));
  return user;
}

describe("App", () => {
  // First in the file: the first screen is reported once per page (lib/ready.ts), and this test
  // watches that first report.
  it("opens the profile's session only once the first screen is up and reported", async () => {
    const calls = mockBackend(practice);
    render(App);
    expect((await screen.findByTestId("status-method")).textContent).toContain("listening");
    const order = calls.map((c) => c.cmd);
    expect(order).toContain("app_ready");
    expect(order.indexOf("app_ready")).toBeGreaterThan(order.indexOf("contacts_search"));
    expect(order.indexOf("session_connect")).toBeGreaterThan(order.indexOf("app_ready"));
    expect(order.indexOf("caller_ids")).toBeGreaterThan(order.indexOf("app_ready"));
  });

  it("shows the listener's webhook counts beside the status once a call ends, and a failed history write", async () => {
    mockBackend(practice, {
      call_place: () => started({ myPhone: "+12065550199" }),
      session_webhooks: () => ({ received: 3, signed: 1, unsigned: 2, refused: 1 }),
    });
    await renderAndCall("+12065550174");
    await screen.findByTestId("call-phase");
    await emit("call-update", {
      historyId: 1,
      warning: "call history could not record the end of this call",
      status: view("ended", { cause: "hungUp", causeText: "Hung up", endedAtMs: 2_000 }),
    });
    await waitFor(() => expect(screen.getByTestId("status-webhooks").textContent).toBe("3 webhooks, 1 signed, 1 refused"));
    expect(document.body.textContent).toContain("call history could not record the end of this call");
  });

  it("first run offers the practice space and enters it", async () => {
    const calls = mockBackend(empty);
    const user = userEvent.setup();
    render(App);
    await user.click(await screen.findByTestId("start-practice"));
    expect(await screen.findByTestId("practice-badge")).toHaveProperty("textContent", "Practice — no real calls");
    expect(calls.map((c) => c.cmd)).toContain("practice_start");
    expect((await screen.findByTestId("status-method")).textContent).toContain("listening");
  });

  it("swaps the calls for the Reminders tab and back, keeping the number typed", async () => {
    const calls = mockBackend(practice);
    const user = await renderAndType("2065550174");
    await user.click(screen.getByTestId("view-reminders"));
    expect(await screen.findByTestId("reminders-empty")).toHaveProperty("textContent", "No campaigns yet.");
    expect(calls.map((c) => c.cmd)).toContain("reminder_campaigns");
    expect(document.querySelector(".app")!.getAttribute("data-view")).toBe("reminders");
    await user.click(screen.getByTestId("view-calls"));
    expect((screen.getByTestId("dial-input") as HTMLInputElement).value).toBe("2065550174");
    expect(screen.getByTestId("reminders-pane").parentElement!.hidden).toBe(true);
  });

  it("shows the version and data folder from the backend", async () => {
    mockBackend(practice);
    render(App);
    expect(await screen.findByTestId("data-dir")).toHaveProperty("textContent", "/tmp/callpad-test");
    expect(screen.getByTestId("app-footer").textContent).toContain("9.9.9");
  });

  it("builds a number from key clicks and typing, and erases with backspace", async () => {
    mockBackend(practice);
    const user = userEvent.setup();
    render(App);
    const input = await screen.findByTestId<HTMLInputElement>("dial-input");
    await user.click(screen.getByTestId("dial-key-+"));
    await user.click(screen.getByTestId("dial-key-4"));
    await user.click(screen.getByTestId("dial-key-4"));
    await user.keyboard("2079460958");
    expect(input.value).toBe("+442079460958");
    await user.click(screen.getByTestId("dial-backspace"));
    await user.keyboard("{Backspace}");
    expect(input.value).toBe("+4420794609");
  });

  it("says why a number can't be dialled and does not call it", async () => {
    const calls = mockBackend(practice);
    await renderAndType("123{Enter}");
    expect(await screen.findByTestId("dial-problem")).toHaveProperty("textContent", "The number is too short; check for missing digits");
    expect(calls.map((c) => c.cmd)).not.toContain("call_place");
  });

  it("places a call and follows it through Rust's events to its end", async () => {
    const calls = mockBackend(practice);
    const user = await renderAndCall("+12065550174");
    await screen.findByTestId("call-phase");
    const placed = calls.find((c) => c.cmd === "call_place");
    expect(placed?.args.request).toMatchObject({
      target: { kind: "typed", text: "+12065550174" },
      mode: { mode: "callMeFirst" },
      callerId: "+12065550100",
    });
    expect(await screen.findByTestId("call-phase")).toHaveProperty("textContent", "Queued");

    await emit("call-update", { historyId: 1, status: view("answered", { answeredAtMs: Date.now() - 3_000 }) });
    await waitFor(() => expect(screen.getByTestId("call-phase").textContent).toBe("Answered"));
    expect(screen.getByTestId("call-duration").textContent).toMatch(/^0:0[2-4]$/);

    await user.keyboard("{Escape}");
    await waitFor(() => expect(calls.map((c) => c.cmd)).toContain("call_hang_up"));

    await emit("call-update", {
      historyId: 1,
      status: view("ended", { cause: "hungUp", causeText: "Hung up", answeredAtMs: 1_000, endedAtMs: 61_000, durationMs: 60_000 }),
    });
    await waitFor(() => expect(screen.getByTestId("call-outcome").textContent).toBe("Hung up"));
    expect(screen.getByTestId("call-duration").textContent).toBe("1:00");
  });

  it("says a lost dial may have been placed and is in history", async () => {
    mockBackend(practice, {
      call_place: () => {
        throw { code: "dial_outcome_unknown", message: "The call may have been placed (the connection dropped); check the call history before calling again" };
      },
    });
    await renderAndCall("+12065550174");
    const error = await screen.findByTestId("call-error");
    expect(error.textContent).toContain("may have been placed");
    expect(error.textContent).toContain("marked in History");
  });

  it("dials exactly the text on screen when Enter comes before the preview of the new text", async () => {
    // The preview of the new text is slow; the old one was fast. Enter at once must dial …0179.
    let release: () => void = () => {};
    const slow = new Promise<void>((resolve) => (release = resolve));
    const calls = mockBackend(practice, {
      number_preview: async (args: Args) => {
        if (String(args.input).endsWith("9")) await slow;
        return fakePreview(args);
      },
    });
    const user = userEvent.setup();
    render(App);
    const input = await screen.findByTestId<HTMLInputElement>("dial-input");
    await user.click(input);
    await user.keyboard("2065550175");
    await waitFor(() => expect(screen.getByTestId("dial-e164").textContent).toBe("+2065550175"));
    await user.clear(input);
    await user.keyboard("2065550179{Enter}");
    release();
    await waitFor(() => expect(calls.some((c) => c.cmd === "call_place")).toBe(true));
    const placed = calls.filter((c) => c.cmd === "call_place");
    expect(placed).toHaveLength(1);
    expect(placed[0]?.args.request).toMatchObject({ target: { kind: "typed", text: "2065550179" } });
  });

  it("refuses emergency numbers in words and keeps Call off with the reason", async () => {
    const calls = mockBackend(practice);
    await renderAndType("911{Enter}");
    expect((await screen.findByTestId("dial-problem")).textContent).toBe("Callpad cannot place emergency calls — use a phone");
    expect(screen.getByTestId<HTMLButtonElement>("dial-call").disabled).toBe(true);
    expect(screen.getByTestId("dial-call-why").textContent).toContain("cannot place emergency calls");
    expect(calls.map((c) => c.cmd)).not.toContain("call_place");
  });

  it("flags a do-not-call number while it is typed, before Call", async () => {
    mockBackend(practice, { number_preview: (args: Args) => fakePreview(args, ["+2065550175"]) });
    await renderAndType("2065550175");
    expect((await screen.findByTestId("dial-do-not-call")).textContent).toContain("asked not to be called");
    expect(screen.getByTestId<HTMLButtonElement>("dial-call").disabled).toBe(true);
  });

  it("says which leg rings with a timer, names the caller ID, and shows a failed call as failed", async () => {
    mockBackend(practice, { call_place: () => started({ myPhone: "+1 206-555-0199", callerIdName: "Seattle office" }) });
    const user = await renderAndType("+12065550174{Enter}");
    expect((await screen.findByTestId("call-leg")).textContent).toBe("Calling your phone +1 206-555-0199 first");
    expect(screen.getByTestId("call-from").textContent).toBe("Call me first · from Seattle office (+12065550100)");
    expect(screen.getByTestId("call-number").textContent).toBe("+1 206-555-0174");
    await emit("call-update", { historyId: 1, status: view("ringing", { ringingAtMs: Date.now() - 4_000 }) });
    await waitFor(() => expect(screen.getByTestId("call-leg").textContent).toMatch(/^Your phone is ringing \(\+1 206-555-0199\) · 0:0[3-5]$/));
    await emit("call-update", { historyId: 1, status: view("ended", { cause: "busy", causeText: "The line was busy", endedAtMs: Date.now() }) });
    await waitFor(() => expect(screen.getByTestId("call-phase").textContent).toBe("Failed"));
    expect(screen.getByTestId("call-outcome").textContent).toContain("The line was busy");
    // The ended panel goes with Escape (and Enter on Done, which has the focus).
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId("call-dismiss")));
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByTestId("call-panel")).toBeNull());
  });

  it("hangs up the live call after switching profile: the same call id, the panel stays live", async () => {
    const calls = mockBackend(twoProfiles, { profile_use: () => ({ ...twoProfiles, active: "Practice" }) });
    const user = await renderAndType("+12065550174{Enter}");
    await emit("call-update", { historyId: 1, status: view("answered", { answeredAtMs: Date.now() }) });
    await waitFor(() => expect(screen.getByTestId("call-phase").textContent).toBe("Answered"));
    await user.click(screen.getByTestId("profile-Practice"));
    await screen.findByTestId("practice-badge");
    expect(screen.getByTestId("call-phase").textContent).toBe("Answered");
    await user.keyboard("{Escape}");
    await waitFor(() => expect(calls.filter((c) => c.cmd === "call_hang_up").map((c) => c.args.callId)).toEqual(["call-1"]));
  });

  it("follows Rust when the active profile is removed: practice takes over, with none left onboarding shows", async () => {
    let overview = twoProfiles;
    mockBackend(twoProfiles, {
      profiles_overview: () => overview,
      profile_remove: () => {
        overview = practice;
        return practice;
      },
    });
    const user = userEvent.setup();
    const { unmount } = render(App);
    await user.click(await screen.findByTestId("profile-settings-open"));
    await user.click(screen.getByTestId("settings-remove"));
    await user.click(screen.getByTestId("settings-remove-confirm"));
    expect((await screen.findByTestId("practice-badge")).textContent).toContain("no real calls");
    expect(screen.getByTestId("profile-settings-open")).toBeTruthy();
    unmount();
    mockBackend(practice, { profile_remove: () => empty });
    render(App);
    await user.click(await screen.findByTestId("profile-settings-open"));
    await user.click(screen.getByTestId("settings-remove"));
    await user.click(screen.getByTestId("settings-remove-confirm"));
    expect(await screen.findByTestId("onboarding")).toBeTruthy();
  });

  it("keeps the practice space one click away after a Space is connected", async () => {
    const onlyWork = { ...twoProfiles, profiles: [twoProfiles.profiles[1]!], active: "Work" };
    const calls = mockBackend(onlyWork);
    const user = userEvent.setup();
    render(App);
    await user.click(await screen.findByTestId("profile-practice"));
    expect(await screen.findByTestId("practice-badge")).toBeTruthy();
    expect(calls.map((c) => c.cmd)).toContain("practice_start");
  });
});
