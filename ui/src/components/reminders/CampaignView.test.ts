import { afterEach, describe, expect, it } from "vitest";
import { cleanup, render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { clearMocks } from "@tauri-apps/api/mocks";
import { emit } from "@tauri-apps/api/event";
import { mockBackend, practice, reminderReport } from "../../test/fixtures";
import CampaignView from "./CampaignView.svelte";

afterEach(() => {
  cleanup();
  clearMocks();
});

describe("CampaignView", () => {
  it("shows progress, the next call, the chart and every recipient and attempt, and follows Rust's ticks", async () => {
    let report = reminderReport();
    const calls = mockBackend(practice, { reminder_report: () => report });
    render(CampaignView, { props: { id: 7 } });
    expect((await screen.findByTestId("rem-progress-text")).textContent).toBe("1 of 2 finished (50%)");
    expect(screen.getByTestId("rem-state").textContent).toBe("Running");
    expect(screen.getByTestId("rem-count-confirmed").textContent).toBe("1");
    expect(screen.getByTestId("rem-next-call").textContent).toContain("Bo");
    expect(screen.getAllByTestId("rem-chart-bar").map((b) => b.getAttribute("data-outcome"))).toEqual(["confirmed"]);
    expect(screen.getAllByTestId("rem-recipient-row").map((r) => r.children[3]!.textContent)).toEqual(["Confirmed", "Waiting (last: Busy)", "Not called"]);
    expect(screen.getByTestId("rem-counts").textContent).toContain("Not called");
    expect(screen.getAllByTestId("rem-attempt-row").map((r) => r.textContent)).toEqual([expect.stringContaining("Confirmed"), expect.stringContaining("Busy")]);

    report = reminderReport({
      status: { ...report.status, state: "finished", counts: { confirmed: 2, excluded: 1 } },
      finished: 2,
      nextCall: null,
      outcomes: [{ outcome: "confirmed", label: "Confirmed", count: 2 }],
    });
    await emit("reminder-tick", {
      campaignId: 7,
      state: "finished",
      stopped: true,
      problem: null,
      progress: {
        campaignId: 7,
        counts: { confirmed: 2 },
        inProgress: 0,
        done: 2,
        total: 2,
        nextCall: null,
        messageOnly: true,
        reach: "Message-only: keys cannot reach Callpad (no tunnel).",
        note: "settled 1 call from the voice logs",
        ended: "finished",
      },
    });
    await waitFor(() => expect(screen.getByTestId("rem-progress-text").textContent).toBe("2 of 2 finished (100%)"));
    expect(screen.getByTestId("rem-state").textContent).toBe("Finished");
    expect(screen.getByTestId("rem-next-call").textContent).toContain("Nobody is waiting");
    expect(screen.queryByTestId("rem-pause")).toBeNull();
    expect(screen.getByTestId("rem-run-reach").textContent).toContain("Message-only");
    expect(screen.getByTestId("rem-run-note").textContent).toBe("settled 1 call from the voice logs");
    expect(calls.filter((c) => c.cmd === "reminder_report").length).toBeGreaterThanOrEqual(2);
  });

  it("ignores another campaign's ticks and shows a runner's problem", async () => {
    mockBackend(practice, { reminder_report: () => reminderReport() });
    render(CampaignView, { props: { id: 7 } });
    await screen.findByTestId("rem-progress-text");
    await emit("reminder-tick", { campaignId: 9, state: "running", stopped: true, problem: "not mine", progress: null });
    await emit("reminder-tick", { campaignId: 7, state: "running", stopped: true, problem: "the session could not open", progress: null });
    expect((await screen.findByTestId("rem-error")).textContent).toBe("the session could not open");
  });

  it("pauses, and exports every attempt as CSV where the Save dialog says", async () => {
    let state = "running";
    const calls = mockBackend(practice, {
      reminder_report: () => reminderReport({ status: { ...reminderReport().status, state } }),
      reminder_pause: () => {
        state = "paused";
        return "paused";
      },
      "plugin:dialog|save": () => "/home/desk/tuesday.csv",
      reminder_export: (args) => String(args.path),
    });
    render(CampaignView, { props: { id: 7 } });
    await userEvent.click(await screen.findByTestId("rem-pause"));
    await screen.findByTestId("rem-resume");
    expect(screen.getByTestId("rem-state").textContent).toBe("Paused");
    await userEvent.click(screen.getByTestId("rem-export"));
    await userEvent.click(screen.getByTestId("rem-export-csv"));
    expect((await screen.findByTestId("rem-export-status")).textContent).toContain("/home/desk/tuesday.csv");
    expect(calls.find((c) => c.cmd === "reminder_export")!.args).toEqual({ id: 7, path: "/home/desk/tuesday.csv" });
  });
});
