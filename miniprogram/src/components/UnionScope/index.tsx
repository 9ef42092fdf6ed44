import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { ArrowDown } from '@nutui/icons-react-taro'
import type { CadreRole } from '@union/shared/me'
import UnionTree from '@/components/UnionTree'
import './index.scss'

/** The union a cadre looks at: one they hold a role for, or any union below it. */
export interface Scope {
  id: string
  name: string
}

/** The scope a page starts with: `?orgId=&orgName=` when it is in the cadre's roles' reach, else the first role. */
export function initialScope(roles: CadreRole[], params: Record<string, string | undefined>): Scope {
  const id = params.orgId
  if (id && /^[a-z0-9-]{1,64}$/.test(id)) return { id, name: safeDecode(params.orgName) || id }
  return { id: roles[0]?.orgId ?? '', name: roles[0]?.orgName ?? '' }
}

/** Query string carrying a scope to another page. */
export const scopeQuery = (s: Scope) => `orgId=${encodeURIComponent(s.id)}&orgName=${encodeURIComponent(s.name)}`

function safeDecode(v: string | undefined): string {
  if (!v) return ''
  try {
    return decodeURIComponent(v)
  } catch {
    return v
  }
}

interface Props {
  roles: CadreRole[]
  value: Scope
  onChange: (scope: Scope) => void
  /** Words before the union's name, e.g. 统计范围. */
  label?: string
  /** One line at the top of the sheet. */
  hint?: string
  className?: string
}

/** Shows the union in scope and opens the union tree to change it: a union the cadre holds a role for, or any union below. */
export default function UnionScope({ roles, value, onChange, label = '管理范围', hint = '可选择你管理的工会，或点“下级”选择其下任一工会。', className = '' }: Props) {
  const [open, setOpen] = useState(false)
  return (
    <>
      <View className={`union-scope ${className}`} onClick={() => setOpen(true)}>
        <View className='union-scope-text'>
          <Text className='union-scope-label'>{label}</Text>
          <Text className='union-scope-name'>{value.name}</Text>
        </View>
        <View className='union-scope-switch'>
          <Text>切换</Text>
          <ArrowDown size={12} />
        </View>
      </View>
      <UnionTree
        open={open}
        onClose={() => setOpen(false)}
        title='选择工会'
        hint={hint}
        roots={roles.map((r) => ({ id: r.orgId, name: r.orgName }))}
        chooseHere
        value={value}
        onChoose={(s) => {
          setOpen(false)
          if (s.id !== value.id) onChange({ id: s.id, name: s.name })
        }}
      />
    </>
  )
}
