import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Image, ScrollView, Text, View } from '@tarojs/components'
import { Button, Grid, Switch } from '@nutui/nutui-react-taro'
import {
  Articles, Cart, Checked, Health, Heart, Location, Order, QrCode, ShieldCheck, Star, User, UserAdd,
} from '@nutui/icons-react-taro'
import type { Me } from '@union/shared/me'
import type { Article } from '@union/shared/articles'
import type { Activity } from '@union/shared/activities'
import type { MakeUpAllowance, SignInCalendar as CalendarDays } from '@union/shared/points'
import { chinaDay, chinaMonth } from '@union/shared/china-day'
import AppTabBar, { useTabPage } from '@/components/AppTabBar'
import SessionGate from '@/components/SessionGate'
import SignInCalendar from '@/components/SignInCalendar'
import { Blank, Loading } from '@/components/StateView'
import { ApiError, call, messageOf, SERVER_CHECKED } from '@/services/api'
import { keep, kept } from '@/services/kept'
import { patchMe, refreshMe } from '@/services/session'
import { homeFeed } from '@/services/home-feed'
import Page from '@/components/Page'
import { useElderMode } from '@/services/elder-mode'
import { activityState, timeRange } from '@/utils/activity'
import { useLoadOnShow } from '@/utils/hooks'
import './index.scss'

const BRAND = '#d9001b'
const navigate = (url: string) => void Taro.navigateTo({ url })
const switchTab = (url: string) => void Taro.switchTab({ url })
const articleUrl = (id: string) => `/packages/news/detail/index?id=${encodeURIComponent(id)}`

interface Tile {
  key: string
  text: string
  icon: (size: number) => JSX.Element
  go: () => void
}

/** The seed's other services: offered by each union offline today, so they open an honest page. */
const OFFLINE_SERVICES: Tile[] = [
  { key: 'legal', text: '法律援助', icon: (s) => <ShieldCheck size={s} color={BRAND} />, go: () => navigate('/packages/services/index?kind=legal') },
  { key: 'hardship', text: '困难帮扶', icon: (s) => <Heart size={s} color={BRAND} />, go: () => navigate('/packages/services/index?kind=hardship') },
  { key: 'map', text: '工会地图', icon: (s) => <Location size={s} color={BRAND} />, go: () => navigate('/packages/services/index?kind=map') },
  { key: 'sanatorium', text: '职工疗休养', icon: (s) => <Health size={s} color={BRAND} />, go: () => navigate('/packages/services/index?kind=sanatorium') },
]

/**
 * The service grid. Someone not yet in a union sees the two ways in first (会员认证 for those already in
 * their union's roster, 申请入会 for everyone else); members see what they use every day.
 */
function tilesFor(me: Me, onSignIn: () => void): Tile[] {
  const status = me.membership.status
  const signIn: Tile = { key: 'signin', text: '签到', icon: (s) => <Checked size={s} color={BRAND} />, go: onSignIn }
  const news: Tile = { key: 'news', text: '资讯', icon: (s) => <Articles size={s} color={BRAND} />, go: () => navigate('/packages/news/list/index') }
  const activities: Tile = { key: 'activities', text: '活动', icon: (s) => <Star size={s} color={BRAND} />, go: () => switchTab('/pages/activities/index') }
  if (status !== 'active') {
    const entry: Tile[] = status === 'pending'
      ? [{ key: 'requests', text: '入会进度', icon: (s) => <Order size={s} color={BRAND} />, go: () => navigate('/packages/membership/requests/index') }]
      : [
          { key: 'verify', text: '会员认证', icon: (s) => <User size={s} color={BRAND} />, go: () => navigate('/packages/membership/verify/index') },
          { key: 'join', text: '申请入会', icon: (s) => <UserAdd size={s} color={BRAND} />, go: () => navigate('/packages/membership/join/index') },
        ]
    return [...entry, signIn, news, activities, ...OFFLINE_SERVICES]
  }
  return [
    signIn,
    { key: 'mall', text: '积分商城', icon: (s) => <Cart size={s} color={BRAND} />, go: () => switchTab('/pages/mall/index') },
    activities,
    news,
    // 会员码 is the 会员证 at the top of 我的 (tap it to enlarge the QR code).
    { key: 'code', text: '会员码', icon: (s) => <QrCode size={s} color={BRAND} />, go: () => switchTab('/pages/mine/index') },
    { key: 'orders', text: '我的兑换', icon: (s) => <Order size={s} color={BRAND} />, go: () => navigate('/packages/mall/orders/index') },
    ...OFFLINE_SERVICES,
  ]
}

