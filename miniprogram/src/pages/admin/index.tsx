import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Badge, Cell } from '@nutui/nutui-react-taro'
import { ArrowRight } from '@nutui/icons-react-taro'
import type { Me } from '@union/shared/me'
import type { Overview } from '@union/shared/admin'
import AppTabBar, { useTabPage } from '@/components/AppTabBar'
import SessionGate from '@/components/SessionGate'
import ScopeChips from '@/components/ScopeChips'
import ScopeBar, { scopeQuery, type Scope } from '@/components/ScopeBar'
import { takeAdminScope } from '@/store/admin-scope'
import { messageOf, call, SERVER_CHECKED } from '@/services/api'
import { useLoadOnShow } from '@/utils/hooks'
import Page from '@/components/Page'
import './index.scss'

interface OverviewState {
  data?: Overview
  error?: string
}

/** The to-do counts of the union in scope (`GET /v1/admin/overview`), reloaded whenever the tab is shown. */
function useOverview(orgId: string): [OverviewState, () => void] {
  const [state, setState] = useState<OverviewState>({})
  const seq = useRef(0)
  const load = useCallback(async () => {
    const mine = ++seq.current
    try {
      const data = await call('GET /v1/admin/overview', SERVER_CHECKED, { query: { orgId } })
      if (mine === seq.current) setState({ data })
    } catch (e) {
      if (mine === seq.current) setState((s) => ({ data: s.data?.orgId === orgId ? s.data : undefined, error: messageOf(e) }))
    }
  }, [orgId])
  const first = useRef(true)
  useEffect(() => {
    if (first.current) {
      first.current = false
      return
    }
    setState({})
    void load()
  }, [load])
  useLoadOnShow(() => void load())
  return [state, () => void load()]
}

const go = (url: string) => () => void Taro.navigateTo({ url })
const countText = (n: number) => (n > 99 ? '99+' : String(n))

function Todo({ name, label, value, url }: { name: string; label: string; value?: number; url: string }) {
  return (
    <View className={`admin-todo admin-todo-${name} ${value ? 'has-todo' : ''}`} onClick={go(url)}>
      <Text className='admin-todo-count'>{value === undefined ? '–' : countText(value)}</Text>
      <Text className='admin-todo-label'>{label}</Text>
    </View>
  )
}

function ReviewEntry({ className, title, description, count, url }: { className: string; title: string; description: string; count?: number; url: string }) {
  return (
    <Cell
      className={`admin-entry ${className}`}
      title={title}
      description={description}
      align='center'
      clickable
      extra={
        <View className='admin-entry-extra'>
          {count !== undefined && count > 0 && <Badge className='admin-pending' value={count} max={99} />}
          <ArrowRight size={12} color='#c0c4cc' />
        </View>
      }
      onClick={go(url)}
    />
  )
}

