import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Input, InputNumber, Switch, TextArea } from '@nutui/nutui-react-taro'
import type { Me } from '@union/shared/me'
import { Goods as GoodsSchema, GoodsInput, type Goods, type GoodsPatch } from '@union/shared/mall'
import GoodsCover from '@/components/GoodsCover'
import SessionGate from '@/components/SessionGate'
import { ResourceState } from '@/components/StateView'
import { useResource } from '@/utils/hooks'
import { ApiError, messageOf, call } from '@/services/api'
import { fieldOf } from '@/utils/format'
import { FULFILMENT_TEXT } from '@/utils/mall'
import Page from '@/components/Page'
import '@/styles/form.scss'
import '../components/admin-mall.scss'
import './index.scss'
import { leavePage } from '@/utils/leave'

type Field = 'name' | 'description' | 'pointsPrice' | 'stock' | 'stockDelta' | 'perMemberLimit' | 'imageUrl'
type Errors = Partial<Record<Field, string>>

interface Values {
  name: string
  description: string
  pointsPrice: string
  stock: string
  /** Edit only: how much to add or take away. */
  stockDir: 1 | -1
  stockAmount: string
  perMemberLimit: number
  fulfilment: Goods['fulfilment']
  orgId: string
  imageUrl: string
  onShelf: boolean
}

const firstIssue = (r: { success: boolean; error?: { issues: { message: string }[] } }) => (r.success ? undefined : r.error?.issues[0]?.message)

/** A whole number typed as text, sign included (so "-3" is told it cannot be negative): the number, or NaN (empty and decimals included). */
const whole = (s: string) => (/^\s*-?\d+\s*$/.test(s) ? Number(s) : NaN)

/** The API's own rules (shared/mall), checked before sending. */
function problemOf(field: Field, v: Values, goods?: Goods): string | undefined {
  switch (field) {
    case 'name':
      return firstIssue(GoodsInput.shape.name.safeParse(v.name))
    case 'description':
      return firstIssue(GoodsInput.shape.description.safeParse(v.description))
    case 'pointsPrice':
      return v.pointsPrice.trim() === '' ? '请填写兑换所需积分' : Number.isNaN(whole(v.pointsPrice)) ? '兑换积分应为整数' : firstIssue(GoodsInput.shape.pointsPrice.safeParse(whole(v.pointsPrice)))
    case 'stock':
      if (goods) return undefined
      return v.stock.trim() === '' ? '请填写库存数量' : Number.isNaN(whole(v.stock)) ? '库存应为整数' : firstIssue(GoodsInput.shape.stock.safeParse(whole(v.stock)))
    case 'stockDelta': {
      if (!goods || v.stockAmount.trim() === '') return undefined
      const n = whole(v.stockAmount)
      if (Number.isNaN(n)) return '调整数量应为整数'
      if (n < 0) return '调整数量不能为负数，减少库存请选“减少”'
      if (n > 1_000_000) return '单次最多调整 1000000 件'
      if (v.stockDir === -1 && n > goods.stock) return `最多可减少 ${goods.stock} 件（当前库存）`
      return undefined
    }
    case 'perMemberLimit':
      return firstIssue(GoodsInput.shape.perMemberLimit.safeParse(v.perMemberLimit))
    case 'imageUrl':
      return v.imageUrl.trim() === '' ? undefined : firstIssue(GoodsInput.shape.imageUrl.safeParse(v.imageUrl.trim()))
  }
}

const FIELDS: Field[] = ['name', 'description', 'pointsPrice', 'stock', 'stockDelta', 'perMemberLimit', 'imageUrl']

function TextRow({ field, label, value, placeholder, error, type = 'text', maxLength, required, onChange, onBlur }: {
  field: Field
  label: string
  value: string
  placeholder: string
  error?: string
  type?: 'text' | 'number'
  maxLength?: number
  required?: boolean
  onChange: (v: string) => void
  onBlur: () => void
}) {
  return (
    <View className='form-field-wrap'>
      <View className={`form-field field-${field} ${error ? 'has-error' : ''}`}>
        <Text className={`form-label ${required ? 'required' : ''}`}>{label}</Text>
        <Input name={field} type={type} value={value} placeholder={placeholder} maxLength={maxLength} clearable onChange={onChange} onBlur={onBlur} onClear={() => onChange('')} />
      </View>
      {error && <Text className={`field-error field-error-${field}`}>{error}</Text>}
    </View>
  )
}

