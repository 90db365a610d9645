// Bytes to base64 for IPC: files go to Rust as their raw bytes, so Rust (not the webview) decides
// how they are encoded (UTF-8 with or without BOM, UTF-16, Windows-1252).

/** Standard base64 of `bytes`, in chunks so large files do not overflow the call stack. */
export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}
