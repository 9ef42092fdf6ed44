import { useSyncExternalStore } from 'react'
import Taro from '@tarojs/taro'
import type { Me as MeT } from '@union/shared/me'
import { call, useTokenSource, ApiError, SERVER_CHECKED } from './api'
import { keep, kept } from './kept'
import { setCadre } from '@/store/tabbar'

/**
 * The session: who is logged in. In WeChat the code comes from `wx.login`; in a local/test H5 build
 * (no wx.login there) the person picks a demo identity and the code is `dev:<name>`. Production builds
 * contain no picker: the stage is fixed at build time and the branch is removed.
 */
export const DEV_LOGIN = process.env.TARO_ENV === 'h5' && (process.env.TARO_APP_STAGE === 'local' || process.env.TARO_APP_STAGE === 'test')

const TOKEN_KEY = 'zhgh.token'
const DEV_NAME_KEY = 'zhgh.devName'
/**
 * The last `Me` the API answered, kept with the token it was read with: a returning member sees their
 * home at once from it while `GET /v1/me` refreshes it (stale-while-revalidate). Bound to the token, so
 * whatever drops the token (another identity, 注销) drops it too.
 */
const ME_KEY = 'zhgh.me'

export type SessionStatus = 'idle' | 'logging-in' | 'ready' | 'pick-identity' | 'error'
export interface SessionState {
  status: SessionStatus
  me?: MeT
  error?: string
}

let state: SessionState = { status: 'idle' }
let token: string | undefined = Taro.getStorageSync(TOKEN_KEY) || undefined
const listeners = new Set<() => void>()

function set(next: SessionState) {
  state = next
  setCadre(Boolean(next.me?.roles.length))
  listeners.forEach((l) => l())
}

const tokenTag = (t: string) => t.slice(-24)

function storedMe(): MeT | undefined {
  const stored = kept<{ token: string; me: MeT }>(ME_KEY)
  return token && stored?.token === tokenTag(token) ? stored.me : undefined
}

function keepMe(me: MeT) {
  if (token) keep(ME_KEY, { token: tokenTag(token), me })
}

/** The session is ready with `me`, which is also kept for the next open. */
function ready(me: MeT) {
  // A returning member's refresh mostly answers what is already on screen (and kept): the same state
  // then, so the first screen is not rendered a second time while it is being painted.
  if (state.status === 'ready' && state.me && JSON.stringify(state.me) === JSON.stringify(me)) return
  keepMe(me)
  set({ status: 'ready', me })
}

/** The launch scene (1035 = official-account menu), sent with each login for entry statistics. */
function launchScene(): number | undefined {
  try {
    return Taro.getLaunchOptionsSync?.().scene
  } catch {
    return undefined
  }
}

async function loginCode(): Promise<string | undefined> {
  if (DEV_LOGIN) {
    const name = Taro.getStorageSync(DEV_NAME_KEY)
    return name ? `dev:${name}` : undefined
  }
  const { code } = await Taro.login()
  return code
}

let inFlight: Promise<void> | undefined

/** Logs in (once at a time). Without a dev identity on H5, asks the page to show the picker. */
export function login(): Promise<void> {
  inFlight ??= (async () => {
    try {
      const code = await loginCode()
      if (!code) {
        set({ status: 'pick-identity' })
        return
      }
      set({ ...state, status: 'logging-in' })
      const answer = await call('POST /v1/auth/wechat-login', SERVER_CHECKED, { body: { code, scene: launchScene() }, auth: false })
      token = answer.token
      Taro.setStorageSync(TOKEN_KEY, token)
      ready(answer.me)
    } catch (error) {
      set({ status: 'error', me: state.me, error: error instanceof ApiError ? error.message : '登录失败，请稍后重试' })
      throw error
    } finally {
      inFlight = undefined
    }
  })()
  return inFlight
}

useTokenSource({ token: () => token, relogin: login })

/** The current token, for the few requests `request()` cannot make (file downloads). */
export const currentToken = (): string | undefined => token

/** Reloads `Me` (after a sign-in, a profile edit…). Logs in first when there is no token yet. */
export async function refreshMe(): Promise<void> {
  if (!token) return login()
  ready(await call('GET /v1/me', SERVER_CHECKED))
}

/** Updates the cached `Me` without a round trip (e.g. the balance a sign-in answered). */
export function patchMe(update: (me: MeT) => MeT) {
  if (!state.me) return
  const me = update(state.me)
  keepMe(me)
  set({ ...state, me })
}

/** H5 development builds only: log in as a demo identity. */
export function chooseDevIdentity(name: string): Promise<void> {
  Taro.setStorageSync(DEV_NAME_KEY, name)
  token = undefined
  Taro.removeStorageSync(TOKEN_KEY)
  Taro.removeStorageSync(ME_KEY)
  return login()
}

export function switchDevIdentity() {
  Taro.removeStorageSync(DEV_NAME_KEY)
  Taro.removeStorageSync(TOKEN_KEY)
  Taro.removeStorageSync(ME_KEY)
  token = undefined
  set({ status: 'pick-identity' })
}

/**
 * After 注销: the token and (H5 development builds) the demo identity are forgotten, so nothing logs the
 * person back in behind their back; in WeChat the next visit logs in afresh, as a new user.
 */
export function signOut() {
  Taro.removeStorageSync(TOKEN_KEY)
  Taro.removeStorageSync(DEV_NAME_KEY)
  Taro.removeStorageSync(ME_KEY)
  token = undefined
  set({ status: DEV_LOGIN ? 'pick-identity' : 'idle' })
}

/**
 * Starts the session at launch. A returning member keeps their session (no login round trip): with a
 * stored token and the `Me` last read with it, the pages render at once from that and `GET /v1/me`
 * refreshes it alongside the pages' own requests (an expired token logs in again through `request`). A
 * failed refresh leaves the last known state on screen; without one, the page shows the error.
 */
export async function startSession(): Promise<void> {
  if (state.status !== 'idle') return
  const known = token ? storedMe() : undefined
  try {
    if (known) {
      set({ status: 'ready', me: known })
      await refreshMe()
    } else if (token) {
      set({ status: 'logging-in' })
      await refreshMe()
    } else {
      await login()
    }
  } catch (error) {
    // With the last known state on screen a failed refresh is not worth interrupting for; without it
    // the page shows the error and a retry (a failed login has already set it).
    // (Read again: the awaits above changed it.)
    const now: SessionState = state as SessionState
    if (known) {
      if (now.status !== 'ready') set({ status: 'ready', me: state.me ?? known })
    } else if (now.status === 'logging-in') {
      set({ status: 'error', error: error instanceof ApiError ? error.message : '登录失败，请稍后重试' })
    }
  }
}

const subscribe = (l: () => void) => {
  listeners.add(l)
  return () => listeners.delete(l)
}

export function useSession(): SessionState {
  return useSyncExternalStore(subscribe, () => state, () => state)
}