function Editor({ me, goods }: { me: Me; goods?: Goods }) {
  const [v, setV] = useState<Values>(() => ({
    name: goods?.name ?? '',
    description: goods?.description ?? '',
    pointsPrice: goods ? String(goods.pointsPrice) : '',
    stock: '',
    stockDir: 1,
    stockAmount: '',
    perMemberLimit: goods?.perMemberLimit ?? 1,
    fulfilment: goods?.fulfilment ?? 'pickup',
    orgId: goods?.orgId ?? me.roles[0]?.orgId ?? '',
    imageUrl: goods?.imageUrl ?? '',
    onShelf: goods ? goods.status === 'on_shelf' : true,
  }))
  const [errors, setErrors] = useState<Errors>({})
  const [saving, setSaving] = useState(false)

  const set = <K extends keyof Values>(key: K, value: Values[K]) => {
    const next = { ...v, [key]: value }
    setV(next)
    // Clear a shown error as soon as the value is right.
    if (key in errors && !problemOf(key as Field, next, goods)) setErrors((e) => ({ ...e, [key]: undefined }))
    if ((key === 'stockDir' || key === 'stockAmount') && errors.stockDelta && !problemOf('stockDelta', next, goods)) setErrors((e) => ({ ...e, stockDelta: undefined }))
  }
  const check = (field: Field) => setErrors((e) => ({ ...e, [field]: problemOf(field, v, goods) }))

  const stockAfter = goods ? goods.stock + v.stockDir * (whole(v.stockAmount) || 0) : undefined

  /** Only what changed (PATCH); undefined when nothing did. */
  const patchOf = (g: Goods): GoodsPatch | undefined => {
    const p: GoodsPatch = {}
    if (v.name.trim() !== g.name) p.name = v.name.trim()
    if (v.description.trim() !== g.description) p.description = v.description.trim()
    if (whole(v.pointsPrice) !== g.pointsPrice) p.pointsPrice = whole(v.pointsPrice)
    if (v.perMemberLimit !== g.perMemberLimit) p.perMemberLimit = v.perMemberLimit
    if (v.imageUrl.trim() !== g.imageUrl && v.imageUrl.trim() !== '') p.imageUrl = v.imageUrl.trim()
    const delta = v.stockDir * (whole(v.stockAmount) || 0)
    if (delta !== 0) p.stockDelta = delta
    if ((v.onShelf ? 'on_shelf' : 'off_shelf') !== g.status) p.status = v.onShelf ? 'on_shelf' : 'off_shelf'
    return Object.keys(p).length ? p : undefined
  }

  const save = async () => {
    if (saving) return
    const next: Errors = {}
    for (const f of FIELDS) next[f] = problemOf(f, v, goods)
    setErrors(next)
    const firstError = FIELDS.map((f) => next[f]).find(Boolean)
    if (firstError) {
      Taro.showToast({ title: firstError, icon: 'none' })
      return
    }
    let body: GoodsPatch | GoodsInput | undefined
    if (goods) {
      body = patchOf(goods)
      if (!body) {
        Taro.showToast({ title: '没有需要保存的修改', icon: 'none' })
        return
      }
    } else {
      body = {
        name: v.name.trim(),
        description: v.description.trim(),
        pointsPrice: whole(v.pointsPrice),
        stock: whole(v.stock),
        perMemberLimit: v.perMemberLimit,
        orgId: v.orgId,
        fulfilment: v.fulfilment,
        ...(v.imageUrl.trim() ? { imageUrl: v.imageUrl.trim() } : {}),
      }
    }
    setSaving(true)
    try {
      if (goods) {
        await call('PATCH /v1/admin/goods/{id}', GoodsSchema, { params: { id: goods.id }, body: body as GoodsPatch })
      } else {
        const created = await call('POST /v1/admin/goods', GoodsSchema, { body: body as GoodsInput })
        // New goods go on the shelf; the cadre asked for it to wait.
        if (!v.onShelf) await call('PATCH /v1/admin/goods/{id}', GoodsSchema, { params: { id: created.id }, body: { status: 'off_shelf' } })
      }
      Taro.showToast({ title: goods ? '已保存' : v.onShelf ? '商品已发布' : '商品已保存（未上架）', icon: 'success' })
      setTimeout(() => leavePage('/packages/admin-mall/goods/index'), 700)
    } catch (e) {
      setSaving(false)
      if (e instanceof ApiError && e.code === 'VALIDATION_FAILED' && e.details.length) {
        const server: Errors = {}
        for (const d of e.details) {
          const f = fieldOf(d.path) as Field
          server[f === 'stockDelta' || f === 'stock' ? (goods ? 'stockDelta' : 'stock') : f] ??= d.message
        }
        setErrors((x) => ({ ...x, ...server }))
        Taro.showToast({ title: e.details[0].message, icon: 'none' })
        return
      }
      if (e instanceof ApiError && e.code === 'OUT_OF_STOCK') {
        setErrors((x) => ({ ...x, stockDelta: '库存已变化，减少的数量超过了现有库存，请刷新后重试' }))
      }
      Taro.showToast({ title: messageOf(e), icon: 'none' })
      return
    }
  }

  const orgName = goods ? goods.orgName : me.roles.find((r) => r.orgId === v.orgId)?.orgName

  return (
    <>
      <View className='card ge-preview'>
        <GoodsCover id={goods?.id ?? 'new'} name={v.name} imageUrl={v.imageUrl.trim()} className='ge-preview-cover' iconSize={26} />
        <View className='ge-preview-text'>
          <Text className='ge-preview-name'>{v.name.trim() || '商品名称'}</Text>
          <Text className='ge-preview-price'>{whole(v.pointsPrice) || '—'} 积分</Text>
          <Text className='muted ge-preview-meta'>{orgName ?? ''}{goods ? ` · 当前库存 ${goods.stock}` : ''}</Text>
        </View>
      </View>

      <View className='section-title'>基本信息</View>
      <View className='card form-card'>
        <TextRow field='name' label='商品名称' required value={v.name} placeholder='2–40 个字' maxLength={40} error={errors.name} onChange={(x) => set('name', x)} onBlur={() => check('name')} />
        <View className={`form-textarea field-description ${errors.description ? 'has-error' : ''}`}>
          <Text className='form-label'>商品介绍</Text>
          <TextArea
            value={v.description}
            placeholder='规格、领取地点、有效期等（选填，500 字以内）'
            maxLength={500}
            showCount
            autoSize
            onChange={(x) => set('description', x)}
            onBlur={() => check('description')}
          />
          {errors.description && <Text className='field-error field-error-description'>{errors.description}</Text>}
        </View>
        <TextRow field='imageUrl' label='图片链接' value={v.imageUrl} placeholder='选填，https:// 开头' maxLength={512} error={errors.imageUrl} onChange={(x) => set('imageUrl', x)} onBlur={() => check('imageUrl')} />
      </View>

      <View className='section-title'>兑换规则</View>
      <View className='card form-card'>
        <TextRow field='pointsPrice' label='兑换积分' required type='number' value={v.pointsPrice} placeholder='每件所需积分' maxLength={7} error={errors.pointsPrice} onChange={(x) => set('pointsPrice', x)} onBlur={() => check('pointsPrice')} />
        {goods ? (
          <View className='form-field-wrap'>
            <View className={`form-field field-stockDelta ${errors.stockDelta ? 'has-error' : ''}`}>
              <Text className='form-label'>调整库存</Text>
              <View className='ge-seg'>
                <Text className={`ge-seg-item ge-stock-add ${v.stockDir === 1 ? 'active' : ''}`} onClick={() => set('stockDir', 1)}>增加</Text>
                <Text className={`ge-seg-item ge-stock-sub ${v.stockDir === -1 ? 'active' : ''}`} onClick={() => set('stockDir', -1)}>减少</Text>
              </View>
              <Input name='stockDelta' type='number' value={v.stockAmount} placeholder='数量' maxLength={7} onChange={(x) => set('stockAmount', x)} onBlur={() => check('stockDelta')} />
            </View>
            {errors.stockDelta ? (
              <Text className='field-error field-error-stockDelta'>{errors.stockDelta}</Text>
            ) : (
              <Text className='ge-field-note'>当前库存 {goods.stock}{v.stockAmount.trim() && whole(v.stockAmount) >= 0 ? `，保存后为 ${stockAfter}` : '，不调整请留空'}</Text>
            )}
          </View>
        ) : (
          <TextRow field='stock' label='库存' required type='number' value={v.stock} placeholder='可兑换的总件数' maxLength={7} error={errors.stock} onChange={(x) => set('stock', x)} onBlur={() => check('stock')} />
        )}
        <View className='form-field-wrap'>
          <View className='form-field field-perMemberLimit'>
            <Text className='form-label'>每人限兑</Text>
            <View className='ge-grow' />
            <InputNumber className='ge-limit' value={v.perMemberLimit} min={1} max={100} onChange={(x) => set('perMemberLimit', Math.max(1, Math.min(100, Number(x) || 1)))} />
            <Text className='ge-unit'>件</Text>
          </View>
        </View>
        <View className='form-field-wrap'>
          <View className='form-field field-fulfilment'>
            <Text className='form-label'>领取方式</Text>
            {goods ? (
              <Text className='ge-readonly'>{FULFILMENT_TEXT[goods.fulfilment]}</Text>
            ) : (
              <View className='ge-seg'>
                {(['pickup', 'delivery'] as const).map((f) => (
                  <Text key={f} className={`ge-seg-item ge-fulfilment-${f} ${v.fulfilment === f ? 'active' : ''}`} onClick={() => set('fulfilment', f)}>
                    {FULFILMENT_TEXT[f]}
                  </Text>
                ))}
              </View>
            )}
          </View>
        </View>
      </View>

      <View className='section-title'>发放范围</View>
      <View className='card form-card'>
        <View className='ge-org'>
          <Text className='form-label'>发布工会</Text>
          {goods || me.roles.length <= 1 ? (
            <Text className='ge-readonly'>{orgName}</Text>
          ) : (
            <View className='ge-org-chips'>
              {me.roles.map((r) => (
                <Text key={r.orgId} className={`ge-org-chip ${v.orgId === r.orgId ? 'active' : ''}`} onClick={() => set('orgId', r.orgId)}>
                  {r.orgName}
                </Text>
              ))}
            </View>
          )}
        </View>
        <Text className='ge-field-note ge-org-note'>本会及所有下级工会的会员可见、可兑换。</Text>
        <View className='form-field ge-shelf'>
          <View className='ge-shelf-text'>
            <Text className='ge-shelf-title'>上架销售</Text>
            <Text className='muted ge-shelf-desc'>{v.onShelf ? '上架中：会员可在商城看到并兑换' : '已下架：商城中不展示，已兑换的订单不受影响'}</Text>
          </View>
          <Switch className='ge-shelf-switch' checked={v.onShelf} onChange={(on) => set('onShelf', on)} />
        </View>
      </View>

      <View className='am-bar'>
        <Button className='ge-save' type='primary' loading={saving} onClick={() => void save()}>
          {goods ? '保存修改' : v.onShelf ? '发布商品' : '保存（暂不上架）'}
        </Button>
      </View>
    </>
  )
}

function EditorLoader({ me, id }: { me: Me; id?: string }) {
  const goods = useResource(async () => (id ? call('GET /v1/goods/{id}', GoodsSchema, { params: { id } }) : undefined), [id])
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: id ? '编辑商品' : '发布商品' })
  }, [id])
  if (goods.status !== 'ready') return <ResourceState resource={goods} failTitle='商品加载失败' />
  return <Editor me={me} goods={goods.data} />
}

export default function GoodsEditPage() {
  const { params } = useRouter()
  return (
    <Page className='am-with-bar ge-page'>
      <SessionGate cadreOnly='商品管理'>{(me) => <EditorLoader me={me} id={params.id || undefined} />}</SessionGate>
    </Page>
  )
}
