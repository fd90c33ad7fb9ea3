/**
 * Recognises the browser's "storage is full" failure. OPFS writes throw a DOMException named
 * `QuotaExceededError`; we test the name, not the class, so fakes in Node can throw it too.
 */
export function isQuotaExceededError(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { name?: unknown }).name === 'QuotaExceededError'
  )
}

/** Builds the error a full disk produces, for fakes and tests. */
export function quotaExceededError(message = 'The storage quota has been exceeded.'): Error {
  // DOMException exists in browsers and in Node ≥ 17; its name is what callers test.
  return new DOMException(message, 'QuotaExceededError')
}
