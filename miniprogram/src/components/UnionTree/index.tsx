import { Popup } from '@nutui/nutui-react-taro'
import { UnionTreeBody, type UnionTreeProps } from './body'

export { UnionTreeBody, type PickedOrg, type TreeOrg, type UnionTreeBodyProps, type UnionTreeProps } from './body'

/** The union tree (./body.tsx) in a bottom sheet: the pickers of forms and subpackage pages. */
export default function UnionTree(props: UnionTreeProps) {
  const { open, onClose, title, className = '' } = props
  return (
    <Popup visible={open} position='bottom' round closeable title={title} className={`union-popup ${className}`} onClose={onClose}>
      <UnionTreeBody {...props} />
    </Popup>
  )
}
