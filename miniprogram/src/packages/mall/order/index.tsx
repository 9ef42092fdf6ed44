import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { Checked, Clock, Close, Copy } from '@nutui/icons-react-taro'
import { Order as OrderSchema, type Order } from '@union/shared/mall'
import GoodsCover from '@/components/GoodsCover'
import QrCode from '@/components/QrCode'
import SessionGate from '@/components/SessionGate'
import { Blank, Loading } from '@/components/StateView'
import { messageOf, call } from '@/services/api'
import { refreshMe } from '@/services/session'
import { fullTime } from '@/utils/format'
import { useLoadOnShow } from '@/utils/hooks'
import { ORDER_STATUS_TEXT, spacedCode } from '@/utils/mall'
import { useConfirm } from '@/components/ConfirmDialog'
import Page from '@/components/Page'
import './index.scss'

function StatusBanner({ order, fresh }: { order: Order; fresh: boolean }) {
  const where = order.orgName ? `到${order.orgName}` : '到发放工会'
  const { icon, title, text } =
    order.status === 'awaiting_pickup'
      ? { icon: <Clock size={22} color='#fff' />, title: fresh ? '兑换成功，待领取' : '待领取', text: `请${where}出示下方二维码或取货码，由工会干部核销。` }
      : order.status === 'fulfilled'
        ? { icon: <Checked size={22} color='#fff' />, title: '已核销', text: `已于 ${order.fulfilledAt ? fullTime(order.fulfilledAt) : '—'} 领取，感谢参与！` }
        : { icon: <Close size={20} color='#fff' />, title: '已取消', text: `${order.pointsSpent} 积分已退回您的账户。` }
  return (
    <View className={`order-banner order-banner-${order.status}`}>
      <View className='order-banner-icon'>{icon}</View>
      <View className='order-banner-text'>
        <Text className='order-status-title'>{title}</Text>
        <Text className='order-banner-desc'>{text}</Text>
      </View>
    </View>
  )
}

function PickupCard({ order }: { order: Order }) {
  const done = order.status !== 'awaiting_pickup'
  const copy = () => void Taro.setClipboardData({ data: order.pickupCode }).catch(() => {})
  return (
    <View className={`card order-pickup ${done ? 'done' : ''}`}>
      <Text className='order-pickup-label'>{done ? '取货码' : '出示二维码给工会干部扫码核销'}</Text>
      <View className='order-qr-wrap'>
        <QrCode value={order.pickupCode} className='order-qr' />
        {done && <Text className={`order-stamp order-stamp-${order.status}`}>{ORDER_STATUS_TEXT[order.status]}</Text>}
      </View>
      <View className='order-code-row'>
        <Text className='order-code'>{spacedCode(order.pickupCode)}</Text>
        {!done && (
          <View className='order-code-copy' onClick={copy}>
            <Copy size={12} color='#8c8c8c' />
            <Text>复制</Text>
          </View>
        )}
      </View>
      {!done && <Text className='muted order-pickup-tip'>扫码不便时，可报取货码由干部手动输入核销</Text>}
    </View>
  )
}

function Row({ label, value, className = '' }: { label: string; value: string; className?: string }) {
  return (
    <View className={`order-row ${className}`}>
      <Text className='order-row-label'>{label}</Text>
      <Text className='order-row-value'>{value}</Text>
    </View>
  )
}

function OrderView({ id, fresh }: { id: string; fresh: boolean }) {
  const [order, setOrder] = useState<Order>()
  const [error, setError] = useState<string>()
  const [cancelling, setCancelling] = useState(false)
  const [dialog, confirm] = useConfirm('mall-confirm')
  const toasted = useRef(false)

  const load = useCallback(async () => {
    setError(undefined)
    try {
      setOrder(await call('GET /v1/redemptions/{id}', OrderSchema, { params: { id } }))
    } catch (e) {
      setError(messageOf(e))
    }
  }, [id])
  // Reloaded whenever shown: a cadre may have verified it meanwhile.
  useLoadOnShow(() => void load())
  usePullDownRefresh(async () => {
    await load()
    Taro.stopPullDownRefresh()
  })
  // Just redeemed (not a reload of an old link): say so once.
  const justRedeemed = fresh && order?.status === 'awaiting_pickup' && Date.now() - Date.parse(order.createdAt) < 60_000
  useEffect(() => {
    if (justRedeemed && !toasted.current) {
      toasted.current = true
      Taro.showToast({ title: '兑换成功', icon: 'success' })
    }
  }, [justRedeemed])

  const cancel = async () => {
    if (!order) return
    const ok = await confirm({
      title: '取消兑换',
      content: `取消后 ${order.pointsSpent} 积分将退回您的账户，商品库存同时释放。确定取消吗？`,
      confirmText: '确定取消',
      cancelText: '再想想',
    })
    if (!ok) return
    setCancelling(true)
    try {
      const next = await call('POST /v1/redemptions/{id}/cancel', OrderSchema, { params: { id: order.id } })
      setOrder(next)
      void refreshMe().catch(() => {})
      Taro.showToast({ title: '已取消，积分已退回', icon: 'none' })
    } catch (e) {
      Taro.showToast({ title: messageOf(e), icon: 'none' })
      void load()
    } finally {
      setCancelling(false)
    }
  }

  if (!order && error) return <Blank error title='订单加载失败' description={error} actionText='重试' onAction={() => void load()} />
  if (!order) return <Loading rows={6} />

  return (
    <>
      <StatusBanner order={order} fresh={justRedeemed} />
      <PickupCard order={order} />

      <View className='card order-info'>
        <View className='order-goods'>
          <GoodsCover id={order.goodsId} name={order.goodsName ?? ''} imageUrl={order.goodsImageUrl} className='order-goods-cover' iconSize={22} />
          <View className='order-goods-text'>
            <Text className='order-goods-name'>{order.goodsName ?? '商品'}</Text>
            <Text className='muted'>数量 × {order.quantity}</Text>
          </View>
          <Text className='order-goods-points'>{order.pointsSpent} 积分</Text>
        </View>
        {order.orgName && <Row label='发放工会' value={order.orgName} />}
        <Row label='兑换时间' value={fullTime(order.createdAt)} />
        {order.fulfilledAt && <Row label='核销时间' value={fullTime(order.fulfilledAt)} />}
        {order.cancelledAt && <Row label='取消时间' value={fullTime(order.cancelledAt)} />}
        <Row label='订单编号' value={order.id} className='order-row-id' />
      </View>

      <View className='order-actions'>
        {order.status === 'awaiting_pickup' && (
          <Button className='order-cancel' fill='outline' loading={cancelling} onClick={() => void cancel()}>
            取消兑换
          </Button>
        )}
        <Button className='order-more' fill='outline' type='primary' onClick={() => void Taro.switchTab({ url: '/pages/mall/index' })}>
          继续逛逛
        </Button>
      </View>
      {dialog}
    </>
  )
}

export default function OrderPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  return (
    <Page className='order-page'>
      <SessionGate>{() => (id ? <OrderView id={id} fresh={params.from === 'redeem'} /> : <Blank error title='订单不存在' description='链接缺少订单编号。' />)}</SessionGate>
    </Page>
  )
}
