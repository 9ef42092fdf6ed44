import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { Articles, Clock } from '@nutui/icons-react-taro'
import type { Favorite } from '@union/shared/favorites'
import GoodsCover from '@/components/GoodsCover'
import SessionGate from '@/components/SessionGate'
import PagedView from '@/components/PagedList'
import { Blank } from '@/components/StateView'
import { messageOf } from '@/services/api'
import { favoriteUrl, favoritesPage, setFavorite, type FavoriteKind } from '@/services/favorites'
import { dayClock, dayText, weekdayText } from '@/utils/activity'
import { usePagedList } from '@/utils/hooks'
import Page from '@/components/Page'
import './index.scss'

type Filter = 'all' | FavoriteKind
const FILTERS: { key: Filter; title: string }[] = [
  { key: 'all', title: '全部' },
  { key: 'goods', title: '商品' },
  { key: 'activity', title: '活动' },
  { key: 'article', title: '资讯' },
]
const KIND_NAMES: Record<FavoriteKind, string> = { goods: '商品', activity: '活动', article: '资讯' }

const keyOf = (f: Pick<Favorite, 'kind' | 'id'>) => `${f.kind}:${f.id}`

function Thumb({ item }: { item: Favorite }) {
  if (item.kind === 'goods') {
    return <GoodsCover id={item.id} name={item.title} className='fav-thumb' iconSize={22} soldOut={!item.available} label='' />
  }
  if (item.kind === 'article') {
    return (
      <View className={`fav-thumb fav-thumb-article ${item.available ? '' : 'dim'}`}>
        <Articles size={22} color='#b80017' />
      </View>
    )
  }
  return (
    <View className={`fav-thumb fav-thumb-activity ${item.available ? '' : 'dim'}`}>
      {item.startsAt ? (
        <>
          <Text className='fav-thumb-day'>{dayText(item.startsAt)}</Text>
          <Text className='fav-thumb-week'>{weekdayText(item.startsAt)}</Text>
        </>
      ) : (
        <Clock size={22} color='#2f6bd8' />
      )}
    </View>
  )
}

function FavoriteItem({ item, removing, onRemove }: { item: Favorite; removing: boolean; onRemove: () => void }) {
  return (
    <View className={`fav-item fav-item-${item.kind} ${item.available ? 'available' : 'unavailable'}`} onClick={() => void Taro.navigateTo({ url: favoriteUrl(item.kind, item.id) })}>
      <Thumb item={item} />
      <View className='fav-main'>
        <Text className='fav-title'>{item.title}</Text>
        <View className='fav-meta'>
          <Text className='fav-kind'>{KIND_NAMES[item.kind]}</Text>
          <Text className={`fav-status ${item.available ? 'on' : 'off'}`}>{item.status}</Text>
        </View>
        <View className='fav-foot'>
          {item.kind === 'goods' ? (
            <Text className='fav-price'>
              {item.pointsPrice ?? '—'}
              <Text className='fav-price-unit'> 积分</Text>
            </Text>
          ) : item.kind === 'article' ? (
            <Text className='fav-when' />
          ) : (
            <Text className='fav-when'>{item.startsAt ? `${dayClock(item.startsAt)} 开始` : ''}</Text>
          )}
          <Button
            className='fav-remove'
            size='mini'
            fill='outline'
            loading={removing}
            onClick={(e) => {
              e.stopPropagation()
              onRemove()
            }}
          >
            取消收藏
          </Button>
        </View>
      </View>
    </View>
  )
}

function Favorites() {
  const [filter, setFilter] = useState<Filter>('all')
  const [removing, setRemoving] = useState<string>()
  const list = usePagedList<Favorite>((cursor) => favoritesPage(cursor), 'favorites', { keyOf })
  const { items } = list.state

  const remove = async (item: Favorite) => {
    const key = keyOf(item)
    setRemoving(key)
    try {
      await setFavorite(item.kind, item.id, false)
      list.update((all) => all.filter((f) => keyOf(f) !== key))
      Taro.showToast({ title: '已取消收藏', icon: 'none' })
    } catch (e) {
      Taro.showToast({ title: messageOf(e), icon: 'none' })
    } finally {
      setRemoving(undefined)
    }
  }

  const shown = filter === 'all' ? items : items.filter((f) => f.kind === filter)
  const count = (k: Filter) => (k === 'all' ? items.length : items.filter((f) => f.kind === k).length)

  return (
    <PagedView
      list={list}
      errorTitle='收藏加载失败'
      empty={
        <Blank
          title='还没有收藏'
          description='在商品或活动详情页点“☆ 收藏”，就能在这里找到它们。'
          actionText='去积分商城看看'
          onAction={() => void Taro.switchTab({ url: '/pages/mall/index' })}
        />
      }
      head={
        <View className='fav-filters'>
          {FILTERS.map((f) => (
            <View key={f.key} className={`fav-filter ${filter === f.key ? 'active' : ''}`} onClick={() => setFilter(f.key)}>
              <Text>
                {f.title} {count(f.key)}
              </Text>
            </View>
          ))}
        </View>
      }
    >
      {() =>
        shown.length === 0 ? (
          <Blank title={filter === 'goods' ? '没有收藏的商品' : '没有收藏的活动'} description='切换到“全部”查看其他收藏。' />
        ) : (
          <View className='card fav-list'>
            {shown.map((item) => (
              <FavoriteItem key={keyOf(item)} item={item} removing={removing === keyOf(item)} onRemove={() => void remove(item)} />
            ))}
          </View>
        )
      }
    </PagedView>
  )
}

export default function FavoritesPage() {
  return (
    <Page className='favorites-page'>
      <SessionGate>{() => <Favorites />}</SessionGate>
    </Page>
  )
}
