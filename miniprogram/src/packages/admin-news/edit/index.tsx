import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Input, InputNumber, Switch, TextArea } from '@nutui/nutui-react-taro'
import { AdminArticle, ArticleInput, ARTICLE_KIND_NAMES, type AdminArticle as Item, type ArticleKind, type ArticlePatch } from '@union/shared/articles'
import type { Me } from '@union/shared/me'
import SessionGate from '@/components/SessionGate'
import { Blank, ResourceState } from '@/components/StateView'
import { useResource } from '@/utils/hooks'
import UnionScope, { initialScope, type Scope } from '@/components/UnionScope'
import { ApiError, call, messageOf } from '@/services/api'
import { fieldOf } from '@/utils/format'
import '@/styles/form.scss'
import '../components/admin-news.scss'
import { leavePage } from '@/utils/leave'

type Field = 'title' | 'summary' | 'coverUrl' | 'body'
type Errors = Partial<Record<Field, string>>
interface Values {
  kind: ArticleKind
  title: string
  summary: string
  coverUrl: string
  body: string
  readPoints: number
  pinned: boolean
}

const FIELDS: Field[] = ['title', 'summary', 'coverUrl', 'body']
const firstIssue = (r: { success: boolean; error?: { issues: { message: string }[] } }) => (r.success ? undefined : r.error?.issues[0]?.message)
/** The API's own rules (shared/articles), checked before sending. */
const problemOf = (field: Field, v: Values) => firstIssue(ArticleInput.shape[field].safeParse(v[field].trim()))

const HELP = [
  '直接输入文字即可：空一行分段，换行即换行。',
  '也可使用这些标签：<h3>小标题</h3>、<strong>加粗</strong>、<em>强调</em>、<ul><li>列表项</li></ul>、<blockquote>引用</blockquote>、<a href="https://…">链接</a>、<img src="https://…">。',
  '其他标签、脚本、样式和非 https 图片会在保存时自动去除。',
]

