const acorn = require('acorn'); const fs = require('fs')
const src = fs.readFileSync(process.argv[2], 'utf8')
const ast = acorn.parse(src, { ecmaVersion: 2022 })
let obj
acorn.walk ? 0 : 0
function find(n) { if (!n || typeof n !== 'object') return; if (n.type === 'ObjectExpression' && n.properties.length && n.properties.every(p => p.key && p.key.type === 'Literal' && typeof p.key.value === 'number')) { if (!obj || n.properties.length > obj.properties.length) obj = n } for (const k in n) { const v = n[k]; if (Array.isArray(v)) v.forEach(find); else if (v && typeof v.type === 'string') find(v) } }
find(ast)
const rows = obj.properties.map(p => { const t = src.slice(p.value.start, p.value.end); const s = (t.match(/"[^"]{6,40}"|'[^']{6,40}'/g) || []).slice(0, 4).join(' '); return [t.length, p.key.value, s] }).sort((a, b) => b[0] - a[0])
for (const r of rows.slice(0, Number(process.argv[3] || 30))) console.log(String((r[0] / 1024).toFixed(1)).padStart(6), r[1], r[2].slice(0, 150))
