import { useCallback, useRef, useState } from 'react'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { Articles, Tips } from '@nutui/icons-react-taro'
import type { Me } from '@union/shared/me'
import { ImportPage, type Import } from '@union/shared/roster'
import SessionGate from '@/components/SessionGate'
import { Blank, Loading } from '@/components/StateView'
import UnionScope, { initialScope, type Scope } from '@/components/UnionScope'
import { ApiError, call, messageOf, newIdempotencyKey } from '@/services/api'
import { fullTime } from '@/utils/format'
import { useLoadOnShow } from '@/utils/hooks'
import { CadreOnly, StatusTag, sizeText, uploaded } from '../components/common'
import { UploadProblem, type Problem } from '../components/problem'
import { MAX_UPLOAD_BYTES, TOO_LARGE_MESSAGE, isRosterFileName, pickRosterFile, uploadRoster, type RosterFile } from '../components/upload'
import '../components/roster.scss'

const PREVIEW = '/packages/admin-roster/import/index'
const COLUMNS = [
  ['姓名', '必填'],
  ['身份证号', '必填，18 位'],
  ['手机号', '选填'],
  ['会员号', '选填，已有的全国会员号会保留'],
  ['入会日期', '选填'],
  ['基层工会', '选填，工会名称或编号；不填则导入到上面选择的工会'],
] as const

function UploadCard({ me, onUploaded }: { me: Me; onUploaded: (imp: Import) => void }) {
  const { params } = useRouter()
  const [scope, setScope] = useState<Scope>(() => initialScope(me.roles, params))
  const [file, setFile] = useState<RosterFile>()
  const [uploading, setUploading] = useState(false)
  const [problem, setProblem] = useState<Problem>()
  // One key per picked file and union: a retry after a dropped connection is the same upload.
  const key = useRef(newIdempotencyKey())

  const choose = async () => {
    setProblem(undefined)
    try {
      const picked = await pickRosterFile()
      if (!picked) return
      if (!isRosterFileName(picked.name)) {
        setProblem({ code: 'BAD_FILE', message: '请选择 Excel（.xlsx）或 CSV（.csv）格式的名册文件。旧版 .xls 请在 Excel 中“另存为” .xlsx 后再上传。', details: [] })
        return
      }
      if (picked.size > MAX_UPLOAD_BYTES) {
        setProblem({ code: 'PAYLOAD_TOO_LARGE', message: TOO_LARGE_MESSAGE, details: [] })
        return
      }
      key.current = newIdempotencyKey()
      setFile(picked)
    } catch (e) {
      setProblem(e instanceof ApiError ? e : { code: 'PICK_FAILED', message: e instanceof Error ? e.message : messageOf(e), details: [] })
    }
  }

  const upload = async () => {
    if (!file || uploading) return
    setUploading(true)
    setProblem(undefined)
    try {
      const imp = await uploadRoster(file, scope.id, key.current)
      uploaded.set(imp.id, imp)
      setFile(undefined)
      key.current = newIdempotencyKey()
      onUploaded(imp)
      void Taro.navigateTo({ url: `${PREVIEW}?id=${encodeURIComponent(imp.id)}` })
    } catch (e) {
      setProblem(e instanceof ApiError ? e : { code: 'UPLOAD_FAILED', message: messageOf(e), details: [] })
    } finally {
      setUploading(false)
    }
  }

  return (
    <View className='card roster-upload'>
      <UnionScope
        className='roster-scope'
        roles={me.roles}
        value={scope}
        onChange={(s) => {
          setScope(s)
          key.current = newIdempotencyKey()
        }}
        label='导入到'
        hint='名册导入到你管理的工会；县级工会可选下级基层工会，或在名册“基层工会”列中逐行填写。'
      />
      <View className={`roster-file ${file ? 'picked' : ''}`} onClick={() => void choose()}>
        <Articles size={22} color={file ? '#d9001b' : '#5c5f66'} />
        <View className='roster-file-text'>
          <Text className='roster-file-name'>{file ? file.name : process.env.TARO_ENV === 'h5' ? '选择名册文件' : '从微信聊天中选择名册文件'}</Text>
          <Text className='roster-file-note'>{file ? `${sizeText(file.size)} · 点此重新选择` : '支持 .xlsx 和 .csv（UTF-8 或 GBK 编码）'}</Text>
        </View>
      </View>
      {problem && <UploadProblem error={problem} />}
      <Button className='roster-submit' type='primary' size='large' block disabled={!file} loading={uploading} onClick={() => void upload()}>
        {uploading ? '正在上传并校验…' : '上传并校验'}
      </Button>
      <Text className='roster-footnote'>上传后先逐行校验，不会立即写入会员信息；确认无误后再点“确认导入”。</Text>
    </View>
  )
}

