import { useEffect, useRef, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Input, TextArea } from '@nutui/nutui-react-taro'
import { Checked, Tips } from '@nutui/icons-react-taro'
import type { Me } from '@union/shared/me'
import { MemberSummary as MemberSummarySchema, type MemberSummary } from '@union/shared/admin'
import { PointsAdjustmentInput } from '@union/shared/mall'
import { LedgerEntry as LedgerEntrySchema, type LedgerEntry } from '@union/shared/points'
import SessionGate from '@/components/SessionGate'
import { ApiError, messageOf, newIdempotencyKey, call } from '@/services/api'
import { fieldOf, fullTime } from '@/utils/format'
import { useConfirm } from '@/components/ConfirmDialog'
import Page from '@/components/Page'
import ProfileRow from '@/components/ProfileRow'
import '@/styles/form.scss'
import '../components/admin-mall.scss'
import './index.scss'

type Field = 'userId' | 'delta' | 'reason'
type Errors = Partial<Record<Field, string>>
const QUICK_REASONS = ['活动奖励', '补发签到积分', '先进个人表彰', '误操作更正']

const firstIssue = (r: { success: boolean; error?: { issues: { message: string }[] } }) => (r.success ? undefined : r.error?.issues[0]?.message)

/** A user id (UUID-like, as 我的兑换 shows it) rather than a 会员号 (letters and digits, e.g. SX70000003). */
const looksLikeUserId = (s: string) => s.includes('-') && s.length > 20

/** Finds the member by 会员号 or user id; only members in the cadre's scope are found. */
async function findMember(key: string): Promise<MemberSummary> {
  const k = key.trim()
  return looksLikeUserId(k)
    ? call('GET /v1/admin/members/{userId}', MemberSummarySchema, { params: { userId: k } })
    : call('GET /v1/admin/members', MemberSummarySchema, { query: { memberNo: k.toUpperCase() } })
}

function MemberCard({ m }: { m: MemberSummary }) {
  return (
    <ProfileRow
      className='adjust-member'
      initial={m.name ?? m.nickname}
      name={<>{m.name ?? m.nickname}{m.name ? <Text className='muted'>（{m.nickname}）</Text> : null}</>}
      meta={`${m.memberNo ? `会员号 ${m.memberNo} · ` : ''}${m.orgName ?? ''}`}
      aside={
        <View className='adjust-member-balance'>
          <Text className='adjust-member-points'>{m.balance}</Text>
          <Text className='muted'>当前积分</Text>
        </View>
      }
    />
  )
}

