// Offers text as a file download from the webview (Blob + object URL + <a download>). Webviews
// may ignore it, so callers also offer a copy to the clipboard.

/** Starts the download; false when this webview cannot make object URLs at all. */
export function offerDownload(text: string, filename: string, type: string): boolean {
  if (typeof URL.createObjectURL !== "function") return false;
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
  return true;
}

/** Copies text to the clipboard; false when the webview refuses. */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (!navigator.clipboard) return false;
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
