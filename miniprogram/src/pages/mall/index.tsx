import { useCallback, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ArrowRight } from '@nutui/icons-react-taro'
import type { Me } from '@union/shared/me'
import type { Goods } from '@union/shared/mall'
import AppTabBar, { useTabPage } from '@/components/AppTabBar'
import GoodsCover from '@/components/GoodsCover'
import SessionGate from '@/components/SessionGate'
import { Blank, Loading } from '@/components/StateView'
import { messageOf, call, SERVER_CHECKED } from '@/services/api'
import { refreshMe } from '@/services/session'
import { useLoadOnShow } from '@/utils/hooks'
import Page from '@/components/Page'
import './index.scss'

// The tab stays light (main package): goods detail, redemption and orders live in packages/mall.
const go = (url: string) => () => void Taro.navigateTo({ url })

function GoodsCard({ g }: { g: Goods }) {
  const soldOut = g.stock <= 0
  return (
    <View className={`mall-goods ${soldOut ? 'sold-out' : ''}`} onClick={go(`/packages/mall/detail/index?id=${encodeURIComponent(g.id)}`)}>
      <GoodsCover id={g.id} name={g.name} imageUrl={g.imageUrl} className='mall-goods-cover' soldOut={soldOut} />
      <View className='mall-goods-body'>
        <Text className='mall-goods-name'>{g.name}</Text>
        <View className='mall-goods-price'>
          <Text className='mall-goods-points'>{g.pointsPrice}</Text>
          <Text className='mall-goods-unit'>积分</Text>
        </View>
        <View className='mall-goods-meta'>
          <Text className={soldOut ? 'mall-goods-out' : ''}>{soldOut ? '已兑完' : `库存 ${g.stock}`}</Text>
          <Text>每人限兑 {g.perMemberLimit}</Text>
        </View>
      </View>
    </View>
  )
}

function Mall({ me }: { me: Me }) {
  const [goods, setGoods] = useState<Goods[]>([])
  const [status, setStatus] = useState<'loading' | 'ready' | 'error'>('loading')
  const [error, setError] = useState<string>()

  const load = useCallback(async () => {
    setError(undefined)
    try {
      const page = await call('GET /v1/goods', SERVER_CHECKED)
      setGoods(page.items)
      setStatus('ready')
    } catch (e) {
      setError(messageOf(e))
      setStatus('error')
    }
  }, [])
  // Back from a redemption: fresh stock and balance.
  useLoadOnShow(() => void load())
  useDidShow(() => {
    void refreshMe().catch(() => {})
  })
  usePullDownRefresh(async () => {
    await Promise.allSettled([load(), refreshMe()])
    Taro.stopPullDownRefresh()
  })

  const member = me.membership.status === 'active'
  return (
    <>
      <View className='mall-hero'>
        <View className='mall-hero-main'>
          <Text className='mall-hero-label'>我的积分</Text>
          <Text className='mall-balance'>{me.points.balance}</Text>
          <Text className='mall-hero-tip'>每日签到攒积分，兑换工会普惠好礼</Text>
        </View>
        <View className='mall-hero-orders' onClick={go('/packages/mall/orders/index')}>
          <Text>我的兑换</Text>
          <ArrowRight size={10} color='#fff' />
        </View>
      </View>

      {!member && (
        <View className='card mall-notice' onClick={go('/packages/membership/join/index')}>
          <Text className='mall-notice-text'>
            {me.membership.status === 'pending' ? '入会申请审核中，通过后即可兑换商品。' : '加入工会后即可用积分兑换商品。'}
          </Text>
          {me.membership.status === 'none' && <Text className='mall-notice-link'>去入会</Text>}
        </View>
      )}

      <View className='mall-section'>
        <Text className='section-title mall-section-title'>可兑换好礼</Text>
        {status === 'ready' && goods.length > 0 && <Text className='muted'>共 {goods.length} 件</Text>}
      </View>

      {status === 'loading' ? (
        <Loading rows={6} />
      ) : status === 'error' && goods.length === 0 ? (
        <Blank error title='商品加载失败' description={error} actionText='重试' onAction={() => void load()} />
      ) : goods.length === 0 ? (
        <Blank title='暂无可兑换的商品' description='工会上新后会第一时间出现在这里，先去签到攒积分吧。' />
      ) : (
        <View className='mall-grid'>
          {goods.map((g) => (
            <GoodsCard key={g.id} g={g} />
          ))}
        </View>
      )}
    </>
  )
}

export default function MallPage() {
  useTabPage()
  return (
    <Page className='tab-page mall-page'>
      <SessionGate>{(me) => <Mall me={me} />}</SessionGate>
      {process.env.TARO_ENV === 'h5' && <AppTabBar />}
    </Page>
  )
}
