// H5 only: Taro 4.2.1's page handler (@tarojs/router dist/router/page.js) with its page-transition timers
// made cancellable. config/index.ts swaps it in for the original inside @tarojs/router's own router.
//
// Taro runs each transition on timers it never cancels. Going back while the new page still slides in
// (its 50 ms delay + 300 ms transition) let them fire against the new state:
//  1. navigateTo hides the page below `delay + duration` later (class taro_page_shade = display: none).
//     A tab page below is shown again at once when back is pressed (a page below it, 300 ms later), so a
//     back inside that window was undone by the late hide: a blank screen until reload (NervJS/taro #15093).
//  2. The leaving page's own slide-in timers put it back on screen after back had taken it away.
//  3. Back before the new page had rendered: its render callback ran afterwards and made that unloaded
//     page the current one (Current.page), so the next navigation hid a page that no longer exists.
// Upstream main has the same code; drop this file when Taro fixes it (tests/e2e/back-during-slide).
import PageHandler from '@tarojs/router/dist/router/page.js'

/** Pages unloaded (by back, redirect or relaunch): their late callbacks must not touch the screen. */
const unloaded = new WeakSet()
/** The slide-in timers of each page element still entering. */
const entering = new WeakMap()

function stopEntering(pageEl) {
  const timers = pageEl && entering.get(pageEl)
  if (!timers) return
  timers.forEach(clearTimeout)
  entering.delete(pageEl)
}

export default class SafePageHandler extends PageHandler {
  load(page, pageConfig = {}, stampId, pageNo = 0) {
    // The page's render callback: skipped if the page was unloaded before it had rendered (3).
    if (page && typeof page.onLoad === 'function' && !page.onLoad.__unloadAware) {
      const onLoad = page.onLoad
      page.onLoad = Object.assign(function (options, rendered) {
        return onLoad.call(this, options, (...args) => {
          if (!unloaded.has(page)) return rendered?.(...args)
        })
      }, { __unloadAware: true })
    }
    return super.load(page, pageConfig, stampId, pageNo)
  }

  unload(page, delta = 1, top = false) {
    if (page) {
      unloaded.add(page)
      stopEntering(this.getPageContainer(page)) // (2)
    }
    return super.unload(page, delta, top)
  }

  show(page, pageConfig = {}, pageNo = 0) {
    // A page shown again is no longer to be hidden (1).
    const pageEl = page && this.getPageContainer(page)
    if (pageEl && this.hideTimer && this.lastHidePage === pageEl) {
      clearTimeout(this.hideTimer)
      this.hideTimer = null
    }
    return super.show(page, pageConfig, pageNo)
  }

  hide(page, animation = false) {
    // Taro retries every 0 ms until the page's element exists; an unloaded page's never will.
    if (page && unloaded.has(page)) return
    return super.hide(page, animation)
  }

  addAnimation(pageEl, first = false) {
    if (!pageEl || !this.animation || first) return super.addAnimation(pageEl, first)
    // As Taro's, with the timers kept so that unload can stop them.
    stopEntering(pageEl)
    const timers = []
    entering.set(pageEl, timers)
    timers.push(setTimeout(() => {
      pageEl.classList.add('taro_page_show')
      timers.push(setTimeout(() => {
        pageEl.classList.add('taro_page_stationed')
        entering.delete(pageEl)
      }, this.animationDuration))
    }, this.animationDelay))
  }
}
