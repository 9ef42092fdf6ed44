import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { Me } from '@union/shared/me'
import { Stats as StatsSchema, type Stats } from '@union/shared/admin'
import { addDays, chinaDay } from '@union/shared/china-day'
import SessionGate from '@/components/SessionGate'
import { Blank, Loading } from '@/components/StateView'
import UnionScope, { initialScope, type Scope } from '@/components/UnionScope'
import { messageOf, call } from '@/services/api'
import Chart, { type ChartOption } from './components/chart'
import Page from '@/components/Page'
import './index.scss'

const RANGES = [
  { days: 7, title: '近7天' },
  { days: 30, title: '近30天' },
] as const
type RangeDays = (typeof RANGES)[number]['days']

const BRAND = '#d9001b'
const BLUE = '#4a6fa5'
const AXIS = {
  axisLabel: { fontSize: 10, color: '#8c8c8c' },
  axisLine: { lineStyle: { color: '#e5e6eb' } },
  axisTick: { show: false },
}

/** 12345 → `1.2万`; smaller numbers as they are. */
const big = (n: number) => (Math.abs(n) >= 10000 ? `${(n / 10000).toFixed(1)}万` : String(n))
const percent = (part: number, whole: number) => (whole > 0 ? `${Math.round((part / whole) * 100)}%` : '—')
const md = (day: string) => day.slice(5)
/** A daily average: one decimal below 10. */
function perDay(total: number, days: number): string {
  const avg = total / days
  if (total === 0) return '0'
  if (avg < 0.1) return '<0.1'
  return avg < 10 ? avg.toFixed(1) : String(Math.round(avg))
}

function lineOption(s: Stats): ChartOption {
  const area = (color: string) => ({
    color: { type: 'linear', x: 0, y: 0, x2: 0, y2: 1, colorStops: [{ offset: 0, color: `${color}33` }, { offset: 1, color: `${color}00` }] },
  })
  const dots = s.days.length <= 10
  return {
    color: [BRAND, BLUE],
    tooltip: { trigger: 'axis', confine: true },
    legend: { top: 0, right: 0, itemWidth: 14, itemHeight: 8, textStyle: { fontSize: 11, color: '#5c5f66' } },
    grid: { left: 4, right: 12, top: 32, bottom: 0 },
    xAxis: { type: 'category', boundaryGap: false, data: s.days.map((d) => md(d.day)), ...AXIS },
    yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#f2f3f5' } }, axisLabel: AXIS.axisLabel },
    series: [
      { name: '签到人次', type: 'line', smooth: 0.3, showSymbol: dots, symbol: 'circle', symbolSize: 5, data: s.days.map((d) => d.signIns), areaStyle: area(BRAND) },
      { name: '活跃用户', type: 'line', smooth: 0.3, showSymbol: dots, symbol: 'circle', symbolSize: 5, data: s.days.map((d) => d.activeUsers), areaStyle: area(BLUE) },
    ],
  }
}

function barOption(s: Stats): ChartOption {
  return {
    color: ['#ff7a45', '#c0c4cc'],
    tooltip: { trigger: 'axis', confine: true, axisPointer: { type: 'shadow' } },
    legend: { top: 0, right: 0, itemWidth: 12, itemHeight: 8, textStyle: { fontSize: 11, color: '#5c5f66' } },
    grid: { left: 4, right: 12, top: 32, bottom: 0 },
    xAxis: { type: 'category', data: s.days.map((d) => md(d.day)), ...AXIS },
    yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#f2f3f5' } }, axisLabel: AXIS.axisLabel },
    series: [
      { name: '兑换单数', type: 'bar', barMaxWidth: 14, itemStyle: { borderRadius: [3, 3, 0, 0] }, data: s.days.map((d) => d.redemptions) },
      { name: '取消', type: 'bar', barMaxWidth: 14, itemStyle: { borderRadius: [3, 3, 0, 0] }, data: s.days.map((d) => d.cancellations) },
    ],
  }
}

