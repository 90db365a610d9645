import { afterEach, describe, expect, it } from "vitest";
import { cleanup, render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import App from "./App.svelte";

afterEach(() => {
  cleanup();
  clearMocks();
});

type Handler = (args: Record<string, unknown>) => unknown;

/** A stand-in for Rust's number reading: +44 numbers are valid, "123" is too short. */
function fakeNormalize(args: Record<string, unknown>) {
  const input = String(args.input);
  const digits = input.replace(/\D/g, "");
  if (digits.length < 6) throw { code: "too_short", message: "the number is too short; check for missing digits" };
  const [main, ext] = input.split("x");
  const e164 = "+" + (main ?? "").replace(/\D/g, "");
  return {
    kind: "phone",
    e164,
    international: e164.replace(/^\+44(\d\d)(\d{4})(\d+)$/, "+44 $1 $2 $3"),
    national: "0" + e164.slice(3),
    region: "GB",
    extension: ext ?? null,
    typed: input,
  };
}

function mockBackend(overrides: Record<string, Handler> = {}) {
  const calls: string[] = [];
  mockIPC((cmd, args) => {
    calls.push(cmd);
    const handler = overrides[cmd];
    if (handler) return handler(args as Record<string, unknown>);
    if (cmd === "app_info") return { name: "Callpad", version: "9.9.9", dataDir: "/tmp/callpad-test" };
    if (cmd === "normalize_number") return fakeNormalize(args as Record<string, unknown>);
    throw new Error(`unexpected command ${cmd}`);
  });
  return calls;
}

describe("App", () => {
  it("shows the version and data folder from the backend", async () => {
    const calls = mockBackend();
    render(App);
    expect(await screen.findByTestId("data-dir")).toHaveProperty("textContent", "/tmp/callpad-test");
    expect(screen.getByTestId("app-footer").textContent).toContain("9.9.9");
    expect(calls).toContain("app_info");
  });

  it("shows a backend error as its message", async () => {
    mockBackend({
      app_info: () => {
        throw { code: "data_dir", message: "the data folder /x cannot be used" };
      },
    });
    render(App);
    await waitFor(() =>
      expect(screen.getByTestId("app-footer").textContent).toContain("the data folder /x cannot be used"),
    );
  });

  it("builds a number from key clicks and typing, and erases with backspace", async () => {
    mockBackend();
    const user = userEvent.setup();
    render(App);
    const input = screen.getByTestId<HTMLInputElement>("dial-input");
    await user.click(screen.getByTestId("dial-key-+"));
    await user.click(screen.getByTestId("dial-key-4"));
    await user.click(screen.getByTestId("dial-key-4"));
    await user.keyboard("2079460958");
    expect(input.value).toBe("+442079460958");
    await user.click(screen.getByTestId("dial-backspace"));
    await user.keyboard("{Backspace}");
    expect(input.value).toBe("+4420794609");
    await user.click(screen.getByTestId("dial-key-*"));
    await user.click(screen.getByTestId("dial-key-#"));
    expect(input.value).toBe("+4420794609*#");
  });

  it("previews exactly what will be dialled, with the extension kept apart", async () => {
    mockBackend();
    const user = userEvent.setup();
    render(App);
    await user.click(screen.getByTestId("dial-input"));
    await user.paste("+44 20 7946 0958 x12");
    expect(await screen.findByTestId("dial-e164")).toHaveProperty("textContent", "+442079460958");
    expect(screen.getByTestId("dial-extension").textContent).toBe("ext. 12");
    expect(screen.getByTestId("dial-pretty").textContent).toBe("+44 20 7946 0958");
    expect(screen.getByTestId("dial-preview").textContent).toContain("United Kingdom");
  });

  it("says why a number can't be dialled and does not call it", async () => {
    mockBackend();
    const user = userEvent.setup();
    render(App);
    await user.click(screen.getByTestId("dial-input"));
    await user.keyboard("123{Enter}");
    expect(await screen.findByTestId("dial-problem")).toHaveProperty(
      "textContent",
      "the number is too short; check for missing digits",
    );
    expect(screen.queryByTestId("call-notice")).toBeNull();
  });

  it("says plainly that Call does not dial yet", async () => {
    mockBackend();
    const user = userEvent.setup();
    render(App);
    await user.click(screen.getByTestId("dial-input"));
    await user.keyboard("+442079460958");
    await screen.findByTestId("dial-e164");
    await user.click(screen.getByTestId("dial-call"));
    expect(screen.getByTestId("call-notice").textContent).toContain("Nothing was dialled");
  });
});
