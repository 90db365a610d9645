// Words for the import preview: the detected format, the delimiter and each column's target as a
// person reads them. Detecting and mapping are Rust's; this only names what Rust decided.

import type { ColumnTarget, ImportFormat } from "../backend";

const FORMATS: Record<ImportFormat, string> = {
  googleCsv: "Google Contacts CSV",
  outlookCsv: "Outlook CSV",
  callpadCsv: "Callpad CSV",
  plainCsv: "CSV",
  vCard: "vCard",
};

export function formatName(format: ImportFormat): string {
  return FORMATS[format] ?? format;
}

export function delimiterName(delimiter: string | null): string {
  switch (delimiter) {
    case null:
      return "none";
    case ",":
      return "comma (,)";
    case ";":
      return "semicolon (;)";
    case "\t":
      return "tab";
    case "|":
      return "pipe (|)";
    default:
      return `“${delimiter}”`;
  }
}

export function targetName(target: ColumnTarget): string {
  switch (target.kind) {
    case "name":
      return "Name";
    case "namePart":
      return "Part of the name";
    case "nameFallback":
      return "Name, when the row has none";
    case "company":
      return "Company";
    case "number": {
      if (target.labelColumn) return `Number (label from “${target.labelColumn}”)`;
      if (target.label) return `Number (${target.label})`;
      return "Number";
    }
    case "numberLabel":
      return "Label of a number";
    case "notes":
      return "Notes";
    case "tags":
      return "Tags";
    case "favourite":
      return "Favourite";
    case "optOut":
      return "Do not call";
    case "ignored":
      return target.reason ? `Not imported — ${target.reason}` : "Not imported";
  }
}

/** "Imported 3 new contacts, merged 1 into existing ones". */
export function importResult(created: number, merged: number): string {
  return `Imported ${created} new ${created === 1 ? "contact" : "contacts"}, merged ${merged} into existing ones`;
}
