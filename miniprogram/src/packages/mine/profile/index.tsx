import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Button as NativeButton, Image, Text, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { Photograph, Tips } from '@nutui/icons-react-taro'
import { Me, PatchMeRequest, type Me as MeT } from '@union/shared/me'
import PrivacyPopup from '@/components/PrivacyPopup'
import SessionGate from '@/components/SessionGate'
import { ApiError, messageOf, call } from '@/services/api'
import { refreshMe } from '@/services/session'
import { fieldOf } from '@/utils/format'
import Page from '@/components/Page'
import '@/styles/form.scss'
import './index.scss'
import { leavePage } from '@/utils/leave'

const WEAPP = process.env.TARO_ENV === 'weapp'
const NICKNAME_MAX = 20

type Field = 'nickname' | 'avatarUrl'
type Errors = Partial<Record<Field, string>>

/** The same rules the API applies (shared/), with messages for this form. */
function problems(nickname: string, avatarUrl: string, me: MeT): Errors {
  const errors: Errors = {}
  const name = nickname.trim()
  if (!name) errors.nickname = '请输入昵称'
  else if (name.length > NICKNAME_MAX) errors.nickname = `昵称不能超过 ${NICKNAME_MAX} 个字`
  if (avatarUrl !== me.avatarUrl && avatarUrl) {
    // In a browser only a web address makes sense; WeChat hands out its own file paths.
    if (!WEAPP && !/^https:\/\/\S+$/.test(avatarUrl)) errors.avatarUrl = '请填写以 https:// 开头的图片地址'
    else if (avatarUrl.length > 512) errors.avatarUrl = '头像地址过长'
  }
  if (errors.nickname || errors.avatarUrl) return errors
  const parsed = PatchMeRequest.safeParse(patchOf(nickname, avatarUrl, me))
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? 'nickname') as Field
      errors[field] ??= issue.message
    }
  }
  return errors
}

function patchOf(nickname: string, avatarUrl: string, me: MeT) {
  const patch: { nickname?: string; avatarUrl?: string } = {}
  if (nickname.trim() !== me.nickname) patch.nickname = nickname.trim()
  if (avatarUrl && avatarUrl !== me.avatarUrl) patch.avatarUrl = avatarUrl
  return patch
}

function AvatarPicture({ url, nickname }: { url: string; nickname: string }) {
  const [failed, setFailed] = useState<string>()
  return (
    <View className='profile-avatar'>
      {url && failed !== url ? (
        <Image className='profile-avatar-image' src={url} mode='aspectFill' onError={() => setFailed(url)} />
      ) : (
        <Text className='profile-avatar-letter'>{nickname.trim().slice(0, 1) || '我'}</Text>
      )}
      {WEAPP && (
        <View className='profile-avatar-badge'>
          <Photograph size={12} color='#fff' />
        </View>
      )}
    </View>
  )
}

