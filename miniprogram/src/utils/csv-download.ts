import Taro from '@tarojs/taro'
import { API_BASE, ApiError, apiErrorFrom, cancelledByUser } from '@/services/api'
import { currentToken, login } from '@/services/session'

export type ExportResult = 'downloaded' | 'shared' | 'copied'

/** A file name (`<name>-<what>.csv`) without characters that file systems or WeChat reject. */
export const csvFileName = (name: string, what: string) => `${name.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 40)}-${what}.csv`

async function failure(status: number, body: unknown): Promise<never> {
  throw apiErrorFrom(status, body, '导出失败，请稍后再试')
}

const authHeader = () => ({ authorization: `Bearer ${currentToken() ?? ''}` })

/** Browser: fetch with the token, then save through a Blob link. */
async function saveInBrowser(url: string, fileName: string): Promise<ExportResult> {
  let res: Response
  try {
    res = await fetch(url, { headers: authHeader() })
    if (res.status === 401) {
      await login()
      res = await fetch(url, { headers: authHeader() })
    }
  } catch {
    throw new ApiError('NETWORK', '网络不给力，请检查网络后重试', 0)
  }
  if (!res.ok) return failure(res.status, await res.text().catch(() => ''))
  const blob = await res.blob()
  const href = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = href
  link.download = fileName
  document.body.appendChild(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(href), 30_000)
  return 'downloaded'
}

/** WeChat: download with the token, then send the file to a chat, or copy it as text where files cannot be sent. */
async function shareInWeChat(url: string, fileName: string): Promise<ExportResult> {
  let res: Taro.downloadFile.FileSuccessCallbackResult
  try {
    res = await Taro.downloadFile({ url, header: authHeader() })
    if (res.statusCode === 401) {
      await login()
      res = await Taro.downloadFile({ url, header: authHeader() })
    }
  } catch {
    throw new ApiError('NETWORK', '网络不给力，请检查网络后重试', 0)
  }
  const fs = Taro.getFileSystemManager()
  if (res.statusCode !== 200) {
    let body: unknown = ''
    try {
      body = fs.readFileSync(res.tempFilePath, 'utf8')
    } catch {
      // no readable body
    }
    return failure(res.statusCode, body)
  }
  try {
    // Sends the file to a chat (e.g. 文件传输助手), from where it opens on a computer.
    await Taro.shareFileMessage({ filePath: res.tempFilePath, fileName })
    return 'shared'
  } catch (e) {
    if (cancelledByUser(e)) throw new ApiError('CANCELLED', '已取消导出', 0)
    const text = fs.readFileSync(res.tempFilePath, 'utf8') as string
    await Taro.setClipboardData({ data: text.replace(/^\uFEFF/, '') })
    return 'copied'
  }
}

/**
 * Saves a CSV the API serves (UTF-8 with BOM, opens in Excel/WPS) at `path` (with its query). The
 * routes need the token header, so a plain link will not do: in a browser the file is fetched and saved
 * through a Blob link; in WeChat it is downloaded and sent to a chat (shareFileMessage), or copied as
 * text where sending files is not supported. Used by subpackages only (bundled with them).
 */
export function saveCsv(path: string, fileName: string): Promise<ExportResult> {
  return saveApiFile(path, fileName)
}

/** Any file the API serves at `path` (CSV, the JSON of 我的数据), saved the same way. */
export function saveApiFile(path: string, fileName: string): Promise<ExportResult> {
  const url = `${API_BASE}${path}`
  return process.env.TARO_ENV === 'h5' ? saveInBrowser(url, fileName) : shareInWeChat(url, fileName)
}
