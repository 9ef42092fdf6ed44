/**
 * H5 only: Taro's generated app entry loads every page with `import()`, so the page the app opens on waited
 * for app.js to run before its ~35 chunks were even requested, and then for each of them (a script tag and a
 * stylesheet link apiece). The home page is the first thing every open shows: mark its import eager, so its
 * modules ship in the initial chunks (downloaded in parallel from index.html) and the import resolves at once.
 * Runs on the entry code Taro's h5 loader produced (see h5WebpackChain in index.ts).
 */
module.exports = function eagerHomePage(source) {
  const { page } = this.getOptions()
  // A watch build with pre-bundling makes the entry a stub that imports `app.boot`, whose code has the routes.
  if (!source.includes('config.routes')) return source
  const pattern = new RegExp(`import\\((["'][^"']*${page.replace(/\//g, '\\/')}["'])\\)`)
  if (!pattern.test(source)) throw new Error(`h5-eager-home-loader: no import() of ${page} in the app entry`)
  return source.replace(pattern, 'import(/* webpackMode: "eager" */ $1)')
}
