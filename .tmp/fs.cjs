const plugin = require('../miniprogram/config/postcss-font-scale.cjs')
const postcss = require('postcss')
const fs = require('fs'), path = require('path')
const dir = 'node_modules/@nutui/nutui-react-taro/dist/es/packages'
const left = new Map()
for (const c of fs.readdirSync(dir)) {
  const f = path.join(dir, c, 'style', 'style.css'); if (!fs.existsSync(f)) continue
  const root = postcss([plugin()]).process(fs.readFileSync(f, 'utf8'), { from: f }).root
  root.walkDecls('font-size', (d) => { if (!d.value.includes('--app-font')) left.set(d.value, c) })
}
console.log([...left].join('\n'))
