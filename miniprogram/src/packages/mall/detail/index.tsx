import { useEffect, useRef, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, InputNumber, Popup } from '@nutui/nutui-react-taro'
import { Location, Store, Tips } from '@nutui/icons-react-taro'
import type { Me } from '@union/shared/me'
import { Goods as GoodsSchema, Order, type Goods } from '@union/shared/mall'
import GoodsCover from '@/components/GoodsCover'
import FavoriteToggle from '@/components/FavoriteToggle'
import SessionGate from '@/components/SessionGate'
import { Blank, ResourceState } from '@/components/StateView'
import { useResource } from '@/utils/hooks'
import { ApiError, messageOf, newIdempotencyKey, call } from '@/services/api'
import { patchMe, refreshMe } from '@/services/session'
import { FULFILMENT_TEXT, maxQuantity } from '@/utils/mall'
import Page from '@/components/Page'
import './index.scss'

/** Errors after which trying again with the same key is the right move (the order may even exist). */
const RETRYABLE = new Set(['NETWORK', 'BUSY', 'HTTP_ERROR', 'INTERNAL', 'BAD_RESPONSE'])

interface SheetError {
  message: string
  retry?: boolean
  action?: { text: string; url: string; tab?: boolean }
}

function ConfirmSheet({ visible, goods, quantity, me, onClose, onRedeemed, onStale }: {
  visible: boolean
  goods: Goods
  quantity: number
  me: Me
  onClose: () => void
  onRedeemed: (order: Order) => void
  onStale: () => void
}) {
  const [submitting, setSubmitting] = useState(false)
  const [error, setError] = useState<SheetError>()
  // One key per redemption: kept across retries (a lost answer must not redeem twice), replaced when
  // the request changes or after success.
  const key = useRef<{ value: string; for: string }>()
  const requestId = `${goods.id}:${quantity}`

  useEffect(() => {
    if (visible) setError(undefined)
  }, [visible])

  const cost = goods.pointsPrice * quantity
  const balance = me.points.balance
  const short = cost - balance

  const confirm = async () => {
    if (submitting) return
    if (key.current?.for !== requestId) key.current = { value: newIdempotencyKey(), for: requestId }
    setSubmitting(true)
    setError(undefined)
    try {
      const order = await call('POST /v1/redemptions', Order, { body: { goodsId: goods.id, quantity }, idempotencyKey: key.current.value })
      key.current = undefined
      patchMe((m) => ({ ...m, points: { balance: Math.max(0, m.points.balance - order.pointsSpent) } }))
      onRedeemed(order)
    } catch (e) {
      const code = e instanceof ApiError ? e.code : 'NETWORK'
      const message = messageOf(e)
      if (code === 'IDEMPOTENCY_KEY_REUSED') key.current = undefined
      if (code === 'INSUFFICIENT_POINTS') void refreshMe().catch(() => {})
      if (code === 'OUT_OF_STOCK' || code === 'INVALID_STATE') onStale()
      setError({
        message: RETRYABLE.has(code) ? `${message}。本次兑换不会重复扣分，可放心重试。` : message,
        retry: RETRYABLE.has(code) || code === 'IDEMPOTENCY_KEY_REUSED',
        action:
          code === 'NOT_A_MEMBER' ? { text: '去申请入会', url: '/packages/membership/join/index' }
          : code === 'LIMIT_REACHED' ? { text: '查看我的兑换', url: '/packages/mall/orders/index' }
          : code === 'INSUFFICIENT_POINTS' ? { text: '去签到攒积分', url: '/pages/index/index', tab: true }
          : undefined,
      })
    } finally {
      setSubmitting(false)
    }
  }

  return (
    <Popup visible={visible} position='bottom' round closeable title='确认兑换' className='redeem-sheet' onClose={() => !submitting && onClose()}>
      <View className='redeem-sheet-body'>
        <View className='redeem-sheet-goods'>
          <GoodsCover id={goods.id} name={goods.name} imageUrl={goods.imageUrl} className='redeem-sheet-cover' iconSize={24} />
          <View className='redeem-sheet-goods-text'>
            <Text className='redeem-sheet-name'>{goods.name}</Text>
            <Text className='muted'>{goods.pointsPrice} 积分 × {quantity}</Text>
          </View>
        </View>

        <View className='redeem-sheet-rows'>
          <View className='redeem-sheet-row'>
            <Text className='muted'>所需积分</Text>
            <Text className='redeem-sheet-cost'>{cost}</Text>
          </View>
          <View className='redeem-sheet-row'>
            <Text className='muted'>当前积分</Text>
            <Text className='redeem-sheet-balance'>{balance}</Text>
          </View>
          <View className='redeem-sheet-row'>
            <Text className='muted'>兑换后剩余</Text>
            <Text className={`redeem-sheet-after ${short > 0 ? 'negative' : ''}`}>{short > 0 ? '—' : balance - cost}</Text>
          </View>
        </View>

        {short > 0 && !error && (
          <View className='redeem-sheet-warning redeem-insufficient'>
            <Tips size={14} color='#d9001b' />
            <Text>积分不足：还差 {short} 分。每日签到可攒积分。</Text>
          </View>
        )}
        {error && (
          <View className='redeem-sheet-warning redeem-error'>
            <Tips size={14} color='#d9001b' />
            <Text className='redeem-error-text'>{error.message}</Text>
          </View>
        )}
        {!error && short <= 0 && (
          <Text className='redeem-sheet-note muted'>
            {goods.fulfilment === 'pickup' ? '兑换后凭取货码到发放工会领取；' : '兑换后由工会安排配送；'}未核销前可随时取消，积分全额退回。
          </Text>
        )}

        <View className='redeem-sheet-actions'>
          {error?.action || (short > 0 && !error) ? (
            <Button
              className='redeem-sheet-secondary'
              fill='outline'
              onClick={() => {
                const a = error?.action ?? { text: '', url: '/pages/index/index', tab: true }
                onClose()
                void (a.tab ? Taro.switchTab({ url: a.url }) : Taro.navigateTo({ url: a.url }))
              }}
            >
              {error?.action?.text ?? '去签到攒积分'}
            </Button>
          ) : null}
          <Button
            className='redeem-confirm'
            type='primary'
            loading={submitting}
            disabled={(short > 0 && !error?.retry) || (error !== undefined && !error.retry)}
            onClick={() => void confirm()}
          >
            {short > 0 && !error?.retry ? '积分不足' : error?.retry ? '重试' : `确认兑换 · ${cost} 积分`}
          </Button>
        </View>
      </View>
    </Popup>
  )
}

