/**
 * The text of a QR code in a photo — only the H5 build reads photos (`qr-photo.h5.ts`, which Taro picks
 * for H5 by its file name). WeChat scans natively (`Taro.scanCode`), so the mini-program carries no decoder.
 */
export async function qrFromPhoto(_src: string): Promise<string | undefined> {
  return undefined
}
