// Puts an error from Rust on the form field it is about: Rust names the field in words
// ("API token", "default region"); a form lists which of its fields answer to which names.

import { fieldOf, messageOf } from "./backend";

export interface FieldError {
  /** The form's own key for the field, or null when the error is about the whole form. */
  key: string | null;
  message: string;
}

/** `names` maps Rust's field words (lower case) to the form's keys. */
export function placeError(err: unknown, names: Record<string, string>): FieldError {
  const field = fieldOf(err)?.toLowerCase() ?? null;
  const key = field !== null ? (names[field] ?? null) : null;
  return { key, message: messageOf(err) };
}
