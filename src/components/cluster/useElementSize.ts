/** The content-box size of an element in CSS pixels, kept current with a ResizeObserver. */
import { useLayoutEffect, useState, type RefObject } from 'react'
import { DEFAULT_SIZE, type Size } from './layout'

export function useElementSize(ref: RefObject<HTMLElement | null>): Size {
  const [size, setSize] = useState<Size>(DEFAULT_SIZE)
  useLayoutEffect(() => {
    const element = ref.current
    if (element === null) return
    const measure = () => {
      const width = Math.round(element.clientWidth)
      const height = Math.round(element.clientHeight)
      if (width > 0 && height > 0)
        setSize((prev) =>
          prev.width === width && prev.height === height ? prev : { width, height },
        )
    }
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(element)
    return () => observer.disconnect()
  }, [ref])
  return size
}
