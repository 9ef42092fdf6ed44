import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { Plus } from '@nutui/icons-react-taro'
import { AdminArticle, AdminArticlePage, ARTICLE_KIND_NAMES, type AdminArticle as Item, type ArticleStatus } from '@union/shared/articles'
import type { Me } from '@union/shared/me'
import { useConfirm } from '@/components/ConfirmDialog'
import SessionGate from '@/components/SessionGate'
import { Blank, Loading } from '@/components/StateView'
import UnionScope, { type Scope } from '@/components/UnionScope'
import { call, messageOf } from '@/services/api'
import { useLoadOnShow } from '@/utils/hooks'
import '../components/admin-news.scss'

const FILTERS: { status?: ArticleStatus; label: string }[] = [{ label: '全部' }, { status: 'published', label: '已发布' }, { status: 'draft', label: '草稿' }]
const time = (iso?: string) => (iso ? iso.slice(0, 16).replace('T', ' ') : '')

function Row({ a, onChanged }: { a: Item; onChanged: (next: Item) => void }) {
  const [busy, setBusy] = useState<string>()
  const [dialog, confirm] = useConfirm()
  const act = async (what: string, run: () => Promise<Item>, done: string) => {
    if (busy) return
    setBusy(what)
    try {
      onChanged(await run())
      Taro.showToast({ title: done, icon: 'success' })
    } catch (e) {
      Taro.showToast({ title: messageOf(e), icon: 'none' })
    } finally {
      setBusy(undefined)
    }
  }
  const publish = () => act('publish', () => call('POST /v1/admin/articles/{id}/publish', AdminArticle, { params: { id: a.id } }), '已发布')
  const unpublish = async () => {
    if (!(await confirm({ title: '撤回这篇资讯？', content: '撤回后会员将看不到它，已发放的阅读积分不受影响。可以再次发布。', confirmText: '撤回' }))) return
    await act('unpublish', () => call('POST /v1/admin/articles/{id}/unpublish', AdminArticle, { params: { id: a.id } }), '已撤回')
  }
  const pin = () => act('pin', () => call('PATCH /v1/admin/articles/{id}', AdminArticle, { params: { id: a.id }, body: { pinned: !a.pinned } }), a.pinned ? '已取消置顶' : '已置顶')
  const published = a.status === 'published'
  return (
    <View className={`card an-row an-row-${a.status}`}>
      <View className='an-row-head'>
        <Text className={`an-status an-status-${a.status}`}>{published ? '已发布' : '草稿'}</Text>
        {a.pinned && <Text className='an-status an-pinned'>置顶</Text>}
        <Text className='an-kind'>{ARTICLE_KIND_NAMES[a.kind]}</Text>
      </View>
      <Text className='an-title'>{a.title}</Text>
      <Text className='an-meta'>
        {a.orgName} · {published ? `发布于 ${time(a.publishedAt)}` : `修改于 ${time(a.updatedAt)}`} · 阅读 {a.readPoints} 积分
      </Text>
      <View className='an-actions'>
        <Button className='an-edit' fill='outline' onClick={() => void Taro.navigateTo({ url: `/packages/admin-news/edit/index?id=${encodeURIComponent(a.id)}` })}>
          编辑
        </Button>
        <Button className='an-pin' fill='outline' loading={busy === 'pin'} onClick={() => void pin()}>
          {a.pinned ? '取消置顶' : '置顶'}
        </Button>
        {published ? (
          <Button className='an-unpublish' fill='outline' loading={busy === 'unpublish'} onClick={() => void unpublish()}>
            撤回
          </Button>
        ) : (
          <Button className='an-publish' type='primary' loading={busy === 'publish'} onClick={() => void publish()}>
            发布
          </Button>
        )}
      </View>
      {dialog}
    </View>
  )
}

function List({ me }: { me: Me }) {
  const [scope, setScope] = useState<Scope>({ id: me.roles[0].orgId, name: me.roles[0].orgName })
  const [status, setStatus] = useState<ArticleStatus>()
  const [items, setItems] = useState<Item[]>([])
  const [cursor, setCursor] = useState<string | null>(null)
  const [state, setState] = useState<'loading' | 'ready' | 'more' | 'error'>('loading')
  const [error, setError] = useState<string>()
  const seq = useRef(0)

  const load = useCallback(async (from: string | null) => {
    const mine = ++seq.current
    setState(from ? 'more' : 'loading')
    setError(undefined)
    try {
      const page = await call('GET /v1/admin/articles', AdminArticlePage, { query: { orgId: scope.id, status, limit: 20, cursor: from ?? undefined } })
      if (mine !== seq.current) return
      setItems((prev) => (from ? [...prev, ...page.items.filter((a) => !prev.some((p) => p.id === a.id))] : page.items))
      setCursor(page.nextCursor)
      setState('ready')
    } catch (e) {
      if (mine !== seq.current) return
      setError(messageOf(e))
      setState('error')
    }
  }, [scope.id, status])

  const first = useRef(true)
  useEffect(() => {
    if (first.current) {
      first.current = false
      return
    }
    setItems([])
    void load(null)
  }, [load])
  useLoadOnShow(() => void load(null))
  useReachBottom(() => {
    if (cursor && state === 'ready') void load(cursor)
  })
  usePullDownRefresh(async () => {
    await load(null)
    Taro.stopPullDownRefresh()
  })

  const write = () => void Taro.navigateTo({ url: `/packages/admin-news/edit/index?orgId=${encodeURIComponent(scope.id)}&orgName=${encodeURIComponent(scope.name)}` })
  const replace = (next: Item) => setItems((list) => list.map((a) => (a.id === next.id ? next : a)).filter((a) => !status || a.status === status))

  return (
    <>
      <View className='an-top'>
        <UnionScope roles={me.roles} value={scope} onChange={setScope} label='资讯范围' />
        <Button className='an-new' type='primary' icon={<Plus size={14} />} onClick={write}>
          写资讯
        </Button>
      </View>
      <View className='an-filters'>
        {FILTERS.map((f) => (
          <Text key={f.label} className={`an-filter ${f.status === status ? 'active' : ''}`} onClick={() => setStatus(f.status)}>
            {f.label}
          </Text>
        ))}
      </View>
      {state === 'loading' && items.length === 0 ? (
        <Loading rows={5} />
      ) : state === 'error' && items.length === 0 ? (
        <Blank error title='加载失败' description={error} actionText='重试' onAction={() => void load(null)} />
      ) : items.length === 0 ? (
        <Blank title='还没有资讯' description='发布后，本会及下级工会的会员会在首页和“资讯”中看到；省总工会的资讯对所有人公开。' actionText='写资讯' onAction={write} />
      ) : (
        <>
          {items.map((a) => (
            <Row key={a.id} a={a} onChanged={replace} />
          ))}
          {cursor ? (
            <Button className='an-more' fill='none' loading={state === 'more'} onClick={() => void load(cursor)}>
              加载更多
            </Button>
          ) : (
            <Text className='an-end'>没有更多了</Text>
          )}
        </>
      )}
    </>
  )
}

export default function AdminNewsPage() {
  return (
    <View className='page admin-news-page'>
      <SessionGate>{(me) => (me.roles.length === 0 ? <Blank title='仅限工会干部' description='资讯管理只对工会干部开放。' /> : <List me={me} />)}</SessionGate>
    </View>
  )
}
