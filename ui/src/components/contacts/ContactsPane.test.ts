import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import type { SearchHit, SearchPage } from "../../lib/backend";
import { PAGE_SIZE } from "../../lib/contacts/pagedHits";
import { firstScreenShown } from "../../lib/ready";
import ContactsPane from "./ContactsPane.svelte";

vi.mock("../../lib/ready", () => ({ firstScreenShown: vi.fn() }));

afterEach(() => {
  cleanup();
  clearMocks();
  vi.restoreAllMocks();
});

function hit(id: number, name: string, extra: Partial<SearchHit> = {}): SearchHit {
  return {
    source: { kind: "contact", id },
    name,
    company: null,
    number: { label: "mobile", dial: `+1555000${String(id).padStart(4, "0")}`, display: `+1 555-000-${id}`, national: "" },
    favourite: false,
    optOut: false,
    matched: "none",
    score: 0,
    ...extra,
  };
}

function recentCall(number: string, name: string, display = name): SearchHit {
  return {
    source: { kind: "call", number },
    name,
    company: null,
    number: { label: "recent call", dial: number, display, national: "" },
    favourite: false,
    optOut: false,
    matched: "number",
    score: 0,
  };
}

const PEOPLE: SearchHit[] = [
  hit(1, "Ann Lee", { favourite: true, company: "Acme" }),
  hit(2, "Bo Chen", { optOut: true }),
  hit(3, "Cy Diaz", { number: null }),
  hit(4, "Di Ek", { number: { label: "work", dial: "+15551230004", display: "+1 555-123-0004 ext. 9", national: "" } }),
];

/** Every hit of `query`, best first (a promise to answer later); the mock pages it like Rust. */
type Search = (query: string) => SearchHit[] | Promise<SearchHit[]>;

/** The page `offset…offset + limit` of `all`, as Rust's `contacts_search` answers. */
function pageOf(all: SearchHit[], offset: number, limit: number): SearchPage {
  const calls = all.filter((h) => h.source.kind === "call").length;
  return { offset, total: all.length, calls, hits: all.slice(offset, offset + limit) };
}

/** Mocks Rust's search; returns the queries asked (first pages only) in order, and every request. */
function mockSearch(search: Search, extra: Record<string, (args: Record<string, unknown>) => unknown> = {}) {
  const queries: string[] = [];
  const requests: { query: string; offset: number; limit: number }[] = [];
  mockIPC((cmd, args) => {
    const a = (args ?? {}) as Record<string, unknown>;
    if (cmd === "contacts_search") {
      const [query, offset, limit] = [String(a.query), Number(a.offset), Number(a.limit)];
      requests.push({ query, offset, limit });
      if (offset === 0) queries.push(query);
      const all = search(query);
      return all instanceof Promise ? all.then((hits) => pageOf(hits, offset, limit)) : pageOf(all, offset, limit);
    }
    if (cmd === "app_ready") return null;
    const handler = extra[cmd];
    if (handler) return handler(a);
    throw new Error(`unexpected command ${cmd}`);
  });
  // Beside the array, so `toEqual` on the queries still compares only them.
  Object.defineProperty(queries, "requests", { value: requests });
  return queries as string[] & { requests: typeof requests };
}

/** Filters PEOPLE by name like a (much simpler) Rust search would. */
const byName: Search = (q) => PEOPLE.filter((p) => p.name.toLowerCase().includes(q.toLowerCase()));

function renderPane() {
  const props = {
    selectedId: null as number | null,
    refreshKey: 0,
    onselect: vi.fn<(id: number) => void>(),
    oncall: vi.fn<(hit: SearchHit) => void>(),
    onnew: vi.fn<() => void>(),
    onimport: vi.fn<() => void>(),
  };
  const view = render(ContactsPane, { props });
  return { ...view, props };
}

/** jsdom's Blob has no text(); FileReader it has. */

const names = () => screen.queryAllByTestId("contact-row").map((r) => r.querySelector(".name")?.textContent);

