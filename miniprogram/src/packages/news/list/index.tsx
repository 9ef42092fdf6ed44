import { useCallback, useRef, useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { ArticlePage, type Article, type ArticleKind } from '@union/shared/articles'
import SessionGate from '@/components/SessionGate'
import { Blank, Loading } from '@/components/StateView'
import { call, messageOf } from '@/services/api'
import { useLoadOnShow } from '@/utils/hooks'
import '../components/news.scss'

const TABS: { kind?: ArticleKind; label: string }[] = [{ label: '全部' }, { kind: 'news', label: '新闻' }, { kind: 'notice', label: '通知公告' }]

function ArticleRow({ a }: { a: Article }) {
  return (
    <View className='news-row card' onClick={() => void Taro.navigateTo({ url: `/packages/news/detail/index?id=${encodeURIComponent(a.id)}` })}>
      <View className='news-row-text'>
        <Text className='news-row-title'>
          {a.pinned && <Text className='news-tag news-tag-pinned'>置顶</Text>}
          {a.kind === 'notice' && <Text className='news-tag'>通知</Text>}
          {a.title}
        </Text>
        {a.summary && <Text className='news-row-summary'>{a.summary}</Text>}
        <Text className='news-meta'>
          {a.orgName} · {a.publishedAt.slice(0, 10)} · 阅读得 {a.readPoints} 积分
        </Text>
      </View>
      {a.coverUrl && <Image className='news-row-cover' src={a.coverUrl} mode='aspectFill' lazyLoad />}
    </View>
  )
}

function List() {
  const [kind, setKind] = useState<ArticleKind>()
  const [items, setItems] = useState<Article[]>([])
  const [cursor, setCursor] = useState<string | null>(null)
  const [status, setStatus] = useState<'loading' | 'ready' | 'more' | 'error'>('loading')
  const [error, setError] = useState<string>()
  const seq = useRef(0)

  const load = useCallback(async (k: ArticleKind | undefined, from: string | null) => {
    const mine = ++seq.current
    setStatus(from ? 'more' : 'loading')
    setError(undefined)
    try {
      const page = await call('GET /v1/articles', ArticlePage, { query: { kind: k, limit: 20, cursor: from ?? undefined } })
      if (mine !== seq.current) return
      setItems((prev) => (from ? [...prev, ...page.items.filter((a) => !prev.some((p) => p.id === a.id))] : page.items))
      setCursor(page.nextCursor)
      setStatus('ready')
    } catch (e) {
      if (mine !== seq.current) return
      setError(messageOf(e))
      setStatus('error')
    }
  }, [])

  useLoadOnShow(() => void load(kind, null))
  useReachBottom(() => {
    if (cursor && status === 'ready') void load(kind, cursor)
  })
  usePullDownRefresh(async () => {
    await load(kind, null)
    Taro.stopPullDownRefresh()
  })
  const choose = (k: ArticleKind | undefined) => {
    setKind(k)
    setItems([])
    void load(k, null)
  }

  return (
    <>
      <View className='news-tabs'>
        {TABS.map((t) => (
          <Text key={t.label} className={`news-tab ${t.kind === kind ? 'active' : ''}`} onClick={() => choose(t.kind)}>
            {t.label}
          </Text>
        ))}
      </View>
      <Text className='news-hint'>会员阅读资讯可得积分：每篇一次，每天有篇数上限。</Text>
      {status === 'loading' && items.length === 0 ? (
        <Loading rows={5} />
      ) : status === 'error' && items.length === 0 ? (
        <Blank error title='资讯加载失败' description={error} actionText='重试' onAction={() => void load(kind, null)} />
      ) : items.length === 0 ? (
        <Blank title='暂无资讯' description='所在工会发布新闻和通知后会显示在这里。' />
      ) : (
        <>
          {items.map((a) => (
            <ArticleRow key={a.id} a={a} />
          ))}
          {cursor ? (
            <Button className='news-more' fill='none' loading={status === 'more'} onClick={() => void load(kind, cursor)}>
              加载更多
            </Button>
          ) : (
            <Text className='news-end'>没有更多了</Text>
          )}
        </>
      )}
    </>
  )
}

export default function NewsListPage() {
  return (
    <View className='page news-page'>
      <SessionGate>{() => <List />}</SessionGate>
    </View>
  )
}
