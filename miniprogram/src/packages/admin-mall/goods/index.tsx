import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { Add, ArrowRight } from '@nutui/icons-react-taro'
import type { Me } from '@union/shared/me'
import { GoodsPage, type Goods } from '@union/shared/mall'
import GoodsCover from '@/components/GoodsCover'
import SessionGate from '@/components/SessionGate'
import PagedView from '@/components/PagedList'
import ScopeChips from '@/components/ScopeChips'
import { Blank } from '@/components/StateView'
import { usePagedRequest } from '@/utils/hooks'
import { FULFILMENT_TEXT } from '@/utils/mall'
import Page from '@/components/Page'
import '../components/admin-mall.scss'
import './index.scss'

const edit = (id?: string) => () => void Taro.navigateTo({ url: `/packages/admin-mall/goods-edit/index${id ? `?id=${encodeURIComponent(id)}` : ''}` })

function GoodsRow({ g }: { g: Goods }) {
  const on = g.status === 'on_shelf'
  const soldOut = g.stock <= 0
  return (
    <View className={`card am-goods ${on ? '' : 'off'}`} onClick={edit(g.id)}>
      <GoodsCover id={g.id} name={g.name} imageUrl={g.imageUrl} className='am-goods-cover' iconSize={24} soldOut={!on} label='' />
      <View className='am-goods-text'>
        <View className='am-goods-head'>
          <Text className='am-goods-name'>{g.name}</Text>
          <Text className={`am-goods-state ${on ? 'on' : 'off'}`}>{on ? '上架中' : '已下架'}</Text>
        </View>
        <Text className='am-goods-price'>{g.pointsPrice} 积分</Text>
        <View className='am-goods-meta'>
          <Text className={soldOut ? 'am-goods-out' : ''}>{soldOut ? '库存 0 · 已兑完' : `库存 ${g.stock}`}</Text>
          <Text>限兑 {g.perMemberLimit}</Text>
          <Text>{FULFILMENT_TEXT[g.fulfilment]}</Text>
        </View>
        {g.orgName && <Text className='am-goods-org muted'>{g.orgName}</Text>}
      </View>
      <ArrowRight size={12} color='#c0c4cc' />
    </View>
  )
}

function GoodsList({ me }: { me: Me }) {
  const [orgId, setOrgId] = useState(me.roles[0]?.orgId ?? '')
  // Loaded again when back from the editor or a verification.
  const list = usePagedRequest('/v1/admin/goods', GoodsPage, { orgId: me.roles.length > 1 ? orgId : undefined })
  const { state } = list
  const onShelf = state.items.filter((g) => g.status === 'on_shelf').length

  return (
    <>
      <ScopeChips roles={me.roles} value={orgId} onChange={setOrgId} />
      <PagedView
        list={list}
        errorTitle='商品加载失败'
        empty={<Blank title='还没有发布商品' description='发布的商品对本会及下级工会的会员可见，会员用积分兑换。' actionText='发布商品' onAction={edit()} />}
        head={<Text className='am-goods-count muted'>共 {state.items.length}{state.cursor ? '+' : ''} 件商品，{onShelf} 件上架中</Text>}
      >
        {(items) => items.map((g) => <GoodsRow key={g.id} g={g} />)}
      </PagedView>
      <View className='am-bar'>
        <Button className='am-goods-new' type='primary' icon={<Add size={14} />} onClick={edit()}>
          发布商品
        </Button>
      </View>
    </>
  )
}

export default function AdminGoodsPage() {
  return (
    <Page className='am-with-bar am-goods-page'>
      <SessionGate cadreOnly='商品管理'>{(me) => <GoodsList me={me} />}</SessionGate>
    </Page>
  )
}
