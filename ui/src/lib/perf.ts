// Timing marks the benchmarks read from the real window (README.md, "Benchmarks"): each is a
// `performance.measure` entry, e.g. "contacts:render" from Rust's answer to the rows laid out.

/** Records `name` from `start` to now (both `performance.now()` times); returns now. */
export function measure(name: string, start: number): number {
  const end = performance.now();
  try {
    performance.measure(name, { start, end });
  } catch {
    // A runtime without User Timing level 3: nothing to record.
  }
  return end;
}
