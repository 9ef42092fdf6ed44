import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import type * as z from 'zod/mini'
import { messageOf, request } from '@/services/api'

/**
 * Runs `load` when the component mounts and again whenever its page is shown later (back from a page
 * it opened). A component rendered under SessionGate may mount after the page's first show, and Taro
 * fires that first show too: a show right after mounting is not loaded twice.
 */
export function useLoadOnShow(load: () => void) {
  // Set at the first render, not in the mount effect: on H5 the page's first show (the router's onLoad
  // callback) runs in the commit, before passive effects, and a time set there was still 0 — the home
  // page asked for its feed twice on every open.
  const mountedAt = useRef(Date.now())
  const latest = useRef(load)
  latest.current = load
  useEffect(() => {
    latest.current()
  }, [])
  useDidShow(() => {
    if (Date.now() - mountedAt.current > 1000) latest.current()
  })
}

/** One page of a cursor-paged list, as every list route of the API answers. */
export interface PageOf<T> {
  items: T[]
  nextCursor: string | null
}

export interface PagedState<T> {
  items: T[]
  cursor: string | null
  status: 'loading' | 'ready' | 'more' | 'error'
  error?: string
  /** When the first page last arrived (what relative times such as 今天签到 are computed against). */
  loadedAt: number
}

export interface PagedOptions<T, P> {
  /** What makes two items the same when a later page repeats one (default: `id`). */
  keyOf?: (item: T) => string
  /** Page-level events: reach-bottom loads more, pull-down reloads (default true; off inside a sheet). */
  pageEvents?: boolean
  /** Sees every page as it arrives (e.g. the inbox's unread count). */
  onPage?: (page: P) => void
}

export interface PagedList<T> {
  state: PagedState<T>
  /** The first page (`null`) or the page after `cursor`. */
  load: (cursor: string | null) => Promise<void>
  /** Changes the loaded items in place (an item removed or marked after an action). */
  update: (change: (items: T[]) => T[]) => void
}

const byId = (item: unknown) => (item as { id: string }).id

/**
 * A cursor-paged list: loads the first page on mount and whenever its page is shown again, starts over
 * when `key` (the query) changes, appends the next page at the bottom of the page, reloads on
 * pull-down. Answers to an older request that arrive late are dropped.
 */
export function usePagedList<T, P extends PageOf<T> = PageOf<T>>(fetchPage: (cursor: string | undefined) => Promise<P>, key: string, options: PagedOptions<T, P> = {}): PagedList<T> {
  const [state, setState] = useState<PagedState<T>>({ items: [], cursor: null, status: 'loading', loadedAt: Date.now() })
  const latest = useRef({ fetchPage, options, state })
  latest.current = { fetchPage, options, state }
  const seq = useRef(0)
  // Changes made in place while a load is on its way (an item removed, a state changed): the answer may
  // have been read before them, so they are applied to it too — a removed favourite never comes back.
  const edits = useRef<((items: T[]) => T[])[]>([])

  const load = useCallback(async (cursor: string | null) => {
    const mine = ++seq.current
    const editsBefore = edits.current.length
    setState((s) => ({ ...s, status: cursor ? 'more' : 'loading', error: undefined }))
    try {
      const page = await latest.current.fetchPage(cursor ?? undefined)
      if (mine !== seq.current) return
      const since = edits.current.slice(editsBefore)
      edits.current = []
      latest.current.options.onPage?.(page)
      const keyOf = latest.current.options.keyOf ?? byId
      const fresh = since.reduce((items, change) => change(items), page.items)
      setState((s) => {
        const seen = new Set(cursor ? s.items.map(keyOf) : [])
        return {
          items: cursor ? [...s.items, ...fresh.filter((i) => !seen.has(keyOf(i)))] : fresh,
          cursor: page.nextCursor,
          status: 'ready',
          loadedAt: cursor ? s.loadedAt : Date.now(),
        }
      })
    } catch (e) {
      if (mine !== seq.current) return
      edits.current = []
      setState((s) => ({ ...s, status: 'error', error: messageOf(e) }))
    }
  }, [])

  // A new query (tab, union, filter): start over with an empty list.
  const shownKey = useRef(key)
  useEffect(() => {
    if (shownKey.current === key) return
    shownKey.current = key
    setState((s) => ({ ...s, items: [], cursor: null }))
    void load(null)
  }, [key, load])

  useLoadOnShow(() => void load(null))
  useReachBottom(() => {
    const { state: s, options } = latest.current
    if (options.pageEvents !== false && s.cursor && s.status === 'ready') void load(s.cursor)
  })
  usePullDownRefresh(async () => {
    if (latest.current.options.pageEvents === false) return
    await load(null)
    Taro.stopPullDownRefresh()
  })

  const update = useCallback((change: (items: T[]) => T[]) => {
    edits.current.push(change) // kept until the next answer lands (only those made after its start apply)
    setState((s) => ({ ...s, items: change(s.items) }))
  }, [])
  return { state, load, update }
}

/** `usePagedList` over `GET path?query&limit&cursor`, the reply checked against `schema`. */
export function usePagedRequest<P extends PageOf<unknown>>(path: string, schema: z.ZodMiniType<P>, query: Record<string, string | number | undefined> = {}, options: PagedOptions<P['items'][number], P> & { limit?: number } = {}): PagedList<P['items'][number]> {
  return usePagedList<P['items'][number], P>((cursor) => request(path, { query: { ...query, limit: options.limit ?? 20, cursor }, schema }), `${path}?${JSON.stringify(query)}`, options)
}

/** One thing a page shows (a goods, an activity…), loaded from the API. */
export interface Resource<T> {
  data?: T
  status: 'loading' | 'ready' | 'error'
  error?: string
  /** Loads it again, keeping what is shown until the answer arrives (after an action, on show). */
  reload: () => Promise<void>
  /** Loads it again from the skeleton (the retry of a failed load). */
  retry: () => void
  /** Changes what is shown in place (after an action answered with the new state). */
  update: (change: (data: T) => T) => void
}

/**
 * Loads what `fetch` answers when `deps` change — and, with `onShow`, whenever the page is shown again
 * (back from a page that may have changed it). A fetch that answers undefined (nothing to load, e.g. a
 * new item's editor) is ready at once.
 */
export function useResource<T>(fetch: () => Promise<T | undefined>, deps: unknown[], { onShow = false } = {}): Resource<T> {
  const [data, setData] = useState<T>()
  const [status, setStatus] = useState<Resource<T>['status']>('loading')
  const [error, setError] = useState<string>()
  const reload = useCallback(async () => {
    setError(undefined)
    try {
      setData(await fetch())
      setStatus('ready')
    } catch (e) {
      setError(messageOf(e))
      setStatus('error')
    }
  }, deps) // `deps` are what `fetch` reads
  const latest = useRef(reload)
  latest.current = reload
  const mountedAt = useRef(Date.now())
  useEffect(() => {
    void reload()
  }, [reload])
  // Taro fires a first show right after mounting: that one is the mount's load.
  useDidShow(() => {
    if (onShow && Date.now() - mountedAt.current > 1000) void latest.current()
  })
  return {
    data,
    status,
    error,
    reload,
    retry: () => {
      setStatus('loading')
      void reload()
    },
    update: (change) => setData((d) => (d === undefined ? d : change(d))),
  }
}
