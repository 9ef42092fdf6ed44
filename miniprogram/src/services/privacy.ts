import { useSyncExternalStore } from 'react'
import Taro from '@tarojs/taro'
import { currentRoute, normalizeRoute } from '@/store/tabbar'

/**
 * WeChat's privacy authorisation (《小程序隐私保护指引》), weapp only.
 *
 * When a page calls a privacy-relevant API or component (chooseAvatar, `<Input type='nickname'>`,
 * scanCode, clipboard, …) before the user has agreed, WeChat holds the call and fires
 * `wx.onNeedPrivacyAuthorization(resolve)`. We then show our own popup (components/PrivacyPopup):
 * 同意 is a `<Button openType='agreePrivacyAuthorization' id={PRIVACY_AGREE_BUTTON_ID}>` whose event
 * calls `resolve({ buttonId, event: 'agree' })` (WeChat checks that this very button was tapped), 拒绝
 * calls `resolve({ event: 'disagree' })` and the held call fails with "privacy permission is not
 * authorized".
 *
 * `__usePrivacyCheck__: true` in app.json switched this check on before 2023-09-15; since then WeChat
 * applies it to every mini-program whatever app.json says. We still set it in app.config.ts (Taro copies
 * it into dist/weapp/app.json) so older base libraries behave the same. The collected data types must
 * also be declared in the MP admin console (设置 → 服务内容声明 → 用户隐私保护指引), or
 * `needAuthorization` is always false and the popup never shows. No `permission` / `requiredPrivateInfos`
 * entry is needed: we use no location APIs.
 *
 * A popup can only be drawn inside a page. Pages that call such APIs render `<PrivacyPopup />`; when the
 * page on top renders none, the privacy notice page is opened with `?authorize=1` and asks there.
 */

type Resolve = (option: { event: 'exposureAuthorization' | 'agree' | 'disagree'; buttonId?: string }) => void

interface WxPrivacy {
  onNeedPrivacyAuthorization?: (listener: (resolve: Resolve, info?: { referrer?: string }) => void) => void
}
declare const wx: WxPrivacy | undefined

export const PRIVACY_AGREE_BUTTON_ID = 'privacy-agree-button'
export const PRIVACY_PAGE = '/packages/mine/privacy/index'

export interface PrivacyState {
  /** An API call waits for the user's answer. */
  pending: boolean
}

let state: PrivacyState = { pending: false }
let resolves: Resolve[] = []
const listeners = new Set<() => void>()
/** Routes of the pages now rendering a <PrivacyPopup /> (several may be in the page stack). */
const hosts = new Map<string, number>()

function set(next: PrivacyState) {
  state = next
  listeners.forEach((l) => l())
}

/** Registers the listener once, at launch (app.tsx). Does nothing outside WeChat or on old base libraries. */
export function registerPrivacyAuthorization() {
  if (process.env.TARO_ENV !== 'weapp') return
  if (typeof wx === 'undefined' || !wx || typeof wx.onNeedPrivacyAuthorization !== 'function') return
  wx.onNeedPrivacyAuthorization((resolve) => {
    // One answer settles every waiting call.
    resolves.push(resolve)
    set({ pending: true })
    const route = currentRoute()
    if (!hosts.has(route) && route !== normalizeRoute(PRIVACY_PAGE)) {
      void Taro.navigateTo({ url: `${PRIVACY_PAGE}?authorize=1` }).catch(() => answer(false))
    }
  })
}

/** Settles every waiting call: agreed (the agree button was tapped) or refused. */
export function answer(agreed: boolean) {
  const waiting = resolves
  resolves = []
  waiting.forEach((r) => {
    try {
      r(agreed ? { buttonId: PRIVACY_AGREE_BUTTON_ID, event: 'agree' } : { event: 'disagree' })
    } catch {
      // a stale resolve (its call already settled) must not break the others
    }
  })
  set({ pending: false })
}

/** Tells WeChat the popup was shown (optional, for its statistics). */
export function exposed() {
  resolves.forEach((r) => {
    try {
      r({ event: 'exposureAuthorization' })
    } catch {
      // ignore
    }
  })
}

/** Marks `route` as a page that can show the popup itself; returns the undo. */
export function hostPrivacyPopup(route: string): () => void {
  const key = normalizeRoute(route)
  hosts.set(key, (hosts.get(key) ?? 0) + 1)
  return () => {
    const n = (hosts.get(key) ?? 1) - 1
    if (n > 0) hosts.set(key, n)
    else hosts.delete(key)
  }
}

const subscribe = (l: () => void) => {
  listeners.add(l)
  return () => {
    listeners.delete(l)
  }
}

export function usePrivacyState(): PrivacyState {
  return useSyncExternalStore(subscribe, () => state, () => state)
}
