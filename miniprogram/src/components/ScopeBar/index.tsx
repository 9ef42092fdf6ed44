import { Text, View } from '@tarojs/components'
import { ArrowDown } from '@nutui/icons-react-taro'
import type { CadreRole } from '@union/shared/me'
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

/** The line above the union tree when a cadre picks the union in scope. */
export const SCOPE_HINT = '可选择你管理的工会，或点“下级”选择其下任一工会。'

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

/**
 * The union in scope and a 切换 button. What the tap opens is the caller's: the union tree in a sheet
 * (components/UnionScope) or, on the 管理 tab, the scope page of the admin subpackage (no sheet code in the
 * weapp main package).
 */
export default function ScopeBar({ value, label = '管理范围', className = '', onClick }: { value: Scope; label?: string; className?: string; onClick: () => void }) {
  return (
    <View className={`union-scope ${className}`} onClick={onClick}>
      <View className='union-scope-text'>
        <Text className='union-scope-label'>{label}</Text>
        <Text className='union-scope-name'>{value.name}</Text>
      </View>
      <View className='union-scope-switch'>
        <Text>切换</Text>
        <ArrowDown size={12} />
      </View>
    </View>
  )
}
