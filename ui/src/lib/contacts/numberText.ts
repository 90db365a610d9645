// How one of a contact's stored numbers is shown and handed to a call. The number was read by
// Rust when it was saved; this only puts its stored parts back together.

import type { ContactNumber } from "../backend";

/** For reading: `+1 555-123-4567 ext. 12` (the URI for SIP). */
export function numberDisplay(n: ContactNumber): string {
  return n.extension ? `${n.international} ext. ${n.extension}` : n.international;
}

/** For dialling: the stored address with its extension, in a form Rust reads back exactly
 *  (`+15551234567 ext. 12`, or the `sip:` URI). */
export function numberToCall(n: ContactNumber): string {
  return n.extension ? `${n.dial} ext. ${n.extension}` : n.dial;
}
