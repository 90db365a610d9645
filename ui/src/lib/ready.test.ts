import { afterEach, describe, expect, it, vi } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";

afterEach(() => {
  clearMocks();
  vi.resetModules();
});

describe("firstScreenShown", () => {
  it("calls app_ready once, after the next frame", async () => {
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      return null;
    });
    const { firstScreenShown } = await import("./ready");
    firstScreenShown();
    expect(calls).toEqual([]);
    await new Promise((r) => setTimeout(r, 50));
    expect(calls).toEqual(["app_ready"]);
    expect(performance.getEntriesByName("callpad:ready")).toHaveLength(1);
    firstScreenShown();
    await new Promise((r) => setTimeout(r, 50));
    expect(calls).toEqual(["app_ready"]);
  });

  it("never throws when Rust does not answer", async () => {
    mockIPC(() => {
      throw new Error("gone");
    });
    const { firstScreenShown } = await import("./ready");
    firstScreenShown();
    await new Promise((r) => setTimeout(r, 50));
  });
});
