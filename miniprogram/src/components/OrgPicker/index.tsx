import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { ArrowRight } from '@nutui/icons-react-taro'
import { ORG_LEVEL_NAMES, type Org } from '@union/shared/orgs'
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
}

/**
 * Picks a 基层工会: a field that opens the union tree, searched by name or browsed level by level. Only
 * basic-level unions accept members, so every other level is shown with its level and cannot be chosen
 * (browsing into it is allowed).
 */
export default function OrgPicker({ value, onChange, excludeOrgId, excludeReason = '当前所在工会', label = '基层工会', placeholder = '搜索并选择基层工会', error }: Props) {
  const [open, setOpen] = useState(false)
  const noteOf = (org: TreeOrg) =>
    `${org.level ? ORG_LEVEL_NAMES[org.level] : ''}${org.id === excludeOrgId ? ` · ${excludeReason}` : org.level === 'basic' ? '' : ' · 不直接接收会员'}`
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
        title='选择基层工会'
        hint='只有基层工会可以选择'
        className='org-picker-popup'
        canChoose={(org) => org.level === 'basic' && org.id !== excludeOrgId}
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
