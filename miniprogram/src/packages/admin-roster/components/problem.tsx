import { Text, View } from '@tarojs/components'
import { Tips } from '@nutui/icons-react-taro'

/** Why an upload was refused: an ApiError from the server, or the app's own check of the file. */
export interface Problem {
  code: string
  message: string
  details: { path: string; message: string }[]
}

/**
 * The classic Excel accident: a 身份证号 column stored as numbers shows as `6.10113E+17` and has lost
 * its last digits for good. Recognised by the server's code or by the scientific notation it quotes.
 */
export function isNumberColumnAccident(code: string, message: string): boolean {
  return /NUMBER|NUMERIC|SCIENTIFIC/.test(code) || /\dE\+\d|科学计数|存成了?数字|存为数字|数字格式/i.test(message)
}

/** How to repair the column, step by step, in the words of Excel and WPS menus. */
export function NumberColumnHelp() {
  return (
    <View className='roster-help roster-number-help'>
      <Text className='roster-help-title'>身份证号被 Excel 存成了数字</Text>
      <Text className='roster-help-text'>存成数字后最后几位已经变成 0，无法还原，这些行不能导入。请这样修正：</Text>
      <Text className='roster-help-step'>1. 在 Excel 或 WPS 中选中“身份证号”整列；</Text>
      <Text className='roster-help-step'>2. 右键 → 设置单元格格式 → 选择“文本”；</Text>
      <Text className='roster-help-step'>3. 从原始资料重新粘贴身份证号（不要用表格里已变成数字的那一列）；</Text>
      <Text className='roster-help-step'>4. 保存为 .xlsx 后重新上传。</Text>
    </View>
  )
}

const HEADLINE: Record<string, string> = {
  PAYLOAD_TOO_LARGE: '文件太大',
  OUT_OF_SCOPE: '超出管理范围',
  FORBIDDEN: '没有权限',
  RATE_LIMITED: '上传太频繁',
  NETWORK: '上传没有完成',
}

/** Why an upload was refused, with every reason the server gave (400 details), in plain Chinese. */
export function UploadProblem({ error }: { error: Problem }) {
  const details = error.details.filter((d) => d.message && d.message !== error.message)
  const accident = isNumberColumnAccident(error.code, [error.message, ...details.map((d) => d.message)].join(' '))
  return (
    <View className='roster-problem'>
      <View className='roster-problem-head'>
        <Tips size={16} color='#a8071a' />
        <Text className='roster-problem-title'>{HEADLINE[error.code] ?? '这份名册无法导入'}</Text>
      </View>
      <Text className='roster-problem-text'>{error.message}</Text>
      {details.slice(0, 10).map((d, i) => (
        <Text key={i} className='roster-problem-detail'>· {d.message}</Text>
      ))}
      {accident && <NumberColumnHelp />}
    </View>
  )
}
