import { afterEach, describe, expect, it } from "vitest";
import { cleanup, render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { emit } from "@tauri-apps/api/event";
import App from "./App.svelte";
import type { CallStatusView, ProfilesOverview } from "./lib/backend";

afterEach(async () => {
  cleanup();
  // Let the app's event listeners unregister before the IPC mock goes away.
  await new Promise((resolve) => setTimeout(resolve, 0));
  clearMocks();
});

type Args = Record<string, unknown>;
type Handler = (args: Args) => unknown;

const practice: ProfilesOverview = {
  profiles: [
    {
      profile: {
        name: "Practice",
        spaceUrl: "http://127.0.0.1",
        projectId: "practice-project",
        defaultCallerId: null,
        defaultRegion: "GB",
        statusMethod: "auto",
        practice: true,
        lastCallerId: null,
        myNumber: null,
        ringTimeoutS: 25,
        maxCallS: 3600,
        publicUrl: null,
        requireSignedWebhooks: false,
      },
      tokenMask: null,
    },
  ],
  active: "Practice",
  warning: null,
  keychainProblem: null,
  databaseProblem: null,
};

const empty: ProfilesOverview = { profiles: [], active: null, warning: null, keychainProblem: null, databaseProblem: null };

/** A stand-in for Rust's number reading: digits-only numbers of 10+ digits are valid. */
function fakeNormalize(args: Args) {
  const input = String(args.input);
  const digits = input.replace(/\D/g, "");
  if (digits.length < 10) throw { code: "invalid_number", message: "The number is too short; check for missing digits" };
  return { kind: "phone", e164: "+" + digits, international: "+" + digits, national: digits, region: "GB", extension: null, typed: input };
}

function view(phase: CallStatusView["phase"], extra: Partial<CallStatusView> = {}): CallStatusView {
  return {
    callId: "call-1",
    phase,
    cause: null,
    causeText: null,
    firstSeenMs: 1_000,
    ringingAtMs: null,
    answeredAtMs: null,
    endedAtMs: null,
    durationMs: null,
    timeline: [{ phase, atMs: 1_000, source: "dial" }],
    contactLeg: null,
    ...extra,
  };
}

function mockBackend(overview: ProfilesOverview, overrides: Record<string, Handler> = {}) {
  const calls: { cmd: string; args: Args }[] = [];
  mockIPC(
    (cmd, args) => {
      calls.push({ cmd, args: args as Args });
      const handler = overrides[cmd];
      if (handler) return handler(args as Args);
      switch (cmd) {
        case "app_info":
          return {
            name: "Callpad",
            version: "9.9.9",
            dataDir: "/tmp/callpad-test",
            vocabulary: {
              callModes: [
                { value: "callMeFirst", label: "Call me first" },
                { value: "deliverMessage", label: "Deliver a message" },
                { value: "callerIdTest", label: "Caller-ID test" },
              ],
              testResults: [{ value: "shownCorrectly", label: "Shown correctly" }],
            },
          };
        case "profiles_overview":
          return overview;
        case "practice_start":
          return practice;
        case "normalize_number":
          return fakeNormalize(args as Args);
        case "session_webhooks":
          return { received: 0, signed: 0, unsigned: 0, refused: 0 };
        case "history_reconcile":
          return null;
        case "session_connect":
          return { method: "listen", statusUrl: "http://127.0.0.1:1/status/x", reason: "Listening: the practice space reaches Callpad directly." };
        case "caller_ids":
          return { usable: [{ number: "+12065550100", name: "Front desk", kind: "owned" }], pendingVerification: [], withoutVoice: [], preselected: "+12065550100" };
        case "contacts_search":
          return [];
        case "history_list":
          return [];
        case "call_place":
          return {
            historyId: 1,
            callId: "call-1",
            callerId: "+12065550100",
            status: view("queued"),
            to: "+12065550174",
            extension: null,
            contactName: null,
            profile: "Practice",
          };
        case "call_hang_up":
          return null;
      }
      throw new Error(`unexpected command ${cmd}`);
    },
    { shouldMockEvents: true },
  );
  return calls;
}

describe("App", () => {
  it("first run offers the practice space and enters it", async () => {
    const calls = mockBackend(empty);
    const user = userEvent.setup();
    render(App);
    await user.click(await screen.findByTestId("start-practice"));
    expect(await screen.findByTestId("practice-badge")).toHaveProperty("textContent", "Practice — no real calls");
    expect(calls.map((c) => c.cmd)).toContain("practice_start");
    expect((await screen.findByTestId("status-method")).textContent).toContain("listening");
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
    const user = userEvent.setup();
    render(App);
    await user.click(await screen.findByTestId("dial-input"));
    await user.keyboard("123{Enter}");
    expect(await screen.findByTestId("dial-problem")).toHaveProperty("textContent", "The number is too short; check for missing digits");
    expect(calls.map((c) => c.cmd)).not.toContain("call_place");
  });

  it("places a call and follows it through Rust's events to its end", async () => {
    const calls = mockBackend(practice);
    const user = userEvent.setup();
    render(App);
    await user.click(await screen.findByTestId("dial-input"));
    await user.keyboard("+12065550174");
    await screen.findByTestId("dial-e164");
    await user.click(screen.getByTestId("dial-call"));
    const placed = calls.find((c) => c.cmd === "call_place");
    expect(placed?.args.request).toMatchObject({
      target: { kind: "typed", text: "+12065550174" },
      mode: { mode: "deliverMessage" },
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
    const user = userEvent.setup();
    render(App);
    await user.click(await screen.findByTestId("dial-input"));
    await user.keyboard("+12065550174");
    await screen.findByTestId("dial-e164");
    await user.click(screen.getByTestId("dial-call"));
    const error = await screen.findByTestId("call-error");
    expect(error.textContent).toContain("may have been placed");
    expect(error.textContent).toContain("marked in History");
  });
});