function funnelOption(s: Stats): ChartOption {
  const { signups, checkIns } = s.totals
  return {
    color: [BRAND, '#ff9c6e'],
    tooltip: { trigger: 'item', confine: true, formatter: '{b}：{c} 人次' },
    series: [
      {
        name: '报名到签到',
        type: 'funnel',
        sort: 'none',
        left: '12%',
        right: '12%',
        top: 8,
        bottom: 8,
        min: 0,
        max: Math.max(signups, checkIns, 1),
        minSize: '24%',
        gap: 4,
        label: { show: true, position: 'inside', color: '#fff', fontSize: 13, formatter: '{b}  {c}' },
        itemStyle: { borderWidth: 0 },
        data: [
          { name: '报名', value: signups },
          { name: '签到', value: checkIns },
        ],
      },
    ],
  }
}

function Kpi({ name, label, value, sub, unit }: { name: string; label: string; value: string; sub?: string; unit?: string }) {
  return (
    <View className={`stats-kpi stats-kpi-${name}`}>
      <Text className='stats-kpi-label'>{label}</Text>
      <View className='stats-kpi-value-row'>
        <Text className='stats-kpi-value'>{value}</Text>
        {unit && <Text className='stats-kpi-unit'>{unit}</Text>}
      </View>
      {sub && <Text className='stats-kpi-sub'>{sub}</Text>}
    </View>
  )
}

function ChartCard({ title, note, children }: { title: string; note?: string; children: ReactNode }) {
  return (
    <View className='card stats-card'>
      <View className='stats-card-head'>
        <Text className='stats-card-title'>{title}</Text>
        {note && <Text className='stats-card-note'>{note}</Text>}
      </View>
      {children}
    </View>
  )
}

function Figures({ s, days }: { s: Stats; days: number }) {
  const t = s.totals
  const line = useMemo(() => lineOption(s), [s])
  const bars = useMemo(() => barOption(s), [s])
  const funnel = useMemo(() => funnelOption(s), [s])
  const entries = t.entriesMenu + t.entriesOther
  const chartKey = `${s.orgId}-${s.from}-${s.to}`

  return (
    <>
      <View className='stats-kpis'>
        <Kpi name='sign-ins' label='签到人次' value={big(t.signIns)} sub={`日均 ${perDay(t.signIns, days)}`} />
        <Kpi name='active' label='活跃用户' value={big(t.activeUsers)} unit='人次' sub={`日均 ${perDay(t.activeUsers, days)} 人`} />
        <Kpi name='issued' label='发放积分' value={big(t.pointsIssued)} sub='签到、阅读、活动与调整' />
        <Kpi name='spent' label='消耗积分' value={big(t.pointsSpent)} sub='兑换、补签与扣减' />
        <Kpi name='redemptions' label='兑换单数' value={big(t.redemptions)} unit='单' sub={`取消 ${t.cancellations} 单`} />
        <Kpi name='signups' label='报名 / 签到' value={`${big(t.signups)} / ${big(t.checkIns)}`} sub={`到场率 ${percent(t.checkIns, t.signups)}`} />
        <Kpi
          name='wait'
          label='平均审核等待'
          value={s.averageWaitHours === null ? '—' : s.averageWaitHours === 0 ? '<0.1' : String(s.averageWaitHours)}
          unit={s.averageWaitHours === null ? undefined : '小时'}
          sub={`已审结 ${t.requestsDecided} 份申请`}
        />
        <Kpi name='pending' label='待审申请' value={big(s.pending.joinRequests + s.pending.transferRequests)} unit='份' sub={`入会 ${s.pending.joinRequests} · 转会 ${s.pending.transferRequests}`} />
      </View>

      <View className='card stats-entries'>
        <View className='stats-card-head'>
          <Text className='stats-card-title'>进入方式</Text>
          <Text className='stats-card-note'>共 {big(entries)} 次</Text>
        </View>
        <View className='stats-entries-bar'>
          <View className='stats-entries-menu' style={{ width: entries ? `${(t.entriesMenu / entries) * 100}%` : '0%' }} />
        </View>
        <View className='stats-entries-legend'>
          <Text className='stats-entries-item menu'>公众号菜单 {t.entriesMenu}（{percent(t.entriesMenu, entries)}）</Text>
          <Text className='stats-entries-item other'>其他 {t.entriesOther}（{percent(t.entriesOther, entries)}）</Text>
        </View>
      </View>

      <ChartCard title='每日签到与活跃' note='人次 / 人'>
        <Chart key={`line-${chartKey}`} className='stats-chart-line' option={line} height={220} />
      </ChartCard>

      <ChartCard title='每日兑换' note='单'>
        {t.redemptions + t.cancellations === 0 ? (
          <Text className='stats-chart-empty muted'>所选时间内没有兑换订单</Text>
        ) : (
          <Chart key={`bar-${chartKey}`} className='stats-chart-bar' option={bars} height={200} />
        )}
      </ChartCard>

      <ChartCard title='活动报名到签到' note={`到场率 ${percent(t.checkIns, t.signups)}`}>
        {t.signups + t.checkIns === 0 ? (
          <Text className='stats-chart-empty muted'>所选时间内没有活动报名</Text>
        ) : (
          <Chart key={`funnel-${chartKey}`} className='stats-chart-funnel' option={funnel} height={150} />
        )}
      </ChartCard>
    </>
  )
}