function Columns() {
  return (
    <View className='card roster-columns'>
      <View className='roster-card-head'>
        <Tips size={16} color='#d9001b' />
        <Text className='roster-card-title'>名册格式</Text>
      </View>
      <Text className='roster-text'>第一行为表头，列的顺序不限：</Text>
      {COLUMNS.map(([name, note]) => (
        <View key={name} className='roster-column'>
          <Text className='roster-column-name'>{name}</Text>
          <Text className='roster-column-note'>{note}</Text>
        </View>
      ))}
      <Text className='roster-text roster-warn'>身份证号一列请先设置为“文本”格式再填写或粘贴，否则 Excel 会把它存成 6.10113E+17 这样的数字，后几位就丢了。</Text>
    </View>
  )
}

interface ListState {
  status: 'loading' | 'ready' | 'error'
  items: Import[]
  error?: string
}

function RecentImports({ list, reload }: { list: ListState; reload: () => void }) {
  if (list.status === 'loading' && list.items.length === 0) return <Loading rows={3} />
  if (list.status === 'error' && list.items.length === 0) return <Blank error title='导入记录加载失败' description={list.error} actionText='重试' onAction={reload} />
  if (list.items.length === 0) return <Blank title='还没有导入过名册' description='上传的名册和导入结果会列在这里' />
  return (
    <View className='card roster-list'>
      {list.items.map((imp) => (
        <View key={imp.id} className={`roster-item roster-item-${imp.status}`} onClick={() => void Taro.navigateTo({ url: `${PREVIEW}?id=${encodeURIComponent(imp.id)}` })}>
          <View className='roster-item-main'>
            <Text className='roster-item-name'>{imp.fileName || imp.orgName}</Text>
            <Text className='roster-item-meta'>
              {imp.orgName} · {fullTime(imp.createdAt)}
            </Text>
            <Text className='roster-item-meta'>
              共 {imp.rows} 行 · 可导入 {imp.accepted} · 有问题 {imp.rejected}
              {imp.result ? ` · 新增 ${imp.result.created}` : ''}
            </Text>
          </View>
          <StatusTag status={imp.status} />
        </View>
      ))}
      {list.status === 'error' && <Text className='roster-list-error' onClick={reload}>{list.error}（点此重试）</Text>}
    </View>
  )
}

function Imports({ me }: { me: Me }) {
  const [list, setList] = useState<ListState>({ status: 'loading', items: [] })
  const seq = useRef(0)
  const load = useCallback(async () => {
    const mine = ++seq.current
    setList((l) => ({ ...l, status: 'loading' }))
    try {
      const page = await call('GET /v1/admin/imports', ImportPage, { query: { limit: 20 } })
      if (mine === seq.current) setList({ status: 'ready', items: page.items })
    } catch (e) {
      if (mine === seq.current) setList((l) => ({ ...l, status: 'error', error: messageOf(e) }))
    }
  }, [])
  useLoadOnShow(() => void load())
  usePullDownRefresh(async () => {
    await load()
    Taro.stopPullDownRefresh()
  })

  return (
    <>
      <UploadCard me={me} onUploaded={(imp) => setList((l) => ({ ...l, items: [imp, ...l.items.filter((i) => i.id !== imp.id)] }))} />
      <View className='section-title'>最近导入</View>
      <RecentImports list={list} reload={() => void load()} />
      <Columns />
    </>
  )
}

export default function RosterImportsPage() {
  return (
    <View className='page roster-page'>
      <SessionGate>{(me) => <CadreOnly me={me}><Imports me={me} /></CadreOnly>}</SessionGate>
    </View>
  )
}
