import Taro from '@tarojs/taro'
import type * as z from 'zod/mini'
import type { ErrorBody } from '@union/shared/common'
import type { ErrorCode } from '@union/shared/errors'
import type { ROUTES, RouteKey } from '@union/shared/routes'
import { sendWithRetry } from './retry'

/** The API base URL this build was made for (TARO_APP_API at build time). */
export const API_BASE = process.env.TARO_APP_API as string

/** An API failure as the app shows it: the contract's code and Chinese message. */
/** The contract's error codes, and the client's own for failures that never reached the API. */
export type ApiErrorCode = ErrorCode | 'NETWORK' | 'HTTP_ERROR' | 'BAD_RESPONSE' | 'CANCELLED'

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
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

/**
 * Passed instead of a response schema: the answer is not parsed again here. The server parses every
 * answer with the route's own response schema before sending it (functions/src/lib/http.ts `conforming`:
 * a non-conforming answer is a 500, never a 2xx), so a second check in the app earns nothing but bytes —
 * and in the main package those bytes are zod itself (≈60 KB of the weapp's 2 MB-capped first download).
 * The main package's pages and services pass this; subpackage pages, which bundle zod anyway for their
 * forms, keep passing their schema.
 */
export const SERVER_CHECKED = null

interface RequestOptions<T> {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'
  body?: unknown
  query?: Record<string, string | number | undefined>
  /** The `shared/` schema of the answer (the client parses what it was promised), or SERVER_CHECKED. */
  schema: z.ZodMiniType<T> | typeof SERVER_CHECKED
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
      // Text, parsed below: with dataType 'json' a body that is not JSON (a gateway's 502 page, a plain
      // 429) makes the call fail like a lost connection, and the person is told the network is at fault.
      return await Taro.request({ url, method: wireMethod as 'PUT', header, data: opts.body === undefined ? undefined : JSON.stringify(opts.body), dataType: 'text', responseType: 'text', timeout: 15000 })
    } catch {
      throw new ApiError('NETWORK', '网络不给力，请检查网络后重试', 0)
    }
  }

  const sendOnce = async () => {
    const first = await send()
    if (first.statusCode !== 401 || opts.auth === false) return first
    await tokens.relogin()
    return send()
  }
  // Reads and keyed writes are tried again on 503/429 (services/retry.ts); `send` keeps the same
  // Idempotency-Key, so a retried redemption still makes one order.
  const { response, attempts } = await sendWithRetry(sendOnce, {
    method,
    hasIdempotencyKey: idempotencyKey !== undefined,
    onRetry: showRetrying,
    onDone: hideRetrying,
  })
  let data: unknown = response.data
  if (typeof data === 'string' && data) {
    try {
      data = JSON.parse(data)
    } catch {
      // leave as text
    }
  }
  if (response.statusCode >= 400) {
    const error = apiErrorFrom(response.statusCode, data, '请求失败，请稍后再试')
    // After automatic retries, say so: the person knows we tried and that waiting is the remedy.
    if (attempts > 1) error.message = `${error.message}（已自动重试 ${attempts - 1} 次）`
    throw error
  }
  if (opts.schema === SERVER_CHECKED) return data as T
  const parsed = opts.schema.safeParse(data)
  // The server answered something its contract does not allow: its fault, not this app's version.
  if (!parsed.success) throw new ApiError('BAD_RESPONSE', '服务器返回的数据有误，请稍后重试', response.statusCode)
  return parsed.data
}

type Spec<K extends RouteKey> = (typeof ROUTES)[K]
type In<S> = S extends z.ZodMiniType ? z.input<S> : never
type Part<K extends RouteKey, F extends 'params' | 'body' | 'query'> = Spec<K> extends { [P in F]: infer S }
  ? F extends 'query' ? { [P in F]?: Partial<In<S>> } : { [P in F]: In<S> }
  : { [P in F]?: undefined }