function Greeting({ me }: { me: Me }) {
  const m = me.membership
  return (
    <View className='home-hero'>
      <Text className='home-hero-hello'>{me.nickname}，你好</Text>
      <Text className='home-hero-org'>
        {m.status === 'active' ? m.orgName : m.status === 'pending' ? '入会申请审核中' : '尚未加入工会'}
      </Text>
      {m.status === 'active' && m.memberNo && <Text className='home-hero-member-no'>会员号 {m.memberNo}</Text>}
      <View className='home-hero-points'>
        <Text className='home-hero-label'>我的积分</Text>
        <Text className='points-balance'>{me.points.balance}</Text>
      </View>
    </View>
  )
}

/**
 * Pinned articles as a banner, swiped by hand (a snapping horizontal scroll); nothing at all when none
 * is pinned. Not a Swiper: on H5 that brings a 320 KB carousel library onto the first screen, and
 * nothing moving on its own is kinder to read anyway.
 */
function Banner({ items }: { items: Article[] }) {
  if (items.length === 0) return null
  return (
    <View className='home-banner'>
      <ScrollView className='home-swiper' scrollX enhanced pagingEnabled showScrollbar={false}>
        {items.map((a, i) => (
          <View key={a.id} className='home-slide' onClick={() => navigate(articleUrl(a.id))}>
            {a.coverUrl ? <Image className='home-slide-cover' src={a.coverUrl} mode='aspectFill' lazyLoad /> : null}
            <View className={`home-slide-text ${a.coverUrl ? 'on-cover' : ''}`}>
              <Text className='home-slide-kind'>
                {a.kind === 'notice' ? '通知公告' : '工会要闻'}
                {items.length > 1 ? ` · ${i + 1}/${items.length}` : ''}
              </Text>
              <Text className='home-slide-title'>{a.title}</Text>
            </View>
          </View>
        ))}
      </ScrollView>
    </View>
  )
}

function ServiceGrid({ tiles, elder }: { tiles: Tile[]; elder: boolean }) {
  return (
    <View className='card home-services'>
      <Grid className='home-grid' columns={elder ? 3 : 4} gap={0}>
        {tiles.map((t) => (
          <Grid.Item key={t.key} className={`home-tile home-tile-${t.key}`} text={<Text className='home-tile-text'>{t.text}</Text>} onClick={t.go}>
            {t.icon(elder ? 36 : 28)}
          </Grid.Item>
        ))}
      </Grid>
    </View>
  )
}

/** The month's calendar with what 补签 allows (absent when that could not be read: the calendar still shows). */
type Calendar = CalendarDays & { makeUp?: MakeUpAllowance }

/** `2026-11-03` → `11月3日`. */
const monthDay = (day: string) => `${Number(day.slice(5, 7))}月${Number(day.slice(8))}日`

/**
 * Tomorrow's sign-in reminder, offered once signed in today. On weapp WeChat's one-time subscribe
 * consent is asked on the tap (with the expiry notice's template when configured); on H5 a plain switch.
 */
