#!/usr/bin/env node
// WeChat's own compiler and "代码质量" (code-quality) audit, run offline on the weapp build.
//
//   node scripts/weapp-audit.mjs [--dir miniprogram/dist/weapp] [--keep-zip out.zip] [--strict]
//
// Uses miniprogram-ci (Tencent's module extracted from WeChat DevTools). The project attributes that
// miniprogram-ci would normally fetch from WeChat's servers are supplied locally
// (`ci.DefaultProjectAttr`), and the private key is a throw-away file: compiling and auditing never
// contact WeChat (uploading and previewing would, and are not done here).
//
// Steps: 1) compile the build with WeChat's compiler (getCompiledResult) — fails on any compile error;
// 2) checkCodeQuality — prints every check with PASS/FAIL. Exit code 1 if anything fails.
// --strict also fails a check that passes while listing offending files (e.g. unused code files that
// DevTools would merely leave out of the upload).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
// miniprogram-ci is a dependency of the miniprogram workspace; resolve it from there.
const require = createRequire(path.join(root, 'miniprogram', 'package.json'))

function parseArgs(argv) {
  const args = { dir: path.join(root, 'miniprogram', 'dist', 'weapp'), keepZip: null, strict: false }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--dir') args.dir = path.resolve(argv[++i])
    else if (a === '--keep-zip') args.keepZip = path.resolve(argv[++i])
    else if (a === '--strict') args.strict = true
    else if (a === '-h' || a === '--help') {
      console.log('usage: node scripts/weapp-audit.mjs [--dir DIST] [--keep-zip FILE] [--strict]')
      process.exit(0)
    } else {
      console.error(`unknown argument: ${a}`)
      process.exit(2)
    }
  }
  return args
}

const kb = (bytes) => `${(Number(bytes) / 1024).toFixed(1)} KB`

function describeDetail(detail) {
  if (detail == null) return ''
  if (Array.isArray(detail)) return detail.length ? detail.join(', ') : ''
  if (detail instanceof Set) return [...detail].join(', ')
  if (typeof detail === 'object') {
    // PACKAGE_SIZE_LIMIT: { __APP__: <bytes>, <subpackage root>: <bytes> }
    if (Object.values(detail).every((v) => typeof v === 'number')) {
      return Object.entries(detail)
        .map(([k, v]) => `${k === '__APP__' ? '主包' : k} ${kb(v)}`)
        .join(', ')
    }
    if (Array.isArray(detail.files)) return detail.files.join(', ')
    return JSON.stringify(detail)
  }
  return String(detail)
}

function hasOffenders(detail) {
  if (!detail) return false
  if (Array.isArray(detail)) return detail.length > 0
  if (detail instanceof Set) return detail.size > 0
  if (Array.isArray(detail.files)) return detail.files.length > 0
  return false
}

async function main() {
  const args = parseArgs(process.argv.slice(2))
  const projectConfigPath = path.join(args.dir, 'project.config.json')
  if (!fs.existsSync(path.join(args.dir, 'app.json')) || !fs.existsSync(projectConfigPath)) {
    console.error(`No weapp build with project.config.json in ${args.dir}; run \`npm run build:weapp\` first.`)
    process.exit(2)
  }
  const projectConfig = JSON.parse(fs.readFileSync(projectConfigPath, 'utf8'))
  const setting = projectConfig.setting ?? {}

  const ci = require('miniprogram-ci')
  try {
    // Check texts in DevTools' Chinese wording (the English ones read like failures: "… is not turned on").
    require('miniprogram-ci/dist/utils/locales/locales').default.setLocale('zh')
  } catch {
    // older/newer layout: keep English
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'weapp-audit-'))
  const privateKeyPath = path.join(tmp, 'private.key')
  // Any file will do offline; it is only read when talking to WeChat's servers.
  fs.writeFileSync(privateKeyPath, '-----BEGIN RSA PRIVATE KEY-----\nlocal-audit-only\n-----END RSA PRIVATE KEY-----\n')

  let failed = 0
  try {
    const project = new ci.Project({
      appid: projectConfig.appid,
      type: 'miniProgram',
      projectPath: args.dir,
      privateKeyPath,
      ignores: ['node_modules/**/*'],
      attr: async () => ci.DefaultProjectAttr,
    })

    // 1) WeChat's compiler.
    const zipPath = args.keepZip ?? path.join(tmp, 'compiled.zip')
    const t0 = Date.now()
    try {
      const files = await ci.getCompiledResult(
        {
          project,
          setting: {
            es6: setting.es6 !== false,
            es7: !!setting.enhance,
            minify: !!(setting.minified && setting.minifyWXML && setting.minifyWXSS),
            minifyJS: !!setting.minified,
            minifyWXML: !!setting.minifyWXML,
            minifyWXSS: !!setting.minifyWXSS,
            autoPrefixWXSS: !!setting.postcss,
          },
        },
        zipPath,
      )
      const names = Object.keys(files ?? {})
      const bytes = names.reduce((n, k) => n + Buffer.byteLength(files[k]), 0)
      console.log(`PASS COMPILE                        WeChat compiler: ${names.length} files, ${kb(bytes)} (${((Date.now() - t0) / 1000).toFixed(1)} s)`)
    } catch (err) {
      failed++
      const where = err?.path ? `${err.path}: ` : ''
      console.log(`FAIL COMPILE                        WeChat compiler: ${where}${err?.message ?? err}`)
    }

    // 2) The code-quality audit. A checker that throws is reported by miniprogram-ci as a *success*
    // (it catches and logs the error): capture console.error and count such errors as failures.
    const logged = []
    const origError = console.error
    console.error = (...a) => {
      logged.push(a.map((x) => (x instanceof Error ? x.stack ?? x.message : String(x))).join(' '))
    }
    let results
    try {
      results = await ci.checkCodeQuality(project)
    } finally {
      console.error = origError
    }
    for (const r of results) {
      const detail = describeDetail(r.detail)
      const strictFail = args.strict && hasOffenders(r.detail)
      const ok = r.success && !strictFail
      if (!ok) failed++
      // The item carries the DevTools wording (`desc`, with %s for its limit); `text` is the English one.
      console.log(`${ok ? 'PASS' : 'FAIL'} ${r.name.padEnd(31)} ${r.text ?? ''}${detail ? ` — ${detail}` : ''}`)
    }
    if (logged.length) {
      failed++
      console.log(`FAIL CHECKER_ERRORS                 a checker threw (miniprogram-ci would count it as passed):`)
      for (const l of logged) console.log(`     ${l.split('\n')[0]}`)
    }
    console.log(`weapp audit: ${results.length + 1} checks (compile + ${results.length} quality), ${failed} failed`)
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true })
  }
  process.exit(failed ? 1 : 0)
}

main().catch((err) => {
  console.error(err?.stack ?? err)
  process.exit(1)
})
