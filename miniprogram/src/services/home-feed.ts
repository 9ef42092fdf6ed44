import Taro from '@tarojs/taro'
import { call, SERVER_CHECKED } from './api'
import { currentToken } from './session'

const articles = () => call('GET /v1/articles', SERVER_CHECKED, { query: { limit: 10 } })
const activities = () => call('GET /v1/activities', SERVER_CHECKED)

/** How long the launch's answers count as the home page's first load. */
const FRESH_MS = 10_000
let early: { at: number; articles: ReturnType<typeof articles>; activities: ReturnType<typeof activities> } | undefined

/**
 * The home page's two reads, started at launch for a returning member, beside the session's `GET /v1/me`
 * — not after the home page's code has loaded and rendered — and handed to the home page's first load.
 * Only when the app opens on the home page (a shared link to another page does not pay for them).
 */
export function prefetchHomeFeed() {
  let path: string | undefined
  try {
    path = Taro.getLaunchOptionsSync?.().path
  } catch {
    path = undefined
  }
  // weapp answers `pages/index/index`, H5 `/pages/index/index` (or nothing at the site's root).
  if (!currentToken() || (path && !path.replace(/^\//, '').startsWith('pages/index/index'))) return
  early = { at: Date.now(), articles: articles(), activities: activities() }
  // A failure is the page's to show when it takes these; here it must not be an unhandled rejection.
  early.articles.catch(() => {})
  early.activities.catch(() => {})
}

/** News and activities for the home page: the launch's requests once while fresh, new requests after. */
export function homeFeed(): [ReturnType<typeof articles>, ReturnType<typeof activities>] {
  const taken = early
  early = undefined
  if (taken && Date.now() - taken.at < FRESH_MS) return [taken.articles, taken.activities]
  return [articles(), activities()]
}
