import { useEffect, useSyncExternalStore } from 'react'
import Taro from '@tarojs/taro'
import { useSession } from '@/services/session'

/**
 * 长辈模式 (适老化, MIIT 移动互联网应用适老化通用设计规范) and the reader's font size.
 *
 * Text follows WeChat's font-size setting (`getAppBaseInfo().fontSizeScaleFactor`; on H5 the browser's
 * default font size) through one scale, `--app-font-scale`, which every font size multiplies (the
 * build rewrites each `font-size`: config/postcss-font-scale.cjs). 长辈模式 raises that scale, puts a floor of 18 px under all text
 * (`--app-font-min`) and makes main tap targets 60 × 60 (the `elder` class). components/Page sets these
 * on each page's root (weapp has no document to set them on once); on H5 they go on <html> as well, for
 * what NutUI draws outside the page.
 *
 * The choice is kept in storage per user (a person new on the device starts with its last choice).
 */
const KEY = 'zhgh.elderMode'
const ELDER_SCALE = 1.25
const ELDER_MIN_PX = 18

type Choices = Record<string, boolean>

function readChoices(): Choices {
  try {
    const v: unknown = Taro.getStorageSync(KEY)
    return v && typeof v === 'object' ? (v as Choices) : {}
  } catch {
    return {}
  }
}

let choices = readChoices()
const listeners = new Set<() => void>()
const subscribe = (listener: () => void) => {
  listeners.add(listener)
  return () => void listeners.delete(listener)
}
const snapshot = () => choices

function choose(userId: string | undefined, on: boolean) {
  // '' is the device's last choice, what a user who never chose starts with.
  choices = { ...choices, '': on, ...(userId ? { [userId]: on } : {}) }
  try {
    Taro.setStorageSync(KEY, choices)
  } catch {
    // Storage full or unavailable: the choice lasts until the app closes.
  }
  listeners.forEach((l) => l())
}

let systemScale: number | undefined

/**
 * The reader's own font scale: WeChat's font-size setting, or the browser's default font size on H5.
 * Probed once (on H5 that touches the DOM and forces a style recalculation, too much for every render):
 * the setting is changed outside the app and rarely; the next launch of the app picks a change up.
 */
export function systemFontScale(): number {
  systemScale ??= probeFontScale()
  return systemScale
}

function probeFontScale(): number {
  let scale = 1
  try {
    if (process.env.TARO_ENV === 'h5') {
      // Taro sets <html>'s font size for rem; a probe at `medium` shows the reader's setting (16 px by default).
      const probe = document.createElement('div')
      probe.style.cssText = 'position:absolute;visibility:hidden;font-size:medium'
      document.body.appendChild(probe)
      scale = parseFloat(getComputedStyle(probe).fontSize) / 16
      probe.remove()
    } else {
      const info = Taro.getAppBaseInfo() as { fontSizeScaleFactor?: number }
      if (info.fontSizeScaleFactor) scale = info.fontSizeScaleFactor
    }
  } catch {
    scale = 1
  }
  // Never smaller than the design, and not so large that a 375 px screen holds a word a line.
  return Number.isFinite(scale) ? Math.min(Math.max(scale, 1), 1.6) : 1
}

/** The CSS variables a page's root carries for `on` (see the file comment). */
export function themeVariables(on: boolean): Record<string, string> {
  const system = systemFontScale()
  return {
    '--app-font-scale': String(on ? Math.max(system, ELDER_SCALE) : system),
    '--app-font-min': on ? `${ELDER_MIN_PX}px` : '0px',
  }
}

/** Whether 长辈模式 is on for the person using the app, and the switch. */
export function useElderMode(): { on: boolean; setOn(on: boolean): void } {
  const all = useSyncExternalStore(subscribe, snapshot, snapshot)
  const userId = useSession().me?.id
  const on = Boolean(userId && userId in all ? all[userId] : all[''])
  return { on, setOn: (next: boolean) => choose(userId, next) }
}

/** The page root's class and style for the current mode; on H5 also applied to <html>. */
export function usePageTheme(): { className: string; style: Record<string, string> } {
  const { on } = useElderMode()
  const style = themeVariables(on)
  const scale = style['--app-font-scale']
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5') return
    const root = document.documentElement
    root.classList.toggle('elder', on)
    root.style.setProperty('--app-font-scale', scale)
    root.style.setProperty('--app-font-min', on ? `${ELDER_MIN_PX}px` : '0px')
  }, [on, scale])
  return { className: on ? 'elder' : '', style }
}
