import { useEffect, useRef, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { Search } from '@nutui/icons-react-taro'
import type { Me } from '@union/shared/me'
import { MemberSummary as MemberSummarySchema, type MemberSummary } from '@union/shared/admin'
import { UnbindInput, UnbindResult } from '@union/shared/roster'
import { useConfirm } from '@/components/ConfirmDialog'
import ReasonSheet from '@/components/ReasonSheet'
import SessionGate from '@/components/SessionGate'
import { Blank, Loading } from '@/components/StateView'
import { ApiError, call, messageOf, newIdempotencyKey } from '@/services/api'
import { fullTime } from '@/utils/format'
import Page from '@/components/Page'
import ProfileRow from '@/components/ProfileRow'
import '../components/tools.scss'
import './index.scss'

const STATUS_TEXT: Record<string, string> = { active: '在册会员', pending: '入会审核中', none: '非会员' }

function lookupError(e: unknown): string {
  if (e instanceof ApiError && e.code === 'NOT_FOUND') return '没有找到这个会员号对应的会员，请核对后重试。'
  if (e instanceof ApiError && e.code === 'OUT_OF_SCOPE') return '该会员不在您管理的工会范围内，无法查看。'
  if (e instanceof ApiError && e.code === 'VALIDATION_FAILED') return e.details[0]?.message ?? e.message
  return messageOf(e)
}

const QUICK_REASONS = ['本人更换了微信', '手机丢失', '绑定了他人的微信']

function problemOf(reason: string): string | undefined {
  const r = UnbindInput.shape.reason.safeParse(reason)
  return r.success ? undefined : r.error.issues[0]?.message
}

function unbindError(e: unknown): string {
  if (e instanceof ApiError && e.code === 'SELF_ACTION') return '不能为自己解绑，请由其他干部操作。'
  if (e instanceof ApiError && e.code === 'OUT_OF_SCOPE') return '该会员不在您管理的工会范围内，不能解绑。'
  if (e instanceof ApiError && e.code === 'VALIDATION_FAILED') return e.details[0]?.message ?? e.message
  return messageOf(e)
}

/**
 * 解绑微信: releases the member's roster record from this WeChat (lost phone, new account), so the
 * person can 会员认证 again from another one. A reason is required and the action is audited.
 */
function Unbind({ m, onDone }: { m: MemberSummary; onDone: () => void }) {
  const [open, setOpen] = useState(false)
  const [sending, setSending] = useState(false)
  const [dialog, confirm] = useConfirm('member-unbind-confirm')
  const key = useRef(newIdempotencyKey())
  const who = `${m.name ?? m.nickname}（会员号 ${m.memberNo ?? '—'}）`

  const submit = async (reason: string) => {
    const ok = await confirm({
      title: '确认解绑微信',
      content: `解绑后，${who}当前的微信将不再是会员身份，本人可用新的微信重新进行会员认证。此操作会记入操作日志。`,
      confirmText: '确认解绑',
    })
    if (!ok) return
    setSending(true)
    try {
      await call('POST /v1/admin/members/{userId}/unbind', UnbindResult, { params: { userId: m.userId }, body: { reason }, idempotencyKey: key.current })
      key.current = newIdempotencyKey()
      setOpen(false)
      Taro.showToast({ title: '已解绑', icon: 'success' })
      onDone()
    } catch (e) {
      Taro.showToast({ title: unbindError(e), icon: 'none', duration: 3000 })
    } finally {
      setSending(false)
    }
  }

  return (
    <>
      <Button className='member-unbind' fill='outline' block onClick={() => setOpen(true)}>
        解绑微信
      </Button>
      <ReasonSheet
        className='member-unbind-sheet'
        visible={open}
        title='解绑微信'
        subject={who}
        hint='用于会员更换手机或微信、或名册信息被他人误绑。原因会记入操作日志。'
        quickReasons={QUICK_REASONS}
        placeholder='请填写解绑原因（必填）'
        submitText='解绑'
        submitting={sending}
        problemOf={problemOf}
        onCancel={() => setOpen(false)}
        onSubmit={(reason) => void submit(reason)}
      />
      {dialog}
    </>
  )
}

function Result({ m, me, onUnbound }: { m: MemberSummary; me: Me; onUnbound: () => void }) {
  const go = (url: string) => void Taro.navigateTo({ url })
  const fields: [string, string | undefined][] = [
    ['姓名', m.name],
    ['身份证号', m.idNumber],
    ['手机号', m.phone],
  ]
  return (
    <>
      <View className='card member-profile'>
        <ProfileRow
          className='member-profile-top'
          initial={m.name ?? m.nickname}
          name={<>{m.name ?? m.nickname}{m.name && <Text className='muted member-profile-nick'>（{m.nickname}）</Text>}</>}
          meta={`会员号 ${m.memberNo ?? '—'}`}
          aside={<Text className={`member-status member-status-${m.status}`}>{STATUS_TEXT[m.status] ?? m.status}</Text>}
        />
        <View className='member-profile-grid'>
          <View className='member-profile-cell'>
            <Text className='member-balance'>{m.balance}</Text>
            <Text className='muted'>积分余额</Text>
          </View>
          <View className='member-profile-cell org'>
            <Text className='member-org'>{m.orgName ?? '—'}</Text>
            <Text className='muted'>所在工会</Text>
          </View>
        </View>
      </View>

      <View className='member-actions'>
        <Button className='member-adjust' type='primary' onClick={() => go(`/packages/admin-mall/adjust/index?memberNo=${encodeURIComponent(m.memberNo ?? m.userId)}`)}>
          调整积分
        </Button>
        <Button className='member-requests' type='primary' fill='outline' onClick={() => go('/packages/admin/join-requests/index')}>
          查看申请
        </Button>
      </View>

      {m.status === 'active' && m.userId !== me.id && <Unbind m={m} onDone={onUnbound} />}

      <View className='card member-fields'>
        <View className='member-card-head'>
          <Text className='member-card-title'>入会登记信息</Text>
          <Text className='muted member-card-note'>已脱敏</Text>
        </View>
        {m.name || m.idNumber || m.phone ? (
          fields.map(([k, v]) => (
            <View key={k} className='member-field'>
              <Text className='member-field-label'>{k}</Text>
              <Text className='member-field-value'>{v ?? '—'}</Text>
            </View>
          ))
        ) : (
          <Text className='muted member-none'>该会员在使用小程序前已入会，没有线上登记信息。</Text>
        )}
      </View>

      <View className='card member-ledger'>
        <View className='member-card-head'>
          <Text className='member-card-title'>最近积分明细</Text>
          <Text className='muted member-card-note'>最近 {m.recentLedger.length} 笔</Text>
        </View>
        {m.recentLedger.length === 0 ? (
          <Text className='muted member-none'>还没有积分记录</Text>
        ) : (
          m.recentLedger.map((e) => (
            <View key={e.id} className='member-ledger-entry'>
              <View className='member-ledger-main'>
                <Text className='member-ledger-reason'>{e.reason}</Text>
                <Text className='muted member-ledger-when'>{fullTime(e.createdAt)} · 余额 {e.balanceAfter}</Text>
              </View>
              <Text className={`member-ledger-delta ${e.delta >= 0 ? 'gain' : 'spend'}`}>{e.delta >= 0 ? `+${e.delta}` : e.delta}</Text>
            </View>
          ))
        )}
      </View>
    </>
  )
}

function Lookup({ me }: { me: Me }) {
  const { params } = useRouter()
  const [memberNo, setMemberNo] = useState(params.memberNo ?? '')
  const [state, setState] = useState<{ status: 'idle' | 'loading' | 'ready' | 'error' | 'unbound'; member?: MemberSummary; error?: string }>({ status: 'idle' })

  const find = async (key = memberNo) => {
    const no = key.trim().toUpperCase()
    if (!no) {
      setState({ status: 'error', error: '请输入会员号' })
      return
    }
    if (!/^[A-Z0-9]{4,20}$/.test(no)) {
      setState({ status: 'error', error: '会员号格式不正确（4–20 位字母或数字）' })
      return
    }
    setState({ status: 'loading' })
    try {
      const member = await call('GET /v1/admin/members', MemberSummarySchema, { query: { memberNo: no } })
      setState({ status: 'ready', member })
    } catch (e) {
      setState({ status: 'error', error: lookupError(e) })
    }
  }

  // Opened with `?memberNo=`: look it up at once.
  useEffect(() => {
    if (params.memberNo) void find(params.memberNo)
  }, [])

  return (
    <>
      <View className='card member-search'>
        <Search size={16} color='#a0a3a8' />
        <Input
          className='member-search-input'
          name='memberNo'
          value={memberNo}
          placeholder='输入会员号，例如 SX61010001'
          maxLength={20}
          clearable
          onChange={setMemberNo}
          onConfirm={() => void find()}
        />
        <Button className='member-search-submit' type='primary' size='small' loading={state.status === 'loading'} onClick={() => void find()}>
          查询
        </Button>
      </View>

      {state.status === 'idle' ? (
        <View className='member-intro'>
          <Text className='muted'>
            可查询 {me.roles.map((r) => r.orgName).join('、')} 及下级工会的会员：积分余额、最近明细和脱敏后的登记信息。会员可在“我的”页看到自己的会员号。
          </Text>
        </View>
      ) : state.status === 'loading' ? (
        <Loading rows={5} />
      ) : state.status === 'unbound' ? (
        <View className='card tools-notice ok member-unbound'>
          <Text className='tools-notice-text'>
            已为 {state.member?.name ?? state.member?.nickname}（会员号 {state.member?.memberNo ?? '—'}）解绑微信。会员名册中的记录仍然保留，本人可用新的微信在“我的 → 会员认证”重新认证。
          </Text>
        </View>
      ) : state.status === 'error' ? (
        <View className='card tools-notice error member-error'>
          <Text className='tools-notice-text'>{state.error}</Text>
        </View>
      ) : state.member ? (
        <Result m={state.member} me={me} onUnbound={() => setState((st) => ({ ...st, status: 'unbound' }))} />
      ) : (
        <Blank title='没有找到会员' />
      )}
    </>
  )
}

export default function MemberLookupPage() {
  return (
    <Page className='member-page'>
      <SessionGate cadreOnly='会员查询'>{(me) => <Lookup me={me} />}</SessionGate>
    </Page>
  )
}
