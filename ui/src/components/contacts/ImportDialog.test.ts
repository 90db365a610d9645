import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { emit } from "@tauri-apps/api/event";
import type { ImportPlan, ImportSummary } from "../../lib/backend";
import ImportDialog from "./ImportDialog.svelte";

afterEach(() => {
  cleanup();
  clearMocks();
});

const CSV = "Name,Phone,Type\nAnn,+44 20 7946 0958,Mobile\n";

const PREVIEW: ImportPlan = {
  importId: 7,
  format: "googleCsv",
  encoding: "UTF-8 with BOM",
  delimiter: ",",
  mapping: [
    { column: "Name", target: { kind: "name" } },
    { column: "Phone 1 - Value", target: { kind: "number", label: null, labelColumn: "Phone 1 - Type" } },
    { column: "Phone 1 - Type", target: { kind: "numberLabel" } },
    { column: "Birthday", target: { kind: "ignored", reason: "Callpad does not keep birthdays" } },
  ],
  rowsRead: 6,
  rowsOk: 4,
  rejected: [
    { line: 3, reason: "no name and no number" },
    { line: 12, reason: '"12": the number is too short; check for missing digits' },
  ],
  duplicatesMerged: 1,
  notices: [
    {
      line: 5,
      message: '"Mary Smith" has +1 201-555-0174, which "John Smith" (line 4) also has: both are kept, as separate contacts',
    },
  ],
  newContacts: 2,
  mergedIntoExisting: 1,
  // Worded by Rust, as the CLI prints them.
  words: {
    format: "Google Contacts CSV",
    delimiter: "comma (,)",
    targets: ["Name", "Number (label from “Phone 1 - Type”)", "Label of a number", "Not imported — Callpad does not keep birthdays"],
    summary: "6 rows: 4 ok, 2 rejected, 1 duplicates merged",
  },
};

/** jsdom's File has no text(); the webview's does. */
function csvFile(content: string, name = "contacts.csv"): File {
  const file = new File([content], name, { type: "text/csv" });
  Object.defineProperty(file, "text", { value: async () => content });
  Object.defineProperty(file, "arrayBuffer", { value: async () => new TextEncoder().encode(content).buffer });
  return file;
}

function renderDialog() {
  const onclose = vi.fn();
  render(ImportDialog, { props: { onclose } });
  return onclose;
}