function Editor({ me, article, scope: startScope }: { me: Me; article?: Item; scope: Scope }) {
  const [v, setV] = useState<Values>(() => ({
    kind: article?.kind ?? 'news',
    title: article?.title ?? '',
    summary: article?.summary ?? '',
    coverUrl: article?.coverUrl ?? '',
    body: article?.body ?? '',
    readPoints: article?.readPoints ?? 2,
    pinned: article?.pinned ?? false,
  }))
  const [scope, setScope] = useState<Scope>(startScope)
  const [errors, setErrors] = useState<Errors>({})
  const [saving, setSaving] = useState<'draft' | 'publish'>()
  const [showHelp, setShowHelp] = useState(false)

  const set = <K extends keyof Values>(key: K, value: Values[K]) => {
    const next = { ...v, [key]: value }
    setV(next)
    if (key in errors && !problemOf(key as Field, next)) setErrors((e) => ({ ...e, [key]: undefined }))
  }
  const check = (field: Field) => setErrors((e) => ({ ...e, [field]: problemOf(field, v) }))

  const patchOf = (a: Item): ArticlePatch => {
    const p: ArticlePatch = {}
    if (v.kind !== a.kind) p.kind = v.kind
    if (v.title.trim() !== a.title) p.title = v.title.trim()
    if (v.summary.trim() !== a.summary) p.summary = v.summary.trim()
    if (v.coverUrl.trim() !== (a.coverUrl ?? '')) p.coverUrl = v.coverUrl.trim()
    if (v.body.trim() !== a.body) p.body = v.body.trim()
    if (v.readPoints !== a.readPoints) p.readPoints = v.readPoints
    if (v.pinned !== a.pinned) p.pinned = v.pinned
    return p
  }

  const save = async (publish: boolean) => {
    if (saving) return
    const next: Errors = {}
    for (const f of FIELDS) next[f] = problemOf(f, v)
    setErrors(next)
    const firstError = FIELDS.map((f) => next[f]).find(Boolean)
    if (firstError) {
      Taro.showToast({ title: firstError, icon: 'none' })
      return
    }
    setSaving(publish ? 'publish' : 'draft')
    try {
      let saved: Item
      if (article) {
        const patch = patchOf(article)
        saved = Object.keys(patch).length
          ? await call('PATCH /v1/admin/articles/{id}', AdminArticle, { params: { id: article.id }, body: patch })
          : article
      } else {
        saved = await call('POST /v1/admin/articles', AdminArticle, {
          body: {
            kind: v.kind, title: v.title.trim(), summary: v.summary.trim(), body: v.body.trim(), orgId: scope.id, readPoints: v.readPoints, pinned: v.pinned,
            ...(v.coverUrl.trim() ? { coverUrl: v.coverUrl.trim() } : {}),
          },
        })
      }
      if (publish && saved.status === 'draft') {
        saved = await call('POST /v1/admin/articles/{id}/publish', AdminArticle, { params: { id: saved.id } })
      }
      Taro.showToast({ title: publish ? '已发布' : '已保存', icon: 'success' })
      setTimeout(() => leavePage('/packages/admin-news/list/index'), 700)
    } catch (e) {
      setSaving(undefined)
      if (e instanceof ApiError && e.code === 'VALIDATION_FAILED' && e.details.length) {
        const server: Errors = {}
        for (const d of e.details) server[fieldOf(d.path) as Field] ??= d.message
        setErrors((x) => ({ ...x, ...server }))
      }
      Taro.showToast({ title: e instanceof ApiError && e.details[0] ? e.details[0].message : messageOf(e), icon: 'none' })
    }
  }

  const draft = !article || article.status === 'draft'
  return (
    <>
      <View className='section-title'>内容</View>
      <View className='card form-card'>
        <View className='form-field field-kind'>
          <Text className='form-label'>类型</Text>
          <View className='an-seg'>
            {(['news', 'notice'] as const).map((k) => (
              <Text key={k} className={`an-seg-item an-kind-${k} ${v.kind === k ? 'active' : ''}`} onClick={() => set('kind', k)}>
                {ARTICLE_KIND_NAMES[k]}
              </Text>
            ))}
          </View>
        </View>
        <View className='form-field-wrap'>
          <View className={`form-field field-title ${errors.title ? 'has-error' : ''}`}>
            <Text className='form-label required'>标题</Text>
            <Input name='title' value={v.title} placeholder='2–60 个字' maxLength={60} clearable onChange={(x) => set('title', x)} onBlur={() => check('title')} onClear={() => set('title', '')} />
          </View>
          {errors.title && <Text className='field-error field-error-title'>{errors.title}</Text>}
        </View>
        <View className={`form-textarea field-summary ${errors.summary ? 'has-error' : ''}`}>
          <Text className='form-label'>摘要</Text>
          <TextArea value={v.summary} placeholder='列表中显示的一两句话（选填，200 字以内）' maxLength={200} showCount autoSize onChange={(x) => set('summary', x)} onBlur={() => check('summary')} />
          {errors.summary && <Text className='field-error field-error-summary'>{errors.summary}</Text>}
        </View>
        <View className='form-field-wrap'>
          <View className={`form-field field-coverUrl ${errors.coverUrl ? 'has-error' : ''}`}>
            <Text className='form-label'>封面图</Text>
            <Input name='coverUrl' value={v.coverUrl} placeholder='选填，https:// 开头的图片链接' maxLength={512} clearable onChange={(x) => set('coverUrl', x)} onBlur={() => check('coverUrl')} onClear={() => set('coverUrl', '')} />
          </View>
          {errors.coverUrl && <Text className='field-error field-error-coverUrl'>{errors.coverUrl}</Text>}
        </View>
        <View className={`form-textarea field-body ${errors.body ? 'has-error' : ''}`}>
          <View className='an-body-head'>
            <Text className='form-label required'>正文</Text>
            <Text className='an-help-toggle' onClick={() => setShowHelp((s) => !s)}>
              {showHelp ? '收起格式说明' : '格式说明'}
            </Text>
          </View>
          {showHelp && (
            <View className='an-help'>
              {HELP.map((line) => (
                <Text key={line} className='an-help-line'>
                  {line}
                </Text>
              ))}
            </View>
          )}
          <TextArea className='an-body' value={v.body} placeholder='输入正文，空一行分段' maxLength={20000} showCount autoSize onChange={(x) => set('body', x)} onBlur={() => check('body')} />
          {errors.body && <Text className='field-error field-error-body'>{errors.body}</Text>}
        </View>
      </View>

      <View className='section-title'>发布设置</View>
      <View className='card form-card'>
        <View className='an-org'>
          <Text className='form-label'>发布工会</Text>
          {article ? <Text className='an-readonly'>{article.orgName}</Text> : <UnionScope roles={me.roles} value={scope} onChange={setScope} label='' />}
        </View>
        <Text className='an-note'>本会及所有下级工会的会员可见；省总工会发布的资讯对所有人公开。</Text>
        <View className='form-field field-readPoints'>
          <Text className='form-label'>阅读积分</Text>
          <View className='an-grow' />
          <InputNumber className='an-points' value={v.readPoints} min={1} max={20} onChange={(x) => set('readPoints', Math.max(1, Math.min(20, Number(x) || 1)))} />
        </View>
        <View className='form-field an-pin-row'>
          <View className='an-pin-text'>
            <Text className='an-pin-title'>置顶到首页横幅</Text>
            <Text className='an-note'>置顶的资讯排在最前，并出现在首页轮播中。</Text>
          </View>
          <Switch className='an-pin-switch' checked={v.pinned} onChange={(on) => set('pinned', on)} />
        </View>
      </View>

      <View className='an-bar'>
        <Button className='an-save' fill='outline' loading={saving === 'draft'} onClick={() => void save(false)}>
          {article ? '保存修改' : '保存草稿'}
        </Button>
        {draft && (
          <Button className='an-save-publish' type='primary' loading={saving === 'publish'} onClick={() => void save(true)}>
            {article ? '保存并发布' : '发布'}
          </Button>
        )}
      </View>
    </>
  )
}

function EditorLoader({ me, params }: { me: Me; params: Record<string, string | undefined> }) {
  const id = params.id
  const article = useResource(async () => (id ? call('GET /v1/admin/articles/{id}', AdminArticle, { params: { id } }) : undefined), [id])
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: id ? '编辑资讯' : '撰写资讯' })
  }, [id])
  if (me.roles.length === 0) return <Blank title='仅限工会干部' description='资讯管理只对工会干部开放。' />
  if (article.status !== 'ready') return <ResourceState resource={article} failTitle='资讯加载失败' />
  return <Editor me={me} article={article.data} scope={initialScope(me.roles, params)} />
}

export default function AdminNewsEditPage() {
  const { params } = useRouter()
  return (
    <View className='page admin-news-page'>
      <SessionGate>{(me) => <EditorLoader me={me} params={params} />}</SessionGate>
    </View>
  )
}
