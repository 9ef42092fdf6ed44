import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { AllRead, MessagePage, MessageRead, type Message } from '@union/shared/messages'
import { ArticlePage, type Article } from '@union/shared/articles'
import SessionGate from '@/components/SessionGate'
import PagedView from '@/components/PagedList'
import { Blank } from '@/components/StateView'
import { useLoadOnShow } from '@/utils/hooks'
import { call, messageOf } from '@/services/api'
import { shortTime } from '@/utils/format'
import { usePagedRequest } from '@/utils/hooks'
import Page from '@/components/Page'
import './index.scss'

const TAB_ROUTES = ['pages/index/index', 'pages/mall/index', 'pages/activities/index', 'pages/mine/index', 'pages/admin/index']

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

/**
 * 工会通知: the notices of my union chain, read by query when the inbox opens. A notice is never copied
 * into each member's inbox (a province-wide notice would be 834万 writes); see docs/design.md → 资讯.
 */
function UnionNotices() {
  const [notices, setNotices] = useState<Article[]>()
  useLoadOnShow(() => {
    call('GET /v1/articles', ArticlePage, { query: { kind: 'notice', limit: 3 } })
      .then((page) => setNotices(page.items))
      .catch(() => setNotices((n) => n ?? []))
  })
  if (!notices || notices.length === 0) return null
  return (
    <View className='card inbox-notices'>
      <View className='inbox-notices-head'>
        <Text className='inbox-notices-title'>工会通知</Text>
        <Text className='inbox-notices-more' onClick={() => void Taro.navigateTo({ url: '/packages/news/list/index' })}>
          全部 ›
        </Text>
      </View>
      {notices.map((a) => (
        <View key={a.id} className='inbox-notice' onClick={() => void Taro.navigateTo({ url: `/packages/news/detail/index?id=${encodeURIComponent(a.id)}` })}>
          <Text className='inbox-notice-title'>{a.title}</Text>
          <Text className='inbox-notice-meta'>
            {a.orgName} · {a.publishedAt.slice(0, 10)}
          </Text>
        </View>
      ))}
    </View>
  )
}

function Inbox() {
  const [unread, setUnread] = useState(0)
  const [markingAll, setMarkingAll] = useState(false)
  const list = usePagedRequest('/v1/me/messages', MessagePage, {}, { onPage: (page) => setUnread(page.unread) })

  const tap = (m: Message) => {
    if (!m.read) {
      // Shown as read at once; the server is told in the background (marking twice is harmless).
      list.update((all) => all.map((x) => (x.id === m.id ? { ...x, read: true } : x)))
      setUnread((n) => Math.max(0, n - 1))
      void call('POST /v1/me/messages/{id}/read', MessageRead, { params: { id: m.id } }).catch(() => {})
    }
    if (m.link) open(m.link)
  }

  const readAll = async () => {
    setMarkingAll(true)
    try {
      await call('POST /v1/me/messages/read-all', AllRead)
      list.update((all) => all.map((x) => ({ ...x, read: true })))
      setUnread(0)
      Taro.showToast({ title: '已全部标为已读', icon: 'none' })
    } catch (e) {
      Taro.showToast({ title: messageOf(e), icon: 'none' })
    } finally {
      setMarkingAll(false)
    }
  }

  return (
    <PagedView
      list={list}
      errorTitle='消息加载失败'
      empty={<Blank title='暂无消息' description='入会、转会审核结果和订单、活动通知会出现在这里。' />}
      head={
        <View className='inbox-bar'>
          <Text className='inbox-unread'>{unread > 0 ? `${unread} 条未读` : '没有未读消息'}</Text>
          <Button className='inbox-read-all' size='small' fill='outline' disabled={unread === 0} loading={markingAll} onClick={readAll}>
            全部已读
          </Button>
        </View>
      }
    >
      {(items) => (
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
        </View>
      )}
    </PagedView>
  )
}

export default function MessagesPage() {
  return (
    <Page className='messages-page'>
      <SessionGate>
        {() => (
          <>
            <UnionNotices />
            <Inbox />
          </>
        )}
      </SessionGate>
    </Page>
  )
}