function ProfileForm({ me }: { me: MeT }) {
  const [nickname, setNickname] = useState(me.nickname)
  const [avatarUrl, setAvatarUrl] = useState(me.avatarUrl)
  const [errors, setErrors] = useState<Errors>({})
  const [saving, setSaving] = useState(false)
  const changed = Object.keys(patchOf(nickname, avatarUrl, me)).length > 0

  const edit = (field: Field, value: string) => {
    if (field === 'nickname') setNickname(value)
    else setAvatarUrl(value.trim())
    if (errors[field]) setErrors((e) => ({ ...e, [field]: undefined }))
  }

  const save = async () => {
    if (saving) return
    const found = problems(nickname, avatarUrl, me)
    setErrors(found)
    if (found.nickname || found.avatarUrl) return
    const patch = patchOf(nickname, avatarUrl, me)
    if (!Object.keys(patch).length) {
      Taro.showToast({ title: '资料没有变化', icon: 'none' })
      return
    }
    setSaving(true)
    try {
      await call('PATCH /v1/me', Me, { body: patch })
      await refreshMe().catch(() => {})
      Taro.showToast({ title: '资料已保存', icon: 'success' })
      setTimeout(() => leavePage('/pages/mine/index', true), 800)
    } catch (e) {
      if (e instanceof ApiError && e.code === 'VALIDATION_FAILED' && e.details.length) {
        const next: Errors = {}
        for (const d of e.details) {
          const f = fieldOf(d.path)
          if (f === 'nickname' || f === 'avatarUrl') next[f] ??= d.message
        }
        setErrors(Object.keys(next).length ? next : { nickname: e.message })
      } else {
        Taro.showToast({ title: messageOf(e), icon: 'none' })
      }
    } finally {
      setSaving(false)
    }
  }

  return (
    <>
      <View className='card profile-avatar-card'>
        {WEAPP ? (
          // WeChat's avatar picker (头像昵称填写能力): the user picks their WeChat avatar or a photo.
          // The answer is a local temporary path (wxfile:// or http://tmp/), which the API accepts.
          <NativeButton className='profile-avatar-button' openType='chooseAvatar' onChooseAvatar={(e) => edit('avatarUrl', String(e.detail.avatarUrl ?? ''))}>
            <AvatarPicture url={avatarUrl} nickname={nickname} />
          </NativeButton>
        ) : (
          <AvatarPicture url={avatarUrl} nickname={nickname} />
        )}
        <Text className='profile-avatar-hint'>{WEAPP ? '点击更换头像，可使用微信头像或相册照片' : '头像在微信小程序中选择'}</Text>
      </View>

      <View className='card form-card profile-form'>
        <View className='form-field-wrap'>
          <View className={`form-field field-nickname ${errors.nickname ? 'has-error' : ''}`}>
            <Text className='form-label'>昵称</Text>
            <Input
              className='profile-nickname'
              // `nickname` offers the user's WeChat nickname above the keyboard (weapp only; NutUI passes
              // the type and the review event on to Taro's input).
              type={(WEAPP ? 'nickname' : 'text') as 'text'}
              value={nickname}
              maxLength={40}
              placeholder='请输入昵称'
              onChange={(v) => edit('nickname', v)}
              // Picking the suggested WeChat nickname may not fire `input`; blur always carries it.
              onBlur={(v) => edit('nickname', v)}
              {...{
                onNickNameReview: (e: { detail?: { pass?: boolean; timeout?: boolean } }) => {
                  if (e.detail?.pass === false && !e.detail.timeout) setErrors((x) => ({ ...x, nickname: '昵称未通过微信安全检测，请修改' }))
                },
              }}
            />
            <Text className={`profile-count ${nickname.trim().length > NICKNAME_MAX ? 'over' : ''}`}>
              {nickname.trim().length}/{NICKNAME_MAX}
            </Text>
          </View>
          {errors.nickname && <Text className='field-error field-error-nickname'>{errors.nickname}</Text>}
        </View>

        {!WEAPP && (
          <View className='form-field-wrap'>
            <View className={`form-field field-avatarUrl ${errors.avatarUrl ? 'has-error' : ''}`}>
              <Text className='form-label'>头像地址</Text>
              <Input
                className='profile-avatar-url'
                type='text'
                value={avatarUrl}
                placeholder='https:// 开头的图片地址（选填）'
                onChange={(v) => edit('avatarUrl', v)}
              />
            </View>
            {errors.avatarUrl && <Text className='field-error field-error-avatarUrl'>{errors.avatarUrl}</Text>}
          </View>
        )}
      </View>
      {WEAPP && errors.avatarUrl && <Text className='field-error profile-avatar-error'>{errors.avatarUrl}</Text>}

      <View className='profile-note'>
        <Tips size={12} color='#8c8c8c' />
        <Text className='muted'>
          {WEAPP
            ? '昵称和头像仅用于在小程序内展示，微信会对昵称做安全检测。'
            : '网页版无法读取微信头像；在微信中打开小程序即可选择微信头像或相册照片。'}
        </Text>
      </View>

      <View className='form-actions'>
        <Button className='form-submit profile-save' type='primary' block loading={saving} disabled={!changed && !saving} onClick={() => void save()}>
          保存
        </Button>
      </View>
      <PrivacyPopup />
    </>
  )
}

export default function ProfilePage() {
  return (
    <Page className='profile-page'>
      <SessionGate>{(me) => <ProfileForm me={me} />}</SessionGate>
    </Page>
  )
}
