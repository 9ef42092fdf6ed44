import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { Blank, Loading } from '@/components/StateView'
import type { PagedList } from '@/utils/hooks'
import './index.scss'

/**
 * The states every paged list shows: a skeleton on the first load, the error with 重试 when nothing
 * came, `empty` when the list is empty, else the items and 加载更多 / 没有更多了 under them.
 */
export default function PagedView<T>({ list, empty, children, rows = 5, errorTitle = '加载失败', head }: {
  list: PagedList<T>
  empty: ReactNode
  children: (items: T[]) => ReactNode
  rows?: number
  errorTitle?: string
  /** Shown above the items once there are some (a count, a hint). */
  head?: ReactNode
}) {
  const { state, load } = list
  if (state.status === 'loading' && state.items.length === 0) return <Loading rows={rows} />
  if (state.status === 'error' && state.items.length === 0) {
    return <Blank error title={errorTitle} description={state.error} actionText='重试' onAction={() => void load(null)} />
  }
  if (state.items.length === 0) return <>{empty}</>
  return (
    <>
      {head}
      {children(state.items)}
      <ListFooter list={list} />
    </>
  )
}

/** 加载更多 / 没有更多了 under a list, and the error of a later page. */
export function ListFooter<T>({ list: { state, load } }: { list: PagedList<T> }) {
  return (
    <View className='paged-foot'>
      {state.cursor ? (
        <Button className='paged-more' fill='none' loading={state.status === 'more'} onClick={() => void load(state.cursor)}>
          {state.status === 'more' ? '加载中…' : '加载更多'}
        </Button>
      ) : (
        <Text className='muted paged-end'>没有更多了</Text>
      )}
      {state.status === 'error' && state.items.length > 0 && <Text className='paged-error'>{state.error}</Text>}
    </View>
  )
}