describe("ContactsPane", () => {
  it("lists the first answer with favourites' stars, numbers with labels and do-not-call badges", async () => {
    const queries = mockSearch(byName);
    renderPane();
    await waitFor(() => expect(names()).toEqual(["Ann Lee", "Bo Chen", "Cy Diaz", "Di Ek"]));
    expect(queries).toEqual([""]);
    const rows = screen.getAllByTestId("contact-row");
    expect(rows[0]!.textContent).toContain("★");
    expect(rows[0]!.textContent).toContain("Acme");
    expect(rows[0]!.textContent).toContain("mobile");
    expect(rows[0]!.textContent).toContain("+1 555-000-1");
    expect(rows[1]!.querySelector("[data-testid='contact-optout']")?.textContent).toBe("Do not call");
    expect(rows[2]!.textContent).toContain("No number");
    expect(rows[3]!.textContent).toContain("+1 555-123-0004 ext. 9");
  });

  it("searches again as the person types, asking for the first page only", async () => {
    const queries = mockSearch(byName);
    const user = userEvent.setup();
    renderPane();
    await waitFor(() => expect(names()).toHaveLength(4));
    await user.type(screen.getByTestId("contact-search"), "di");
    await waitFor(() => expect(names()).toEqual(["Cy Diaz", "Di Ek"]));
    expect(queries).toEqual(["", "d", "di"]);
    expect(queries.requests.map((r) => [r.offset, r.limit])).toEqual([
      [0, PAGE_SIZE],
      [0, PAGE_SIZE],
      [0, PAGE_SIZE],
    ]);
  });

  it("drops an answer that arrives after a newer one", async () => {
    const pending = new Map<string, (hits: SearchHit[]) => void>();
    mockSearch((q) => new Promise((resolve) => pending.set(q, resolve)));
    const user = userEvent.setup();
    renderPane();
    await waitFor(() => expect(pending.has("")).toBe(true));
    pending.get("")!(PEOPLE);
    await waitFor(() => expect(names()).toHaveLength(4));

    const search = screen.getByTestId("contact-search");
    await user.type(search, "a");
    await user.type(search, "n");
    await waitFor(() => expect(pending.has("an")).toBe(true));
    // The newer search answers first, then the older one straggles in.
    pending.get("an")!([PEOPLE[0]!]);
    await waitFor(() => expect(names()).toEqual(["Ann Lee"]));
    pending.get("a")!(PEOPLE);
    await new Promise((r) => setTimeout(r, 20));
    expect(names()).toEqual(["Ann Lee"]);
  });

  it("moves the selection with the arrow keys and calls the selected contact on Enter", async () => {
    mockSearch(byName);
    const user = userEvent.setup();
    const { props } = renderPane();
    await waitFor(() => expect(names()).toHaveLength(4));
    await user.click(screen.getByTestId("contact-search"));
    await user.keyboard("{ArrowDown}{ArrowDown}{ArrowDown}{ArrowDown}{ArrowUp}{ArrowDown}");
    expect(props.onselect).toHaveBeenLastCalledWith(4);
    const selected = screen.getAllByTestId("contact-row").filter((r) => r.getAttribute("aria-selected") === "true");
    expect(selected.map((r) => r.querySelector(".name")?.textContent)).toEqual(["Di Ek"]);
    await user.keyboard("{Enter}");
    expect(props.oncall).toHaveBeenCalledTimes(1);
    expect(props.oncall).toHaveBeenCalledWith(PEOPLE[3]);
  });

  it("works the same when the list itself has the focus, and on Enter from the search box", async () => {
    mockSearch(byName);
    const user = userEvent.setup();
    const { props } = renderPane();
    await waitFor(() => expect(names()).toHaveLength(4));
    await user.type(screen.getByTestId("contact-search"), "ann");
    await waitFor(() => expect(names()).toEqual(["Ann Lee"]));
    // Enter with nothing selected picks the top row first; a second Enter calls it.
    await user.keyboard("{Enter}");
    expect(props.onselect).toHaveBeenLastCalledWith(1);
    expect(props.oncall).not.toHaveBeenCalled();
    await user.keyboard("{Enter}");
    expect(props.oncall).toHaveBeenCalledWith(PEOPLE[0]);

    await user.clear(screen.getByTestId("contact-search"));
    await waitFor(() => expect(names()).toHaveLength(4));
    screen.getByRole("listbox").focus();
    await user.keyboard("{End}{Enter}");
    expect(props.oncall).toHaveBeenLastCalledWith(PEOPLE[3]);
  });

  it("refuses to call a do-not-call contact or one without a number, and says why", async () => {
    mockSearch(byName);
    const user = userEvent.setup();
    const { props } = renderPane();
    await waitFor(() => expect(names()).toHaveLength(4));
    await user.click(screen.getByTestId("contact-search"));
    await user.keyboard("{ArrowDown}{ArrowDown}{Enter}");
    expect(props.onselect).toHaveBeenLastCalledWith(2);
    expect(props.oncall).not.toHaveBeenCalled();
    expect(screen.getByTestId("contact-pane-notice").textContent).toContain("Bo Chen is marked “do not call”");
    await user.keyboard("{ArrowDown}{Enter}");
    expect(props.oncall).not.toHaveBeenCalled();
    expect(screen.getByTestId("contact-pane-notice").textContent).toContain("Cy Diaz has no number to call");
  });

  it("selects a row on click and marks it selected", async () => {
    mockSearch(byName);
    const user = userEvent.setup();
    const { props } = renderPane();
    await waitFor(() => expect(names()).toHaveLength(4));
    const row = screen.getAllByTestId("contact-row")[2]!;
    await user.click(row);
    expect(props.onselect).toHaveBeenCalledWith(3);
    expect(row.getAttribute("aria-selected")).toBe("true");
    expect(screen.getByRole("listbox").getAttribute("aria-activedescendant")).toBe(row.id);
  });

  it("highlights the selectedId it is given", async () => {
    mockSearch(byName);
    const { rerender } = renderPane();
    await waitFor(() => expect(names()).toHaveLength(4));
    await rerender({ selectedId: 2 });
    const selected = screen.getAllByTestId("contact-row").filter((r) => r.getAttribute("aria-selected") === "true");
    expect(selected.map((r) => r.querySelector(".name")?.textContent)).toEqual(["Bo Chen"]);
  });

  it("focuses the search on Ctrl+K and Cmd+K from anywhere", async () => {
    mockSearch(byName);
    const user = userEvent.setup();
    renderPane();
    const search = screen.getByTestId("contact-search");
    await waitFor(() => expect(names()).toHaveLength(4));
    screen.getByRole("listbox").focus();
    expect(document.activeElement).not.toBe(search);
    await user.keyboard("{Control>}k{/Control}");
    expect(document.activeElement).toBe(search);
    (document.activeElement as HTMLElement).blur();
    await user.keyboard("{Meta>}k{/Meta}");
    expect(document.activeElement).toBe(search);
  });

  it("draws only a window of rows for 10,000 hits, and follows the selection down the list", async () => {
    const many = Array.from({ length: 10_000 }, (_, i) => hit(i + 1, `Person ${i + 1}`));
    mockSearch(() => many);
    const user = userEvent.setup();
    const { props } = renderPane();
    await waitFor(() => expect(screen.getAllByTestId("contact-row").length).toBeGreaterThan(0));
    const rows = screen.getAllByTestId("contact-row");
    expect(rows.length).toBeLessThan(40);
    expect(rows[0]!.getAttribute("aria-posinset")).toBe("1");
    expect(rows[0]!.getAttribute("aria-setsize")).toBe("10000");
    // The style: directives render through CSSOM (no style attribute strings).
    const listbox = screen.getByRole("listbox");
    const spacer = listbox.firstElementChild as HTMLElement;
    const inner = spacer.firstElementChild as HTMLElement;
    expect(spacer.style.height).toBe(`${10_000 * 60}px`);
    expect(inner.style.transform).toBe("translateY(0px)");
    expect(rows[0]!.style.height).toBe("60px");

    listbox.focus();
    await user.keyboard("{End}");
    // The last page comes from Rust when it is needed.
    await waitFor(() => expect(props.onselect).toHaveBeenLastCalledWith(10_000));
    const after = screen.getAllByTestId("contact-row");
    expect(after.length).toBeLessThan(40);
    const last = after.find((r) => r.getAttribute("aria-selected") === "true");
    expect(last?.getAttribute("aria-posinset")).toBe("10000");
    expect(inner.style.transform).not.toBe("translateY(0px)");

    await user.keyboard("{Home}{ArrowDown}{ArrowDown}");
    expect(props.onselect).toHaveBeenLastCalledWith(3);
    expect(inner.style.transform).toBe("translateY(0px)");
  });

  it("shows every one of 100,000 contacts, fetching only the pages on screen", async () => {
    const all = Array.from({ length: 100_000 }, (_, i) => hit(i + 1, `Person ${i + 1}`));
    const asked = mockSearch(() => all).requests;
    const user = userEvent.setup();
    const { props } = renderPane();
    await waitFor(() => expect(names()[0]).toBe("Person 1"));
    expect(asked.map((r) => r.offset)).toEqual([0]);
    expect(screen.getByTestId("contact-status").textContent).toContain("100,000 contacts");

    // Scrolled to the middle: rows wait for their page, then show it.
    const listbox = screen.getByRole("listbox");
    Object.defineProperty(listbox, "scrollTop", { configurable: true, writable: true, value: 50_000 * 60 });
    listbox.dispatchEvent(new Event("scroll"));
    await waitFor(() => expect(screen.queryAllByTestId("contact-row-pending").length).toBeGreaterThan(0));
    const pending = screen.getAllByTestId("contact-row-pending")[0]!;
    expect(pending.getAttribute("aria-setsize")).toBe("100000");
    expect(pending.getAttribute("aria-busy")).toBe("true");
    await waitFor(() => expect(names()).toContain("Person 50001"));
    expect(screen.queryAllByTestId("contact-row-pending")).toHaveLength(0);
    const first = screen.getAllByTestId("contact-row")[0]!;
    expect(Number(first.getAttribute("aria-posinset"))).toBeGreaterThan(49_990);
    expect(asked.every((r) => r.limit === PAGE_SIZE && r.offset % PAGE_SIZE === 0)).toBe(true);
    expect(asked.length).toBeLessThan(5);

    // The keys reach the very end, and Enter calls the last contact.
    listbox.focus();
    await user.keyboard("{End}");
    await waitFor(() => expect(props.onselect).toHaveBeenLastCalledWith(100_000));
    const last = screen.getAllByTestId("contact-row").find((r) => r.getAttribute("aria-selected") === "true");
    expect(last?.getAttribute("aria-posinset")).toBe("100000");
    expect(listbox.getAttribute("aria-activedescendant")).toBe(last?.id);
    await user.keyboard("{Enter}");
    expect(props.oncall).toHaveBeenLastCalledWith(all[99_999]);
  });

  it("reports the first screen once the first answer is on screen", async () => {
    const seen: number[] = [];
    vi.mocked(firstScreenShown).mockImplementation(() => seen.push(names().length));
    mockSearch(byName);
    renderPane();
    await waitFor(() => expect(seen.length).toBeGreaterThan(0));
    expect(seen[0]).toBe(4);
  });

  it("says when there are no contacts yet, and when nothing matches", async () => {
    mockSearch(() => []);
    const user = userEvent.setup();
    renderPane();
    expect((await screen.findByTestId("contact-empty")).textContent?.trim()).toBe(
      "No contacts yet — add one or import a CSV or vCard file",
    );
    await user.type(screen.getByTestId("contact-search"), "zed");
    await waitFor(() => expect(screen.getByTestId("contact-empty").textContent?.trim()).toBe("Nothing matches “zed”"));
  });

  it("shows Rust's search error as it is", async () => {
    mockSearch(() => {
      throw { code: "db", message: "the contacts database is locked by another Callpad" };
    });
    renderPane();
    await waitFor(() =>
      expect(screen.getByTestId("contact-status").textContent).toContain(
        "the contacts database is locked by another Callpad",
      ),
    );
  });

  it("runs the current search again when refreshKey changes", async () => {
    const queries = mockSearch(byName);
    const user = userEvent.setup();
    const { rerender } = renderPane();
    await user.type(screen.getByTestId("contact-search"), "bo");
    await waitFor(() => expect(names()).toEqual(["Bo Chen"]));
    const before = queries.length;
    await rerender({ refreshKey: 1 });
    await waitFor(() => expect(queries.length).toBe(before + 1));
    expect(queries.at(-1)).toBe("bo");
  });

  it("has New contact and Import buttons", async () => {
    mockSearch(byName);
    const user = userEvent.setup();
    const { props } = renderPane();
    await user.click(screen.getByTestId("contact-new"));
    await user.click(screen.getByTestId("contact-import"));
    expect(props.onnew).toHaveBeenCalledTimes(1);
    expect(props.onimport).toHaveBeenCalledTimes(1);
  });

  it("shows recent calls with a tag, highlights them without opening anything, and calls them", async () => {
    const unnamed = recentCall("+15550009999", "+1 555-000-9999");
    const named = recentCall("+442079460958", "London office", "+44 20 7946 0958");
    const mixed = [PEOPLE[0]!, unnamed, named];
    mockSearch(() => mixed);
    const user = userEvent.setup();
    const { props } = renderPane();
    await waitFor(() => expect(names()).toEqual(["Ann Lee", "+1 555-000-9999", "London office"]));
    const rows = screen.getAllByTestId("contact-row");
    expect(rows[0]!.querySelector("[data-testid='contact-recent-call']")).toBeNull();
    expect(rows[1]!.querySelector("[data-testid='contact-recent-call']")?.textContent).toBe("Recent call");
    expect(rows[2]!.querySelector("[data-testid='contact-recent-call']")?.textContent).toBe("Recent call");
    // The number shows once: as the name when nobody named it, else beside the name.
    expect(rows[1]!.textContent?.split("+1 555-000-9999")).toHaveLength(2);
    expect(rows[2]!.textContent).toContain("+44 20 7946 0958");
    expect(rows[2]!.textContent).not.toContain("recent call");
    expect(screen.getByTestId("contact-status").textContent).toContain("1 contact, 2 recent calls");
    expect(new Set(rows.map((r) => r.id)).size).toBe(3);

    await user.click(rows[2]!);
    expect(props.onselect).not.toHaveBeenCalled();
    expect(rows[2]!.getAttribute("aria-selected")).toBe("true");
    expect(screen.getByRole("listbox").getAttribute("aria-activedescendant")).toBe(rows[2]!.id);
    await user.keyboard("{Enter}");
    expect(props.oncall).toHaveBeenLastCalledWith(named);

    await user.keyboard("{ArrowUp}");
    expect(props.onselect).not.toHaveBeenCalled();
    expect(rows[1]!.getAttribute("aria-selected")).toBe("true");
    await user.dblClick(rows[1]!);
    expect(props.oncall).toHaveBeenLastCalledWith(unnamed);

    // A contact row still opens the contact.
    await user.keyboard("{ArrowUp}");
    expect(props.onselect).toHaveBeenCalledWith(1);
    expect(props.onselect).toHaveBeenCalledTimes(1);
  });

  it("exports through the Save dialog: Rust writes where the person chose and the pane says where", async () => {
    const written: { format: string; path: string }[] = [];
    const asked: unknown[] = [];
    let chosen: string | null = "/home/ann/Documents/contacts.csv";
    mockSearch(byName, {
      "plugin:dialog|save": (a) => {
        asked.push(a);
        return chosen;
      },
      contacts_export: (a) => {
        written.push({ format: String(a.format), path: String(a.path) });
        return String(a.path);
      },
    });
    const user = userEvent.setup();
    renderPane();
    const button = screen.getByTestId("contact-export");
    expect(button.getAttribute("aria-expanded")).toBe("false");
    await user.click(button);
    expect(button.getAttribute("aria-expanded")).toBe("true");
    await user.click(screen.getByTestId("contact-export-csv"));
    await waitFor(() => expect(written).toEqual([{ format: "csv", path: "/home/ann/Documents/contacts.csv" }]));
    expect(JSON.stringify(asked[0])).toContain("callpad-contacts.csv");
    expect(screen.queryByRole("menu")).toBeNull();
    expect(screen.getByTestId("contact-export-status").textContent).toContain("Saved contacts to /home/ann/Documents/contacts.csv");

    // Cancelling the dialog writes nothing.
    chosen = null;
    await user.click(button);
    await user.keyboard("{ArrowDown}{Enter}");
    await waitFor(() => expect(asked).toHaveLength(2));
    expect(written).toHaveLength(1);
  });

  it("closes the export menu on Escape and gives the focus back", async () => {
    mockSearch(byName);
    const user = userEvent.setup();
    renderPane();
    const button = screen.getByTestId("contact-export");
    await user.click(button);
    expect(document.activeElement).toBe(screen.getByTestId("contact-export-csv"));
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("menu")).toBeNull();
    expect(document.activeElement).toBe(button);
  });
});
