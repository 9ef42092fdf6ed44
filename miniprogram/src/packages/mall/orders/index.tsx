import { useCallback, useRef, useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { ArrowRight } from '@nutui/icons-react-taro'
import { OrderPage, type Order } from '@union/shared/mall'
import GoodsCover from '@/components/GoodsCover'
import SessionGate from '@/components/SessionGate'
import { Blank, Loading } from '@/components/StateView'
import { messageOf, request } from '@/services/api'
import { shortTime } from '@/utils/format'
import { useLoadOnShow } from '@/utils/hooks'
import { ORDER_STATUS_TEXT, spacedCode } from '@/utils/mall'
import './index.scss'

const PAGE_SIZE = 20

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
  const [items, setItems] = useState<Order[]>([])
  const [cursor, setCursor] = useState<string | null>(null)
  const [status, setStatus] = useState<'loading' | 'ready' | 'more' | 'error'>('loading')
  const [error, setError] = useState<string>()
  const seq = useRef(0)

  const load = useCallback(async (from: string | null) => {
    const mine = ++seq.current
    setStatus((s) => (from ? 'more' : s === 'ready' ? 'ready' : 'loading'))
    setError(undefined)
    try {
      const page = await request('/v1/me/redemptions', { query: { limit: PAGE_SIZE, cursor: from ?? undefined }, schema: OrderPage })
      if (mine !== seq.current) return
      setItems((prev) => (from ? [...prev, ...page.items.filter((o) => !prev.some((p) => p.id === o.id))] : page.items))
      setCursor(page.nextCursor)
      setStatus('ready')
    } catch (e) {
      if (mine !== seq.current) return
      setError(messageOf(e))
      setStatus('error')
    }
  }, [])

  // Back from an order (cancelled, or verified meanwhile): the first page again.
  useLoadOnShow(() => void load(null))
  useReachBottom(() => {
    if (cursor && status === 'ready') void load(cursor)
  })
  usePullDownRefresh(async () => {
    await load(null)
    Taro.stopPullDownRefresh()
  })

  if (status === 'loading' && items.length === 0) return <Loading rows={5} />
  if (status === 'error' && items.length === 0) {
    return <Blank error title='兑换记录加载失败' description={error} actionText='重试' onAction={() => void load(null)} />
  }
  if (items.length === 0) {
    return <Blank title='还没有兑换记录' description='去积分商城看看，用积分兑换普惠好礼。' actionText='去商城' onAction={() => void Taro.switchTab({ url: '/pages/mall/index' })} />
  }
  return (
    <>
      {items.map((o) => (
        <OrderCard key={o.id} o={o} />
      ))}
      {cursor ? (
        <Button className='my-orders-more' fill='none' size='small' loading={status === 'more'} onClick={() => void load(cursor)}>
          {status === 'more' ? '加载中…' : '加载更多'}
        </Button>
      ) : (
        <Text className='muted my-orders-end'>没有更多了</Text>
      )}
      {status === 'error' && <Text className='my-orders-error'>{error}</Text>}
    </>
  )
}

export default function MyOrdersPage() {
  return (
    <View className='page my-orders-page'>
      <SessionGate>{() => <Orders />}</SessionGate>
    </View>
  )
}
