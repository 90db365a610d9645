import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { clearMocks } from "@tauri-apps/api/mocks";
import ProfileSettings from "./ProfileSettings.svelte";
import { mockBackend, practice, profile } from "../../test/fixtures";

afterEach(() => {
  cleanup();
  clearMocks();
});

function renderSheet() {
  const onsaved = vi.fn();
  const oncancel = vi.fn();
  render(ProfileSettings, { props: { profile: profile(), onsaved, oncancel } });
  return { onsaved, oncancel };
}

describe("ProfileSettings", () => {
  it("offers the region as a list of named countries and sends the chosen code", async () => {
    const calls = mockBackend(practice, { profile_update_settings: () => practice });
    const user = userEvent.setup();
    const { onsaved } = renderSheet();
    const select = screen.getByTestId<HTMLSelectElement>("settings-region");
    expect(select.tagName).toBe("SELECT");
    await waitFor(() => expect(select.options.length).toBe(3));
    const labels = Array.from(select.options).map((o) => o.textContent);
    expect(labels).toContain("Germany (+49)");
    await user.selectOptions(select, "DE");
    await user.click(screen.getByRole("button", { name: /save/i }));
    await waitFor(() => expect(onsaved).toHaveBeenCalledWith(practice));
    const sent = calls.find((c) => c.cmd === "profile_update_settings");
    expect((sent?.args.patch as { defaultRegion: string }).defaultRegion).toBe("DE");
  });

  it("puts Rust's refusal of a caller ID pending verification on the caller ID field and stays open", async () => {
    const refusal = {
      code: "invalid_profile",
      message: "the default caller ID is not valid: +13035550177 cannot be used: it is still pending verification",
      field: "default caller ID",
    };
    mockBackend(practice, {
      profile_update_settings: () => {
        throw refusal;
      },
    });
    const user = userEvent.setup();
    const { onsaved, oncancel } = renderSheet();
    await user.type(screen.getByTestId("settings-caller-id"), "+13035550177");
    await user.click(screen.getByRole("button", { name: /save/i }));
    const onField = await screen.findByTestId("settings-caller-id-error");
    expect(onField.textContent).toContain("pending verification");
    expect(screen.getByTestId("settings-caller-id").getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByTestId("settings-error").textContent).toMatch(/^Not saved: /);
    expect(onsaved).not.toHaveBeenCalled();
    expect(oncancel).not.toHaveBeenCalled();
  });
});
