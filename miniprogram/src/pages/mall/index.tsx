import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ArrowRight } from '@nutui/icons-react-taro'
import type { Me } from '@union/shared/me'
import type { Goods } from '@union/shared/mall'
import AppTabBar, { useTabPage } from '@/components/AppTabBar'
import GoodsCover from '@/components/GoodsCover'
import SessionGate from '@/components/SessionGate'
import PagedView from '@/components/PagedList'
import { Blank } from '@/components/StateView'
import { call, SERVER_CHECKED } from '@/services/api'
import { refreshMe } from '@/services/session'
import { usePagedList } from '@/utils/hooks'
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

/** Goods per page: a couple of screens of the grid; the next page loads at the bottom. */
const MALL_PAGE_SIZE = 20

function Mall({ me }: { me: Me }) {
  // Pages on scroll; loaded again (fresh stock) when back from a redemption, and on pull-down.
  const list = usePagedList<Goods>((cursor) => call('GET /v1/goods', SERVER_CHECKED, { query: { limit: MALL_PAGE_SIZE, cursor } }), 'goods')
  const { state } = list
  // The balance too: back from a redemption, and on pull-down (the list's own handler ends the spinner).
  useDidShow(() => {
    void refreshMe().catch(() => {})
  })
  usePullDownRefresh(() => {
    void refreshMe().catch(() => {})
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
        {state.items.length > 0 && <Text className='muted'>共 {state.items.length}{state.cursor ? '+' : ''} 件</Text>}
      </View>

      <PagedView
        list={list}
        rows={6}
        errorTitle='商品加载失败'
        empty={<Blank title='暂无可兑换的商品' description='工会上新后会第一时间出现在这里，先去签到攒积分吧。' />}
      >
        {(items) => (
          <View className='mall-grid'>
            {items.map((g) => (
              <GoodsCard key={g.id} g={g} />
            ))}
          </View>
        )}
      </PagedView>
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
