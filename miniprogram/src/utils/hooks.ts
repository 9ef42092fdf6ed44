import { useEffect, useRef } from 'react'
import { useDidShow } from '@tarojs/taro'

/**
 * Runs `load` when the component mounts and again whenever its page is shown later (back from a page
 * it opened). A component rendered under SessionGate may mount after the page's first show, and Taro
 * fires that first show too: a show right after mounting is not loaded twice.
 */
export function useLoadOnShow(load: () => void) {
  const mountedAt = useRef(0)
  const latest = useRef(load)
  latest.current = load
  useEffect(() => {
    mountedAt.current = Date.now()
    latest.current()
  }, [])
  useDidShow(() => {
    if (Date.now() - mountedAt.current > 1000) latest.current()
  })
}
