import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import './index.scss'

/**
 * A member, cadre or union as the admin pages list it: an initial in a round badge (people only), the
 * name over a muted meta line, and what is done with it on the right (actions, a balance). `className`
 * names the row for its page (and its tests); `ruled` rules it from the next row of a list card.
 */
export default function ProfileRow({ className = '', initial, name, meta, aside, ruled = false, onOpen }: {
  className?: string
  initial?: string
  name: ReactNode
  meta?: ReactNode
  aside?: ReactNode
  ruled?: boolean
  /** Tapping the name and meta (e.g. into a union's children). */
  onOpen?: () => void
}) {
  return (
    <View className={`profile-row ${ruled ? 'ruled' : ''} ${className}`}>
      {initial !== undefined && (
        <View className='profile-row-badge'>
          <Text>{initial.slice(0, 1)}</Text>
        </View>
      )}
      <View className='profile-row-text' onClick={onOpen}>
        <Text className='profile-row-name'>{name}</Text>
        {meta !== undefined && <Text className='muted profile-row-meta'>{meta}</Text>}
      </View>
      {aside}
    </View>
  )
}