/** What an operation takes, by its entry in ROUTES: path parameters, body and query, all typed. */
export type CallInput<K extends RouteKey> = Part<K, 'params'> & Part<K, 'body'> & Part<K, 'query'> & {
  /** Keep one key across retries of one user action (see RequestOptions.idempotencyKey). */
  idempotencyKey?: string
  auth?: false
}
/** The answer of an operation, by its entry in ROUTES. */
export type CallResult<K extends RouteKey> = z.output<Spec<K>['response']>

/**
 * Calls one operation of the contract by its ROUTES key (`'POST /v1/redemptions'`): the path, body, query
 * and answer are typed by ROUTES. The answer's schema is passed in (the same one ROUTES names — the type
 * checks it) so each page bundles only the schemas it uses; or SERVER_CHECKED, which bundles none.
 */
export function call<K extends RouteKey>(key: K, schema: Spec<K>['response'] | typeof SERVER_CHECKED, input: CallInput<K> = {} as CallInput<K>): Promise<CallResult<K>> {
  const [method, template] = key.split(' ') as [RequestOptions<unknown>['method'], string]
  const params = (input.params ?? {}) as Record<string, string>
  const path = template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(params[name])))
  return request(path, {
    method,
    body: input.body,
    query: input.query as RequestOptions<unknown>['query'],
    schema: schema as unknown as z.ZodMiniType<CallResult<K>> | typeof SERVER_CHECKED,
    idempotencyKey: input.idempotencyKey,
    auth: input.auth,
  })
}

/**
 * The ApiError of a failed answer: the contract's error body when there is one (parsed, or JSON text as
 * uploads and downloads receive it), else a Chinese message by status.
 */
export function apiErrorFrom(status: number, data: unknown, fallback: string): ApiError {
  let value = data
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value)
    } catch {
      // not JSON (e.g. a gateway's own page): fall back on the status
    }
  }
  const body = errorBody(value)
  // The server speaks the contract's codes (shared/errors); a newer server's new code still shows its message.
  if (body) return new ApiError(body.error.code as ErrorCode, body.error.message, status, body.error.details)
  // Not the contract's body (a gateway or proxy answered): still say what the status means.
  const message =
    status === 429 ? '请求太频繁，请稍后再试'
    : status === 502 || status === 503 || status === 504 ? '服务暂时不可用，请稍后重试'
    : status >= 500 ? '服务器开小差了，请稍后再试'
    : fallback
  return new ApiError('HTTP_ERROR', message, status)
}

/**
 * The contract's error body (shared/common ErrorBody), checked by hand: this runs on every failure of
 * every page, and the main package carries no zod (see SERVER_CHECKED). Details that are not the
 * contract's `{path, message}` list are dropped (an empty list, as the contract's default), the code and
 * message kept.
 */
function errorBody(value: unknown): ErrorBody | undefined {
  const error = (value as { error?: unknown } | null | undefined)?.error as Record<string, unknown> | undefined
  if (typeof error !== 'object' || error === null || typeof error.code !== 'string' || typeof error.message !== 'string') return undefined
  const details = Array.isArray(error.details) && error.details.every((d) => typeof d?.path === 'string' && typeof d?.message === 'string') ? (error.details as { path: string; message: string }[]) : []
  return { error: { code: error.code, message: error.message, details } }
}

/** Requests now waiting to retry; the one notice stays up while any is. */
let retrying = 0

function showRetrying(attempt: number) {
  if (attempt > 1) return // this request already counts
  if (retrying++ === 0) Taro.showLoading({ title: '系统繁忙，正在重试…', mask: true })
}

function hideRetrying() {
  if (--retrying === 0) Taro.hideLoading()
}

/** True when a WeChat/Taro dialog (picker, camera, share) failed because the person closed it. */
export const cancelledByUser = (error: unknown) => String((error as { errMsg?: string })?.errMsg ?? '').includes('cancel')

/** The message to show a person for any error. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message
  return '出了点问题，请稍后再试'
}
