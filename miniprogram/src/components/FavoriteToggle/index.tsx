import { useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Star, StarF } from '@nutui/icons-react-taro'
import { messageOf } from '@/services/api'
import { isFavorite, setFavorite, type FavoriteKind } from '@/services/favorites'
import './index.scss'

/**
 * ☆ 收藏 / ★ 已收藏 for a goods item or an activity. The state comes from my favourites; a tap flips it at
 * once and tells the server (PUT/DELETE are idempotent), flipping back with a toast if that fails.
 */
export default function FavoriteToggle({ kind, id, className = '' }: { kind: FavoriteKind; id: string; className?: string }) {
  const [on, setOn] = useState<boolean>()
  const busy = useRef(false)

  useEffect(() => {
    let live = true
    isFavorite(kind, id)
      .then((v) => live && setOn(v))
      .catch(() => live && setOn(false))
    return () => {
      live = false
    }
  }, [kind, id])

  const toggle = async () => {
    if (on === undefined || busy.current) return
    busy.current = true
    const next = !on
    setOn(next)
    try {
      setOn(await setFavorite(kind, id, next))
      Taro.showToast({ title: next ? '已收藏，可在“我的收藏”查看' : '已取消收藏', icon: 'none' })
    } catch (e) {
      setOn(!next)
      Taro.showToast({ title: messageOf(e), icon: 'none' })
    } finally {
      busy.current = false
    }
  }

  return (
    <View
      className={`fav-toggle ${on ? 'on' : ''} ${on === undefined ? 'loading' : ''} ${className}`}
      aria-label={on ? '取消收藏' : '收藏'}
      onClick={() => void toggle()}
    >
      {on ? <StarF size={20} color='#f5a623' /> : <Star size={20} color='#8c8c8c' />}
      <Text className='fav-toggle-text'>{on ? '已收藏' : '收藏'}</Text>
    </View>
  )
}
