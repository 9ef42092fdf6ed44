import { useSyncExternalStore } from 'react'
import Taro from '@tarojs/taro'

/**
 * Tiny shared state for the tab bar. On weapp the custom tab bar is a separate component tree (one
 * instance per tab page), so it cannot read a page's props; it reads this store instead. Module state is
 * shared because Taro emits a single runtime for app, pages and custom-tab-bar.
 */
export interface TabBarState {
  /** Route of the tab page now shown, without leading slash or query, e.g. `pages/mall/index`. */
  route: string
  /** The user holds at least one cadre role: show 管理. */
  isCadre: boolean
}

let state: TabBarState = { route: '', isCadre: false }
const listeners = new Set<() => void>()

function emit(next: Partial<TabBarState>) {
  const merged = { ...state, ...next }
  if (merged.route === state.route && merged.isCadre === state.isCadre) return
  state = merged
  listeners.forEach((l) => l())
}

function subscribe(listener: () => void) {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

const getSnapshot = () => state

/** `/pages/mall/index?x=1` → `pages/mall/index`. */
export function normalizeRoute(path: string | undefined | null): string {
  return (path ?? '').split('?')[0].replace(/^\/+/, '')
}

/** Route of the top page of the stack, or '' before any page exists. */
export function currentRoute(): string {
  try {
    const pages = Taro.getCurrentPages()
    const top = pages[pages.length - 1]
    return normalizeRoute(top?.route ?? (top as { path?: string } | undefined)?.path)
  } catch {
    return ''
  }
}

export function setTabRoute(path: string) {
  emit({ route: normalizeRoute(path) })
}

/** Call when /v1/me has been loaded (true if `me.roles` has a cadre role) and on logout (false). */
export function setCadre(isCadre: boolean) {
  emit({ isCadre })
}

export function getTabBarState(): TabBarState {
  return state
}

export function useTabBarState(): TabBarState {
  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot)
}
