/**
 * Drops NutUI's right-to-left rules (`.nut-rtl …`, `[dir=rtl] …`): the app is Chinese only, written
 * left to right, and those rules were ≈8 % of the NutUI CSS in the weapp main package. A rule listing
 * other selectors too keeps them.
 */
const RTL = /\.nut-rtl\b|\[dir=["']?rtl["']?\]/

module.exports = () => ({
  postcssPlugin: 'drop-rtl',
  Rule(rule) {
    if (!RTL.test(rule.selector)) return
    const kept = rule.selectors.filter((s) => !RTL.test(s))
    if (kept.length === 0) rule.remove()
    else rule.selectors = kept
  },
})
module.exports.postcss = true
