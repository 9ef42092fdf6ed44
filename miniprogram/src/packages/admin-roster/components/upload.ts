import Taro from '@tarojs/taro'
import { Import, type Import as ImportT } from '@union/shared/roster'
import { API_BASE, ApiError, apiErrorFrom, cancelledByUser } from '@/services/api'
import { currentToken, login } from '@/services/session'

/** A roster file the cadre picked: a WeChat temp path (from a chat), or a browser File. */
export interface RosterFile {
  name: string
  size: number
  path?: string
  file?: File
}

const EXTENSIONS = ['xlsx', 'csv']

/**
 * The server's limit for one file (`multipart.maxBytes` of the route in shared/routes, not imported here:
 * ROUTES would bring every schema into the subpackage): checked here too so a
 * cadre on mobile data does not send megabytes only to be refused. The server still decides (413).
 */
export const MAX_UPLOAD_BYTES = 4 * 1024 * 1024

export const TOO_LARGE_MESSAGE = '文件太大，超过了 4 MB 的上传限制。请删去多余的工作表和空行，或按基层工会分成几个文件上传。'

/** `.xlsx` / `.csv` by name (the server checks the content itself). */
export const isRosterFileName = (name: string) => EXTENSIONS.includes(name.split('.').pop()?.toLowerCase() ?? '')

/** Browser: a hidden `<input type="file">`, resolved with the file or undefined when cancelled. */
function pickInBrowser(): Promise<RosterFile | undefined> {
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv'
    input.className = 'roster-file-input'
    input.style.display = 'none'
    const done = (file?: File) => {
      input.remove()
      resolve(file ? { name: file.name, size: file.size, file } : undefined)
    }
    input.addEventListener('change', () => done(input.files?.[0]))
    input.addEventListener('cancel', () => done())
    document.body.appendChild(input)
    input.click()
  })
}

/** WeChat: a file received in a chat (名册 are passed around as chat attachments). */
async function pickInWeChat(): Promise<RosterFile | undefined> {
  try {
    const { tempFiles } = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: EXTENSIONS })
    const f = tempFiles[0]
    return f ? { name: f.name, size: f.size, path: f.path } : undefined
  } catch (e) {
    if (cancelledByUser(e)) return undefined
    throw new Error('无法读取这个文件，请重新选择')
  }
}

/** Asks the cadre for one .xlsx or .csv file. */
export function pickRosterFile(): Promise<RosterFile | undefined> {
  return process.env.TARO_ENV === 'h5' ? pickInBrowser() : pickInWeChat()
}

interface Answer {
  status: number
  data: unknown
}

const headers = (idempotencyKey: string) => ({ authorization: `Bearer ${currentToken() ?? ''}`, 'idempotency-key': idempotencyKey })

async function sendFromBrowser(url: string, file: RosterFile, orgId: string, idempotencyKey: string): Promise<Answer> {
  const form = new FormData()
  form.append('orgId', orgId)
  form.append('kind', 'members')
  form.append('file', file.file as File, file.name)
  // Taro's H5 uploadFile re-reads the file from a blob URL; fetch sends the File as it is.
  const res = await fetch(url, { method: 'POST', headers: headers(idempotencyKey), body: form })
  return { status: res.status, data: await res.text() }
}

async function sendFromWeChat(url: string, file: RosterFile, orgId: string, idempotencyKey: string): Promise<Answer> {
  const res = await Taro.uploadFile({
    url,
    filePath: file.path as string,
    name: 'file',
    formData: { orgId, kind: 'members' },
    header: headers(idempotencyKey),
    timeout: 60_000,
  })
  return { status: res.statusCode, data: res.data }
}

/**
 * Uploads a roster for validation (`POST /v1/admin/imports`, multipart): nothing is written to members
 * yet. Keep `idempotencyKey` for retries of the same upload. Logs in again once on 401.
 */
export async function uploadRoster(file: RosterFile, orgId: string, idempotencyKey: string): Promise<ImportT> {
  const url = `${API_BASE}/v1/admin/imports`
  const send = process.env.TARO_ENV === 'h5' ? sendFromBrowser : sendFromWeChat
  let answer: Answer
  try {
    answer = await send(url, file, orgId, idempotencyKey)
    if (answer.status === 401) {
      await login()
      answer = await send(url, file, orgId, idempotencyKey)
    }
  } catch (e) {
    if (e instanceof ApiError) throw e
    throw new ApiError('NETWORK', '上传失败：网络不给力，请检查网络后重试', 0)
  }
  if (answer.status === 413) {
    // Ours says which limit (bytes or rows); API Gateway's own 413 has no error body of ours.
    const error = apiErrorFrom(413, answer.data, TOO_LARGE_MESSAGE)
    throw new ApiError('PAYLOAD_TOO_LARGE', error.message, 413, error.details)
  }
  if (answer.status >= 400) throw apiErrorFrom(answer.status, answer.data, '上传失败，请稍后再试')
  let data = answer.data
  if (typeof data === 'string') {
    try {
      data = JSON.parse(data)
    } catch {
      // fails the schema below
    }
  }
  const parsed = Import.safeParse(data)
  if (!parsed.success) throw new ApiError('BAD_RESPONSE', '数据格式有误，请更新小程序后重试', answer.status)
  return parsed.data
}
