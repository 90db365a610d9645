import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { startCountdown } from "./countdown";

describe("startCountdown", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("ticks each second and fires once at zero", () => {
    const ticks: number[] = [];
    const fire = vi.fn();
    startCountdown(3, (n) => ticks.push(n), fire);
    vi.advanceTimersByTime(2_999);
    expect(fire).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(ticks).toEqual([3, 2, 1, 0]);
    expect(fire).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(5_000);
    expect(fire).toHaveBeenCalledTimes(1);
  });

  it("never fires once cancelled", () => {
    const fire = vi.fn();
    const c = startCountdown(2, () => {}, fire);
    vi.advanceTimersByTime(1_000);
    c.cancel();
    vi.advanceTimersByTime(5_000);
    expect(fire).not.toHaveBeenCalled();
    expect(c.left).toBe(1);
  });

  it("fires at once for zero seconds", () => {
    const fire = vi.fn();
    startCountdown(0, () => {}, fire);
    expect(fire).toHaveBeenCalledTimes(1);
  });
});
