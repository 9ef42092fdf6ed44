import qrcode from 'qrcode-generator'

/** `text` as a string of its UTF-8 bytes: qrcode-generator's byte mode keeps only each char's low 8 bits. */
const utf8Bytes = (text: string) => encodeURIComponent(text).replace(/%([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))

/** The dark/light modules of `text` as a QR symbol, error correction M, the smallest version that fits. */
export function qrModules(text: string): boolean[][] {
  const qr = qrcode(0, 'M')
  qr.addData(utf8Bytes(text), 'Byte')
  qr.make()
  const n = qr.getModuleCount()
  return Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, c) => qr.isDark(r, c)))
}
