// The maths of a long list drawn with fixed-height rows: which rows are in the DOM for a scroll
// position, and where to scroll so a row is fully visible. Pure numbers; the component owns the DOM.

export interface WindowInput {
  /** How many rows the list has. */
  count: number;
  /** Every row's height in pixels. */
  rowHeight: number;
  /** The scroll container's `scrollTop`. */
  scrollTop: number;
  /** The scroll container's visible height in pixels. */
  viewportHeight: number;
  /** Extra rows drawn above and below the visible ones, so fast scrolling shows no gaps. */
  overscan: number;
}

export interface RowWindow {
  /** First row drawn. */
  start: number;
  /** One past the last row drawn. */
  end: number;
  /** How far down the drawn rows sit, in pixels (`start * rowHeight`). */
  offsetY: number;
  /** The height of the whole list, for the scroll area. */
  totalHeight: number;
}

/** The rows to draw for a scroll position. Out-of-range scroll positions (elastic scrolling,
 *  a list that just got shorter) are clamped to the list. */
export function rowWindow({ count, rowHeight, scrollTop, viewportHeight, overscan }: WindowInput): RowWindow {
  const n = Math.max(0, Math.floor(count));
  const h = Math.max(1, rowHeight);
  const view = Math.max(0, viewportHeight);
  const extra = Math.max(0, Math.floor(overscan));
  const totalHeight = n * h;
  if (n === 0) return { start: 0, end: 0, offsetY: 0, totalHeight: 0 };
  const top = clamp(scrollTop, 0, Math.max(0, totalHeight - view));
  const first = Math.floor(top / h);
  const last = Math.ceil((top + view) / h); // exclusive
  const start = Math.max(0, first - extra);
  const end = Math.min(n, Math.max(last, first + 1) + extra);
  return { start, end, offsetY: start * h, totalHeight };
}

/** The `scrollTop` that shows row `index` entirely, moving as little as possible. */
export function revealScrollTop(index: number, rowHeight: number, scrollTop: number, viewportHeight: number): number {
  const rowTop = index * rowHeight;
  const rowBottom = rowTop + rowHeight;
  if (rowTop < scrollTop) return Math.max(0, rowTop);
  if (rowBottom > scrollTop + viewportHeight) return Math.max(0, rowBottom - viewportHeight);
  return scrollTop;
}

/** How many whole rows fit in the viewport (at least one), for Page Up / Page Down. */
export function rowsPerPage(rowHeight: number, viewportHeight: number): number {
  return Math.max(1, Math.floor(viewportHeight / Math.max(1, rowHeight)));
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
