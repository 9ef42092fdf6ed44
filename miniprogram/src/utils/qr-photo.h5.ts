/**
 * H5 only: the text of a QR code in a photo. A browser has no WeChat scanner, so a member photographs the
 * organiser's screen (or picks a screenshot) and the code is read here, instead of typing ~40 characters.
 * jsQR is loaded on the first photo, never with the page.
 */

/** Long side the photo is scaled down to before decoding: a phone photo is 12 MP, a QR needs far less. */
const MAX_SIDE = 1280

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image()
    img.onload = () => resolve(img)
    img.onerror = () => reject(new Error('image'))
    img.src = src
  })
}

/** The QR code's text, or undefined when the picture holds none that can be read. */
export async function qrFromPhoto(src: string): Promise<string | undefined> {
  const [{ default: jsQR }, img] = await Promise.all([import('jsqr'), loadImage(src)])
  const scale = Math.min(1, MAX_SIDE / Math.max(img.naturalWidth, img.naturalHeight))
  const drawnWidth = Math.max(1, Math.round(img.naturalWidth * scale))
  const drawnHeight = Math.max(1, Math.round(img.naturalHeight * scale))
  // A white margin around it: a screenshot cropped to the code has no quiet zone, and the finder patterns
  // at its very edge are then missed.
  const pad = Math.round(Math.max(drawnWidth, drawnHeight) * 0.08)
  const width = drawnWidth + 2 * pad
  const height = drawnHeight + 2 * pad
  const canvas = document.createElement('canvas')
  canvas.width = width
  canvas.height = height
  const ctx = canvas.getContext('2d', { willReadFrequently: true })
  if (!ctx) return undefined
  // White under the picture too: a transparent PNG's empty pixels would read as black.
  ctx.fillStyle = '#fff'
  ctx.fillRect(0, 0, width, height)
  ctx.drawImage(img, pad, pad, drawnWidth, drawnHeight)
  const { data } = ctx.getImageData(0, 0, width, height)
  // Both polarities: a screen in dark mode shows the code light on dark.
  return jsQR(data, width, height, { inversionAttempts: 'attemptBoth' })?.data || undefined
}
