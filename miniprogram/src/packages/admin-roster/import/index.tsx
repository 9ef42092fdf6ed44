import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { Checked, Tips } from '@nutui/icons-react-taro'
import type { Me } from '@union/shared/me'
import type * as z from 'zod/mini'
import { CommitResult, Import as ImportSchema, type ImportError, type Import } from '@union/shared/roster'
import { useConfirm } from '@/components/ConfirmDialog'
import SessionGate from '@/components/SessionGate'
import { Blank, Loading } from '@/components/StateView'
import { ApiError, call, messageOf, newIdempotencyKey } from '@/services/api'
import { csvFileName, saveCsv } from '@/utils/csv-download'
import { fullTime } from '@/utils/format'
import { CadreOnly, Counts, StatusTag, uploaded } from '../components/common'
import { NumberColumnHelp, isNumberColumnAccident } from '../components/problem'
import '../components/roster.scss'

const POLL_MS = 5000
/** Steps of one commit the page drives before leaving the rest to 继续导入 (each step is ≤ 18 s on the server). */
const MAX_COMMIT_STEPS = 20

function RowErrors({ imp }: { imp: Import }) {
  const [saving, setSaving] = useState(false)
  const accident = imp.errors.some((e) => isNumberColumnAccident('', e.message))
  const download = async () => {
    setSaving(true)
    try {
      const how = await saveCsv(`/v1/admin/imports/${encodeURIComponent(imp.id)}/errors?format=csv`, csvFileName((imp.fileName || imp.orgName).replace(/\.(xlsx|csv)$/i, ''), '有问题的行'))
      Taro.showToast({
        title: how === 'downloaded' ? '已下载' : how === 'shared' ? '已发送文件，可在电脑上用 Excel 打开' : '当前环境不能发送文件，内容已复制，可粘贴到表格',
        icon: 'none',
        duration: how === 'downloaded' ? 1500 : 3000,
      })
    } catch (e) {
      if (!(e instanceof ApiError && e.code === 'CANCELLED')) Taro.showToast({ title: messageOf(e), icon: 'none' })
    } finally {
      setSaving(false)
    }
  }
  const line = (e: z.infer<typeof ImportError>) => `第 ${e.row} 行${e.column ? ` · ${e.column}` : ''}`
  return (
    <View className='card roster-errors'>
      <View className='roster-card-head'>
        <Tips size={16} color='#a8071a' />
        <Text className='roster-card-title'>有问题的行（{imp.rejected}）</Text>
      </View>
      <Text className='roster-text'>这些行不会导入。修改原表格后，可以只把这些行重新上传。</Text>
      {accident && <NumberColumnHelp />}
      {imp.errors.map((e, i) => (
        <View key={`${e.row}-${e.column}-${i}`} className='roster-error'>
          <Text className='roster-error-where'>{line(e)}</Text>
          <Text className='roster-error-message'>{e.message}</Text>
        </View>
      ))}
      {imp.rejected > imp.errors.length && <Text className='roster-text'>这里列出前 {imp.errors.length} 行，全部 {imp.rejected} 行请下载查看。</Text>}
      <Button className='roster-download' type='primary' fill='outline' block loading={saving} onClick={() => void download()}>
        {process.env.TARO_ENV === 'h5' ? '下载有问题的行（CSV）' : '把有问题的行发到聊天（CSV）'}
      </Button>
    </View>
  )
}

