import Taro from '@tarojs/taro'

/**
 * Leaves a page after its work is done: back to the page that opened it, or — when it is the first page
 * (opened from a message, a share or a reload) — to `fallback`. Checked by the page stack, not by
 * navigateBack failing: on H5 a back from the first page does not fail, it reloads the same page, and a
 * cadre who had just published found the empty editor again.
 */
export function leavePage(fallback: string, fallbackIsTab = false): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
  else if (fallbackIsTab) void Taro.switchTab({ url: fallback })
  else void Taro.redirectTo({ url: fallback })
}
