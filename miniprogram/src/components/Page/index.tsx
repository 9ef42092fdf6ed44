import type { ReactNode } from 'react'
import { View } from '@tarojs/components'
import { usePageTheme } from '@/services/elder-mode'

/**
 * The root of every page: the `.page` box carrying the reader's font scale and, in 长辈模式, the
 * `elder` class (services/elder-mode.ts), so every page follows both without its own code.
 */
export default function Page({ className = '', children }: { className?: string; children?: ReactNode }) {
  const theme = usePageTheme()
  return (
    <View className={`page ${theme.className} ${className}`} style={theme.style}>
      {children}
    </View>
  )
}
