import { Text, View } from '@tarojs/components'
import { DatePicker } from '@nutui/nutui-react-taro'
import { clockText, dayText, weekdayText } from '@/utils/activity'
import { localDate, wallNow, withDate, withTime, type Wall } from './wall-time'

export interface Picking<K extends string> {
  field: K
  part: 'date' | 'time'
}

/** One time of the form: label, then the day and the clock as two tappable chips. */
export function DateTimeRow<K extends string>({ field, label, value, error, disabled, onPick }: {
  field: K
  label: string
  value: Wall
  error?: string
  disabled?: boolean
  onPick: (p: Picking<K>) => void
}) {
  const iso = `${value}:00+08:00`
  return (
    <View className='form-field-wrap'>
      <View className={`form-field dt-field dt-field-${field} ${error ? 'has-error' : ''}`}>
        <Text className='form-label required'>{label}</Text>
        <View className='dt-field-value'>
          <Text className='dt-chip dt-date' onClick={() => !disabled && onPick({ field, part: 'date' })}>
            {dayText(iso)} {weekdayText(iso)}
          </Text>
          <Text className='dt-chip dt-time' onClick={() => !disabled && onPick({ field, part: 'time' })}>
            {clockText(iso)}
          </Text>
        </View>
      </View>
      {error && <Text className={`field-error field-error-${field}`}>{error}</Text>}
    </View>
  )
}

interface PickerOption {
  label: string | number
  value: string | number
}

const SUFFIX: Record<string, string> = { year: '年', month: '月', day: '日', hour: '时', minute: '分' }
const formatter = (type: string, option: PickerOption): PickerOption => ({ ...option, label: `${option.label}${SUFFIX[type] ?? ''}` })

/**
 * The one picker of the form (NutUI DatePicker in a bottom sheet): a date (year, month, day) or a
 * time (hours, minutes in 5-minute steps) of one field. Remounted for each field so it opens on the
 * field's value.
 */
export function WallPicker({ title, part, value, onConfirm, onClose }: {
  title: string
  part: 'date' | 'time'
  value: Wall
  onConfirm: (next: Wall) => void
  onClose: () => void
}) {
  const today = wallNow(1)
  // From a week back (or the value, if earlier) to two years ahead.
  const from = localDate(value < today ? value : today)
  from.setDate(from.getDate() - 7)
  const to = localDate(today)
  to.setFullYear(to.getFullYear() + 2)
  return (
    <DatePicker
      className={`wall-picker wall-picker-${part}`}
      visible
      title={title}
      type={part === 'date' ? 'date' : 'hour-minutes'}
      defaultValue={localDate(value)}
      startDate={from}
      endDate={to}
      minuteStep={5}
      threeDimensional={false}
      formatter={formatter}
      onConfirm={(_, values) => {
        const [a, b, c] = values.map((v) => Number(v))
        onConfirm(part === 'date' ? withDate(value, a, b, c) : withTime(value, a, b))
      }}
      onClose={onClose}
    />
  )
}