function ReminderOffer() {
  const [remindOn, setRemindOn] = useState<string>()
  const [busy, setBusy] = useState(false)
  const accept = async () => {
    if (busy || remindOn) return
    setBusy(true)
    try {
      let accepted: Array<'signInReminder' | 'pointsExpiry'> = ['signInReminder']
      if (process.env.TARO_ENV === 'weapp') {
        const signIn = process.env.TARO_APP_SUBSCRIBE_TEMPLATE_SIGNIN
        const expiry = process.env.TARO_APP_SUBSCRIBE_TEMPLATE_EXPIRY
        const ids = [signIn, expiry].filter(Boolean)
        if (ids.length === 0) throw new Error('暂未开通订阅消息')
        const answer = (await Taro.requestSubscribeMessage({ tmplIds: ids } as Taro.requestSubscribeMessage.Option)) as unknown as Record<string, string>
        accepted = [...(signIn && answer[signIn] === 'accept' ? ['signInReminder' as const] : []), ...(expiry && answer[expiry] === 'accept' ? ['pointsExpiry' as const] : [])]
        if (accepted.length === 0) return
      }
      const result = await call('POST /v1/sign-ins/reminders', SERVER_CHECKED, { body: { accepted } })
      setRemindOn(result.remindOn ?? undefined)
      Taro.showToast({ title: result.remindOn ? '明天会提醒您签到' : '已订阅积分过期提醒', icon: 'none' })
    } catch (error) {
      Taro.showToast({ title: messageOf(error), icon: 'none' })
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='home-reminder' onClick={accept}>
      <View className='home-reminder-text'>
        <Text className='home-reminder-title'>明天提醒我签到</Text>
        <Text className='home-muted'>{remindOn ? `已设置：${monthDay(remindOn)}上午 8 点提醒您` : '通过微信服务通知提醒一次，不会打扰您'}</Text>
      </View>
      <View onClick={(e) => e.stopPropagation()}>
        <Switch className='home-reminder-toggle' checked={Boolean(remindOn)} disabled={Boolean(remindOn) || busy} onChange={(on) => on && void accept()} />
      </View>
    </View>
  )
}

function SignInCard({ me, calendarKey }: { me: Me; calendarKey: number }) {
  const [calendar, setCalendar] = useState<Calendar>()
  const [showCalendar, setShowCalendar] = useState(false)
  const [loadError, setLoadError] = useState<string>()
  const [signing, setSigning] = useState(false)
  const [picked, setPicked] = useState<string>()
  const [makingUp, setMakingUp] = useState(false)
  const today = chinaDay(new Date())

  const loadCalendar = useCallback(async () => {
    setLoadError(undefined)
    try {
      const [days, makeUp] = await Promise.all([
        call('GET /v1/sign-ins', SERVER_CHECKED, { query: { month: chinaMonth(new Date()) } }),
        call('GET /v1/sign-ins/make-up', SERVER_CHECKED).catch(() => undefined),
      ])
      setCalendar({ ...days, makeUp })
    } catch (error) {
      setLoadError(messageOf(error))
    }
  }, [])

  useEffect(() => {
    if (showCalendar) void loadCalendar()
  }, [showCalendar, calendarKey, loadCalendar])

  const signIn = async () => {
    setSigning(true)
    try {
      const result = await call('POST /v1/sign-ins', SERVER_CHECKED)
      patchMe((m) => ({ ...m, points: { balance: result.balance }, signIn: { streak: result.streak, signedToday: true } }))
      setCalendar((c) => (c && !c.days.includes(result.date) ? { ...c, days: [...c.days, result.date], streak: result.streak } : c))
      Taro.showToast({ title: `签到成功 +${result.points} 积分`, icon: 'success' })
    } catch (error) {
      if (error instanceof ApiError && error.code === 'ALREADY_SIGNED_IN') {
        await refreshMe().catch(() => {})
        if (showCalendar) await loadCalendar()
      }
      Taro.showToast({ title: messageOf(error), icon: 'none' })
    } finally {
      setSigning(false)
    }
  }

  const makeUp = calendar?.makeUp
  const makeUpsLeft = makeUp ? Math.max(0, makeUp.perMonth - makeUp.used) : 0
  const makeUpDay = async (day: string) => {
    if (!makeUp) return
    const { confirm } = await Taro.showModal({
      title: '确认补签',
      content: `补签${monthDay(day)}将扣除 ${makeUp.cost} 积分，并获得当天的签到积分，计入连续签到。`,
      confirmText: '补签',
      cancelText: '再想想',
    })
    if (!confirm) return
    setMakingUp(true)
    try {
      const result = await call('POST /v1/sign-ins/make-up', SERVER_CHECKED, { body: { day } })
      patchMe((m) => ({ ...m, points: { balance: result.balance }, signIn: { ...m.signIn, streak: result.streak } }))
      setCalendar((c) => (c ? { ...c, days: [...c.days, result.date], streak: result.streak, makeUp: c.makeUp && { ...c.makeUp, used: c.makeUp.used + 1 } } : c))
      setPicked(undefined)
      Taro.showToast({ title: `补签成功 +${result.points} 积分`, icon: 'success' })
    } catch (error) {
      Taro.showToast({ title: messageOf(error), icon: 'none' })
      void loadCalendar()
    } finally {
      setMakingUp(false)
    }
  }

  const signed = me.signIn.signedToday
  return (
    <View className='card home-signin-card' id='home-signin'>
      <View className='home-signin'>
        <View className='home-signin-state'>
          <Text className='home-signin-title'>{signed ? '今天已经签到啦' : '每日签到领积分'}</Text>
          <Text className='streak home-muted'>已连续签到 {me.signIn.streak} 天</Text>
        </View>
        <Button
          type='primary'
          className='home-signin-button'
          disabled={signed}
          loading={signing}
          icon={signed ? <Checked /> : undefined}
          onClick={signIn}
        >
          {signed ? '今日已签到' : '签到领积分'}
        </Button>
      </View>
      {signed && <ReminderOffer />}
      <View className='home-calendar-toggle' onClick={() => setShowCalendar((v) => !v)}>
        <Text>{showCalendar ? '收起签到日历' : '查看签到日历 · 补签'}</Text>
      </View>
      {showCalendar &&
        (calendar ? (
          <View className='home-calendar'>
            <SignInCalendar month={calendar.month} signedDays={calendar.days} today={today} picked={picked} onPick={makeUp && makeUpsLeft > 0 ? setPicked : undefined} />
            {picked && (
              <Button type='primary' fill='outline' className='home-makeup-button' loading={makingUp} onClick={() => void makeUpDay(picked)}>
                补签{monthDay(picked)}（{makeUp?.cost} 积分）
              </Button>
            )}
            <Text className='home-muted home-rule'>连续签到每天多得 1 分，断签后重新累计。按北京时间计日。</Text>
            {makeUp && (
              <Text className='home-muted home-rule home-makeup-rule'>
                {makeUpsLeft > 0
                  ? `点虚线圈的漏签日期可补签：每次 ${makeUp.cost} 积分，每月 ${makeUp.perMonth} 次，本月还可补签 ${makeUpsLeft} 次。`
                  : `本月补签次数已用完（每月 ${makeUp.perMonth} 次）。`}
              </Text>
            )}
          </View>
        ) : loadError ? (
          <Blank error title='签到日历加载失败' description={loadError} actionText='重试' onAction={loadCalendar} />
        ) : (
          <Loading />
        ))}
    </View>
  )
}

function ElderSwitch() {
  const elder = useElderMode()
  return (
    <View className='card home-elder-switch' onClick={() => elder.setOn(!elder.on)}>
      <View className='home-elder-text'>
        <Text className='home-elder-title'>长辈模式</Text>
        <Text className='home-muted'>字更大、按钮更大、首页更简洁</Text>
      </View>
      <View onClick={(e) => e.stopPropagation()}>
        <Switch className='home-elder-toggle' checked={elder.on} onChange={(v) => elder.setOn(v)} />
      </View>
    </View>
  )
}

interface Loaded<T> {
  items?: T[]
  error?: string
}

/**
 * What the home page last showed (news and upcoming activities), shown at once on the next open while
 * the page asks again (stale-while-revalidate). Public content, per device.
 */
const HOME_KEY = 'zhgh.home'
interface KeptHome {
  news?: Article[]
  activities?: Activity[]
}
function keptHome(): KeptHome {
  return kept<KeptHome>(HOME_KEY) ?? {}
}
const keepHome = (home: KeptHome) => keep(HOME_KEY, home)

function SectionHead({ title, more, onMore }: { title: string; more?: string; onMore?: () => void }) {
  return (
    <View className='home-section-head'>
      <Text className='home-section-title'>{title}</Text>
      {more && (
        <Text className='home-section-more' onClick={onMore}>
          {more} ›
        </Text>
      )}
    </View>
  )
}

function LatestNews({ state, reload }: { state: Loaded<Article>; reload: () => void }) {
  return (
    <View className='home-news'>
      <SectionHead title='工会资讯' more='全部' onMore={() => navigate('/packages/news/list/index')} />
      {state.items ? (
        state.items.length === 0 ? (
          <Blank title='暂无资讯' description='工会发布新闻和通知后会显示在这里。' />
        ) : (
          <View className='card home-news-list'>
            {state.items.map((a) => (
              <View key={a.id} className='home-news-item' onClick={() => navigate(articleUrl(a.id))}>
                <Text className='home-news-title'>
                  {a.kind === 'notice' && <Text className='home-news-tag'>通知</Text>}
                  {a.title}
                </Text>
                <Text className='home-muted'>
                  {a.orgName} · {a.publishedAt.slice(0, 10)}
                </Text>
              </View>
            ))}
          </View>
        )
      ) : state.error ? (
        <Blank error title='资讯加载失败' description={state.error} actionText='重试' onAction={reload} />
      ) : (
        <Loading rows={3} />
      )}
    </View>
  )
}

function UpcomingActivities({ state }: { state: Loaded<Activity> }) {
  // A failed or empty list leaves the section out: the 活动 tab shows the full story.
  if (!state.items || state.items.length === 0) return null
  return (
    <View className='home-activities'>
      <SectionHead title='近期活动' more='全部' onMore={() => switchTab('/pages/activities/index')} />
      <View className='card home-news-list'>
        {state.items.map((a) => (
          <View key={a.id} className='home-news-item' onClick={() => navigate(`/packages/activity/detail/index?id=${encodeURIComponent(a.id)}`)}>
            <Text className='home-news-title'>{a.title}</Text>
            <Text className='home-muted'>{timeRange(a.startsAt, a.endsAt)}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}

function Home({ me }: { me: Me }) {
  const elder = useElderMode()
  // The last known sections first (kept by the previous open), replaced by what the requests answer.
  const [kept] = useState(keptHome)
  const [news, setNews] = useState<Loaded<Article>>({ items: kept.news })
  const [activities, setActivities] = useState<Loaded<Activity>>({ items: kept.activities })
  const [calendarKey, setCalendarKey] = useState(0)
  const seq = useRef(0)
  // What is below the fold renders after the first frame: the greeting, services and sign-in come first.
  // A bare timeout fired before that frame's paint on H5 (and rendered the lists in its way); a timeout
  // from the next animation frame runs after it. weapp's logic layer has no animation frames.
  const [belowFold, setBelowFold] = useState(false)
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const later = () => (timer = setTimeout(() => setBelowFold(true), 0))
    if (typeof requestAnimationFrame !== 'function') {
      later()
      return () => clearTimeout(timer)
    }
    const frame = requestAnimationFrame(later)
    return () => {
      cancelAnimationFrame(frame)
      clearTimeout(timer)
    }
  }, [])

  // Both requests at once; the first load takes those the launch started beside the session's own refresh
  // of `Me` (services/home-feed).
  const load = useCallback(async () => {
    const mine = ++seq.current
    const [n, a] = await Promise.allSettled(homeFeed())
    if (mine !== seq.current) return
    // What the requests answer is mostly what the page already shows (from storage): then the state is
    // left as it is, so nothing renders again (and storage is not rewritten).
    const same = <T,>(a: T[] | undefined, b: T[]) => a !== undefined && JSON.stringify(a) === JSON.stringify(b)
    setNews(n.status === 'fulfilled' ? (s) => (!s.error && same(s.items, n.value.items) ? s : { items: n.value.items }) : (s) => ({ items: s.items, error: messageOf(n.reason) }))
    const now = Date.now()
    const upcoming = a.status === 'fulfilled' ? a.value.items.filter((x) => ['open', 'upcoming', 'ongoing'].includes(activityState(x, now))).slice(0, 3) : undefined
    setActivities((s) => (upcoming && !same(s.items, upcoming) ? { items: upcoming } : s))
    // A failed request keeps what was kept before: the next open still has something to show.
    const before = keptHome()
    const next = { news: n.status === 'fulfilled' ? n.value.items : before.news, activities: upcoming ?? before.activities }
    if (!(next.news && same(before.news, next.news) && next.activities && same(before.activities, next.activities))) keepHome(next)
  }, [])
  useLoadOnShow(() => void load())
  usePullDownRefresh(async () => {
    await Promise.allSettled([refreshMe(), load()])
    setCalendarKey((k) => k + 1)
    Taro.stopPullDownRefresh()
  })

  const scrollToSignIn = () => void Taro.pageScrollTo({ selector: '#home-signin', duration: 300 }).catch(() => {})
  const pinned = (news.items ?? []).filter((a) => a.pinned)
  const latest = news.items ? { items: news.items.slice(0, elder.on ? 3 : 5) } : news

  return (
    <View className={`home-body ${elder.on ? 'home-elder' : ''}`}>
      <Greeting me={me} />
      {/* 长辈模式: no carousel — one thing at a time, nothing moving on its own. */}
      {!elder.on && <Banner items={pinned} />}
      <ServiceGrid tiles={tilesFor(me, scrollToSignIn)} elder={elder.on} />
      <SignInCard me={me} calendarKey={calendarKey} />
      {belowFold && (
        <>
          <ElderSwitch />
          {!elder.on && <UpcomingActivities state={activities} />}
          <LatestNews state={latest} reload={() => void load()} />
        </>
      )}
    </View>
  )
}

export default function IndexPage() {
  useTabPage()
  return (
    <Page className='tab-page home'>
      <SessionGate>{(me) => <Home me={me} />}</SessionGate>
      {process.env.TARO_ENV === 'h5' && <AppTabBar />}
    </Page>
  )
}
