// Search hits in the contact list: a key unique among hits (for list keys, row ids and the
// highlight), what a hit opens, and the count line. Contacts open; recent calls only call.

import type { HitSource, SearchHit } from "../backend";

/** The key of a contact's hit. */
export function contactKey(id: number): string {
  return `contact:${id}`;
}

/** A key unique among hits: `contact:12`, `call:+12015550123`. */
export function hitKey(source: HitSource): string {
  return source.kind === "contact" ? contactKey(source.id) : `call:${source.number}`;
}

/** The contact a hit opens, or null for a recent call (there is nothing to open). */
export function contactIdOf(hit: SearchHit): number | null {
  return hit.source.kind === "contact" ? hit.source.id : null;
}

/** `key` made safe for an element id (no white space; SIP addresses may hold odd characters). */
export function idPart(key: string): string {
  return encodeURIComponent(key);
}

/** The count under the list: `3 contacts`, `2 contacts, 1 recent call`, `1 recent call`. */
export function countText(total: number, calls: number): string {
  const contacts = total - calls;
  const parts: string[] = [];
  if (contacts > 0 || calls === 0) parts.push(`${contacts.toLocaleString("en-US")} ${contacts === 1 ? "contact" : "contacts"}`);
  if (calls > 0) parts.push(`${calls.toLocaleString("en-US")} ${calls === 1 ? "recent call" : "recent calls"}`);
  return parts.join(", ");
}
