import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import type { Contact, ContactInput } from "../../lib/backend";
import ContactEditor from "./ContactEditor.svelte";
import { contact } from "../../test/fixtures";

afterEach(() => {
  cleanup();
  clearMocks();
});

const ann: Contact = contact({ company: "Acme", tags: ["vip"] });

interface Saved {
  id: number | null;
  input: ContactInput;
}

function mockSave(answer: (saved: Saved) => unknown) {
  const saves: Saved[] = [];
  mockIPC((cmd, args) => {
    if (cmd !== "contact_save") throw new Error(`unexpected command ${cmd}`);
    const saved = args as unknown as Saved;
    saves.push(saved);
    return answer(saved);
  });
  return saves;
}

function renderEditor(contact: Contact | null) {
  const props = { contact, onsaved: vi.fn(), oncancel: vi.fn() };
  render(ContactEditor, { props });
  return props;
}

const input = (id: string) => screen.getByTestId<HTMLInputElement>(id);

describe("ContactEditor", () => {
  it("is a modal dialog with the name field focused", () => {
    mockSave(() => null);
    renderEditor(null);
    const dialog = screen.getByRole("dialog");
    expect(dialog.getAttribute("aria-modal")).toBe("true");
    expect(dialog.textContent).toContain("New contact");
    expect(document.activeElement).toBe(input("contact-name"));
  });

  it("sends exactly what was typed to saveContact for a new contact", async () => {
    const saves = mockSave(({ input }) => ({ ...ann, id: 12, name: input.name }));
    const user = userEvent.setup();
    const props = renderEditor(null);
    await user.type(input("contact-name"), "Bo Chen");
    await user.type(input("contact-company-input"), "Globex");
    await user.type(input("contact-number-0"), "+1 555 123 4567 x12");
    await user.click(screen.getByTestId("contact-number-add"));
    expect(document.activeElement).toBe(input("contact-number-1"));
    await user.selectOptions(screen.getByTestId("contact-label-1"), "home");
    await user.type(input("contact-number-1"), "sip:bo@example.com");
    await user.click(screen.getByTestId("contact-number-add"));
    await user.selectOptions(screen.getByTestId("contact-label-2"), "__custom");
    await user.type(input("contact-label-custom-2"), "assistant");
    await user.type(input("contact-number-2"), "020 7946 0000");
    await user.click(screen.getByTestId("contact-number-add")); // left blank: not sent
    await user.type(screen.getByTestId("contact-notes-input"), "Call after 10");
    await user.type(input("contact-tags-input"), "customer, vip ,");
    await user.click(input("contact-favourite-input"));
    await user.click(input("contact-optout-input"));
    await user.click(screen.getByTestId("contact-save"));

    await waitFor(() => expect(props.onsaved).toHaveBeenCalledTimes(1));
    expect(saves).toEqual([
      {
        id: null,
        input: {
          name: "Bo Chen",
          company: "Globex",
          numbers: [
            { label: "mobile", number: "+1 555 123 4567 x12" },
            { label: "home", number: "sip:bo@example.com" },
            { label: "assistant", number: "020 7946 0000" },
          ],
          notes: "Call after 10",
          tags: ["customer", "vip"],
          favourite: true,
          optOut: true,
        },
      },
    ]);
    expect(props.onsaved.mock.calls[0]![0]).toMatchObject({ id: 12, name: "Bo Chen" });
  });

  it("edits an existing contact under its id, starting from what was typed", async () => {
    const saves = mockSave(({ input }) => ({ ...ann, ...input, numbers: ann.numbers }));
    const user = userEvent.setup();
    renderEditor(ann);
    expect(screen.getByRole("dialog").textContent).toContain("Edit Ann Lee");
    expect(input("contact-number-0").value).toBe("020 7946 0958");
    expect(screen.getByTestId<HTMLSelectElement>("contact-label-0").value).toBe("mobile");
    await user.click(screen.getByTestId("contact-number-remove-0"));
    expect(screen.queryByTestId("contact-number-0")).toBeNull();
    await user.keyboard("{Enter}"); // the focus moved to "Add number": Enter adds a row
    await user.type(input("contact-number-0"), "+44 20 7946 0001{Enter}"); // Enter in a field saves
    await waitFor(() => expect(saves).toHaveLength(1));
    expect(saves[0]!.id).toBe(7);
    expect(saves[0]!.input.numbers).toEqual([{ label: "mobile", number: "+44 20 7946 0001" }]);
    expect(saves[0]!.input.tags).toEqual(["vip"]);
  });

  it("shows Rust's refusal as it is and keeps everything typed", async () => {
    mockSave(() => {
      throw { code: "invalid_contact", message: 'Number 1: "555": the number is too short; check for missing digits' };
    });
    const user = userEvent.setup();
    const props = renderEditor(null);
    await user.type(input("contact-name"), "Cy");
    await user.type(input("contact-number-0"), "555");
    await user.type(input("contact-tags-input"), "lead");
    await user.click(screen.getByTestId("contact-save"));
    const error = await screen.findByTestId("contact-error");
    expect(error.textContent).toBe('Number 1: "555": the number is too short; check for missing digits');
    expect(error.getAttribute("role")).toBe("alert");
    expect(input("contact-name").value).toBe("Cy");
    expect(input("contact-number-0").value).toBe("555");
    expect(input("contact-tags-input").value).toBe("lead");
    expect(props.onsaved).not.toHaveBeenCalled();
    expect(screen.getByRole("dialog")).toBeTruthy();
    expect((screen.getByTestId("contact-save") as HTMLButtonElement).disabled).toBe(false);
  });

  it("cancels on Escape and on Cancel without saving", async () => {
    const saves = mockSave(() => null);
    const user = userEvent.setup();
    const props = renderEditor(ann);
    await user.keyboard("{Escape}");
    expect(props.oncancel).toHaveBeenCalledTimes(1);
    await user.click(screen.getByTestId("contact-cancel"));
    expect(props.oncancel).toHaveBeenCalledTimes(2);
    expect(saves).toEqual([]);
  });

  it("keeps Tab inside the dialog", async () => {
    mockSave(() => null);
    const user = userEvent.setup();
    renderEditor(null);
    await user.tab({ shift: true });
    expect(document.activeElement).toBe(screen.getByTestId("contact-save"));
    await user.tab();
    expect(document.activeElement).toBe(input("contact-name"));
  });
});
