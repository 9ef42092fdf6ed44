import { useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { Checked, Close, Scan, Tips, Warning } from '@nutui/icons-react-taro'
import { CadreOrder, PickupCode } from '@union/shared/mall'
import SessionGate from '@/components/SessionGate'
import { ApiError, messageOf, newIdempotencyKey, call } from '@/services/api'
import { fullTime, shortTime } from '@/utils/format'
import { spacedCode } from '@/utils/mall'
import Page from '@/components/Page'
import '../components/admin-mall.scss'
import './index.scss'

// On H5 Taro.scanCode resolves without a result outside the official-account JS-SDK: type the code there.
const CAN_SCAN = process.env.TARO_ENV === 'weapp'

/** The server never sends a pickup code to a cadre: the one shown is the one typed or scanned. */
type Verified = CadreOrder & { code: string }

type Outcome =
  | { kind: 'success'; order: Verified }
  | { kind: 'fulfilled' | 'cancelled' | 'invalid' | 'scope' | 'format' | 'failed'; code: string; title: string; message: string }

function ErrorCard({ outcome }: { outcome: Exclude<Outcome, { kind: 'success' }> }) {
  return (
    <View className={`card verify-result verify-result-error verify-result-${outcome.kind}`}>
      <View className='verify-result-head'>
        <View className='verify-result-icon'>
          {outcome.kind === 'fulfilled' ? <Warning size={22} color='#fff' /> : outcome.kind === 'failed' ? <Tips size={22} color='#fff' /> : <Close size={20} color='#fff' />}
        </View>
        <View className='verify-result-title-wrap'>
          <Text className='verify-result-title'>{outcome.title}</Text>
          {outcome.code && <Text className='verify-result-code'>取货码 {spacedCode(outcome.code)}</Text>}
        </View>
      </View>
      <Text className='verify-result-message'>{outcome.message}</Text>
    </View>
  )
}

function SuccessCard({ order }: { order: Verified }) {
  return (
    <View className='card verify-result verify-result-success'>
      <View className='verify-result-head'>
        <View className='verify-result-icon'>
          <Checked size={22} color='#fff' />
        </View>
        <View className='verify-result-title-wrap'>
          <Text className='verify-result-title'>核销成功</Text>
          <Text className='verify-result-code'>取货码 {spacedCode(order.code)}</Text>
        </View>
      </View>
      <View className='verify-goods'>
        <Text className='verify-goods-name'>{order.goodsName ?? '商品'}</Text>
        <Text className='verify-goods-qty'>× {order.quantity}</Text>
      </View>
      <Text className='verify-handover'>请将商品交给会员</Text>
      <View className='verify-rows'>
        {order.memberName && (
          <View className='verify-row'>
            <Text className='muted'>会员</Text>
            <Text className='verify-member'>{order.memberName}</Text>
          </View>
        )}
        <View className='verify-row'>
          <Text className='muted'>消耗积分</Text>
          <Text>{order.pointsSpent}</Text>
        </View>
        {order.orgName && (
          <View className='verify-row'>
            <Text className='muted'>发放工会</Text>
            <Text>{order.orgName}</Text>
          </View>
        )}
        <View className='verify-row'>
          <Text className='muted'>兑换时间</Text>
          <Text>{fullTime(order.createdAt)}</Text>
        </View>
        <View className='verify-row'>
          <Text className='muted'>核销时间</Text>
          <Text>{order.fulfilledAt ? fullTime(order.fulfilledAt) : '刚刚'}</Text>
        </View>
      </View>
    </View>
  )
}

/** What a failed verification means to the cadre at the counter. */
function outcomeOf(error: unknown, code: string): Exclude<Outcome, { kind: 'success' }> {
  const message = messageOf(error)
  if (error instanceof ApiError) {
    if (error.code === 'INVALID_STATE') {
      return /取消/.test(message)
        ? { kind: 'cancelled', code, title: '已取消', message: '该订单已被会员取消，积分已退回，不能再核销。' }
        : { kind: 'fulfilled', code, title: '已核销', message: '该取货码已经核销过，请勿重复发放。' }
    }
    if (error.code === 'NOT_FOUND') return { kind: 'invalid', code, title: '无效的取货码', message: '没有找到这个取货码，请核对后重新输入或扫码。' }
    if (error.code === 'SELF_ACTION') return { kind: 'scope', code, title: '不能核销本人的订单', message: '这是您本人的兑换订单，请由其他干部核销。' }
    if (error.code === 'OUT_OF_SCOPE') return { kind: 'scope', code, title: '不在管理范围', message: '该订单属于其他工会发放的商品，请会员到对应工会领取。' }
    if (error.code === 'VALIDATION_FAILED') return { kind: 'format', code, title: '取货码格式有误', message: error.details[0]?.message ?? message }
  }
  return { kind: 'failed', code, title: '核销未完成', message: `${message}。可以再点一次核销，不会重复核销。` }
}

function Verify() {
  const [input, setInput] = useState('')
  const [inputError, setInputError] = useState<string>()
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<Outcome>()
  const [history, setHistory] = useState<Verified[]>([])
  // A retry of the same code (after a network failure) sends the same key.
  const key = useRef<{ code: string; value: string }>()

  const verify = async (raw: string) => {
    if (busy) return
    const parsed = PickupCode.safeParse(raw)
    if (!parsed.success) {
      setInputError(raw.trim() ? parsed.error.issues[0]?.message ?? '核销码应为 8 位字母数字' : '请输入 8 位取货码')
      return
    }
    const code = parsed.data
    setInputError(undefined)
    if (key.current?.code !== code) key.current = { code, value: newIdempotencyKey() }
    setBusy(true)
    setOutcome(undefined)
    try {
      const fulfilled = await call('POST /v1/admin/redemptions/verify', CadreOrder, { body: { pickupCode: code }, idempotencyKey: key.current.value })
      const order = { ...fulfilled, code }
      key.current = undefined
      setOutcome({ kind: 'success', order })
      setHistory((h) => [order, ...h.filter((o) => o.id !== order.id)])
      setInput('')
      if (process.env.TARO_ENV === 'weapp') void Taro.vibrateShort({ type: 'medium' }).catch(() => {})
    } catch (e) {
      setOutcome(outcomeOf(e, code))
    } finally {
      setBusy(false)
    }
  }

  const scan = async () => {
    try {
      const answer = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
      if (!answer.result) throw new Error('no result')
      setInput(answer.result)
      await verify(answer.result)
    } catch (e) {
      const text = e instanceof Error ? e.message : (e as { errMsg?: string })?.errMsg ?? ''
      if (!/cancel/i.test(text)) Taro.showToast({ title: '未能识别二维码，请手动输入取货码', icon: 'none' })
    }
  }

  return (
    <>
      <View className='verify-hero'>
        <Text className='verify-hero-title'>兑换核销</Text>
        <Text className='verify-hero-text'>
          {CAN_SCAN ? '扫描会员出示的取货二维码；扫不出来时，输入 8 位取货码。' : '输入会员出示的 8 位取货码（不区分大小写）。'}
        </Text>
        {CAN_SCAN && (
          <Button className='verify-scan' size='large' block icon={<Scan size={18} />} loading={busy} onClick={() => void scan()}>
            扫码核销
          </Button>
        )}
      </View>

      <View className='card verify-form'>
        <Text className='verify-form-label'>{CAN_SCAN ? '手动输入取货码' : '取货码'}</Text>
        <View className={`verify-field ${inputError ? 'has-error' : ''}`}>
          <Input
            className='verify-input'
            value={input}
            placeholder='例如 ABCD 2345'
            maxLength={12}
            clearable
            onChange={(v) => {
              setInput(v.toUpperCase())
              if (inputError) setInputError(undefined)
            }}
            onClear={() => setInput('')}
            onConfirm={() => void verify(input)}
          />
          <Button className='verify-submit' type='primary' loading={busy && !CAN_SCAN} onClick={() => void verify(input)}>
            核销
          </Button>
        </View>
        {inputError && <Text className='verify-input-error'>{inputError}</Text>}
      </View>

      {outcome && (outcome.kind === 'success' ? <SuccessCard order={outcome.order} /> : <ErrorCard outcome={outcome} />)}

      {history.length > 0 && (
        <>
          <View className='section-title verify-history-title'>本次已核销 {history.length} 单</View>
          <View className='card verify-history'>
            {history.map((o) => (
              <View key={o.id} className='verify-history-item'>
                <View className='verify-history-main'>
                  <Text className='verify-history-name'>{o.goodsName} × {o.quantity}</Text>
                  <Text className='muted'>{o.memberName ?? ''} · {spacedCode(o.code)}</Text>
                </View>
                <Text className='muted'>{o.fulfilledAt ? shortTime(o.fulfilledAt).slice(6) : ''}</Text>
              </View>
            ))}
          </View>
        </>
      )}

      <View className='verify-links'>
        <Text className='verify-link' onClick={() => void Taro.navigateTo({ url: '/packages/admin-mall/orders/index' })}>查看兑换订单</Text>
      </View>
    </>
  )
}

export default function VerifyPage() {
  return (
    <Page className='verify-page'>
      <SessionGate cadreOnly='核销'>{() => <Verify />}</SessionGate>
    </Page>
  )
}
