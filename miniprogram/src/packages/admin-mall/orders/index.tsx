import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Tabs } from '@nutui/nutui-react-taro'
import type { Me } from '@union/shared/me'
import { CadreOrderPage, type CadreOrder, type OrderStatus } from '@union/shared/mall'
import GoodsCover from '@/components/GoodsCover'
import SessionGate from '@/components/SessionGate'
import PagedView from '@/components/PagedList'
import ScopeChips from '@/components/ScopeChips'
import { Blank } from '@/components/StateView'
import { fullTime } from '@/utils/format'
import { usePagedRequest } from '@/utils/hooks'
import { ORDER_STATUS_TEXT } from '@/utils/mall'
import Page from '@/components/Page'
import '../components/admin-mall.scss'
import './index.scss'

const TABS: OrderStatus[] = ['awaiting_pickup', 'fulfilled', 'cancelled']
const EMPTY: Record<OrderStatus, string> = {
  awaiting_pickup: '没有待领取的订单',
  fulfilled: '还没有核销过的订单',
  cancelled: '没有已取消的订单',
}

function OrderRow({ o }: { o: CadreOrder }) {
  const when =
    o.status === 'fulfilled' ? `核销于 ${o.fulfilledAt ? fullTime(o.fulfilledAt) : '—'}`
    : o.status === 'cancelled' ? `取消于 ${o.cancelledAt ? fullTime(o.cancelledAt) : '—'}`
    : `兑换于 ${fullTime(o.createdAt)}`
  return (
    <View className={`card ao-order ao-order-${o.status}`}>
      <View className='ao-order-main'>
        <GoodsCover id={o.goodsId} name={o.goodsName ?? ''} imageUrl={o.goodsImageUrl} className='ao-order-cover' iconSize={20} />
        <View className='ao-order-text'>
          <View className='ao-order-head'>
            <Text className='ao-order-name'>{o.goodsName ?? '商品'}</Text>
            <Text className='ao-order-qty'>× {o.quantity}</Text>
          </View>
          <Text className='ao-order-member'>{o.memberName ?? '会员'} · {o.pointsSpent} 积分</Text>
          <Text className='muted ao-order-when'>{when}</Text>
        </View>
      </View>
      {o.orgName && <Text className='muted ao-order-org'>{o.orgName}</Text>}
    </View>
  )
}

function Orders({ me }: { me: Me }) {
  const [status, setStatus] = useState<OrderStatus>('awaiting_pickup')
  const [orgId, setOrgId] = useState(me.roles[0]?.orgId ?? '')
  // Loaded again when back from the editor or a verification.
  const list = usePagedRequest('/v1/admin/redemptions', CadreOrderPage, { status, orgId: me.roles.length > 1 ? orgId : undefined })

  return (
    <>
      <ScopeChips roles={me.roles} value={orgId} onChange={setOrgId} />
      <View className='ao-tabs'>
        <Tabs value={status} activeType='line' onChange={(v) => setStatus(v as OrderStatus)}>
          {TABS.map((t) => (
            <Tabs.TabPane key={t} title={ORDER_STATUS_TEXT[t]} value={t} />
          ))}
        </Tabs>
      </View>
      <PagedView
        list={list}
        rows={4}
        errorTitle='订单加载失败'
        empty={<Blank title={EMPTY[status]} description={status === 'awaiting_pickup' ? '会员兑换后，待领取的订单会出现在这里。' : undefined} />}
        head={
          status === 'awaiting_pickup' && (
            <View className='ao-verify-hint' onClick={() => void Taro.navigateTo({ url: '/packages/admin-mall/verify/index' })}>
              <Text>会员到场出示取货码后即可核销</Text>
              <Text className='ao-verify-link'>去核销</Text>
            </View>
          )
        }
      >
        {(items) => items.map((o) => <OrderRow key={o.id} o={o} />)}
      </PagedView>
    </>
  )
}

export default function AdminOrdersPage() {
  return (
    <Page className='ao-page'>
      <SessionGate cadreOnly='兑换订单'>{(me) => <Orders me={me} />}</SessionGate>
    </Page>
  )
}
