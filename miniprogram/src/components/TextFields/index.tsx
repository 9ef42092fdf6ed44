import { Text, View } from '@tarojs/components'
import { Input } from '@nutui/nutui-react-taro'
import Taro from '@tarojs/taro'
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

/**
 * The checks before a form is sent: every field's problem shown (`problems`), then the privacy consent.
 * True when the form may be sent; otherwise the person has been told why in a toast.
 */
export function readyToSend<E extends Record<string, string | undefined>>(problems: E, setErrors: (errors: E) => void, consent: { agreed: boolean; refuse: () => void; notice: string }): boolean {
  setErrors(problems)
  if (Object.values(problems).some(Boolean)) {
    Taro.showToast({ title: '请检查标红的内容', icon: 'none' })
    return false
  }
  if (!consent.agreed) {
    consent.refuse()
    Taro.showToast({ title: `请先阅读并同意${consent.notice}`, icon: 'none' })
    return false
  }
  return true
}

/** Shows a VALIDATION_FAILED answer's messages under their fields (and the first in a toast); false for any other error. */
export function showServerFieldErrors<E extends Record<string, string | undefined>>(error: unknown, setErrors: (change: (errors: E) => E) => void): boolean {
  const server = serverFieldErrors(error)
  if (!server) return false
  setErrors((e) => ({ ...e, ...server }))
  Taro.showToast({ title: Object.values(server)[0], icon: 'none' })
  return true
}
