import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import type { Me } from '@union/shared/me'
import type * as z from 'zod/mini'
import type { Import, ImportStatus as ImportStatusSchema } from '@union/shared/roster'
import { Blank } from '@/components/StateView'

/** The pages are reachable by URL: only cadres see them. */
export function CadreOnly({ me, children }: { me: Me; children: ReactNode }) {
  if (me.roles.length === 0) return <Blank title='仅限工会干部' description='名册导入只对工会干部开放。' />
  return <>{children}</>
}

type ImportStatus = z.infer<typeof ImportStatusSchema>

export const STATUS_TEXT: Record<ImportStatus, string> = {
  validated: '待确认导入',
  committing: '正在导入',
  committed: '已导入',
  failed: '导入失败',
}

export function StatusTag({ status }: { status: ImportStatus }) {
  return <Text className={`roster-status roster-status-${status}`}>{STATUS_TEXT[status]}</Text>
}

/** A row of big numbers (名册行数 / 可以导入 / 有问题, or 新增 / 更新 / 没有变化). */
export function Counts({ items }: { items: { key: string; value: number; label: string; bad?: boolean }[] }) {
  return (
    <View className='roster-counts'>
      {items.map((c) => (
        <View key={c.key} className={`roster-count roster-count-${c.key} ${c.bad ? 'bad' : ''}`}>
          <Text className='roster-count-value'>{c.value}</Text>
          <Text className='roster-count-label'>{c.label}</Text>
        </View>
      ))}
    </View>
  )
}

/** Bytes as 12 KB / 3.4 MB. */
export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

/** Imports answered by the upload, so the preview page shows them without asking the API again. */
export const uploaded = new Map<string, Import>()
