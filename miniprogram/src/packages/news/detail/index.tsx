import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { useDidHide, useDidShow, useRouter, useShareAppMessage } from '@tarojs/taro'
import { Image, RichText, Text, View } from '@tarojs/components'
import { ArticleDetail, ReadCredit, type ArticleDetail as Detail } from '@union/shared/articles'
import type { Me } from '@union/shared/me'
import FavoriteToggle from '@/components/FavoriteToggle'
import SessionGate from '@/components/SessionGate'
import { Blank, Loading } from '@/components/StateView'
import { ApiError, call, messageOf } from '@/services/api'
import { patchMe } from '@/services/session'
import '../components/news.scss'

type Reading =
  | { state: 'counting'; left: number }
  | { state: 'crediting' }
  | { state: 'credited'; points?: number }
  | { state: 'refused'; message: string }
  | { state: 'not-member' }

/**
 * Counts the seconds the page is actually on screen (paused while hidden), and when the article's
 * reading time is reached asks the server to credit the points. The server holds the rule (it timed the
 * opening itself); this only decides when to ask.
 */
function useReadingCredit(article: Detail | undefined, me: Me): Reading | undefined {
  const [reading, setReading] = useState<Reading>()
  const visible = useRef(true)
  useDidShow(() => {
    visible.current = true
  })
  useDidHide(() => {
    visible.current = false
  })

  const credit = useCallback(async (a: Detail, retried = false) => {
    setReading({ state: 'crediting' })
    try {
      const result = await call('POST /v1/articles/{id}/reads', ReadCredit, { params: { id: a.id } })
      patchMe((m) => ({ ...m, points: { balance: result.balance } }))
      setReading({ state: 'credited', points: result.pointsAwarded })
      Taro.showToast({ title: `阅读奖励 +${result.pointsAwarded} 积分`, icon: 'success' })
    } catch (e) {
      if (e instanceof ApiError && e.code === 'ALREADY_CREDITED') setReading({ state: 'credited' })
      else if (e instanceof ApiError && e.code === 'TOO_SOON' && !retried) setTimeout(() => void credit(a, true), 2000)
      else if (e instanceof ApiError && e.code === 'NOT_A_MEMBER') setReading({ state: 'not-member' })
      else setReading({ state: 'refused', message: messageOf(e) })
    }
  }, [])

  useEffect(() => {
    if (!article) return
    if (me.membership.status !== 'active') return setReading({ state: 'not-member' })
    if (article.readCredited) return setReading({ state: 'credited' })
    // Half a second of margin over the server's rule, for the request's own travel time.
    let left = article.readSeconds + 0.5
    setReading({ state: 'counting', left: Math.ceil(left) })
    const timer = setInterval(() => {
      if (!visible.current) return
      left -= 0.5
      if (left > 0) {
        setReading({ state: 'counting', left: Math.ceil(left) })
        return
      }
      clearInterval(timer)
      void credit(article)
    }, 500)
    return () => clearInterval(timer)
  }, [article, me.membership.status, credit])
  return reading
}

function ReadingBar({ article, reading }: { article: Detail; reading?: Reading }) {
  if (!reading) return null
  const text =
    reading.state === 'counting'
      ? `阅读满 ${article.readSeconds} 秒可得 ${article.readPoints} 积分（还需 ${reading.left} 秒）`
      : reading.state === 'crediting'
        ? '正在发放阅读积分…'
        : reading.state === 'credited'
          ? reading.points
            ? `已获得 ${reading.points} 积分阅读奖励`
            : '本篇阅读积分已领取'
          : reading.state === 'not-member'
            ? `入会后阅读可得 ${article.readPoints} 积分`
            : reading.message
  return <Text className={`news-reading news-reading-${reading.state}`}>{text}</Text>
}

function ArticleView({ me, id }: { me: Me; id: string }) {
  const [article, setArticle] = useState<Detail>()
  const [error, setError] = useState<{ message: string; gone: boolean }>()

  const load = useCallback(async () => {
    setError(undefined)
    try {
      setArticle(await call('GET /v1/articles/{id}', ArticleDetail, { params: { id } }))
    } catch (e) {
      setError({ message: messageOf(e), gone: e instanceof ApiError && e.status === 404 })
    }
  }, [id])
  useEffect(() => {
    void load()
  }, [load])
  useShareAppMessage(() => ({ title: article?.title ?? '工会资讯', path: `/packages/news/detail/index?id=${encodeURIComponent(id)}` }))
  const reading = useReadingCredit(article, me)

  if (error) {
    return error.gone ? (
      <Blank title='资讯不存在或已撤回' description='可能已被发布单位撤回，或不面向您所在的工会。' actionText='看看其他资讯' onAction={() => void Taro.redirectTo({ url: '/packages/news/list/index' })} />
    ) : (
      <Blank error title='资讯加载失败' description={error.message} actionText='重试' onAction={() => void load()} />
    )
  }
  if (!article) return <Loading rows={8} />
  return (
    <View className='card news-article'>
      <Text className='news-article-title'>{article.title}</Text>
      <View className='news-article-meta'>
        <Text className='news-meta'>
          {article.kind === 'notice' ? '通知公告' : '新闻'} · {article.orgName} · {article.publishedAt.slice(0, 16).replace('T', ' ')}
        </Text>
        <FavoriteToggle kind='article' id={article.id} />
      </View>
      <ReadingBar article={article} reading={reading} />
      {article.coverUrl && <Image className='news-article-cover' src={article.coverUrl} mode='widthFix' />}
      {/* Sanitised on the server to a subset rich-text renders; nothing else reaches here. */}
      <RichText className='news-article-body' nodes={article.body} />
    </View>
  )
}

export default function NewsDetailPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  return (
    <View className='page news-page'>
      {/^[A-Za-z0-9-]{1,64}$/.test(id) ? (
        <SessionGate>{(me) => <ArticleView me={me} id={id} />}</SessionGate>
      ) : (
        <Blank title='链接有误' description='没有找到要打开的资讯。' />
      )}
    </View>
  )
}
