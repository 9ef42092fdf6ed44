/**
 * Every font size follows the reader: `font-size: X` becomes
 * `max(X × --app-font-scale, --app-font-min)`, ours and NutUI's alike, after px are converted.
 * `--app-font-scale` is WeChat's (or the browser's) font-size setting and 长辈模式 raises it;
 * 长辈模式 sets `--app-font-min` to 18 px (services/elder-mode.ts, set on each page's root by
 * components/Page). Sizes of 0 (text hidden on purpose), keywords, % and em are left alone.
 */
const LENGTH = /^(?:\d*\.?\d+(?:px|PX|rpx|rem)|var\(--[\w-]+(?:,\s*\d*\.?\d+(?:px|PX|rpx|rem))?\))$/

module.exports = () => ({
  postcssPlugin: 'font-scale',
  Declaration: {
    'font-size': (decl) => {
      const value = decl.value.trim()
      if (!LENGTH.test(value) || /^0*\.?0+[a-zA-Z]*$/.test(value) || value.includes('--app-font')) return
      decl.value = `max(${value} * var(--app-font-scale, 1), var(--app-font-min, 0px))`
    },
  },
})
module.exports.postcss = true
