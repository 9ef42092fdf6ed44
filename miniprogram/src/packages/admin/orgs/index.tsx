import { Fragment, useCallback, useEffect, useRef, useState } from 'react'
import Taro, { useReachBottom } from '@tarojs/taro'
import { ScrollView, Text, View } from '@tarojs/components'
import { Button, Input, Popup } from '@nutui/nutui-react-taro'
import { ArrowRight } from '@nutui/icons-react-taro'
import type { Me } from '@union/shared/me'
import { creditCodeProblem, normaliseCreditCode } from '@union/shared/credit-code'
import { ORG_LEVEL_NAMES, Org as OrgSchema, OrgName, OrgPage, childLevels, type Org, type OrgLevel } from '@union/shared/orgs'
import SessionGate from '@/components/SessionGate'
import { Blank, Loading } from '@/components/StateView'
import { useConfirm } from '@/components/ConfirmDialog'
import { ApiError, call, messageOf } from '@/services/api'
import ScopeChips from '@/components/ScopeChips'
import Page from '@/components/Page'
import ProfileRow from '@/components/ProfileRow'
import '@/styles/form.scss'
import '../components/admin.scss'
import './index.scss'

interface ListState {
  items: Org[]
  cursor: string | null
  status: 'loading' | 'ready' | 'more' | 'error'
  error?: string
}

type Editing = { mode: 'create'; parent: Org } | { mode: 'rename'; org: Org }

function nameProblem(name: string): string | undefined {
  const result = OrgName.safeParse(name)
  return result.success ? undefined : result.error.issues[0]?.message
}

/** A bottom sheet to create a child union (name, level, optional credit code) or rename one. */
function EditSheet({ editing, onClose, onDone }: { editing?: Editing; onClose: () => void; onDone: (org: Org) => void }) {
  const levels = editing?.mode === 'create' ? childLevels(editing.parent.level) : []
  const onlyLevel = levels.length === 1 ? levels[0] : undefined
  const [name, setName] = useState('')
  const [level, setLevel] = useState<OrgLevel>()
  const [creditCode, setCreditCode] = useState('')
  const [errors, setErrors] = useState<{ name?: string; level?: string; creditCode?: string }>({})
  const [saving, setSaving] = useState(false)

  useEffect(() => {
    if (!editing) return
    setName(editing.mode === 'rename' ? editing.org.name : '')
    setLevel(onlyLevel)
    setCreditCode('')
    setErrors({})
    setSaving(false)
  }, [editing, onlyLevel])

  const submit = async () => {
    if (!editing || saving) return
    const found = {
      name: nameProblem(name),
      level: editing.mode === 'create' && !level ? '请选择级别' : undefined,
      creditCode: creditCode.trim() ? creditCodeProblem(creditCode) : undefined,
    }
    setErrors(found)
    if (found.name || found.level || found.creditCode) return
    setSaving(true)
    try {
      const org =
        editing.mode === 'create'
          ? await call('POST /v1/admin/orgs', OrgSchema, {
              body: { parentId: editing.parent.id, name: name.trim(), level: level!, ...(creditCode.trim() ? { creditCode: normaliseCreditCode(creditCode) } : {}) },
            })
          : await call('PATCH /v1/admin/orgs/{id}', OrgSchema, { params: { id: editing.org.id }, body: { name: name.trim() } })
      onDone(org)
    } catch (e) {
      setSaving(false)
      if (e instanceof ApiError && e.details.length) {
        setErrors(Object.fromEntries(e.details.map((d) => [d.path.split('.').pop(), d.message])))
      } else if (e instanceof ApiError && e.code === 'NAME_TAKEN') {
        setErrors({ name: e.message })
      } else {
        Taro.showToast({ title: messageOf(e), icon: 'none' })
      }
    }
  }

  const title = editing?.mode === 'create' ? `在${editing.parent.name}下新建` : '工会改名'
  return (
    <Popup visible={Boolean(editing)} position='bottom' round closeable title={title} className='org-edit' onClose={onClose}>
      <View className='org-edit-body'>
        <View className={`form-field org-edit-name ${errors.name ? 'has-error' : ''}`}>
          <Text className='form-label required'>名称</Text>
          <Input
            name='orgName'
            value={name}
            placeholder='如：某某区总工会、某某有限公司工会'
            maxLength={40}
            clearable
            onChange={(v) => {
              setName(v)
              if (errors.name && !nameProblem(v)) setErrors((x) => ({ ...x, name: undefined }))
            }}
            onBlur={(v) => setErrors((x) => ({ ...x, name: nameProblem(v) }))}
            onClear={() => setName('')}
          />
        </View>
        {errors.name && <Text className='field-error org-edit-error-name'>{errors.name}</Text>}

        {editing?.mode === 'create' && (
          <>
            <View className='org-edit-levels'>
              <Text className='form-label required'>级别</Text>
              <View className='org-edit-level-chips'>
                {levels.map((l) => (
                  <Text key={l} className={`org-edit-level org-edit-level-${l} ${level === l ? 'active' : ''}`} onClick={() => { setLevel(l); setErrors((x) => ({ ...x, level: undefined })) }}>
                    {ORG_LEVEL_NAMES[l]}
                  </Text>
                ))}
              </View>
            </View>
            {errors.level && <Text className='field-error'>{errors.level}</Text>}
            <View className={`form-field org-edit-credit ${errors.creditCode ? 'has-error' : ''}`}>
              <Text className='form-label'>信用代码</Text>
              <Input
                name='creditCode'
                value={creditCode}
                placeholder='统一社会信用代码（选填）'
                maxLength={22}
                clearable
                onChange={(v) => {
                  setCreditCode(v)
                  const complete = normaliseCreditCode(v).length >= 18
                  setErrors((x) => ({ ...x, creditCode: complete ? creditCodeProblem(v) : undefined }))
                }}
                onClear={() => setCreditCode('')}
              />
            </View>
            {errors.creditCode && <Text className='field-error org-edit-error-credit'>{errors.creditCode}</Text>}
          </>
        )}
        {editing?.mode === 'rename' && <Text className='muted org-edit-hint'>改名后，会员和下级工会的隶属关系不变；改名记入操作日志。</Text>}

        <Button className='org-edit-submit' type='primary' size='large' loading={saving} onClick={submit}>
          {editing?.mode === 'create' ? '确认新建' : '确认改名'}
        </Button>
      </View>
    </Popup>
  )
}

