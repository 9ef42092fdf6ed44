import { Text, View } from '@tarojs/components'
import { daysOfMonth } from '@union/shared/china-day'
import './index.scss'

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六']

/**
 * A month of China days with the signed-in ones marked; the days come from the API. With `onPick`, the
 * missed days of the month before today can be tapped (补签): the whole cell is the tap target.
 */
export default function SignInCalendar({ month, signedDays, today, picked, onPick }: {
  month: string
  signedDays: string[]
  today: string
  picked?: string
  onPick?: (day: string) => void
}) {
  const days = daysOfMonth(month)
  const signed = new Set(signedDays)
  const leading = new Date(`${month}-01T00:00:00Z`).getUTCDay()
  const missed = (d: string) => Boolean(onPick) && d < today && !signed.has(d)
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
          <View
            key={d}
            className={`calendar-cell ${missed(d) ? 'missed' : ''}`}
            data-day={d}
            onClick={missed(d) ? () => onPick?.(d) : undefined}
          >
            <View className={`calendar-day ${signed.has(d) ? 'signed' : ''} ${d === today ? 'today' : ''} ${missed(d) ? 'missed' : ''} ${d === picked ? 'picked' : ''}`}>
              {Number(d.slice(8))}
            </View>
          </View>
        ))}
      </View>
    </View>
  )
}
