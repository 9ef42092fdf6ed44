import Taro from '@tarojs/taro'

/**
 * What the app keeps on the device to show at once on the next open (the last `Me`, the home page's
 * sections), bound to the shapes it was written with. An app update that changes the shared schemas
 * (TARO_APP_SHAPES: a hash of shared/src, set at build time) finds nothing kept instead of data of the old
 * shape — checked without zod, which the main package does not carry (see services/api SERVER_CHECKED).
 * Data kept by this same build has the shape the server promised when it was answered.
 */
const SHAPES = process.env.TARO_APP_SHAPES

export function kept<T>(key: string): T | undefined {
  try {
    const record = Taro.getStorageSync(key) as { shapes?: string; value?: T } | ''
    return record && record.shapes === SHAPES ? record.value : undefined
  } catch {
    return undefined
  }
}

export function keep<T>(key: string, value: T) {
  try {
    Taro.setStorageSync(key, { shapes: SHAPES, value })
  } catch {
    // Storage full or unavailable: the next open waits for the network.
  }
}