describe("ImportDialog", () => {
  it("previews the file: format, encoding, columns, counts and every rejected row with its line", async () => {
    const sent: string[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "contacts_import_preview") {
        const b64 = String((args as { contentBase64: string }).contentBase64);
        sent.push(new TextDecoder().decode(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))));
        return PREVIEW;
      }
      throw new Error(`unexpected command ${cmd}`);
    });
    const user = userEvent.setup();
    renderDialog();
    expect(screen.getByRole("dialog").getAttribute("aria-modal")).toBe("true");
    expect(screen.getByTestId<HTMLButtonElement>("import-confirm").disabled).toBe(true);
    expect(screen.getByTestId("import-file").getAttribute("accept")).toBe(
      ".csv,.vcf,.vcard,.txt,text/csv,text/vcard",
    );

    await user.upload(screen.getByTestId("import-file"), csvFile(CSV));
    const preview = await screen.findByTestId("import-preview");
    expect(sent).toEqual([CSV]);
    expect(screen.getByTestId("import-format").textContent).toBe("Google Contacts CSV");
    expect(screen.getByTestId("import-encoding").textContent).toBe("UTF-8 with BOM");
    expect(screen.getByTestId("import-delimiter").textContent).toBe("comma (,)");
    const rows = Array.from(preview.querySelectorAll("tbody tr")).map((tr) =>
      Array.from(tr.querySelectorAll("td")).map((td) => td.textContent),
    );
    expect(rows).toEqual([
      ["Name", "Name"],
      ["Phone 1 - Value", "Number (label from “Phone 1 - Type”)"],
      ["Phone 1 - Type", "Label of a number"],
      ["Birthday", "Not imported — Callpad does not keep birthdays"],
    ]);
    expect(screen.getByTestId("import-rows-read").textContent).toBe("6");
    expect(screen.getByTestId("import-rows-ok").textContent).toBe("4");
    expect(screen.getByTestId("import-new").textContent).toBe("2");
    expect(screen.getByTestId("import-duplicates").textContent).toBe("1");
    const rejected = Array.from(screen.getByTestId("import-rejected").querySelectorAll("li")).map((li) => li.textContent);
    expect(rejected).toEqual([
      "line 3: no name and no number",
      'line 12: "12": the number is too short; check for missing digits',
    ]);
    expect(screen.getByTestId<HTMLButtonElement>("import-confirm").disabled).toBe(false);
  });

  it("puts the summary first and says which numbers two names share before the columns", async () => {
    mockIPC(() => PREVIEW);
    const user = userEvent.setup();
    renderDialog();
    await user.upload(screen.getByTestId("import-file"), csvFile(CSV));
    const preview = await screen.findByTestId("import-preview");
    const order = Array.from(preview.querySelectorAll("[data-testid]")).map((el) => el.getAttribute("data-testid"));
    expect(order[0]).toBe("import-summary");
    expect(order.indexOf("import-counts")).toBeLessThan(order.indexOf("import-mapping"));
    expect(order.indexOf("import-notices")).toBeLessThan(order.indexOf("import-mapping"));
    expect(screen.getByTestId("import-summary").textContent).toBe("6 rows: 4 ok, 2 rejected, 1 duplicates merged");
    const notices = Array.from(screen.getByTestId("import-notices").querySelectorAll("li")).map((li) => li.textContent);
    expect(notices).toEqual([
      'line 5: "Mary Smith" has +1 201-555-0174, which "John Smith" (line 4) also has: both are kept, as separate contacts',
    ]);
  });

  it("lists thousands of rejected rows, each one", async () => {
    const rejected = Array.from({ length: 2000 }, (_, i) => ({ line: i + 2, reason: "no number" }));
    mockIPC(() => ({ ...PREVIEW, rowsRead: 2000, rowsOk: 0, newContacts: 0, rejected }));
    const user = userEvent.setup();
    renderDialog();
    await user.upload(screen.getByTestId("import-file"), csvFile(CSV));
    const list = await screen.findByTestId("import-rejected");
    const items = list.querySelectorAll("li");
    expect(items).toHaveLength(2000);
    expect(items[1999]!.textContent).toBe("line 2001: no number");
    // Nothing to import: Import stays off.
    expect(screen.getByTestId<HTMLButtonElement>("import-confirm").disabled).toBe(true);
  });

  it("imports with a progress bar fed by import-progress events, then shows the result", async () => {
    let finish: (s: ImportSummary) => void = () => {};
    const commands: string[] = [];
    mockIPC(
      (cmd) => {
        commands.push(cmd);
        if (cmd === "contacts_import_preview") return PREVIEW;
        if (cmd === "contacts_import_commit") return new Promise<ImportSummary>((resolve) => (finish = resolve));
        throw new Error(`unexpected command ${cmd}`);
      },
      { shouldMockEvents: true },
    );
    const user = userEvent.setup();
    const onclose = renderDialog();
    await user.upload(screen.getByTestId("import-file"), csvFile(CSV));
    await user.click(await screen.findByTestId("import-confirm"));
    await waitFor(() => expect(commands).toContain("contacts_import_commit"));
    expect(screen.getByTestId<HTMLButtonElement>("import-cancel").disabled).toBe(true);

    await emit("import-progress", { done: 1, total: 4 });
    await waitFor(() => expect(screen.getByTestId<HTMLProgressElement>("import-progress").value).toBe(1));
    expect(screen.getByTestId<HTMLProgressElement>("import-progress").max).toBe(4);
    await emit("import-progress", { done: 3, total: 4 });
    await waitFor(() => expect(screen.getByTestId<HTMLProgressElement>("import-progress").value).toBe(3));
    expect(screen.getByRole("dialog").textContent).toContain("3 of 4");

    finish({ created: 2, mergedIntoExisting: 1 });
    expect((await screen.findByTestId("import-result")).textContent?.trim()).toBe(
      "Imported 2 new contacts, merged 1 into existing ones",
    );
    expect(screen.queryByTestId("import-progress")).toBeNull();
    await user.click(screen.getByTestId("import-close"));
    expect(onclose).toHaveBeenCalledWith(true);
  });

  it("shows Rust's errors as they are and lets the person try again or cancel", async () => {
    let previewFails = true;
    mockIPC(
      (cmd) => {
        if (cmd === "contacts_import_preview") {
          if (previewFails) throw { code: "import", message: "the file is neither CSV nor vCard" };
          return PREVIEW;
        }
        if (cmd === "contacts_import_commit") throw { code: "import", message: "the preview is out of date; pick the file again" };
        throw new Error(`unexpected command ${cmd}`);
      },
      { shouldMockEvents: true },
    );
    const user = userEvent.setup();
    const onclose = renderDialog();
    await user.upload(screen.getByTestId("import-file"), csvFile("garbage", "notes.txt"));
    expect((await screen.findByTestId("import-error")).textContent).toBe("the file is neither CSV nor vCard");
    expect(screen.queryByTestId("import-preview")).toBeNull();

    previewFails = false;
    await user.upload(screen.getByTestId("import-file"), csvFile(CSV));
    await user.click(await screen.findByTestId("import-confirm"));
    expect((await screen.findByTestId("import-error")).textContent).toBe(
      "the preview is out of date; pick the file again",
    );
    expect(screen.getByTestId("import-preview")).toBeTruthy();
    await user.click(screen.getByTestId("import-cancel"));
    expect(onclose).toHaveBeenCalledWith(false);
  });

  it("closes without importing on Escape", async () => {
    mockIPC(() => {
      throw new Error("nothing should be called");
    });
    const user = userEvent.setup();
    const onclose = renderDialog();
    await user.keyboard("{Escape}");
    expect(onclose).toHaveBeenCalledWith(false);
  });
});
