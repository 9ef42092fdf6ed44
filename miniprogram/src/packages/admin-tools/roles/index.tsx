import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { Tips, UserAdd } from '@nutui/icons-react-taro'
import * as z from 'zod/mini'
import type { Me } from '@union/shared/me'
import { Cadre as CadreSchema, CadreList } from '@union/shared/admin'
import { useConfirm } from '@/components/ConfirmDialog'
import SessionGate from '@/components/SessionGate'
import { Blank, Loading } from '@/components/StateView'
import UnionScope, { initialScope, type Scope } from '@/components/UnionScope'
import { ApiError, messageOf, call } from '@/services/api'
import { refreshMe } from '@/services/session'
import Page from '@/components/Page'
import ProfileRow from '@/components/ProfileRow'
import '@/styles/form.scss'
import '../components/tools.scss'
import './index.scss'

type Cadre = z.infer<typeof CadreSchema>
const Removed = z.object({ removed: z.literal(true) })

/** The message a failed appointment shows under the field. */
function appointError(e: unknown): string {
  if (!(e instanceof ApiError)) return messageOf(e)
  if (e.code === 'NOT_FOUND') return '没有找到这个会员号对应的在册会员，请核对后重试'
  if (e.code === 'INVALID_STATE') return `${e.message}，无需重复任命`
  if (e.code === 'OUT_OF_SCOPE') return `${e.message}：只能任命本级及下级工会的干部`
  if (e.code === 'VALIDATION_FAILED') return e.details[0]?.message ?? e.message
  return e.message
}

function CadreRow({ c, self, onRemove, removing }: { c: Cadre; self: boolean; onRemove: () => void; removing: boolean }) {
  return (
    <ProfileRow
      ruled
      className={`roles-item ${self ? 'self' : ''}`}
      initial={c.nickname || '干'}
      name={<>{c.nickname || '未设置昵称'}{self && <Text className='roles-item-me'>我</Text>}</>}
      meta={c.memberNo ? `会员号 ${c.memberNo}` : '暂无会员号'}
      aside={
        <Button className='roles-remove' size='small' fill='outline' type='default' loading={removing} onClick={onRemove}>
          免去
        </Button>
      }
    />
  )
}

