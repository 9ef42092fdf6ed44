import { useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import { Articles, Coupon, Gift, Store } from '@nutui/icons-react-taro'
import './index.scss'

/** Soft gradients with a matching icon colour; a goods item keeps its own (by id) on every screen. */
const TONES = ['red', 'amber', 'blue', 'green', 'violet'] as const
const ICON_COLOR: Record<(typeof TONES)[number], string> = {
  red: '#d9001b',
  amber: '#d46b08',
  blue: '#2f6bd8',
  green: '#1f9d55',
  violet: '#7a4fd6',
}

function hash(s: string): number {
  let h = 0
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0
  return Math.abs(h)
}

/** An icon that fits the name: tickets and vouchers, books and cards, food, anything else a gift. */
function iconFor(name: string) {
  if (/票|券|卡/.test(name)) return /书|阅/.test(name) ? Articles : Coupon
  if (/书|阅|读/.test(name)) return Articles
  if (/餐|食|饭|米|油|茶|果/.test(name)) return Store
  return Gift
}

/**
 * The picture of a goods item. Goods may have no image (`imageUrl` ''), or one that fails to load:
 * then a placeholder is drawn locally — an icon on a soft gradient — never a broken image.
 * `className` sets the size; `soldOut` greys it with a 已兑完 stamp.
 */
export default function GoodsCover({ id, name, imageUrl, className = '', iconSize = 40, soldOut, label }: {
  id: string
  name: string
  imageUrl?: string
  className?: string
  iconSize?: number
  soldOut?: boolean
  /** Text of the stamp when `soldOut` (default 已兑完). */
  label?: string
}) {
  const [failed, setFailed] = useState(false)
  const tone = TONES[hash(id) % TONES.length]
  const Icon = iconFor(name)
  const showImage = Boolean(imageUrl) && !failed
  return (
    <View className={`goods-cover goods-cover-${tone} ${soldOut ? 'sold-out' : ''} ${className}`}>
      {showImage ? (
        <Image className='goods-cover-image' src={imageUrl!} mode='aspectFill' lazyLoad onError={() => setFailed(true)} />
      ) : (
        <View className='goods-cover-placeholder'>
          <View className='goods-cover-ring' style={{ width: `${Math.round(iconSize * 1.9)}px`, height: `${Math.round(iconSize * 1.9)}px` }}>
            <Icon size={iconSize} color={ICON_COLOR[tone]} />
          </View>
        </View>
      )}
      {soldOut && label !== '' && (
        <View className='goods-cover-stamp'>
          <Text>{label ?? '已兑完'}</Text>
        </View>
      )}
    </View>
  )
}
