import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ArrowRight } from '@nutui/icons-react-taro'
import { OrderPage, type Order } from '@union/shared/mall'
import GoodsCover from '@/components/GoodsCover'
import SessionGate from '@/components/SessionGate'
import PagedView from '@/components/PagedList'
import { Blank } from '@/components/StateView'
import { shortTime } from '@/utils/format'
import { usePagedRequest } from '@/utils/hooks'
import { ORDER_STATUS_TEXT, spacedCode } from '@/utils/mall'
import Page from '@/components/Page'
import './index.scss'

function OrderCard({ o }: { o: Order }) {
  return (
    <View className='card my-order' onClick={() => void Taro.navigateTo({ url: `/packages/mall/order/index?id=${encodeURIComponent(o.id)}` })}>
      <View className='my-order-head'>
        <Text className='muted'>{shortTime(o.createdAt)} 兑换</Text>
        <Text className={`my-order-status status-${o.status}`}>{ORDER_STATUS_TEXT[o.status]}</Text>
      </View>
      <View className='my-order-body'>
        <GoodsCover id={o.goodsId} name={o.goodsName ?? ''} imageUrl={o.goodsImageUrl} className='my-order-cover' iconSize={22} soldOut={o.status === 'cancelled'} label='' />
        <View className='my-order-text'>
          <Text className='my-order-name'>{o.goodsName ?? '商品'}</Text>
          <Text className='muted'>数量 × {o.quantity} · {o.pointsSpent} 积分</Text>
          {o.status === 'awaiting_pickup' && <Text className='my-order-code'>取货码 {spacedCode(o.pickupCode)}</Text>}
        </View>
        <ArrowRight size={12} color='#c0c4cc' />
      </View>
    </View>
  )
}

function Orders() {
  // Loaded again when back from an order (cancelled, or verified meanwhile).
  const list = usePagedRequest('/v1/me/redemptions', OrderPage)
  return (
    <PagedView
      list={list}
      errorTitle='兑换记录加载失败'
      empty={<Blank title='还没有兑换记录' description='去积分商城看看，用积分兑换普惠好礼。' actionText='去商城' onAction={() => void Taro.switchTab({ url: '/pages/mall/index' })} />}
    >
      {(items) => items.map((o) => <OrderCard key={o.id} o={o} />)}
    </PagedView>
  )
}

export default function MyOrdersPage() {
  return (
    <Page className='my-orders-page'>
      <SessionGate>{() => <Orders />}</SessionGate>
    </Page>
  )
}