function Result({ imp }: { imp: Import }) {
  const r = imp.result
  return (
    <View className='card roster-result'>
      <View className='roster-result-head'>
        <Checked size={22} color='#0f7a48' />
        <Text className='roster-result-title'>导入完成</Text>
      </View>
      {r && (
        <Counts
          items={[
            { key: 'created', value: r.created, label: '新增会员' },
            { key: 'updated', value: r.updated, label: '更新信息' },
            { key: 'unchanged', value: r.unchanged, label: '没有变化' },
          ]}
        />
      )}
      {r && r.skipped > 0 && (
        <View className='roster-skipped'>
          <Text className='roster-text'>另有 {r.skipped} 行保持原样没有改动（会员属于其他工会，或已认证会员的工会、会员号与名册不同）：</Text>
          {imp.skippedRows?.map((e, i) => (
            <View key={`${e.row}-${i}`} className='roster-error'>
              <Text className='roster-error-where'>第 {e.row} 行{e.column ? ` · ${e.column}` : ''}</Text>
              <Text className='roster-error-message'>{e.message}</Text>
            </View>
          ))}
        </View>
      )}
      <Text className='roster-text'>名册中的会员打开小程序，在“我的 → 会员认证”填写姓名和身份证号，即可直接成为会员，不需要再审核。</Text>
    </View>
  )
}

interface State {
  status: 'loading' | 'ready' | 'error'
  imp?: Import
  error?: string
}

