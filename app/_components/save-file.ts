/**
 * Hand a file made in the browser (CSV, PNG) to the user as a download. The object URL is let go
 * a little later: revoked at once, some browsers cancel a download that has not started yet.
 */
export function saveFile(blob: Blob, fileName: string): void {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
