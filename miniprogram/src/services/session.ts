import { useSyncExternalStore } from 'react'
import Taro from '@tarojs/taro'
import { LoginResponse, Me, type Me as MeT } from '@union/shared/me'
import { call, useTokenSource, ApiError } from './api'
import { setCadre } from '@/store/tabbar'

/**
 * The session: who is logged in. In WeChat the code comes from `wx.login`; in a local/test H5 build
 * (no wx.login there) the person picks a demo identity and the code is `dev:<name>`. Production builds
 * contain no picker: the stage is fixed at build time and the branch is removed.
 */
export const DEV_LOGIN = process.env.TARO_ENV === 'h5' && (process.env.TARO_APP_STAGE === 'local' || process.env.TARO_APP_STAGE === 'test')

const TOKEN_KEY = 'zhgh.token'
const DEV_NAME_KEY = 'zhgh.devName'

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
      const answer = await call('POST /v1/auth/wechat-login', LoginResponse, { body: { code, scene: launchScene() }, auth: false })
      token = answer.token
      Taro.setStorageSync(TOKEN_KEY, token)
      set({ status: 'ready', me: answer.me })
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
  const me = await call('GET /v1/me', Me)
  set({ status: 'ready', me })
}

/** Updates the cached `Me` without a round trip (e.g. the balance a sign-in answered). */
export function patchMe(update: (me: MeT) => MeT) {
  if (state.me) set({ ...state, me: update(state.me) })
}

/** H5 development builds only: log in as a demo identity. */
export function chooseDevIdentity(name: string): Promise<void> {
  Taro.setStorageSync(DEV_NAME_KEY, name)
  token = undefined
  Taro.removeStorageSync(TOKEN_KEY)
  return login()
}

export function switchDevIdentity() {
  Taro.removeStorageSync(DEV_NAME_KEY)
  Taro.removeStorageSync(TOKEN_KEY)
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
  token = undefined
  set({ status: DEV_LOGIN ? 'pick-identity' : 'idle' })
}

/** Starts the session at launch: reuse a stored token if it still works, else log in. */
export async function startSession(): Promise<void> {
  if (state.status !== 'idle') return
  try {
    if (token) {
      set({ status: 'logging-in' })
      await refreshMe()
    } else {
      await login()
    }
  } catch {
    // state carries the error for the page to show
  }
}

const subscribe = (l: () => void) => {
  listeners.add(l)
  return () => listeners.delete(l)
}

export function useSession(): SessionState {
  return useSyncExternalStore(subscribe, () => state, () => state)
}
