import { useSyncExternalStore } from 'react'
import Taro from '@tarojs/taro'

/**
 * 长辈模式 (larger text and targets, a simpler home), remembered on this phone. A minimal version for
 * the home page's switch; the 适老化 work across pages owns the full one.
 */
const KEY = 'zhgh.elderMode'
let on: boolean = Taro.getStorageSync(KEY) === true
const listeners = new Set<() => void>()

function setOn(next: boolean) {
  on = next
  Taro.setStorageSync(KEY, next)
  listeners.forEach((l) => l())
}

const subscribe = (l: () => void) => {
  listeners.add(l)
  return () => {
    listeners.delete(l)
  }
}

export function useElderMode(): { on: boolean; setOn(on: boolean): void } {
  const value = useSyncExternalStore(subscribe, () => on, () => on)
  return { on: value, setOn }
}
