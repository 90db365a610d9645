// The desktop pieces in the window: the App settings sheet (Ctrl+,), the shortcut sheet (?),
// numbers from the select-to-call hotkey (picker, countdown), quick dial, Ctrl+1 and Ctrl+R.
import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { clearMocks } from "@tauri-apps/api/mocks";
import { emit } from "@tauri-apps/api/event";
import App from "../../App.svelte";
import { appSettingsView, mockBackend, practice, type Args } from "../../test/fixtures";

afterEach(async () => {
  cleanup();
  await new Promise((resolve) => setTimeout(resolve, 0));
  clearMocks();
  vi.useRealTimers();
  delete document.documentElement.dataset.theme;
});

const found = (international: string, e164: string, extension: string | null = null) => ({
  number: { e164, international, national: international, region: "US", extension, typed: international },
  input: extension ? `${international} ext. ${extension}` : international,
  context: `call ${international}`,
});

async function ready() {
  render(App);
  await screen.findByTestId("dial-input");
  // The window's listeners are registered once the settings arrived.
  await new Promise((resolve) => setTimeout(resolve, 0));
}

describe("App settings", () => {
  it("opens with Ctrl+, shows About, saves a patch and applies the theme", async () => {
    const calls = mockBackend(practice, {
      app_settings_update: (args: Args) => appSettingsView({ theme: (args.patch as { theme: "dark" }).theme }),
    });
    const user = userEvent.setup();
    await ready();
    await user.keyboard("{Control>},{/Control}");
    expect(await screen.findByTestId("about-version")).toHaveProperty("textContent", "9.9.9");
    await user.click(screen.getByTestId("settings-theme-dark"));
    await user.clear(screen.getByTestId("settings-quick-hotkey"));
    await user.type(screen.getByTestId("settings-quick-hotkey"), "Ctrl+Shift+Space");
    await user.click(screen.getByTestId("app-settings-save"));
    await waitFor(() => expect(screen.queryByTestId("app-settings")).toBeNull());
    const patch = calls.find((c) => c.cmd === "app_settings_update")!.args.patch as Record<string, unknown>;
    expect(patch).toMatchObject({ theme: "dark", quickDialHotkey: "Ctrl+Shift+Space", selectToCallHotkey: "Ctrl+Alt+C", callCountdownS: 5 });
    expect(document.documentElement.dataset.theme).toBe("dark");
  });

  it("puts Rust's refusal on the field and keeps the sheet open", async () => {
    mockBackend(practice, {
      app_settings_update: () => {
        throw { code: "invalid_app_setting", message: "Select-to-call hotkey: a global hotkey needs Ctrl, Alt or Super", field: "select-to-call hotkey" };
      },
    });
    const user = userEvent.setup();
    await ready();
    await user.click(screen.getByTestId("open-app-settings"));
    await user.clear(await screen.findByTestId("settings-select-hotkey"));
    await user.type(screen.getByTestId("settings-select-hotkey"), "q");
    await user.click(screen.getByTestId("app-settings-save"));
    expect(await screen.findByText(/needs Ctrl, Alt or Super/)).toBeTruthy();
    expect(screen.getByTestId("settings-select-hotkey").getAttribute("aria-invalid")).toBe("true");
  });

  it("on Wayland says so and offers the CLI fallback; without a tray the tray options are off", async () => {
    mockBackend(practice, { app_settings: () => appSettingsView({}, { wayland: true, tray: false }) });
    const user = userEvent.setup();
    await ready();
    await user.click(screen.getByTestId("open-app-settings"));
    expect((await screen.findByTestId("settings-wayland")).textContent).toContain("callpad dial --selection");
    expect(screen.getByTestId("settings-no-tray")).toBeTruthy();
    expect((screen.getByTestId("settings-close-to-tray") as HTMLInputElement).disabled).toBe(true);
  });
});

describe("keyboard", () => {
  it("? lists the shortcuts and Esc closes the list", async () => {
    mockBackend(practice);
    const user = userEvent.setup();
    await ready();
    await user.click(screen.getByTestId("tab-contacts"));
    await user.keyboard("?");
    expect((await screen.findByTestId("shortcut-sheet")).textContent).toContain("Ctrl+R");
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByTestId("shortcut-sheet")).toBeNull());
  });

  it("typing ? into a field is just a question mark", async () => {
    mockBackend(practice);
    const user = userEvent.setup();
    await ready();
    await user.click(screen.getByTestId("contact-search"));
    await user.keyboard("?");
    expect(screen.queryByTestId("shortcut-sheet")).toBeNull();
  });

  it("Ctrl+1 calls favourite 1 by its contact; without favourites it says how to add one", async () => {
    let list: unknown[] = [];
    const calls = mockBackend(practice, { favourites: () => list });
    const user = userEvent.setup();
    await ready();
    await user.click(screen.getByTestId("tab-contacts"));
    await user.keyboard("{Control>}1{/Control}");
    expect((await screen.findByTestId("app-note")).textContent).toContain("star a contact");
    list = [{ contactId: 7, name: "Ann", dial: "+12065550175", input: "+1 206-555-0175" }];
    await user.keyboard("{Control>}1{/Control}");
    await waitFor(() => expect(calls.some((c) => c.cmd === "call_place")).toBe(true));
    const request = calls.find((c) => c.cmd === "call_place")!.args.request as { target: unknown };
    expect(request.target).toEqual({ kind: "contact", contactId: 7, dial: "+12065550175" });
  });

  it("Ctrl+R calls the last call again from history", async () => {
    const calls = mockBackend(practice, { history_list: () => [{ id: 41, to: "+12065550174", contactName: null }] });
    const user = userEvent.setup();
    await ready();
    await user.click(screen.getByTestId("tab-contacts"));
    await user.keyboard("{Control>}r{/Control}");
    await waitFor(() => expect(calls.some((c) => c.cmd === "call_place")).toBe(true));
    const request = calls.find((c) => c.cmd === "call_place")!.args.request as { target: unknown };
    expect(request.target).toEqual({ kind: "history", historyId: 41 });
  });
});