function Adjust({ me }: { me: Me }) {
  // 会员查询 opens this page with `?memberNo=`: the member is looked up at once.
  const { params } = useRouter()
  const [userId, setUserId] = useState(() => (params.memberNo ?? '').trim())
  const [member, setMember] = useState<MemberSummary>()
  const [finding, setFinding] = useState(false)
  const [dir, setDir] = useState<1 | -1>(1)
  const [amount, setAmount] = useState('')
  const [reason, setReason] = useState('')
  const [errors, setErrors] = useState<Errors>({})
  const [failure, setFailure] = useState<string>()
  const [saving, setSaving] = useState(false)
  const [entry, setEntry] = useState<{ entry: LedgerEntry; member: MemberSummary }>()
  const [dialog, confirm] = useConfirm('admin-mall-confirm')
  const key = useRef<{ for: string; value: string }>()

  const amountNumber = /^\s*\d+\s*$/.test(amount) ? Number(amount) : NaN
  const delta = dir * amountNumber

  const problemOf = (field: Field): string | undefined => {
    if (field === 'userId') return userId.trim() ? (/^[A-Za-z0-9-]{4,64}$/.test(userId.trim()) ? undefined : '会员号格式不正确') : '请输入会员号'
    if (field === 'delta') return amount.trim() === '' ? '请填写调整的积分数' : Number.isNaN(amountNumber) ? '积分数应为正整数' : firstIssue(PointsAdjustmentInput.shape.delta.safeParse(delta))
    return firstIssue(PointsAdjustmentInput.shape.reason.safeParse(reason))
  }
  const check = (f: Field) => setErrors((e) => ({ ...e, [f]: problemOf(f) }))

  /** Looks the member up (once per typed key); shows who it is before anything is adjusted. */
  const lookup = async (): Promise<MemberSummary | undefined> => {
    const problem = problemOf('userId')
    setErrors((e) => ({ ...e, userId: problem }))
    if (problem) return undefined
    const k = userId.trim()
    if (member && (member.memberNo?.toUpperCase() === k.toUpperCase() || member.userId === k)) return member
    setFinding(true)
    setFailure(undefined)
    try {
      const found = await findMember(k)
      setMember(found)
      return found
    } catch (e) {
      setMember(undefined)
      setErrors((x) => ({
        ...x,
        userId: e instanceof ApiError && e.code === 'NOT_FOUND' ? '没有找到这个会员，请核对会员号'
          : e instanceof ApiError && e.code === 'OUT_OF_SCOPE' ? '该会员不在您管理的工会范围内'
          : messageOf(e),
      }))
      return undefined
    } finally {
      setFinding(false)
    }
  }

  useEffect(() => {
    if (params.memberNo) void lookup()
  }, [])

  const submit = async () => {
    if (saving) return
    const next: Errors = { userId: problemOf('userId'), delta: problemOf('delta'), reason: problemOf('reason') }
    setErrors(next)
    setFailure(undefined)
    if (next.userId || next.delta || next.reason) {
      Taro.showToast({ title: (next.userId ?? next.delta ?? next.reason)!, icon: 'none' })
      return
    }
    const who = await lookup()
    if (!who) return
    if (who.balance + delta < 0) {
      setErrors((e) => ({ ...e, delta: `扣减后积分不能为负：当前 ${who.balance} 分` }))
      return
    }
    const body = { userId: who.userId, delta, reason: reason.trim() }
    const ok = await confirm({
      title: dir > 0 ? '确认增加积分' : '确认扣减积分',
      content: `将为 ${who.name ?? who.nickname}${who.memberNo ? `（会员号 ${who.memberNo}）` : ''}${dir > 0 ? '增加' : '扣减'} ${amountNumber} 积分，原因“${body.reason}”。当前 ${who.balance} 分，调整后 ${who.balance + delta} 分。调整会记入会员的积分明细并留痕，不能撤销（可再做一笔反向调整）。`,
      confirmText: dir > 0 ? '确认增加' : '确认扣减',
    })
    if (!ok) return
    // The same adjustment retried after a lost answer keeps its key.
    const id = JSON.stringify(body)
    if (key.current?.for !== id) key.current = { for: id, value: newIdempotencyKey() }
    setSaving(true)
    try {
      const result = await call('POST /v1/admin/points-adjustments', LedgerEntrySchema, { body, idempotencyKey: key.current.value })
      key.current = undefined
      setEntry({ entry: result, member: who })
      setMember({ ...who, balance: result.balanceAfter })
      Taro.showToast({ title: '调整成功', icon: 'success' })
    } catch (e) {
      if (e instanceof ApiError && e.code === 'VALIDATION_FAILED' && e.details.length) {
        const server: Errors = {}
        for (const d of e.details) server[fieldOf(d.path) as Field] ??= d.message
        setErrors(server)
      }
      if (e instanceof ApiError && e.code === 'INSUFFICIENT_POINTS') {
        void findMember(who.userId).then(setMember).catch(() => {})
      }
      setFailure(
        e instanceof ApiError && e.code === 'NOT_FOUND' ? '没有找到这个会员，请核对会员号。'
        : e instanceof ApiError && e.code === 'OUT_OF_SCOPE' ? `${e.message}：该用户不是您管理范围内工会的会员。`
        : messageOf(e),
      )
    } finally {
      setSaving(false)
    }
  }

  const again = () => {
    setEntry(undefined)
    setAmount('')
    setReason('')
    setErrors({})
  }

  if (entry) {
    const e = entry.entry
    return (
      <>
        <View className='card adjust-result'>
          <View className='adjust-result-head'>
            <View className='adjust-result-icon'>
              <Checked size={22} color='#fff' />
            </View>
            <Text className='adjust-result-title'>调整成功</Text>
          </View>
          <Text className={`adjust-result-delta ${e.delta >= 0 ? 'gain' : 'spend'}`}>{e.delta >= 0 ? `+${e.delta}` : e.delta}</Text>
          <Text className='muted adjust-result-after'>调整后余额 <Text className='adjust-result-balance'>{e.balanceAfter}</Text> 积分</Text>
          <View className='adjust-rows'>
            <View className='adjust-row'>
              <Text className='muted'>会员</Text>
              <Text className='adjust-row-value'>{entry.member.name ?? entry.member.nickname}{entry.member.memberNo ? ` · ${entry.member.memberNo}` : ''}</Text>
            </View>
            <View className='adjust-row'>
              <Text className='muted'>明细摘要</Text>
              <Text className='adjust-row-value'>{e.reason}</Text>
            </View>
            <View className='adjust-row'>
              <Text className='muted'>时间</Text>
              <Text className='adjust-row-value'>{fullTime(e.createdAt)}</Text>
            </View>
            <View className='adjust-row'>
              <Text className='muted'>流水号</Text>
              <Text className='adjust-row-value adjust-row-id'>{e.id}</Text>
            </View>
          </View>
          <Text className='muted adjust-result-note'>会员可在“我的 → 积分明细”中看到这笔调整。</Text>
        </View>
        <Button className='adjust-again' type='primary' fill='outline' block onClick={again}>
          再调整一笔
        </Button>
      </>
    )
  }

  return (
    <>
      <View className='card am-hint adjust-hint'>
        <Tips size={14} color='#d48806' />
        <Text>
          输入会员号查找会员（会员在“我的”页可看到自己的会员号）。只能调整 {me.roles.map((r) => r.orgName).join('、')} 及下级工会会员的积分。
        </Text>
      </View>

      <View className='card form-card'>
        <View className='form-field-wrap'>
          <View className={`form-field field-userId ${errors.userId ? 'has-error' : ''}`}>
            <Text className='form-label required'>会员号</Text>
            <Input
              name='userId'
              value={userId}
              placeholder='会员号或用户编号'
              maxLength={64}
              clearable
              onChange={(x) => {
                setUserId(x)
                if (member && x.trim() !== userId.trim()) setMember(undefined)
                if (errors.userId) setErrors((e) => ({ ...e, userId: undefined }))
              }}
              onClear={() => { setUserId(''); setMember(undefined) }}
              onConfirm={() => void lookup()}
            />
            <Button className='adjust-find' size='small' fill='outline' type='primary' loading={finding} onClick={() => void lookup()}>
              查找
            </Button>
          </View>
          {errors.userId && <Text className='field-error field-error-userId'>{errors.userId}</Text>}
          {member && <MemberCard m={member} />}
        </View>
        <View className='form-field-wrap'>
          <View className={`form-field field-delta ${errors.delta ? 'has-error' : ''}`}>
            <Text className='form-label required'>调整积分</Text>
            <View className='adjust-seg'>
              <Text className={`adjust-seg-item adjust-add ${dir === 1 ? 'active' : ''}`} onClick={() => { setDir(1); setErrors((e) => ({ ...e, delta: undefined })) }}>+ 增加</Text>
              <Text className={`adjust-seg-item adjust-sub ${dir === -1 ? 'active minus' : ''}`} onClick={() => { setDir(-1); setErrors((e) => ({ ...e, delta: undefined })) }}>− 扣减</Text>
            </View>
            <Input name='delta' type='number' value={amount} placeholder='积分数' maxLength={6} onChange={(x) => { setAmount(x); setErrors((e) => ({ ...e, delta: undefined })) }} onBlur={() => check('delta')} />
          </View>
          {errors.delta && <Text className='field-error field-error-delta'>{errors.delta}</Text>}
        </View>
        <View className='form-textarea field-reason'>
          <Text className='form-label required'>调整原因</Text>
          <View className='adjust-quick'>
            {QUICK_REASONS.map((r) => (
              <Text key={r} className='adjust-chip' onClick={() => { setReason(r); setErrors((e) => ({ ...e, reason: undefined })) }}>
                {r}
              </Text>
            ))}
          </View>
          <TextArea value={reason} placeholder='会员会在积分明细中看到这条原因（2–100 字）' maxLength={100} showCount autoSize onChange={setReason} onBlur={() => check('reason')} />
          {errors.reason && <Text className='field-error field-error-reason'>{errors.reason}</Text>}
        </View>
      </View>

      {failure && (
        <View className='card adjust-failure'>
          <Tips size={14} color='#d9001b' />
          <Text className='adjust-failure-text'>{failure}</Text>
        </View>
      )}

      <View className='form-actions'>
        <Button className='form-submit adjust-submit' type='primary' size='large' block loading={saving} onClick={() => void submit()}>
          {Number.isNaN(amountNumber) || amountNumber === 0 ? '提交调整' : `${dir > 0 ? '增加' : '扣减'} ${amountNumber} 积分`}
        </Button>
        <Text className='muted adjust-footnote'>每笔调整都会记录操作人与原因；扣减后余额不能为负。</Text>
      </View>
      {dialog}
    </>
  )
}

export default function AdjustPage() {
  return (
    <Page className='adjust-page'>
      <SessionGate cadreOnly='积分调整'>{(me) => <Adjust me={me} />}</SessionGate>
    </Page>
  )
}
