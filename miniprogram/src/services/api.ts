import Taro from '@tarojs/taro'
import type * as z from 'zod/mini'
import '@union/shared/zod-zh'
import { ErrorBody } from '@union/shared/common'

/** The API base URL this build was made for (TARO_APP_API at build time). */
export const API_BASE = process.env.TARO_APP_API as string

/** An API failure as the app shows it: the contract's code and Chinese message. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly details: { path: string; message: string }[] = [],
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

type TokenSource = {
  token(): string | undefined
  /** Logs in again (the token expired); resolves when a new token is in place. */
  relogin(): Promise<void>
}
let tokens: TokenSource = { token: () => undefined, relogin: async () => {} }

/** Wires the session in (done once by services/session to avoid an import cycle). */
export function useTokenSource(source: TokenSource) {
  tokens = source
}

/** A fresh Idempotency-Key. Keep it across retries of one user action (see `idempotencyKey` below). */
export function newIdempotencyKey(): string {
  return uuid()
}

function uuid(): string {
  return 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, (c) => {
    const r = (Math.random() * 16) | 0
    return (c === 'x' ? r : (r & 0x3) | 0x8).toString(16)
  })
}

interface RequestOptions<T> {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'
  body?: unknown
  query?: Record<string, string | number | undefined>
  /** The `shared/` schema of the answer: the client parses what it was promised. */
  schema: z.ZodMiniType<T>
  auth?: boolean
  /**
   * POST only: the Idempotency-Key to send. Default: a new key per call. Pass one kept by the caller to
   * make a retry of the same user action (e.g. after a network failure) count once.
   */
  idempotencyKey?: string
}

/**
 * Calls the API: attaches the token, logs in again once on 401, parses the answer with the shared
 * schema, and turns every failure into an ApiError with a Chinese message.
 */
export async function request<T>(path: string, opts: RequestOptions<T>): Promise<T> {
  const method = opts.method ?? 'GET'
  const query = Object.entries(opts.query ?? {})
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&')
  const url = `${API_BASE}${path}${query ? `?${query}` : ''}`
  // One key per user action: a retry of this call (after re-login) must not act twice.
  const idempotencyKey = method === 'POST' ? (opts.idempotencyKey ?? uuid()) : undefined

  const send = async () => {
    const header: Record<string, string> = { 'content-type': 'application/json' }
    const token = tokens.token()
    if (opts.auth !== false && token) header.authorization = `Bearer ${token}`
    if (idempotencyKey) header['idempotency-key'] = idempotencyKey
    try {
      // wx.request cannot send PATCH; the API answers PUT on every PATCH route.
      const wireMethod = method === 'PATCH' && process.env.TARO_ENV !== 'h5' ? 'PUT' : method
      return await Taro.request({ url, method: wireMethod as 'PUT', header, data: opts.body === undefined ? undefined : JSON.stringify(opts.body), dataType: 'json', timeout: 15000 })
    } catch {
      throw new ApiError('NETWORK', '网络不给力，请检查网络后重试', 0)
    }
  }

  let response = await send()
  if (response.statusCode === 401 && opts.auth !== false) {
    await tokens.relogin()
    response = await send()
  }
  let data: unknown = response.data
  if (typeof data === 'string' && data) {
    try {
      data = JSON.parse(data)
    } catch {
      // leave as text
    }
  }
  if (response.statusCode >= 400) throw errorOf(response.statusCode, data)
  const parsed = opts.schema.safeParse(data)
  if (!parsed.success) throw new ApiError('BAD_RESPONSE', '数据格式有误，请更新小程序后重试', response.statusCode)
  return parsed.data
}

/**
 * The ApiError for a failed answer: the contract's error body when there is one (JSON text or parsed),
 * else a Chinese message by status. Also used for uploads and downloads, which `request()` cannot make.
 */
export function errorOf(status: number, data: unknown): ApiError {
  let value = data
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value)
    } catch {
      // not JSON: fall back on the status
    }
  }
  const body = ErrorBody.safeParse(value)
  if (body.success) return new ApiError(body.data.error.code, body.data.error.message, status, body.data.error.details)
  return new ApiError('HTTP_ERROR', status >= 500 ? '服务器开小差了，请稍后再试' : '请求失败，请稍后再试', status)
}

/** The message to show a person for any error. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message
  return '出了点问题，请稍后再试'
}
