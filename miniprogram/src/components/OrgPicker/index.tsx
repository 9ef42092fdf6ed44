import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { ArrowRight } from '@nutui/icons-react-taro'
import { ORG_LEVEL_NAMES, type Org, type OrgLevel } from '@union/shared/orgs'
import UnionTree, { type PickedOrg, type TreeOrg } from '@/components/UnionTree'
import '@/styles/form.scss'
import './index.scss'

export type { PickedOrg }

interface Props {
  value?: PickedOrg
  onChange: (org: Org) => void
  /** A union that may not be chosen (e.g. the member's current union when transferring). */
  excludeOrgId?: string
  excludeReason?: string
  label?: string
  placeholder?: string
  error?: string
  /** The levels that may be chosen (default: basic unions, the only ones that take members). */
  levels?: OrgLevel[]
  /** The sheet's title. */
  title?: string
  /** Why an unchoosable union cannot be chosen (after its level). */
  unpickableNote?: string
}

const BASIC_ONLY: OrgLevel[] = ['basic']

/**
 * Picks a union of the given levels (default 基层工会, the only level that accepts members): a field that
 * opens the union tree, searched by name or browsed level by level. Unions of other levels are shown
 * with their level and cannot be chosen (browsing into them is allowed).
 */
export default function OrgPicker({
  value, onChange, excludeOrgId, excludeReason = '当前所在工会', label = '基层工会', placeholder = '搜索并选择基层工会', error,
  levels = BASIC_ONLY, title = '选择基层工会', unpickableNote = '不直接接收会员',
}: Props) {
  const [open, setOpen] = useState(false)
  const noteOf = (org: TreeOrg) =>
    `${org.level ? ORG_LEVEL_NAMES[org.level] : ''}${org.id === excludeOrgId ? ` · ${excludeReason}` : org.level && levels.includes(org.level) ? '' : ` · ${unpickableNote}`}`
  return (
    <>
      <View className={`org-picker-field ${error ? 'has-error' : ''}`} onClick={() => setOpen(true)}>
        <Text className='org-picker-label'>{label}</Text>
        <Text className={`org-picker-value ${value ? '' : 'placeholder'}`}>{value ? value.name : placeholder}</Text>
        <ArrowRight size={12} color='#5c5f66' />
      </View>
      {error && <Text className='field-error org-picker-error'>{error}</Text>}
      <UnionTree
        open={open}
        onClose={() => setOpen(false)}
        title={title}
        hint={`只有${levels.map((l) => ORG_LEVEL_NAMES[l]).join('、')}可以选择`}
        className='org-picker-popup'
        canChoose={(org) => !!org.level && levels.includes(org.level) && org.id !== excludeOrgId}
        noteOf={noteOf}
        value={value}
        onChoose={(org) => {
          onChange(org as Org)
          setOpen(false)
        }}
      />
    </>
  )
}
