import { Text, View } from '@tarojs/components'
import { daysOfMonth } from '@union/shared/china-day'
import './index.scss'

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六']

/** A month of China days with the signed-in ones marked. Display only; the days come from the API. */
export default function SignInCalendar({ month, signedDays, today }: { month: string; signedDays: string[]; today: string }) {
  const days = daysOfMonth(month)
  const signed = new Set(signedDays)
  const leading = new Date(`${month}-01T00:00:00Z`).getUTCDay()
  return (
    <View className='calendar'>
      <View className='calendar-head'>
        <Text className='calendar-month'>{Number(month.slice(0, 4))}年{Number(month.slice(5))}月</Text>
        <Text className='muted'>本月已签到 {signed.size} 天</Text>
      </View>
      <View className='calendar-grid'>
        {WEEKDAYS.map((w) => (
          <Text key={w} className='calendar-weekday'>{w}</Text>
        ))}
        {Array.from({ length: leading }, (_, i) => (
          <View key={`pad-${i}`} className='calendar-pad' />
        ))}
        {days.map((d) => (
          <View key={d} className={`calendar-day ${signed.has(d) ? 'signed' : ''} ${d === today ? 'today' : ''}`}>
            {Number(d.slice(8))}
          </View>
        ))}
      </View>
    </View>
  )
}