function Preview({ id }: { id: string }) {
  const [state, setState] = useState<State>(() => {
    const cached = uploaded.get(id)
    return cached ? { status: 'ready', imp: cached } : { status: 'loading' }
  })
  const [committing, setCommitting] = useState(false)
  const [commitError, setCommitError] = useState<string>()
  const [dialog, confirm] = useConfirm('roster-confirm')
  // The commit is one user action: a retry (after a dropped connection) must not write twice.
  const commitKey = useRef(newIdempotencyKey())

  const load = useCallback(async (quiet = false) => {
    if (!quiet) setState((s) => ({ ...s, status: s.imp ? 'ready' : 'loading' }))
    try {
      const imp = await call('GET /v1/admin/imports/{id}', ImportSchema, { params: { id } })
      setState({ status: 'ready', imp })
    } catch (e) {
      if (!quiet) setState((s) => (s.imp ? s : { status: 'error', error: messageOf(e) }))
    }
  }, [id])

  useEffect(() => {
    // A cached upload shows at once; the API's copy replaces it (it may have been committed since).
    void load(uploaded.has(id))
  }, [id, load])

  // A commit still running (large roster, or the app was reopened): look again until it ends.
  // (Not while this page drives the commit itself.)
  const running = state.imp?.status === 'committing' && !committing
  useEffect(() => {
    if (!running) return undefined
    const timer = setInterval(() => void load(true), POLL_MS)
    return () => clearInterval(timer)
  }, [running, load])

  if (state.status === 'loading') return <Loading rows={6} />
  if (state.status === 'error' || !state.imp) return <Blank error title='加载失败' description={state.error} actionText='重试' onAction={() => void load()} />
  const imp = state.imp

  /**
   * Writes the accepted rows. A big roster may take more than one request: the API answers
   * `committing` with what remains, and each further call (a new Idempotency-Key: it is a new step)
   * continues where the last stopped — nothing is written twice.
   */
  const runCommit = async (continuing: boolean) => {
    setCommitting(true)
    setCommitError(undefined)
    // The first step keeps the page's key, so a retry of a lost answer replays it instead of acting twice.
    let key = continuing ? newIdempotencyKey() : commitKey.current
    try {
      for (let step = 0; step < MAX_COMMIT_STEPS; step++) {
        const result = await call('POST /v1/admin/imports/{id}/commit', CommitResult, { params: { id: imp.id }, idempotencyKey: key })
        const next: Import = { ...imp, status: result.status, result }
        uploaded.set(imp.id, next)
        setState({ status: 'ready', imp: next })
        if (result.status === 'committed') {
          Taro.showToast({ title: '导入完成', icon: 'success' })
          return
        }
        key = newIdempotencyKey()
      }
    } catch (e) {
      // Already committed elsewhere, or the answer was lost on the way: the import's own state says.
      if (e instanceof ApiError && (e.code === 'INVALID_STATE' || e.code === 'NETWORK' || e.code === 'BUSY')) await load(true)
      setCommitError(messageOf(e))
    } finally {
      setCommitting(false)
    }
  }

  const commit = async () => {
    const ok = await confirm({
      title: '确认导入',
      content: `将把 ${imp.accepted} 名会员写入“${imp.orgName}”的会员名册。${imp.rejected ? `有问题的 ${imp.rejected} 行不会导入。` : ''}已在名册中的会员不会重复导入。`,
      confirmText: '确认导入',
    })
    if (ok) await runCommit(false)
  }


  return (
    <>
      <View className='card roster-summary'>
        <View className='roster-summary-head'>
          <View className='roster-summary-text'>
            <Text className='roster-summary-name'>{imp.fileName || '名册'}</Text>
            <Text className='roster-summary-meta'>
              导入到 {imp.orgName} · {fullTime(imp.createdAt)}
            </Text>
          </View>
          <StatusTag status={imp.status} />
        </View>
        <Counts
          items={[
            { key: 'rows', value: imp.rows, label: '名册行数' },
            { key: 'accepted', value: imp.accepted, label: '可以导入' },
            { key: 'rejected', value: imp.rejected, label: '有问题', bad: imp.rejected > 0 },
          ]}
        />
      </View>

      {imp.status === 'committed' && <Result imp={imp} />}
      {imp.status === 'committing' && (
        <View className='card roster-notice'>
          <Text className='roster-text'>
            正在写入会员信息{imp.result ? `：已新增 ${imp.result.created}、更新 ${imp.result.updated}` : ''}{imp.result?.remaining ? `，还剩 ${imp.result.remaining} 批` : ''}。
            {committing ? '请稍候。' : '如果停了下来，点“继续导入”接着写入，已写入的不会重复。'}
          </Text>
          {commitError && <Text className='roster-commit-error'>{commitError}</Text>}
          <Button className='roster-continue' type='primary' size='large' block loading={committing} onClick={() => void runCommit(true)}>
            继续导入
          </Button>
        </View>
      )}
      {imp.status === 'failed' && (
        <View className='roster-problem'>
          <Text className='roster-problem-title'>导入没有完成</Text>
          <Text className='roster-problem-text'>已写入的会员不受影响。请重新上传这份名册再次导入，已导入的会员不会重复。</Text>
        </View>
      )}

      {imp.status === 'validated' && (
        <View className='card roster-commit'>
          {imp.accepted > 0 ? (
            <>
              <Text className='roster-text'>
                校验通过 {imp.accepted} 行{imp.rejected ? `，另有 ${imp.rejected} 行有问题（见下方）` : ''}。确认后写入会员名册。
              </Text>
              {commitError && <Text className='roster-commit-error'>{commitError}</Text>}
              <Button className='roster-commit-button' type='primary' size='large' block loading={committing} onClick={() => void commit()}>
                确认导入 {imp.accepted} 名会员
              </Button>
            </>
          ) : (
            <>
              <Text className='roster-text'>这份名册没有可以导入的行。请按下方提示修改后重新上传。</Text>
              <Button className='roster-reupload' type='primary' fill='outline' size='large' block onClick={() => void Taro.navigateBack()}>
                重新上传
              </Button>
            </>
          )}
        </View>
      )}

      {imp.rejected > 0 && <RowErrors imp={imp} />}
      {dialog}
    </>
  )
}

function PreviewPage({ me }: { me: Me }) {
  const { params } = useRouter()
  const id = params.id ?? ''
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) {
    return <Blank error title='没有找到这次导入' actionText='返回名册导入' onAction={() => void Taro.redirectTo({ url: '/packages/admin-roster/imports/index' })} />
  }
  return <CadreOnly me={me}><Preview id={id} /></CadreOnly>
}

export default function RosterImportPage() {
  return (
    <View className='page roster-page'>
      <SessionGate>{(me) => <PreviewPage me={me} />}</SessionGate>
    </View>
  )
}
