import { useCallback, useEffect, useState } from 'react'
import Taro, { useDidShow, useReachBottom } from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import { Badge, Button, Cell, Tag } from '@nutui/nutui-react-taro'
import { ArrowRight, Articles, ArrowTransfer, Category, Clock, Close, Home, Message, Order, Setting, ShieldCheck, StarF, UserAdd } from '@nutui/icons-react-taro'
import type { Me } from '@union/shared/me'
import type { LedgerEntry, PointsSummary } from '@union/shared/points'
import AppTabBar, { useTabPage } from '@/components/AppTabBar'
import QrCode from '@/components/QrCode'
import SessionGate from '@/components/SessionGate'
import { Blank, Loading } from '@/components/StateView'
import { messageOf, call, SERVER_CHECKED } from '@/services/api'
import { DEV_LOGIN, refreshMe, switchDevIdentity } from '@/services/session'
import { useLoadOnShow } from '@/utils/hooks'
import Page from '@/components/Page'
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
      const page = await call('GET /v1/points/ledger', SERVER_CHECKED, { query: { limit: PAGE_SIZE, cursor: from ?? undefined } })
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

type Expiring = { state: 'loading' } | { state: 'error' } | { state: 'ready'; next?: PointsSummary['expiring'][number] }

/** The soonest points to expire (GET /v1/points/summary), refreshed whenever 我的 is shown again. */
function useExpiring(): [Expiring, () => void] {
  const [expiring, setExpiring] = useState<Expiring>({ state: 'loading' })
  const load = useCallback(async () => {
    try {
      const summary = await call('GET /v1/points/summary', SERVER_CHECKED)
      setExpiring({ state: 'ready', next: summary.expiring.find((e) => e.points > 0) })
    } catch {
      setExpiring({ state: 'error' })
    }
  }, [])
  useLoadOnShow(() => void load())
  return [expiring, () => void load()]
}

/** "X 分将于 YYYY-MM-DD 过期" — or that nothing is about to, or a retry when it could not be read. */
function ExpiryLine({ expiring, retry }: { expiring: Expiring; retry: () => void }) {
  if (expiring.state === 'loading') return <Text className='mine-expiry muted'>正在查询积分有效期…</Text>
  if (expiring.state === 'error') {
    return <Text className='mine-expiry mine-expiry-retry' onClick={retry}>积分有效期查询失败，点此重试</Text>
  }
  if (!expiring.next) return <Text className='mine-expiry muted'>暂无将要过期的积分</Text>
  return <Text className='mine-expiry mine-expiry-due'>{expiring.next.points} 分将于 {expiring.next.on} 过期</Text>
}

/** The unread count of 我的消息, refreshed whenever 我的 is shown again (e.g. back from the inbox). */
function useUnread(): number {
  const [unread, setUnread] = useState(0)
  const loadUnread = useCallback(async () => {
    try {
      setUnread((await call('GET /v1/me/messages', SERVER_CHECKED, { query: { limit: 1 } })).unread)
    } catch {
      // the badge is a hint; the inbox itself shows errors
    }
  }, [])
  useLoadOnShow(() => void loadUnread())
  return unread
}

/** 我的兑换 / 我的活动 / 我的收藏 / 我的消息 as a row of icons (their pages live in subpackages). */
function Shortcuts() {
  const unread = useUnread()
  const items = [
    { key: 'orders', title: '我的兑换', Icon: Order, tone: 'red', url: '/packages/mall/orders/index' },
    { key: 'activities', title: '我的活动', Icon: Clock, tone: 'blue', url: '/packages/activity/mine/index' },
    { key: 'favorites', title: '我的收藏', Icon: StarF, tone: 'amber', url: '/packages/mine/favorites/index' },
    { key: 'messages', title: '我的消息', Icon: Message, tone: 'green', url: '/packages/mine/messages/index' },
  ] as const
  return (
    <View className='card mine-shortcuts'>
      {items.map(({ key, title, Icon, tone, url }) => (
        <View key={key} className={`mine-shortcut mine-${key}`} onClick={go(url)}>
          <View className={`mine-shortcut-icon tone-${tone}`}>
            <Icon size={22} />
            {key === 'messages' && unread > 0 && <Badge className='mine-unread' value={unread} max={99} />}
          </View>
          <Text className='mine-shortcut-title'>{title}</Text>
        </View>
      ))}
    </View>
  )
}

