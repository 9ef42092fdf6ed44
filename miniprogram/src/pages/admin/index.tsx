import { useCallback, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Badge, Cell } from '@nutui/nutui-react-taro'
import { ArrowRight } from '@nutui/icons-react-taro'
import type { Me } from '@union/shared/me'
import { JoinRequestPage, TransferRequestPage } from '@union/shared/membership'
import AppTabBar, { useTabPage } from '@/components/AppTabBar'
import SessionGate from '@/components/SessionGate'
import { Blank } from '@/components/StateView'
import { request } from '@/services/api'
import { useLoadOnShow } from '@/utils/hooks'
import './index.scss'

interface Pending {
  join?: number
  transfer?: number
}

/** Pending counts for the review entries (up to 100; shown as 99+ beyond). */
function usePendingCounts(): Pending {
  const [pending, setPending] = useState<Pending>({})
  const load = useCallback(async () => {
    const [join, transfer] = await Promise.allSettled([
      request('/v1/admin/join-requests', { query: { status: 'pending', limit: 100 }, schema: JoinRequestPage }),
      request('/v1/admin/transfer-requests', { query: { status: 'pending', limit: 100 }, schema: TransferRequestPage }),
    ])
    setPending({
      join: join.status === 'fulfilled' ? join.value.items.length : undefined,
      transfer: transfer.status === 'fulfilled' ? transfer.value.items.length : undefined,
    })
  }, [])
  useLoadOnShow(() => void load())
  return pending
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
      onClick={() => void Taro.navigateTo({ url })}
    />
  )
}

function Dashboard({ me }: { me: Me }) {
  const pending = usePendingCounts()
  return (
    <>
      <View className='section-title'>审核</View>
      <Cell.Group className='admin-entries'>
        <ReviewEntry
          className='admin-join-entry'
          title='入会审核'
          description={pending.join ? `${pending.join >= 100 ? '99+' : pending.join} 份申请待审核` : '审核辖区内的入会申请'}
          count={pending.join}
          url='/packages/admin/join-requests/index'
        />
        <ReviewEntry
          className='admin-transfer-entry'
          title='转会审核'
          description={pending.transfer ? `${pending.transfer >= 100 ? '99+' : pending.transfer} 份申请待审核` : '审核转入辖区工会的申请'}
          count={pending.transfer}
          url='/packages/admin/transfer-requests/index'
        />
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

      <View className='section-title'>我管理的工会</View>
      <Cell.Group>
        {me.roles.map((r) => (
          <Cell key={r.orgId} title={r.orgName} description='本级及所有下级工会' />
        ))}
      </Cell.Group>
      <View className='card'>
        <Text className='muted'>数据统计即将上线。</Text>
      </View>
    </>
  )
}

// Reachable by URL, so it checks the role itself rather than relying on the hidden tab.
export default function AdminPage() {
  useTabPage()
  return (
    <View className='page tab-page'>
      <View className='page-title'>工会管理</View>
      <SessionGate>
        {(me) => (me.roles.length === 0 ? <Blank title='仅限工会干部' description='管理功能只对工会干部开放。' /> : <Dashboard me={me} />)}
      </SessionGate>
      {process.env.TARO_ENV === 'h5' && <AppTabBar />}
    </View>
  )
}
