import Taro from '@tarojs/taro'
import { AccountDeleted, DELETION_WORD } from '@union/shared/account'
import { AccountExport } from '@union/shared/account-export'
import { call } from './api'
import { signOut } from './session'

/** `我的数据-20261130.json`: the day it was taken, China time. */
function fileName(exportedAt: string): string {
  return `我的数据-${exportedAt.slice(0, 10).replace(/-/g, '')}.json`
}

/**
 * Fetches everything stored about me and hands it over as a file to keep: in a browser a download, in
 * WeChat a file written to the mini-program's user folder and offered to send to a chat (文件传输助手
 * keeps it) — WeChat opens no JSON documents, so sharing is the way to save it.
 */
export async function saveMyData(): Promise<{ fileName: string }> {
  const data = await call('GET /v1/me/export', AccountExport)
  const name = fileName(data.exportedAt)
  const text = JSON.stringify(data, null, 2)
  if (process.env.TARO_ENV === 'h5') {
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json;charset=utf-8' }))
    const link = document.createElement('a')
    link.href = url
    link.download = name
    document.body.appendChild(link)
    link.click()
    link.remove()
    setTimeout(() => URL.revokeObjectURL(url), 10_000)
    return { fileName: name }
  }
  const filePath = `${Taro.env.USER_DATA_PATH}/${name}`
  await new Promise<void>((resolve, reject) =>
    Taro.getFileSystemManager().writeFile({ filePath, data: text, encoding: 'utf8', success: () => resolve(), fail: (e) => reject(new Error(e.errMsg)) }),
  )
  if (typeof Taro.shareFileMessage === 'function') {
    await Taro.shareFileMessage({ filePath, fileName: name })
  } else {
    await Taro.openDocument({ filePath, showMenu: true, fileType: 'pdf' as never })
  }
  return { fileName: name }
}

/** 注销 after the person typed the word; the session ends whatever the page does next. */
export async function deleteMyAccount(): Promise<AccountDeleted> {
  const result = await call('POST /v1/me/deletion', AccountDeleted, { body: { confirm: DELETION_WORD } })
  signOut()
  return result
}
