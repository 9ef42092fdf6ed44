import { useRef, useState, type ReactNode } from 'react'
import { Dialog } from '@nutui/nutui-react-taro'

export interface ConfirmOptions {
  title: string
  content: ReactNode
  confirmText?: string
  cancelText?: string
  /** Information only (nothing to decide): one button, no 取消. */
  notice?: boolean
}

/**
 * A NutUI confirm dialog driven by a promise: render `dialog` once in the page, then
 * `if (await confirm({...})) …`. Used by subpackages only, so it is bundled with them, not in the main package.
 */
export function useConfirm(className = 'app-confirm'): [ReactNode, (options: ConfirmOptions) => Promise<boolean>] {
  const [open, setOpen] = useState(false)
  const [options, setOptions] = useState<ConfirmOptions>({ title: '', content: '' })
  const resolver = useRef<(ok: boolean) => void>()

  const confirm = (next: ConfirmOptions) =>
    new Promise<boolean>((resolve) => {
      resolver.current?.(false)
      resolver.current = resolve
      setOptions(next)
      setOpen(true)
    })
  const finish = (ok: boolean) => {
    resolver.current?.(ok)
    resolver.current = undefined
    setOpen(false)
  }

  const dialog = (
    <Dialog
      className={className}
      visible={open}
      title={options.title}
      confirmText={options.confirmText ?? '确定'}
      cancelText={options.cancelText ?? '取消'}
      hideCancelButton={options.notice === true}
      onConfirm={() => finish(true)}
      onCancel={() => finish(false)}
      onClose={() => finish(false)}
    >
      {options.content}
    </Dialog>
  )
  return [dialog, confirm]
}
