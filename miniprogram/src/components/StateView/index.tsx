import { View } from '@tarojs/components'
import { Empty, Skeleton } from '@nutui/nutui-react-taro'
import { Tips } from '@nutui/icons-react-taro'
import './index.scss'

/** A skeleton while something loads. */
export function Loading({ rows = 3 }: { rows?: number }) {
  return (
    <View className='state-loading card'>
      <Skeleton rows={rows} animated />
    </View>
  )
}

/**
 * An empty or failed state with Chinese copy and an optional action. The picture is drawn locally
 * (NutUI's default image comes from a remote CDN).
 */
export function Blank({ title, description, actionText, onAction, error }: {
  title: string
  description?: string
  actionText?: string
  onAction?: () => void
  error?: boolean
}) {
  return (
    <View className={`state-blank card ${error ? 'state-error' : ''}`}>
      <Empty
        image={<View className='state-blank-icon'><Tips size={48} color={error ? '#d9001b' : '#c0c4cc'} /></View>}
        imageSize={64}
        title={title}
        description={description}
        status={error ? 'error' : 'empty'}
        actions={actionText && onAction ? [{ text: actionText, type: 'primary', onClick: () => act(onAction) }] : []}
      />
    </View>
  )
}

/**
 * NutUI types an Empty action's onClick as returning a function, but its Button only calls it and drops
 * what it returns: the action runs now (`() => () => onAction()` never ran it — every 重试 was dead).
 */
function act(action: () => void): () => void {
  action()
  return () => {}
}

/** What a page shows until its resource is ready: the skeleton, or the failure with a retry. */
export function ResourceState({ resource, failTitle }: { resource: { status: string; error?: string; retry: () => void }; failTitle: string }) {
  if (resource.status === 'loading') return <Loading rows={6} />
  return <Blank error title={failTitle} description={resource.error} actionText='重试' onAction={resource.retry} />
}