function Tree({ me }: { me: Me }) {
  const [roleOrgId, setRoleOrgId] = useState(me.roles[0].orgId)
  const [trail, setTrail] = useState<Org[]>([])
  const [rootError, setRootError] = useState<string>()
  const [list, setList] = useState<ListState>({ items: [], cursor: null, status: 'loading' })
  const [editing, setEditing] = useState<Editing>()
  const [dialog, confirm] = useConfirm('admin-confirm')
  const seq = useRef(0)
  const here = trail[trail.length - 1]

  // The top of the tree shown: the union of the chosen role (its level decides what may be created).
  const loadRoot = useCallback(async () => {
    setRootError(undefined)
    setTrail([])
    try {
      setTrail([await call('GET /v1/orgs/{id}', OrgSchema, { params: { id: roleOrgId } })])
    } catch (e) {
      setRootError(messageOf(e))
    }
  }, [roleOrgId])
  useEffect(() => {
    void loadRoot()
  }, [loadRoot])

  const load = useCallback(async (cursor: string | null) => {
    if (!here) return
    const mine = ++seq.current
    setList((l) => ({ ...l, status: cursor ? 'more' : 'loading', items: cursor ? l.items : [] }))
    try {
      const page = await call('GET /v1/orgs/{id}/children', OrgPage, { params: { id: here.id }, query: { limit: 50, cursor: cursor ?? undefined } })
      if (mine !== seq.current) return
      setList((l) => ({ items: cursor ? [...l.items, ...page.items] : page.items, cursor: page.nextCursor, status: 'ready' }))
    } catch (e) {
      if (mine !== seq.current) return
      setList((l) => ({ ...l, status: 'error', error: messageOf(e) }))
    }
  }, [here])
  useEffect(() => {
    void load(null)
  }, [load])
  useReachBottom(() => {
    if (list.cursor && list.status === 'ready') void load(list.cursor)
  })

  const close = async (org: Org) => {
    const ok = await confirm({
      title: '撤销工会',
      content: `确认撤销“${org.name}”？撤销后该工会不再出现在工会列表和搜索中，不能再接收会员、转会和建会申请；历史记录保留。只有没有在册会员、没有下级工会的工会可以撤销。`,
      confirmText: '确认撤销',
    })
    if (!ok) return
    try {
      await call('POST /v1/admin/orgs/{id}/close', OrgSchema, { params: { id: org.id } })
      setList((l) => ({ ...l, items: l.items.filter((o) => o.id !== org.id) }))
      Taro.showToast({ title: '已撤销', icon: 'success' })
    } catch (e) {
      if (e instanceof ApiError && e.code === 'NOT_EMPTY') {
        await confirm({ title: '暂不能撤销', content: `${e.message}。请先将会员转出、撤销其下级工会后再试。`, confirmText: '知道了', notice: true })
      } else {
        Taro.showToast({ title: messageOf(e), icon: 'none' })
      }
    }
  }

  const done = (org: Org) => {
    const mode = editing?.mode
    setEditing(undefined)
    if (mode === 'create') setList((l) => ({ ...l, items: [...l.items, org] }))
    else setList((l) => ({ ...l, items: l.items.map((o) => (o.id === org.id ? org : o)) }))
    Taro.showToast({ title: mode === 'create' ? '已新建' : '已改名', icon: 'success' })
  }

  if (rootError) return <Blank error title='加载失败' description={rootError} actionText='重试' onAction={loadRoot} />
  if (!here) return <Loading rows={4} />
  const creatable = childLevels(here.level).length > 0

  return (
    <>
      <ScopeChips roles={me.roles} value={roleOrgId} onChange={setRoleOrgId} verb='' />
      <View className='card org-here'>
        {trail.length > 1 && (
          <ScrollView scrollX className='org-trail'>
            {trail.map((o, i) => (
              <Fragment key={o.id}>
                {/* Its own element with equal margins: a space inside the crumb collapses at its edge and left "市/ 区". */}
                {i > 0 && <Text className='org-crumb-sep' aria-hidden>›</Text>}
                <Text className={`org-crumb ${i === trail.length - 1 ? 'current' : ''}`} onClick={() => setTrail((t) => t.slice(0, i + 1))}>
                  {o.name}
                </Text>
              </Fragment>
            ))}
          </ScrollView>
        )}
        <View className='org-here-head'>
          <Text className='org-here-name'>{here.name}</Text>
          <Text className='org-level-tag'>{ORG_LEVEL_NAMES[here.level]}</Text>
        </View>
        {creatable ? (
          <Button className='org-tree-create' type='primary' onClick={() => setEditing({ mode: 'create', parent: here })}>
            新建下级工会
          </Button>
        ) : (
          <Text className='muted'>基层工会之下不再设立工会。</Text>
        )}
      </View>

      <View className='section-title'>下级工会</View>
      {list.status === 'loading' ? (
        <Loading rows={4} />
      ) : list.status === 'error' && list.items.length === 0 ? (
        <Blank error title='加载失败' description={list.error} actionText='重试' onAction={() => void load(null)} />
      ) : list.items.length === 0 ? (
        <Blank title='还没有下级工会' description={creatable ? '点“新建下级工会”建立第一个。' : undefined} />
      ) : (
        <View className='card org-list'>
          {list.items.map((o) => (
            <ProfileRow
              key={o.id}
              ruled
              className='org-row'
              name={o.name}
              meta={`${ORG_LEVEL_NAMES[o.level]}${o.creditCode ? ` · ${o.creditCode}` : ''}`}
              onOpen={o.level !== 'basic' ? () => setTrail((t) => [...t, o]) : undefined}
              aside={
                <View className='org-row-actions'>
                  {o.level !== 'basic' && (
                    <Text className='org-row-action org-row-browse' onClick={() => setTrail((t) => [...t, o])}>
                      下级<ArrowRight size={10} />
                    </Text>
                  )}
                  <Text className='org-row-action org-row-rename' onClick={() => setEditing({ mode: 'rename', org: o })}>
                    改名
                  </Text>
                  <Text className='org-row-action org-row-close' onClick={() => void close(o)}>
                    撤销
                  </Text>
                </View>
              }
            />
          ))}
          {list.cursor && (
            <Button className='queue-more' fill='none' size='small' loading={list.status === 'more'} onClick={() => void load(list.cursor)}>
              加载更多
            </Button>
          )}
        </View>
      )}

      <EditSheet editing={editing} onClose={() => setEditing(undefined)} onDone={done} />
      {dialog}
    </>
  )
}

export default function OrgTreePage() {
  return (
    <Page className='org-tree-page'>
      <SessionGate cadreOnly='组织管理'>{(me) => <Tree me={me} />}</SessionGate>
    </Page>
  )
}
