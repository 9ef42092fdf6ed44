import { useCallback, useEffect, useState } from 'react'
import Taro, { useDidShow, useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Avatar, Badge, Button, Cell, Tag } from '@nutui/nutui-react-taro'
import { ArrowRight } from '@nutui/icons-react-taro'
import type { Me } from '@union/shared/me'
import { MessagePage } from '@union/shared/messages'
import { LedgerPage, type LedgerEntry } from '@union/shared/points'
import AppTabBar, { useTabPage } from '@/components/AppTabBar'
import SessionGate from '@/components/SessionGate'
import { Blank, Loading } from '@/components/StateView'
import { messageOf, request } from '@/services/api'
import { DEV_LOGIN, refreshMe, switchDevIdentity } from '@/services/session'
import { useLoadOnShow } from '@/utils/hooks'
import './index.scss'

const PAGE_SIZE = 20

/** `2026-11-24T07:30:00.000+08:00` → `11-24 07:30` (the API already speaks China time). */
const shortTime = (iso: string) => `${iso.slice(5, 10)} ${iso.slice(11, 16)}`

function Ledger() {
  const [items, setItems] = useState<LedgerEntry[]>([])
  const [cursor, setCursor] = useState<string | null>(null)
  const [status, setStatus] = useState<'loading' | 'ready' | 'more' | 'error'>('loading')
  const [error, setError] = useState<string>()

  const load = useCallback(async (from: string | null) => {
    setStatus(from ? 'more' : 'loading')
    try {
      const page = await request('/v1/points/ledger', { query: { limit: PAGE_SIZE, cursor: from ?? undefined }, schema: LedgerPage })
      setItems((prev) => (from ? [...prev, ...page.items] : page.items))
      setCursor(page.nextCursor)
      setStatus('ready')
    } catch (e) {
      setError(messageOf(e))
      setStatus('error')
    }
  }, [])

  useEffect(() => {
    void load(null)
  }, [load])
  // Back on the tab after signing in elsewhere: show the newest entries.
  useDidShow(() => {
    void load(null)
  })
  useReachBottom(() => {
    if (cursor && status === 'ready') void load(cursor)
  })

  if (status === 'loading' && items.length === 0) return <Loading rows={5} />
  if (status === 'error' && items.length === 0) {
    return <Blank error title='积分明细加载失败' description={error} actionText='重试' onAction={() => load(null)} />
  }
  if (items.length === 0) return <Blank title='还没有积分记录' description='去首页签到，领取第一笔积分吧' />
  return (
    <View className='card ledger'>
      {items.map((e) => (
        <View key={e.id} className='ledger-entry'>
          <View className='ledger-entry-main'>
            <Text className='ledger-entry-reason'>{e.reason}</Text>
            <Text className='muted'>{shortTime(e.createdAt)} · 余额 {e.balanceAfter}</Text>
          </View>
          <Text className={`ledger-entry-delta ${e.delta >= 0 ? 'gain' : 'spend'}`}>{e.delta >= 0 ? `+${e.delta}` : e.delta}</Text>
        </View>
      ))}
      {cursor ? (
        <Button className='ledger-more' fill='none' size='small' loading={status === 'more'} onClick={() => load(cursor)}>
          加载更多
        </Button>
      ) : (
        <Text className='muted ledger-end'>没有更多了</Text>
      )}
      {status === 'error' && <Text className='ledger-error'>{error}</Text>}
    </View>
  )
}

const go = (url: string) => () => void Taro.navigateTo({ url })

/** 入会 / 转会 / 我的申请 / 我的消息 (their pages live in subpackages). */
function Services({ me }: { me: Me }) {
  const [unread, setUnread] = useState(0)
  const loadUnread = useCallback(async () => {
    try {
      setUnread((await request('/v1/me/messages', { query: { limit: 1 }, schema: MessagePage })).unread)
    } catch {
      // the badge is a hint; the inbox itself shows errors
    }
  }, [])
  useLoadOnShow(() => void loadUnread())
  const status = me.membership.status
  const arrow = <ArrowRight size={12} color='#c0c4cc' />
  return (
    <Cell.Group className='mine-services'>
      {status === 'none' && (
        <Cell className='mine-cell mine-join' title='入会申请' description='加入工会，享受会员服务与福利' extra={arrow} align='center' clickable onClick={go('/packages/membership/join/index')} />
      )}
      {status === 'active' && (
        <Cell className='mine-cell mine-transfer' title='转会申请' description='工作单位变动时转入新的基层工会' extra={arrow} align='center' clickable onClick={go('/packages/membership/transfer/index')} />
      )}
      <Cell
        className='mine-cell mine-requests'
        title='我的申请'
        extra={<View className='mine-cell-extra'>{status === 'pending' && <Text className='mine-cell-state'>审核中</Text>}{arrow}</View>}
        align='center'
        clickable
        onClick={go('/packages/membership/requests/index')}
      />
      <Cell className='mine-cell mine-activities' title='我的活动' description='已报名的活动、候补与签到' extra={arrow} align='center' clickable onClick={go('/packages/activity/mine/index')} />
      <Cell className='mine-cell mine-orders' title='我的兑换' description='积分商城的兑换记录与取货码' extra={arrow} align='center' clickable onClick={go('/packages/mall/orders/index')} />
      <Cell
        className='mine-cell mine-messages'
        title='我的消息'
        extra={
          <View className='mine-cell-extra'>
            {unread > 0 && <Badge className='mine-unread' value={unread} max={99} />}
            {arrow}
          </View>
        }
        align='center'
        clickable
        onClick={go('/packages/mine/messages/index')}
      />
    </Cell.Group>
  )
}

function Profile({ me }: { me: Me }) {
  useDidShow(() => {
    void refreshMe().catch(() => {})
  })
  const m = me.membership
  return (
    <>
      <View className='card mine-profile'>
        <Avatar size='large' src={me.avatarUrl || undefined} background='#d9001b' color='#fff'>
          {me.nickname.slice(0, 1)}
        </Avatar>
        <View className='mine-profile-text'>
          <Text className='mine-nickname'>{me.nickname}</Text>
          {m.status === 'active' ? (
            <Text className='muted'>{m.orgName} · 会员号 {m.memberNo}</Text>
          ) : (
            <Text className='muted'>{m.status === 'pending' ? '入会申请审核中' : '尚未加入工会'}</Text>
          )}
        </View>
        {me.roles.length > 0 && <Tag type='danger'>工会干部</Tag>}
      </View>

      <View className='card mine-points'>
        <View>
          <Text className='muted'>我的积分</Text>
          <Text className='points-balance'>{me.points.balance}</Text>
        </View>
        <Text className='muted'>已连续签到 {me.signIn.streak} 天</Text>
      </View>

      <Services me={me} />

      <View className='section-title'>积分明细</View>
      <Ledger />

      {DEV_LOGIN && (
        <Cell.Group>
          <Cell title='切换演示身份' description='仅本地环境可见' clickable onClick={() => { switchDevIdentity(); Taro.switchTab({ url: '/pages/index/index' }) }} />
        </Cell.Group>
      )}
    </>
  )
}

export default function MinePage() {
  useTabPage()
  return (
    <View className='page tab-page'>
      <SessionGate>{(me) => <Profile me={me} />}</SessionGate>
      {process.env.TARO_ENV === 'h5' && <AppTabBar />}
    </View>
  )
}