function Dashboard({ me }: { me: Me }) {
  const [scope, setScope] = useState<Scope>({ id: me.roles[0].orgId, name: me.roles[0].orgName })
  // Roles changed (appointed or removed elsewhere): start again from the first one.
  const roleKey = me.roles.map((r) => r.orgId).join()
  const shownRoles = useRef(roleKey)
  useEffect(() => {
    if (shownRoles.current === roleKey) return
    shownRoles.current = roleKey
    setScope({ id: me.roles[0].orgId, name: me.roles[0].orgName })
  }, [roleKey, me.roles])
  // Back from the scope page (packages/admin/scope): the union picked there.
  useDidShow(() => {
    const picked = takeAdminScope()
    if (picked) setScope(picked)
  })
  const [overview, reload] = useOverview(scope.id)
  const o = overview.data?.orgId === scope.id ? overview.data : undefined
  const q = scopeQuery(scope)

  return (
    <>
      <View className='admin-hero'>
        <ScopeBar className='admin-hero-scope' value={scope} label='管理范围 · 本级及所有下级工会' onClick={() => void Taro.navigateTo({ url: `/packages/admin/scope/index?${scopeQuery(scope)}` })} />
        <ScopeChips
          roles={me.roles}
          value={scope.id}
          verb=''
          className='admin-roles'
          chipClassName='admin-role-chip'
          onChange={(orgId) => setScope({ id: orgId, name: me.roles.find((r) => r.orgId === orgId)?.orgName ?? '' })}
        />
        <View className='admin-todos'>
          <Todo name='join' label='入会待审' value={o?.pendingJoinRequests} url='/packages/admin/join-requests/index' />
          <Todo name='transfer' label='转会待审' value={o?.pendingTransferRequests} url='/packages/admin/transfer-requests/index' />
          <Todo name='pickup' label='待核销订单' value={o?.ordersAwaitingPickup} url='/packages/admin-mall/orders/index' />
          <Todo name='activities' label='今日活动' value={o?.activitiesToday} url='/packages/admin-activity/list/index' />
        </View>
        {overview.error && !o && (
          <Text className='admin-todos-error' onClick={reload}>
            待办加载失败：{overview.error}（点此重试）
          </Text>
        )}
      </View>

      <View className='section-title'>审核</View>
      <Cell.Group className='admin-entries'>
        <ReviewEntry
          className='admin-join-entry'
          title='入会审核'
          description={o?.pendingJoinRequests ? `${countText(o.pendingJoinRequests)} 份申请待审核` : '审核辖区内的入会申请'}
          count={o?.pendingJoinRequests}
          url='/packages/admin/join-requests/index'
        />
        <ReviewEntry
          className='admin-transfer-entry'
          title='转会审核'
          description={o?.pendingTransferRequests ? `${countText(o.pendingTransferRequests)} 份申请待审核` : '审核转入辖区工会的申请'}
          count={o?.pendingTransferRequests}
          url='/packages/admin/transfer-requests/index'
        />
      </Cell.Group>

      <View className='section-title'>组织</View>
      <Cell.Group className='admin-entries'>
        <ReviewEntry className='admin-orgs-entry' title='组织管理' description='浏览辖区工会，新建、改名或撤销下级工会' url='/packages/admin/orgs/index' />
        <ReviewEntry className='admin-org-apps-entry' title='建会审批' description='审批企业成立基层工会的申请' url='/packages/admin/org-applications/index' />
      </Cell.Group>

      <View className='section-title'>积分商城</View>
      <Cell.Group className='admin-entries'>
        <ReviewEntry className='admin-mall-goods' title='商品管理' description='发布商品、调整库存、上架下架' url='/packages/admin-mall/goods/index' />
        <ReviewEntry className='admin-mall-verify' title='扫码核销' description='扫描会员的取货码，发放兑换商品' url='/packages/admin-mall/verify/index' />
        <ReviewEntry className='admin-mall-orders' title='兑换订单' description='待领取、已核销、已取消的订单' url='/packages/admin-mall/orders/index' />
        <ReviewEntry className='admin-mall-adjust' title='积分调整' description='为会员增加或扣减积分（需填写原因）' url='/packages/admin-mall/adjust/index' />
      </Cell.Group>

      <View className='section-title'>职工活动</View>
      <Cell.Group className='admin-entries'>
        <ReviewEntry className='admin-activities-entry' title='活动管理' description='发布活动、报名名单、现场签到码' url='/packages/admin-activity/list/index' />
      </Cell.Group>

      <View className='section-title'>工会资讯</View>
      <Cell.Group className='admin-entries'>
        <ReviewEntry className='admin-news-entry' title='资讯管理' description='撰写、发布、置顶新闻和通知公告' url='/packages/admin-news/list/index' />
      </Cell.Group>

      <View className='section-title'>数据与干部</View>
      <Cell.Group className='admin-entries'>
        <ReviewEntry className='admin-stats-entry' title='数据统计' description='会员、签到、积分、兑换与活动趋势' url={`/packages/admin-stats/index?${q}`} />
        <ReviewEntry className='admin-roles-entry' title='干部管理' description='按会员号任命或免去本级及下级工会干部' url={`/packages/admin-tools/roles/index?${q}`} />
        <ReviewEntry className='admin-audit-entry' title='操作日志' description='审核、商城、活动与任免的操作记录' url={`/packages/admin-tools/audit/index?${q}`} />
        <ReviewEntry className='admin-member-entry' title='会员查询' description='按会员号查看积分与登记信息，解绑微信' url='/packages/admin-tools/member/index' />
        <ReviewEntry className='admin-roster-entry' title='名册导入' description='上传会员名册（Excel/CSV），校验后确认导入' url={`/packages/admin-roster/imports/index?${q}`} />
      </Cell.Group>

      <View className='section-title'>我管理的工会</View>
      <Cell.Group>
        {me.roles.map((r) => (
          <Cell key={r.orgId} title={r.orgName} description='本级及所有下级工会' />
        ))}
      </Cell.Group>
    </>
  )
}

// Reachable by URL, so it checks the role itself rather than relying on the hidden tab.
export default function AdminPage() {
  useTabPage()
  return (
    <Page className='tab-page'>
      <View className='page-title'>工会管理</View>
      <SessionGate cadreOnly='管理功能'>{(me) => <Dashboard me={me} />}</SessionGate>
      {process.env.TARO_ENV === 'h5' && <AppTabBar />}
    </Page>
  )
}