/** 入会 / 转会 / 我的申请 / 设置 / 隐私说明. */
function Services({ me }: { me: Me }) {
  const status = me.membership.status
  const arrow = <ArrowRight size={14} color='#5c5f66' />
  // NutUI's Cell has no icon slot: the icon goes into the title (descriptions are indented to match).
  const title = (Icon: typeof Articles, text: string) => (
    <View className='mine-cell-title'>
      <Icon size={18} color='#5c5f66' />
      <Text>{text}</Text>
    </View>
  )
  return (
    <Cell.Group className='mine-services'>
      {status === 'none' && (
        <Cell className='mine-cell mine-join' title={title(UserAdd, '入会申请')} description='加入工会，享受会员服务与福利' extra={arrow} align='center' clickable onClick={go('/packages/membership/join/index')} />
      )}
      {status === 'none' && (
        <Cell className='mine-cell mine-verify' title={title(ShieldCheck, '会员认证')} description='已在工会会员名册中？核对身份后直接成为会员' extra={arrow} align='center' clickable onClick={go('/packages/membership/verify/index')} />
      )}
      {status === 'active' && (
        <Cell className='mine-cell mine-transfer' title={title(ArrowTransfer, '转会申请')} description='工作单位变动时转入新的基层工会' extra={arrow} align='center' clickable onClick={go('/packages/membership/transfer/index')} />
      )}
      <Cell
        className='mine-cell mine-requests'
        title={title(Articles, '我的申请')}
        extra={<View className='mine-cell-extra'>{status === 'pending' && <Text className='mine-cell-state'>审核中</Text>}{arrow}</View>}
        align='center'
        clickable
        onClick={go('/packages/membership/requests/index')}
      />
      <Cell className='mine-cell mine-found' title={title(Home, '申请建会')} description='单位还没有工会？申请成立基层工会' extra={arrow} align='center' clickable onClick={go('/packages/org-apply/apply/index')} />
      <Cell className='mine-cell mine-found-list' title={title(Category, '我的建会申请')} extra={arrow} align='center' clickable onClick={go('/packages/org-apply/mine/index')} />
      <Cell className='mine-cell mine-settings' title={title(Setting, '设置')} description='长辈模式、字体大小' extra={arrow} align='center' clickable onClick={go('/packages/mine/settings/index')} />
      <Cell className='mine-cell mine-privacy' title={title(ShieldCheck, '隐私说明')} description='我们如何收集、保存和使用您的信息' extra={arrow} align='center' clickable onClick={go('/packages/mine/privacy/index')} />
    </Cell.Group>
  )
}

/** The avatar, or the first character of the nickname on a red disc (no picture, or it fails). */
function UserAvatar({ me }: { me: Me }) {
  const [failed, setFailed] = useState<string>()
  const url = me.avatarUrl
  return url && failed !== url ? (
    <Image className='mine-avatar' src={url} mode='aspectFill' onError={() => setFailed(url)} />
  ) : (
    <View className='mine-avatar mine-avatar-letter'>
      <Text>{me.nickname.slice(0, 1) || '我'}</Text>
    </View>
  )
}