describe("numbers from the desktop", () => {
  it("one number from the hotkey goes into the dial pad", async () => {
    mockBackend(practice);
    await ready();
    await emit("desktop-dial", { source: "selection", numbers: [found("+1 206-555-0174", "+12065550174", "12")], action: "prefill", countdownS: 5, message: null });
    await waitFor(() => expect((screen.getByTestId("dial-input") as HTMLInputElement).value).toBe("+1 206-555-0174 ext. 12"));
  });

  it("several numbers: a picker, and the pick goes in", async () => {
    mockBackend(practice);
    const user = userEvent.setup();
    await ready();
    await emit("desktop-dial", {
      source: "selection",
      numbers: [found("+44 20 7946 0958", "+442079460958"), found("+1 312-555-0142", "+13125550142")],
      action: "prefill",
      countdownS: 5,
      message: null,
    });
    const choices = await screen.findAllByTestId("incoming-choice");
    expect(choices).toHaveLength(2);
    await user.click(choices[1]!);
    await waitFor(() => expect((screen.getByTestId("dial-input") as HTMLInputElement).value).toBe("+1 312-555-0142"));
    expect(screen.queryByTestId("incoming-picker")).toBeNull();
  });

  it("a call action counts down, and Esc cancels it with nothing dialled", async () => {
    const calls = mockBackend(practice);
    const user = userEvent.setup();
    await ready();
    await emit("desktop-dial", { source: "selection", numbers: [found("+1 206-555-0174", "+12065550174")], action: "call", countdownS: 5, message: null });
    expect((await screen.findByTestId("incoming-countdown")).textContent).toContain("in 5 s");
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByTestId("incoming-countdown")).toBeNull());
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(calls.some((c) => c.cmd === "call_place")).toBe(false);
  });

  it("a tray dial (no countdown) calls at once", async () => {
    const calls = mockBackend(practice);
    await ready();
    await emit("desktop-dial", { source: "tray", numbers: [found("+1 206-555-0174", "+12065550174")], action: "call", countdownS: 0, message: null });
    await waitFor(() => expect(calls.some((c) => c.cmd === "call_place")).toBe(true));
  });

  it("nothing found says what to do next", async () => {
    mockBackend(practice);
    await ready();
    await emit("desktop-dial", { source: "selection", numbers: [], action: "prefill", countdownS: 5, message: "no phone number was found in the selected text; select the number itself" });
    expect((await screen.findByTestId("incoming-none")).textContent).toContain("select the number itself");
  });
});

describe("quick dial", () => {
  it("opens on its hotkey, searches like the contacts pane, arrows move and Enter calls", async () => {
    const hit = (id: number, name: string, dial: string) => ({
      source: { kind: "contact", id },
      name,
      company: null,
      number: { label: "work", dial, display: dial, national: dial },
      favourite: false,
      optOut: false,
      matched: "name",
      score: 1,
    });
    const calls = mockBackend(practice, {
      contacts_search: (args: Args) => {
        const hits = String(args.query) === "an" ? [hit(1, "Ann", "+12065550175"), hit(2, "Andy", "+12065550176")] : [];
        return { offset: 0, total: hits.length, calls: 0, hits };
      },
    });
    const user = userEvent.setup();
    await ready();
    await emit("quick-dial", null);
    const input = await screen.findByTestId("quick-dial-input");
    expect(document.activeElement).toBe(input);
    await user.keyboard("an");
    await waitFor(() => expect(screen.getAllByTestId("quick-dial-hit")).toHaveLength(2));
    expect(calls.filter((c) => c.cmd === "contacts_search").at(-1)!.args.limit).toBe(8);
    await user.keyboard("{ArrowDown}{Enter}");
    await waitFor(() => expect(screen.queryByTestId("quick-dial")).toBeNull());
    const request = calls.find((c) => c.cmd === "call_place")!.args.request as { target: unknown };
    expect(request.target).toEqual({ kind: "contact", contactId: 2, dial: "+12065550176" });
  });

  it("Esc closes it without calling", async () => {
    const calls = mockBackend(practice);
    const user = userEvent.setup();
    await ready();
    await emit("quick-dial", null);
    await screen.findByTestId("quick-dial-input");
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByTestId("quick-dial")).toBeNull());
    expect(calls.some((c) => c.cmd === "call_place")).toBe(false);
  });
});
