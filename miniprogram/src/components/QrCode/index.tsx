import { useMemo } from 'react'
import { View } from '@tarojs/components'
import { qrModules } from './modules'
import './index.scss'

/**
 * A QR code drawn with Views (no canvas): the same markup works in WeChat and on H5, and it scales
 * with its box. `className` sets the size (square); the quiet zone is the padding.
 */
export default function QrCode({ value, className = '' }: { value: string; className?: string }) {
  const rows = useMemo(() => qrModules(value), [value])
  const pct = `${100 / rows.length}%`
  return (
    <View className={`qr-code ${className}`} aria-label={`二维码：${value}`}>
      <View className='qr-code-matrix'>
        {rows.map((row, r) => (
          <View key={r} className='qr-code-row' style={{ height: pct }}>
            {row.map((dark, c) => (
              <View key={c} className={dark ? 'qr-code-dark' : 'qr-code-light'} />
            ))}
          </View>
        ))}
      </View>
    </View>
  )
}
