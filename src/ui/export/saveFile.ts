/**
 * Hands bytes made in the worker to the browser's download, through a temporary blob:
 * URL (nothing leaves the page). The URL is freed once the download has its own copy.
 */
export function saveFile(bytes: Uint8Array | string, fileName: string, mimeType: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
