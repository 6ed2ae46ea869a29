// Hands a Blob to the browser as a file download: an object URL on a temporary <a download>.
// The one place the dashboard touches object URLs; each is revoked once the click has been handled.

export function saveBlob(blob: Blob, filename: string, doc: Document = document): void {
  const url = URL.createObjectURL(blob);
  try {
    saveUrl(url, filename, doc);
  } finally {
    // Revoked on the next task: some browsers read the URL only after click() returns.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}

/** Hands a URL the page made (a chart's data: or blob: image) to the browser as a download. */
export function saveUrl(url: string, filename: string, doc: Document = document): void {
  const link = doc.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  doc.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
  }
}