/** 会员证: union and 会员号 with its QR code (tap to enlarge); for others, how to get one. */
function MemberCard({ me }: { me: Me }) {
  const [enlarged, setEnlarged] = useState(false)
  const m = me.membership
  if (m.status === 'pending') {
    return (
      <View className='mine-card mine-card-pending' onClick={go('/packages/membership/requests/index')}>
        <View className='mine-card-text'>
          <Text className='mine-card-label'>入会申请审核中</Text>
          <Text className='mine-card-note'>审核通过后，这里会显示您的会员证和会员号</Text>
        </View>
        <Text className='mine-card-link'>查看进度 ›</Text>
      </View>
    )
  }
  if (m.status !== 'active' || !m.memberNo) {
    // Most people here are already members on their union's roster: 会员认证 first, then 入会.
    return (
      <View className='mine-card mine-card-invite'>
        <View className='mine-card-text'>
          <Text className='mine-card-label'>还不是会员？</Text>
          <Text className='mine-card-note'>成为会员后可用积分兑换好礼、报名工会活动</Text>
        </View>
        <View className='mine-card-choices'>
          <View className='mine-choice mine-choice-verify' onClick={go('/packages/membership/verify/index')}>
            <Text className='mine-choice-title'>会员认证</Text>
            <Text className='mine-choice-note'>我已是会员</Text>
          </View>
          <View className='mine-choice mine-choice-join' onClick={go('/packages/membership/join/index')}>
            <Text className='mine-choice-title'>申请入会</Text>
            <Text className='mine-choice-note'>我要入会</Text>
          </View>
        </View>
      </View>
    )
  }
  return (
    <>
      <View className='mine-card mine-card-member' onClick={() => setEnlarged(true)}>
        <View className='mine-card-text'>
          <Text className='mine-card-kicker'>工会会员证</Text>
          <Text className='mine-card-org'>{m.orgName}</Text>
          <Text className='mine-card-no'>会员号 {m.memberNo}</Text>
        </View>
        <View className='mine-card-qr-wrap'>
          <QrCode value={m.memberNo} className='mine-card-qr' />
          <Text className='mine-card-qr-hint'>点击放大</Text>
        </View>
      </View>
      {/* A plain overlay: 我的 does not need NutUI's Popup (≈20 KB of JS and CSS in the main package). */}
      {enlarged && (
        <View className='mine-qr-mask' catchMove onClick={() => setEnlarged(false)}>
          <View className='mine-qr-sheet' onClick={(e) => e.stopPropagation()}>
            <View className='mine-qr-close' onClick={() => setEnlarged(false)}>
              <Close size={16} color='#8c8c8c' />
            </View>
            <Text className='mine-qr-title'>会员码</Text>
            <Text className='mine-qr-org'>{m.orgName}</Text>
            <QrCode value={m.memberNo} className='mine-qr-big' />
            <Text className='mine-qr-no'>{m.memberNo}</Text>
            <Text className='mine-qr-hint'>{me.nickname} · 向工会工作人员出示，核验会员身份</Text>
          </View>
        </View>
      )}
    </>
  )
}

function Profile({ me }: { me: Me }) {
  useDidShow(() => {
    void refreshMe().catch(() => {})
  })
  const [expiring, retryExpiring] = useExpiring()
  return (
    <>
      <View className='mine-profile'>
        <View className='mine-user' onClick={go('/packages/mine/profile/index')}>
          <UserAvatar me={me} />
          <View className='mine-profile-text'>
            <Text className='mine-nickname'>{me.nickname}</Text>
            <Text className='mine-user-edit'>编辑头像和昵称 ›</Text>
          </View>
          {me.roles.length > 0 && <Tag className='mine-cadre' type='danger'>工会干部</Tag>}
        </View>
        <MemberCard me={me} />
      </View>

      <View className='card mine-points'>
        <View>
          <Text className='muted'>我的积分</Text>
          <Text className='points-balance'>{me.points.balance}</Text>
          <ExpiryLine expiring={expiring} retry={retryExpiring} />
        </View>
        <View className='mine-points-side'>
          <Text className='muted'>已连续签到 {me.signIn.streak} 天</Text>
          {!me.signIn.signedToday && (
            <Text className='mine-points-sign' onClick={() => void Taro.switchTab({ url: '/pages/index/index' })}>
              去签到 ›
            </Text>
          )}
        </View>
      </View>

      <Shortcuts />
      <Services me={me} />

      <View className='section-title'>积分明细</View>
      <View className='mine-ledger-expiry'>
        <ExpiryLine expiring={expiring} retry={retryExpiring} />
        <Text className='muted'>积分按获得时间分批过期，兑换时先用先到期的积分</Text>
      </View>
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
    <Page className='tab-page'>
      <SessionGate>{(me) => <Profile me={me} />}</SessionGate>
      {process.env.TARO_ENV === 'h5' && <AppTabBar />}
    </Page>
  )
}
