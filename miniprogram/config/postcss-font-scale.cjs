/**
 * Every font size follows the reader: `font-size: X` becomes
 * `max(X × --app-font-scale, --app-font-min)`, ours and NutUI's alike, after px are converted.
 * `--app-font-scale` is WeChat's (or the browser's) font-size setting and 长辈模式 raises it;
 * 长辈模式 sets `--app-font-min` to 18 px (services/elder-mode.ts, set on each page's root by
 * components/Page). Sizes of 0 (text hidden on purpose), keywords, % and em are left alone.
 */
const LENGTH = /^\d*\.?\d+(?:px|PX|rpx|rem)$/
/**
 * A length, or a custom property whose fallback is one — nested as NutUI writes its sizes
 * (`var(--nutui-cell-title-font-size, var(--nutui-font-size-base, 14px))`), so NutUI's CSS scales like
 * ours and 长辈模式 needs no list of NutUI classes to enlarge.
 */
function isLength(value) {
  if (LENGTH.test(value)) return true
  const v = /^var\(\s*--[\w-]+\s*(?:,\s*(.+))?\)$/.exec(value)
  return Boolean(v) && (v[1] === undefined || isLength(v[1].trim()))
}

module.exports = () => ({
  postcssPlugin: 'font-scale',
  Declaration: {
    'font-size': (decl) => {
      const value = decl.value.trim()
      if (!isLength(value) || /^0*\.?0+[a-zA-Z]*$/.test(value) || value.includes('--app-font')) return
      decl.value = `max(${value} * var(--app-font-scale, 1), var(--app-font-min, 0px))`
    },
  },
})
module.exports.postcss = true
