import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import type { Contact } from "../../lib/backend";
import ContactDetail from "./ContactDetail.svelte";
import { annInFull } from "../../test/fixtures";

afterEach(() => {
  cleanup();
  clearMocks();
});

const ann: Contact = annInFull();

function mockContacts(contacts: Contact[], extra: Record<string, (args: Record<string, unknown>) => unknown> = {}) {
  const calls: string[] = [];
  mockIPC((cmd, args) => {
    const a = (args ?? {}) as Record<string, unknown>;
    calls.push(`${cmd} ${JSON.stringify(a)}`);
    const handler = extra[cmd];
    if (handler) return handler(a);
    if (cmd === "contact_get") {
      const found = contacts.find((c) => c.id === a.id);
      if (!found) throw { code: "not_found", message: `no contact with id ${String(a.id)}` };
      return found;
    }
    throw new Error(`unexpected command ${cmd}`);
  });
  return calls;
}

function renderDetail(id: number) {
  const props = { id, oncall: vi.fn(), onedit: vi.fn(), ondeleted: vi.fn() };
  render(ContactDetail, { props });
  return props;
}

describe("ContactDetail", () => {
  it("shows the contact: name, company, numbers with labels and extensions, tags, notes, favourite", async () => {
    mockContacts([ann]);
    renderDetail(7);
    expect((await screen.findByRole("heading", { level: 2 })).textContent).toBe("Ann Lee");
    expect(screen.getByTestId("contact-company").textContent).toBe("Acme");
    const numbers = screen.getAllByTestId("contact-number");
    expect(numbers[0]!.textContent).toContain("mobile");
    expect(numbers[0]!.textContent).toContain("+44 20 7946 0958");
    expect(numbers[1]!.querySelector("[data-testid='contact-number-display']")?.textContent).toBe(
      "+1 555-123-4567 ext. 12",
    );
    expect(screen.getByTestId("contact-tags").textContent).toContain("london");
    expect(screen.getByTestId("contact-notes").textContent).toBe("Prefers mornings");
    expect(screen.getByTestId("contact-favourite")).toBeTruthy();
  });

  it("calls a number by what it dials (Rust keeps its extension), and edits", async () => {
    mockContacts([ann]);
    const user = userEvent.setup();
    const props = renderDetail(7);
    const calls = await screen.findAllByTestId("contact-call");
    await user.click(calls[1]!);
    expect(props.oncall).toHaveBeenCalledWith("+15551234567", ann);
    await user.click(calls[0]!);
    expect(props.oncall).toHaveBeenLastCalledWith("+442079460958", ann);
    await user.click(screen.getByTestId("contact-edit"));
    expect(props.onedit).toHaveBeenCalledWith(ann);
  });

  it("turns Call off with a visible note for a do-not-call contact", async () => {
    mockContacts([{ ...ann, optOut: true }]);
    const user = userEvent.setup();
    const props = renderDetail(7);
    const calls = await screen.findAllByTestId("contact-call");
    for (const b of calls) expect((b as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId("contact-dnc").textContent).toContain("Do not call");
    await user.click(calls[0]!);
    expect(props.oncall).not.toHaveBeenCalled();
  });

  it("deletes only after an inline confirmation", async () => {
    const calls = mockContacts([ann], { contact_delete: () => null });
    const user = userEvent.setup();
    const props = renderDetail(7);
    await user.click(await screen.findByTestId("contact-delete"));
    expect(calls.some((c) => c.startsWith("contact_delete"))).toBe(false);
    await user.click(screen.getByTestId("contact-delete-cancel"));
    expect(screen.queryByTestId("contact-delete-confirm")).toBeNull();
    await user.click(screen.getByTestId("contact-delete"));
    await user.click(screen.getByTestId("contact-delete-confirm"));
    await waitFor(() => expect(props.ondeleted).toHaveBeenCalledTimes(1));
    expect(calls).toContain('contact_delete {"id":7}');
  });

  it("shows Rust's errors as they are", async () => {
    mockContacts([ann], {
      contact_delete: () => {
        throw { code: "db", message: "the contacts database is read-only" };
      },
    });
    const user = userEvent.setup();
    const props = renderDetail(7);
    await user.click(await screen.findByTestId("contact-delete"));
    await user.click(screen.getByTestId("contact-delete-confirm"));
    expect((await screen.findByTestId("contact-delete-error")).textContent).toBe("the contacts database is read-only");
    expect(props.ondeleted).not.toHaveBeenCalled();

    cleanup();
    renderDetail(99);
    expect((await screen.findByTestId("contact-detail-error")).textContent).toBe("no contact with id 99");
  });
});
