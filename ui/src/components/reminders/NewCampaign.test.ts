import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { clearMocks } from "@tauri-apps/api/mocks";
import { mockBackend, practice, reminderPreview, type Args } from "../../test/fixtures";
import NewCampaign from "./NewCampaign.svelte";

afterEach(() => {
  cleanup();
  clearMocks();
});

const CSV = "Patient,Phone,Appointment\nAda Lovelace,+12065550111,2026-12-03 14:30\n";

function csvFile(content: string, name = "tuesday.csv"): File {
  const file = new File([content], name, { type: "text/csv" });
  Object.defineProperty(file, "arrayBuffer", { value: async () => new TextEncoder().encode(content).buffer });
  return file;
}

/** Rust's preview: an unknown placeholder is a problem, not a blank. */
function previewFor(args: Args) {
  const draft = args.draft as { template: string };
  if (draft.template.includes("{nope}"))
    return reminderPreview({ review: null, heard: [], problem: { field: "template", message: "template: {nope} is not a placeholder: use {first_name}, …" } });
  return reminderPreview();
}

async function pickFile() {
  await userEvent.upload(await screen.findByTestId("rem-file"), csvFile(CSV));
  await screen.findByTestId("rem-mapping");
}

describe("NewCampaign", () => {
  it("previews the file, then the message as the first recipients will hear it, and refuses an unknown placeholder", async () => {
    const calls = mockBackend(practice, { reminder_preview: previewFor });
    render(NewCampaign, { props: { onstarted: vi.fn(), oncancel: vi.fn() } });
    await pickFile();
    const sent = calls.find((c) => c.cmd === "reminder_preview")!.args.draft as Record<string, unknown>;
    expect(atob(sent.csvBase64 as string)).toBe(CSV);
    expect((sent.settings as { safeguards: { windowStartMin: number } }).safeguards.windowStartMin).toBe(480);
    expect(screen.getByTestId("rem-mapping").textContent).toContain("Phone number");
    // Rust's suggested appointment column is taken, and the name comes from the file.
    await waitFor(() => expect((screen.getByTestId("rem-appointment") as HTMLSelectElement).value).toBe("Appointment"));

    await userEvent.click(screen.getByTestId("rem-next"));
    expect((screen.getByTestId("rem-name") as HTMLInputElement).value).toBe("tuesday");
    const heard = await screen.findAllByTestId("rem-heard");
    expect(heard[0]!.textContent).toContain("Thursday the 3rd of December at 2:30 PM");

    const template = screen.getByTestId("rem-template");
    await userEvent.clear(template);
    await userEvent.type(template, "Hi {{nope}");
    const problem = await screen.findByTestId("rem-problem");
    expect(problem.textContent).toContain("{nope} is not a placeholder");
    expect((screen.getByTestId("rem-next") as HTMLButtonElement).disabled).toBe(true);
    expect(screen.queryAllByTestId("rem-heard")).toHaveLength(0);
  });

  it("shows the safeguards on by default, reviews now / later / never, and starts", async () => {
    const onstarted = vi.fn();
    const calls = mockBackend(practice, {
      reminder_preview: previewFor,
      reminder_create: () => ({ ...reminderPreview().review, id: 7 }),
      reminder_start: () => null,
    });
    render(NewCampaign, { props: { onstarted, oncancel: vi.fn() } });
    await pickFile();
    await userEvent.click(screen.getByTestId("rem-next"));
    await userEvent.click(screen.getByTestId("rem-next"));
    expect((screen.getByTestId("rem-window-start") as HTMLInputElement).value).toBe("08:00");
    expect((screen.getByTestId("rem-window-end") as HTMLInputElement).value).toBe("21:00");
    expect((screen.getByTestId("rem-day-5") as HTMLInputElement).checked).toBe(true);
    expect((screen.getByTestId("rem-day-6") as HTMLInputElement).checked).toBe(false);
    expect((screen.getByTestId("rem-max-live") as HTMLInputElement).value).toBe("5");
    expect((screen.getByTestId("rem-retry-busy-count") as HTMLInputElement).value).toBe("2");

    await userEvent.click(screen.getByTestId("rem-next"));
    expect(screen.getByTestId("rem-now").textContent).toBe("1");
    expect(screen.getByTestId("rem-later").textContent).toBe("1");
    expect(screen.getByTestId("rem-never").textContent).toBe("1");
    expect(screen.getByTestId("rem-excluded").textContent).toContain("line 4:");
    expect(screen.getByTestId("rem-reach").textContent).toContain("Keypresses reach Callpad");
    await userEvent.click(screen.getByTestId("rem-start"));
    await waitFor(() => expect(onstarted).toHaveBeenCalledWith(7, ""));
    expect(calls.filter((c) => c.cmd === "reminder_start").map((c) => c.args)).toEqual([{ id: 7 }]);
  });

  it("says before start that the campaign is message-only, and passes on why the runner did not start", async () => {
    const onstarted = vi.fn();
    mockBackend(practice, {
      reminder_preview: () => reminderPreview({ keypresses: { messageOnly: true, reason: "Message-only: no reachable listener (polling)." } }),
      reminder_create: () => ({ ...reminderPreview().review, id: 8 }),
      reminder_start: () => {
        throw { code: "invalid_campaign", message: "campaign 8: no runner", field: null };
      },
    });
    render(NewCampaign, { props: { onstarted, oncancel: vi.fn() } });
    await pickFile();
    await userEvent.click(screen.getByTestId("rem-step-3"));
    expect(screen.getByTestId("rem-reach").textContent).toContain("Message-only");
    await userEvent.click(screen.getByTestId("rem-start"));
    await waitFor(() => expect(onstarted).toHaveBeenCalledWith(8, "campaign 8: no runner"));
  });

  it("shows why a file cannot be used, in Rust's words", async () => {
    mockBackend(practice, {
      reminder_preview: () => {
        throw { code: "import_unreadable", message: "The file cannot be imported: no column holds phone numbers", field: null };
      },
    });
    render(NewCampaign, { props: { onstarted: vi.fn(), oncancel: vi.fn() } });
    await userEvent.upload(await screen.findByTestId("rem-file"), csvFile("name,email\nA,a@b\n"));
    expect((await screen.findByTestId("rem-file-error")).textContent).toContain("no column holds phone numbers");
    expect((screen.getByTestId("rem-next") as HTMLButtonElement).disabled).toBe(true);
  });
});
