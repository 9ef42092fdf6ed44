// Stands in for lodash.kebabcase (≈5 KB minified in the weapp main package) in NutUI's ConfigProvider,
// which only turns its theme keys (camelCase names such as `nutuiColorPrimary`) into CSS variable names.
module.exports = function kebabCase(name) {
  return String(name)
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Za-z])([0-9])/g, '$1-$2')
    .replace(/[\s_]+/g, '-')
    .toLowerCase()
}
