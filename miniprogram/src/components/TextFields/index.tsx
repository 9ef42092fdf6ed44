import { Text, View } from '@tarojs/components'
import { Input } from '@nutui/nutui-react-taro'
import type { z } from 'zod/mini'
import { ApiError } from '@/services/api'
import { fieldOf } from '@/utils/format'

export interface TextFieldSpec<K extends string> {
  key: K
  label: string
  placeholder: string
  type: 'text' | 'idcard' | 'number' | 'digit'
  maxLength: number
  /** Marked with a red asterisk (default true). */
  required?: boolean
}

/**
 * The text rows of a form (入会, 会员认证, 申请建会): label, input, and the field's error under it. Used by
 * subpackages only, so it is bundled with them.
 */
export function TextFields<K extends string>({ fields, values, errors, onChange, onBlur }: {
  fields: TextFieldSpec<K>[]
  values: Record<K, string>
  errors: Partial<Record<string, string>>
  onChange: (key: K, value: string) => void
  onBlur: (key: K, value: string) => void
}) {
  return (
    <>
      {fields.map((f) => (
        <View key={f.key} className='form-field-wrap'>
          <View className={`form-field field-${f.key} ${errors[f.key] ? 'has-error' : ''}`}>
            <Text className={`form-label ${f.required === false ? '' : 'required'}`}>{f.label}</Text>
            <Input
              name={f.key}
              type={f.type}
              value={values[f.key]}
              placeholder={f.placeholder}
              maxLength={f.maxLength}
              clearable
              onChange={(v) => onChange(f.key, v)}
              onBlur={(v) => onBlur(f.key, v)}
              onClear={() => onChange(f.key, '')}
            />
          </View>
          {errors[f.key] && <Text className={`field-error field-error-${f.key}`}>{errors[f.key]}</Text>}
        </View>
      ))}
    </>
  )
}

/** The per-field messages of a VALIDATION_FAILED answer (first one per field), or undefined for any other error. */
export function serverFieldErrors(error: unknown): Record<string, string> | undefined {
  if (!(error instanceof ApiError && error.code === 'VALIDATION_FAILED' && error.details.length)) return undefined
  const byField: Record<string, string> = {}
  for (const d of error.details) byField[fieldOf(d.path)] ??= d.message
  return byField
}

/** The first message a shared schema gives for `value`, or undefined when it is valid. */
export function schemaProblem(schema: z.ZodMiniType, value: unknown): string | undefined {
  const result = schema.safeParse(value)
  return result.success ? undefined : result.error.issues[0]?.message
}
