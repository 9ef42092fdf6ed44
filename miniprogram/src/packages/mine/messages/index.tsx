import { useCallback, useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import * as z from 'zod/mini'
import { MessagePage, type Message } from '@union/shared/messages'
import SessionGate from '@/components/SessionGate'
import { Blank, Loading } from '@/components/StateView'
import { messageOf, request } from '@/services/api'
import { shortTime } from '@/utils/format'
import { useLoadOnShow } from '@/utils/hooks'
import './index.scss'

const PAGE_SIZE = 20
const TAB_ROUTES = ['pages/index/index', 'pages/mall/index', 'pages/activities/index', 'pages/mine/index', 'pages/admin/index']
const Anything = z.unknown()

const KIND_NAMES: Record<Message['kind'], string> = {
  join_result: '入会',
  transfer_result: '转会',
  org_application_result: '建会',
  order: '订单',
  activity: '活动',
  reminder: '提醒',
  system: '系统',
}

/** Opens a message's page: tab pages need switchTab. */
function open(link: string) {
  const url = link.startsWith('/') ? link : `/${link}`
  const route = url.slice(1).split('?')[0]
  if (TAB_ROUTES.includes(route)) void Taro.switchTab({ url: `/${route}` })
  else void Taro.navigateTo({ url })
}

function Inbox() {
  const [items, setItems] = useState<Message[]>([])
  const [cursor, setCursor] = useState<string | null>(null)
  const [unread, setUnread] = useState(0)
  const [status, setStatus] = useState<'loading' | 'ready' | 'more' | 'error'>('loading')
  const [error, setError] = useState<string>()
  const [markingAll, setMarkingAll] = useState(false)

  const load = useCallback(async (from: string | null) => {
    setStatus(from ? 'more' : 'loading')
    setError(undefined)
    try {
      const page = await request('/v1/me/messages', { query: { limit: PAGE_SIZE, cursor: from ?? undefined }, schema: MessagePage })
      setItems((prev) => (from ? [...prev, ...page.items.filter((m) => !prev.some((p) => p.id === m.id))] : page.items))
      setCursor(page.nextCursor)
      setUnread(page.unread)
      setStatus('ready')
    } catch (e) {
      setError(messageOf(e))
      setStatus('error')
    }
  }, [])

  useLoadOnShow(() => void load(null))
  useReachBottom(() => {
    if (cursor && status === 'ready') void load(cursor)
  })
  usePullDownRefresh(async () => {
    await load(null)
    Taro.stopPullDownRefresh()
  })

  const tap = (m: Message) => {
    if (!m.read) {
      // Shown as read at once; the server is told in the background (marking twice is harmless).
      setItems((list) => list.map((x) => (x.id === m.id ? { ...x, read: true } : x)))
      setUnread((n) => Math.max(0, n - 1))
      void request(`/v1/me/messages/${encodeURIComponent(m.id)}/read`, { method: 'POST', schema: Anything }).catch(() => {})
    }
    if (m.link) open(m.link)
  }

  const readAll = async () => {
    setMarkingAll(true)
    try {
      await request('/v1/me/messages/read-all', { method: 'POST', schema: Anything })
      setItems((list) => list.map((x) => ({ ...x, read: true })))
      setUnread(0)
      Taro.showToast({ title: '已全部标为已读', icon: 'none' })
    } catch (e) {
      Taro.showToast({ title: messageOf(e), icon: 'none' })
    } finally {
      setMarkingAll(false)
    }
  }

  if (status === 'loading' && items.length === 0) return <Loading rows={5} />
  if (status === 'error' && items.length === 0) return <Blank error title='消息加载失败' description={error} actionText='重试' onAction={() => load(null)} />
  if (items.length === 0) return <Blank title='暂无消息' description='入会、转会审核结果和订单、活动通知会出现在这里。' />

  return (
    <>
      <View className='inbox-bar'>
        <Text className='inbox-unread'>{unread > 0 ? `${unread} 条未读` : '没有未读消息'}</Text>
        <Button className='inbox-read-all' size='small' fill='outline' disabled={unread === 0} loading={markingAll} onClick={readAll}>
          全部已读
        </Button>
      </View>
      <View className='card inbox'>
        {items.map((m) => (
          <View key={m.id} className={`message-item ${m.read ? 'read' : 'unread'}`} onClick={() => tap(m)}>
            <View className='message-dot-wrap'>{!m.read && <View className='message-dot' />}</View>
            <View className='message-main'>
              <View className='message-head'>
                <Text className='message-title'>{m.title}</Text>
                <Text className='message-time'>{shortTime(m.createdAt)}</Text>
              </View>
              <Text className='message-body'>{m.body}</Text>
              <View className='message-foot'>
                <Text className='message-kind'>{KIND_NAMES[m.kind]}</Text>
                {m.link && <Text className='message-link'>查看详情 ›</Text>}
              </View>
            </View>
          </View>
        ))}
        {cursor ? (
          <Button className='inbox-more' fill='none' size='small' loading={status === 'more'} onClick={() => load(cursor)}>
            加载更多
          </Button>
        ) : (
          <Text className='muted inbox-end'>没有更多了</Text>
        )}
        {status === 'error' && <Text className='inbox-error'>{error}</Text>}
      </View>
    </>
  )
}

export default function MessagesPage() {
  return (
    <View className='page messages-page'>
      <SessionGate>{() => <Inbox />}</SessionGate>
    </View>
  )
}