function StatsView({ me }: { me: Me }) {
  const { params } = useRouter()
  const [scope, setScope] = useState<Scope>(() => initialScope(me.roles, params))
  const [days, setDays] = useState<RangeDays>(7)
  const [state, setState] = useState<{ status: 'loading' | 'ready' | 'error'; data?: Stats; error?: string }>({ status: 'loading' })
  const seq = useRef(0)

  const to = chinaDay(new Date())
  const from = addDays(to, -(days - 1))

  const load = useCallback(async () => {
    const mine = ++seq.current
    setState((s) => ({ ...s, status: 'loading', error: undefined }))
    try {
      const data = await call('GET /v1/admin/stats', StatsSchema, { query: { orgId: scope.id, from, to } })
      if (mine !== seq.current) return
      setState({ status: 'ready', data })
    } catch (e) {
      if (mine !== seq.current) return
      setState({ status: 'error', error: messageOf(e) })
    }
  }, [scope.id, from, to])

  useEffect(() => {
    void load()
  }, [load])
  usePullDownRefresh(async () => {
    await load()
    Taro.stopPullDownRefresh()
  })

  const s = state.data
  const allZero = s ? Object.values(s.totals).every((v) => v === 0) : false

  return (
    <>
      <UnionScope roles={me.roles} value={scope} onChange={setScope} label='统计范围（含下级工会）' />
      <View className='stats-ranges'>
        {RANGES.map((r) => (
          <Text key={r.days} className={`stats-range stats-range-${r.days} ${days === r.days ? 'active' : ''}`} onClick={() => setDays(r.days)}>
            {r.title}
          </Text>
        ))}
        <Text className='stats-period muted'>{md(from)} 至 {md(to)}（北京时间）</Text>
      </View>

      {state.status === 'error' ? (
        <Blank error title='统计加载失败' description={state.error} actionText='重试' onAction={() => void load()} />
      ) : !s || (state.status === 'loading' && (s.from !== from || s.orgId !== scope.id)) ? (
        <Loading rows={6} />
      ) : (
        <>
          <View className='stats-hero'>
            <View className='stats-hero-main'>
              <Text className='stats-hero-label'>会员总数</Text>
              <Text className='stats-hero-members'>{big(s.members)}</Text>
              <Text className='stats-hero-org'>{s.orgName}</Text>
            </View>
            <View className='stats-hero-side'>
              <Text className='stats-hero-label'>{days} 天新增</Text>
              <Text className='stats-hero-new'>+{big(s.totals.newMembers)}</Text>
            </View>
          </View>
          {allZero ? (
            <Blank title='这段时间还没有数据' description='会员签到、兑换、报名活动后，统计会实时出现在这里。' />
          ) : (
            <Figures s={s} days={days} />
          )}
        </>
      )}
    </>
  )
}

export default function AdminStatsPage() {
  return (
    <Page className='admin-stats-page'>
      <SessionGate cadreOnly='数据统计'>{(me) => <StatsView me={me} />}</SessionGate>
    </Page>
  )
}
