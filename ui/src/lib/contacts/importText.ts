// Words for an import's result as the dialog shows it. The preview's own vocabulary (format,
// delimiter, each column's target) is worded by Rust (`ImportPlan.words`), as the CLI prints it.

/** "Imported 3 new contacts, merged 1 into existing ones". */
export function importResult(created: number, merged: number): string {
  return `Imported ${created} new ${created === 1 ? "contact" : "contacts"}, merged ${merged} into existing ones`;
}
