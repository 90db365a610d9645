import { afterEach, describe, expect, it } from "vitest";
import { cleanup, render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import App from "./App.svelte";

afterEach(() => {
  cleanup();
  clearMocks();
});

function mockBackend(overrides: Record<string, (args: unknown) => unknown> = {}) {
  const calls: string[] = [];
  mockIPC((cmd, args) => {
    calls.push(cmd);
    const handler = overrides[cmd];
    if (handler) return handler(args);
    if (cmd === "app_info") return { name: "Callpad", version: "9.9.9", dataDir: "/tmp/callpad-test" };
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
    expect(calls).toEqual(["app_info"]);
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
    await user.keyboard("20x");
    expect(screen.getByTestId("dial-problem").textContent).toContain("“x”");
    await user.keyboard("7#*");
    expect(input.value).toBe("+44207#*");
    expect(screen.getByTestId("dial-problem").textContent).toBe("");
    await user.click(screen.getByTestId("dial-backspace"));
    await user.keyboard("{Backspace}");
    expect(input.value).toBe("+44207");
  });

  it("pastes a formatted number and refuses one with letters", async () => {
    mockBackend();
    const user = userEvent.setup();
    render(App);
    const input = screen.getByTestId<HTMLInputElement>("dial-input");
    await user.click(input);
    await user.paste("+1 (206) 555-0100");
    expect(input.value).toBe("+12065550100");
    await user.paste("call me");
    expect(input.value).toBe("+12065550100");
    expect(screen.getByTestId("dial-problem").textContent).toContain("can't go on the dial pad");
  });

  it("says plainly that Call does not dial yet, and asks for a number when empty", async () => {
    mockBackend();
    const user = userEvent.setup();
    render(App);
    await user.click(screen.getByTestId("dial-call"));
    expect(screen.getByTestId("dial-problem").textContent).toContain("Type or paste a number");
    await user.keyboard("5551234{Enter}");
    expect(screen.getByTestId("call-notice").textContent).toContain("Nothing was dialled");
  });
});
