// The contact editor's form state and how it maps to and from what Rust stores. Only shape work
// happens here (rows, comma-separated tags); Rust trims, checks and reads every number on save.

import type { Contact, ContactInput } from "../backend";

/** The labels Callpad knows; anything else is the person's own words. */
export const KNOWN_LABELS = ["mobile", "work", "home", "main", "other"] as const;

export interface NumberRow {
  /** Stable identity for the row while the form is open. */
  key: number;
  /** One of KNOWN_LABELS, or the person's own words when `custom`. */
  label: string;
  custom: boolean;
  /** Exactly what the person typed. */
  number: string;
}

export interface EditorForm {
  name: string;
  company: string;
  numbers: NumberRow[];
  notes: string;
  /** Comma separated, as typed. */
  tags: string;
  favourite: boolean;
  optOut: boolean;
}

let nextKey = 1;

/** A new, empty number row. */
export function emptyRow(label = "mobile"): NumberRow {
  return { key: nextKey++, label, custom: !isKnownLabel(label), number: "" };
}

export function isKnownLabel(label: string): boolean {
  return (KNOWN_LABELS as readonly string[]).includes(label);
}

/** The form for editing `contact`, or for a new contact (one empty number row). */
export function formFromContact(contact: Contact | null): EditorForm {
  if (!contact) {
    return { name: "", company: "", numbers: [emptyRow()], notes: "", tags: "", favourite: false, optOut: false };
  }
  return {
    name: contact.name,
    company: contact.company ?? "",
    numbers: contact.numbers.map((n) => ({
      key: nextKey++,
      label: n.label,
      custom: !isKnownLabel(n.label),
      number: n.typed,
    })),
    notes: contact.notes,
    tags: contact.tags.join(", "),
    favourite: contact.favourite,
    optOut: contact.optOut,
  };
}

/** What Save sends to Rust. Number rows left blank are dropped (an unused "Add number");
 *  everything else goes as typed for Rust to check. */
export function inputFromForm(form: EditorForm): ContactInput {
  return {
    name: form.name,
    company: form.company.trim() === "" ? null : form.company,
    numbers: form.numbers
      .filter((row) => row.number.trim() !== "")
      .map((row) => ({ label: row.label, number: row.number })),
    notes: form.notes,
    tags: splitTags(form.tags),
    favourite: form.favourite,
    optOut: form.optOut,
  };
}

/** "a, b ,, c" → ["a", "b", "c"]. */
export function splitTags(text: string): string[] {
  return text
    .split(",")
    .map((t) => t.trim())
    .filter((t) => t !== "");
}