function Roles({ me }: { me: Me }) {
  const { params } = useRouter()
  const [scope, setScope] = useState<Scope>(() => initialScope(me.roles, params))
  const [list, setList] = useState<{ status: 'loading' | 'ready' | 'error'; items: Cadre[]; error?: string }>({ status: 'loading', items: [] })
  const [memberNo, setMemberNo] = useState('')
  const [fieldError, setFieldError] = useState<string>()
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string }>()
  const [saving, setSaving] = useState(false)
  const [removing, setRemoving] = useState<string>()
  const [dialog, confirm] = useConfirm('tools-confirm')
  const seq = useRef(0)

  const load = useCallback(async () => {
    const mine = ++seq.current
    setList((l) => ({ ...l, status: 'loading', error: undefined }))
    try {
      const page = await call('GET /v1/admin/roles', CadreList, { query: { orgId: scope.id } })
      if (mine !== seq.current) return
      setList({ status: 'ready', items: page.items })
    } catch (e) {
      if (mine !== seq.current) return
      setList({ status: 'error', items: [], error: messageOf(e) })
    }
  }, [scope.id])

  useEffect(() => {
    void load()
  }, [load])
  useEffect(() => {
    setNotice(undefined)
    setFieldError(undefined)
  }, [scope.id])
  usePullDownRefresh(async () => {
    await load()
    Taro.stopPullDownRefresh()
  })

  const appoint = async () => {
    if (saving) return
    const no = memberNo.trim().toUpperCase()
    setNotice(undefined)
    if (!no) return setFieldError('请输入会员号')
    if (!/^[A-Z0-9]{4,20}$/.test(no)) return setFieldError('会员号格式不正确（4–20 位字母或数字）')
    setFieldError(undefined)
    const ok = await confirm({
      title: '任命干部',
      content: `将会员号 ${no} 的会员任命为“${scope.name}”的干部。任命后，他可以管理该工会及所有下级工会的审核、商城、活动和数据。`,
      confirmText: '确认任命',
    })
    if (!ok) return
    setSaving(true)
    try {
      const cadre = await call('POST /v1/admin/roles', CadreSchema, { body: { memberNo: no, orgId: scope.id } })
      setMemberNo('')
      setNotice({ kind: 'ok', text: `已任命 ${cadre.nickname || no}（${no}）为${cadre.orgName}干部` })
      Taro.showToast({ title: '任命成功', icon: 'success' })
      if (cadre.userId === me.id) void refreshMe().catch(() => {})
      void load()
    } catch (e) {
      setFieldError(appointError(e))
    } finally {
      setSaving(false)
    }
  }

  const remove = async (c: Cadre) => {
    const self = c.userId === me.id
    setNotice(undefined)
    const ok = await confirm({
      title: '免去干部',
      content: self
        ? `确定免去你自己在“${c.orgName}”的干部身份吗？免去后你将无法再管理该工会。`
        : `确定免去 ${c.nickname || c.memberNo || '该会员'}${c.memberNo ? `（${c.memberNo}）` : ''}在“${c.orgName}”的干部身份吗？`,
      confirmText: '确认免去',
    })
    if (!ok) return
    setRemoving(c.userId)
    try {
      await call('DELETE /v1/admin/roles/{orgId}/{userId}', Removed, { params: { orgId: c.orgId, userId: c.userId } })
      setList((l) => ({ ...l, items: l.items.filter((x) => x.userId !== c.userId) }))
      setNotice({ kind: 'ok', text: `已免去 ${c.nickname || c.memberNo || '该会员'} 的干部身份` })
      Taro.showToast({ title: '已免去', icon: 'success' })
      if (self) void refreshMe().catch(() => {})
    } catch (e) {
      setNotice({ kind: 'error', text: e instanceof ApiError && e.code === 'INVALID_STATE' ? `${e.message}。请先任命一名新干部，再免去这一位。` : messageOf(e) })
    } finally {
      setRemoving(undefined)
    }
  }

  return (
    <>
      <UnionScope roles={me.roles} value={scope} onChange={setScope} label='工会' />

      <View className='card form-card roles-appoint'>
        <View className='roles-appoint-head'>
          <UserAdd size={16} color='#d9001b' />
          <Text className='roles-appoint-title'>任命新干部</Text>
        </View>
        <View className={`form-field field-memberNo ${fieldError ? 'has-error' : ''}`}>
          <Text className='form-label'>会员号</Text>
          <Input
            name='memberNo'
            value={memberNo}
            placeholder='例如 SX61010001'
            maxLength={20}
            clearable
            onChange={(v) => {
              setMemberNo(v)
              if (fieldError) setFieldError(undefined)
            }}
            onConfirm={() => void appoint()}
          />
        </View>
        {fieldError && <Text className='field-error field-error-memberNo'>{fieldError}</Text>}
        <Button className='roles-appoint-submit' type='primary' block loading={saving} onClick={() => void appoint()}>
          任命为{scope.name}干部
        </Button>
      </View>

      {notice && (
        <View className={`card tools-notice ${notice.kind === 'ok' ? 'ok' : 'error'} roles-notice`}>
          <Tips size={14} color={notice.kind === 'ok' ? '#15935a' : '#d9001b'} />
          <Text className='tools-notice-text'>{notice.text}</Text>
        </View>
      )}

      <View className='section-title roles-title'>
        <Text>现任干部</Text>
        {list.status === 'ready' && <Text className='muted roles-count'>{list.items.length} 人</Text>}
      </View>
      {list.status === 'loading' && list.items.length === 0 ? (
        <Loading rows={3} />
      ) : list.status === 'error' ? (
        <Blank error title='干部名单加载失败' description={list.error} actionText='重试' onAction={() => void load()} />
      ) : list.items.length === 0 ? (
        <Blank title='这个工会还没有干部' description='输入会员号，任命第一位干部。' />
      ) : (
        <View className='card roles-list'>
          {list.items.map((c) => (
            <CadreRow key={c.userId} c={c} self={c.userId === me.id} removing={removing === c.userId} onRemove={() => void remove(c)} />
          ))}
        </View>
      )}
      <Text className='muted tools-footnote'>只列出“{scope.name}”本级的干部；下级工会的干部请切换到对应工会查看。任命与免去都会记入操作日志。</Text>
      {dialog}
    </>
  )
}

export default function RolesPage() {
  return (
    <Page className='roles-page'>
      <SessionGate cadreOnly='干部管理'>{(me) => <Roles me={me} />}</SessionGate>
    </Page>
  )
}