function Detail({ me, id }: { me: Me; id: string }) {
  const [quantity, setQuantity] = useState(1)
  const [sheet, setSheet] = useState(false)
  const resource = useResource(async () => {
    const g = await call('GET /v1/goods/{id}', GoodsSchema, { params: { id } })
    setQuantity((q) => Math.max(1, Math.min(q, maxQuantity(g))))
    return g
  }, [id])
  const load = resource.reload
  useEffect(() => {
    void refreshMe().catch(() => {})
  }, [])

  const goods = resource.data
  if (resource.status !== 'ready' || !goods) return <ResourceState resource={resource} failTitle='商品加载失败' />

  const max = maxQuantity(goods)
  const offShelf = goods.status !== 'on_shelf'
  const soldOut = goods.stock <= 0
  const member = me.membership.status === 'active'
  const cost = goods.pointsPrice * quantity

  return (
    <>
      <GoodsCover id={goods.id} name={goods.name} imageUrl={goods.imageUrl} className='detail-cover' iconSize={64} soldOut={soldOut || offShelf} label={offShelf ? '已下架' : '已兑完'} />

      <View className='card detail-main'>
        <FavoriteToggle kind='goods' id={goods.id} className='detail-fav' />
        <View className='detail-price'>
          <Text className='detail-points'>{goods.pointsPrice}</Text>
          <Text className='detail-unit'>积分</Text>
        </View>
        <Text className='detail-name'>{goods.name}</Text>
        <View className='detail-chips'>
          <Text className={`detail-chip ${soldOut ? 'out' : ''}`}>{soldOut ? '已兑完' : `库存 ${goods.stock}`}</Text>
          <Text className='detail-chip'>每人限兑 {goods.perMemberLimit}</Text>
          <Text className='detail-chip'>{FULFILMENT_TEXT[goods.fulfilment]}</Text>
        </View>
        {goods.orgName && (
          <View className='detail-org'>
            <Store size={14} color='#8c8c8c' />
            <Text className='muted'>{goods.orgName} 发放</Text>
          </View>
        )}
      </View>

      {!offShelf && !soldOut && (
        <View className='card detail-quantity'>
          <View className='detail-quantity-text'>
            <Text className='detail-quantity-label'>兑换数量</Text>
            <Text className='muted'>{max < goods.perMemberLimit ? `最多可兑 ${max} 件` : `每人限兑 ${goods.perMemberLimit} 件`}</Text>
          </View>
          <InputNumber
            className='detail-stepper'
            value={quantity}
            min={1}
            max={Math.max(1, max)}
            readOnly
            onChange={(v) => setQuantity(Math.max(1, Math.min(Number(v) || 1, max)))}
            onOverlimit={() => Taro.showToast({ title: quantity >= max ? (max < goods.perMemberLimit ? '库存不足' : `每人限兑 ${goods.perMemberLimit} 件`) : '至少兑换 1 件', icon: 'none' })}
          />
        </View>
      )}

      <View className='card detail-desc'>
        <Text className='detail-section-title'>商品介绍</Text>
        <Text className='detail-desc-text'>{goods.description || '暂无介绍'}</Text>
      </View>

      <View className='card detail-rules'>
        <Text className='detail-section-title'>兑换须知</Text>
        <View className='detail-rule'>
          <Location size={12} color='#8c8c8c' />
          <Text className='muted'>{goods.fulfilment === 'pickup' ? `兑换成功后凭取货码（二维码）到${goods.orgName ?? '发放工会'}领取，由工会干部扫码核销。` : '兑换成功后由工会安排配送。'}</Text>
        </View>
        <View className='detail-rule'>
          <Tips size={12} color='#8c8c8c' />
          <Text className='muted'>核销前可在“我的兑换”中取消，积分与库存全额退回；核销后不可取消。</Text>
        </View>
      </View>

      <View className='detail-bar'>
        <View className='detail-bar-total'>
          <Text className='muted'>合计</Text>
          <Text className='detail-bar-cost'>{offShelf || soldOut ? '—' : cost}</Text>
          <Text className='detail-bar-unit'>积分</Text>
          <Text className='detail-bar-balance muted'>余额 {me.points.balance}</Text>
        </View>
        {!member ? (
          <Button className='detail-redeem' type='primary' onClick={() => void Taro.navigateTo({ url: '/packages/membership/join/index' })} disabled={me.membership.status === 'pending'}>
            {me.membership.status === 'pending' ? '入会审核中' : '入会后兑换'}
          </Button>
        ) : (
          <Button className='detail-redeem' type='primary' disabled={offShelf || soldOut} onClick={() => setSheet(true)}>
            {offShelf ? '已下架' : soldOut ? '已兑完' : '立即兑换'}
          </Button>
        )}
      </View>

      <ConfirmSheet
        visible={sheet}
        goods={goods}
        quantity={quantity}
        me={me}
        onClose={() => setSheet(false)}
        onStale={() => void load()}
        onRedeemed={(order) => {
          setSheet(false)
          void refreshMe().catch(() => {})
          void Taro.redirectTo({ url: `/packages/mall/order/index?id=${encodeURIComponent(order.id)}&from=redeem` })
        }}
      />
    </>
  )
}

export default function GoodsDetailPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  return (
    <Page className='detail-page'>
      <SessionGate>{(me) => (id ? <Detail me={me} id={id} /> : <Blank error title='商品不存在' description='链接缺少商品编号。' />)}</SessionGate>
    </Page>
  )
}
