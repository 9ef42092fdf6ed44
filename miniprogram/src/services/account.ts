import { AccountDeleted, DELETION_WORD } from '@union/shared/account'
import { chinaDay } from '@union/shared/china-day'
import { saveApiFile, type ExportResult } from '@/utils/csv-download'
import { call } from './api'
import { signOut } from './session'

/**
 * Everything stored about me as `我的数据-YYYYMMDD.json`, saved the way the cadres' CSV exports are: in a
 * browser a download; in WeChat the file is downloaded and sent to a chat (文件传输助手 keeps it), or
 * copied as text where files cannot be sent.
 */
export async function saveMyData(): Promise<{ fileName: string; result: ExportResult }> {
  const fileName = `我的数据-${chinaDay(new Date()).replace(/-/g, '')}.json`
  return { fileName, result: await saveApiFile('/v1/me/export', fileName) }
}

/** 注销 after the person typed the word; the session ends whatever the page does next. */
export async function deleteMyAccount(): Promise<AccountDeleted> {
  const result = await call('POST /v1/me/deletion', AccountDeleted, { body: { confirm: DELETION_WORD } })
  signOut()
  return result
}
