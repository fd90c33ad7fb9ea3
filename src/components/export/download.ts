/** Saves a blob as a file through a temporary link (no network: an object URL of this page). */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.rel = 'noopener'
  document.body.append(link)
  link.click()
  link.remove()
  // The download has started from the object URL by now; free it on the next task.
  setTimeout(() => URL.revokeObjectURL(url), 0)
}
