/**
 * A QR code encoder for what the app shows (会员码, 签到码): byte mode (UTF-8), error correction level M,
 * the smallest version that fits, the mask with the lowest penalty (ISO/IEC 18004). ≈3 KB minified
 * against ≈20 KB for qrcode-generator, which also carries the other modes, Kanji tables and GIF/SVG
 * output — and sat in the weapp main package (我的 shows the 会员码). Decoded back in
 * tests/unit/qr-encode.test.ts.
 */

/** Level M: error-correction codewords per block and number of blocks, by version (index 0 unused). */
const ECC_PER_BLOCK = [0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28]
const BLOCKS = [0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49]

/** Modules left for data and error correction once the function patterns are drawn. */
function rawModules(ver: number): number {
  let n = (16 * ver + 128) * ver + 64
  if (ver >= 2) {
    const align = Math.floor(ver / 7) + 2
    n -= (25 * align - 10) * align - 55
    if (ver >= 7) n -= 36
  }
  return n
}

const dataCodewords = (ver: number) => Math.floor(rawModules(ver) / 8) - ECC_PER_BLOCK[ver] * BLOCKS[ver]

/** GF(256) product, modulo x^8 + x^4 + x^3 + x^2 + 1. */
function mul(x: number, y: number): number {
  let z = 0
  for (let i = 7; i >= 0; i--) {
    z = (z << 1) ^ ((z >>> 7) * 0x11d)
    z ^= ((y >>> i) & 1) * x
  }
  return z
}

/** The Reed–Solomon error-correction codewords of one block. */
function ecc(data: number[], degree: number): number[] {
  const divisor: number[] = new Array(degree).fill(0)
  divisor[degree - 1] = 1
  let root = 1
  for (let i = 0; i < degree; i++) {
    for (let j = 0; j < degree; j++) {
      divisor[j] = mul(divisor[j], root)
      if (j + 1 < degree) divisor[j] ^= divisor[j + 1]
    }
    root = mul(root, 2)
  }
  const rest: number[] = new Array(degree).fill(0)
  for (const b of data) {
    const factor = b ^ (rest.shift() as number)
    rest.push(0)
    divisor.forEach((coef, i) => (rest[i] ^= mul(coef, factor)))
  }
  return rest
}

/** UTF-8 bytes (WeChat's JS engines do not all have TextEncoder). */
function utf8(text: string): number[] {
  const bytes: number[] = []
  for (const char of text) {
    const c = char.codePointAt(0) as number
    if (c < 0x80) bytes.push(c)
    else if (c < 0x800) bytes.push(0xc0 | (c >> 6), 0x80 | (c & 63))
    else if (c < 0x10000) bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63))
    else bytes.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63))
  }
  return bytes
}

/** The data codewords (mode, count, bytes, terminator, padding) split into blocks with their ECC, interleaved. */
function codewords(bytes: number[], ver: number): number[] {
  const bits: number[] = []
  const put = (value: number, length: number) => {
    for (let i = length - 1; i >= 0; i--) bits.push((value >>> i) & 1)
  }
  put(4, 4)
  put(bytes.length, ver < 10 ? 8 : 16)
  bytes.forEach((b) => put(b, 8))
  const capacity = dataCodewords(ver) * 8
  put(0, Math.min(4, capacity - bits.length))
  put(0, (8 - (bits.length % 8)) % 8)
  for (let pad = 0xec; bits.length < capacity; pad ^= 0xec ^ 0x11) put(pad, 8)
  const data: number[] = []
  for (let i = 0; i < bits.length; i += 8) data.push(bits.slice(i, i + 8).reduce((n, b) => (n << 1) | b, 0))

  const blocks = BLOCKS[ver]
  const eccLength = ECC_PER_BLOCK[ver]
  const raw = Math.floor(rawModules(ver) / 8)
  const shortBlocks = blocks - (raw % blocks)
  const shortLength = Math.floor(raw / blocks)
  const all: number[][] = []
  for (let i = 0, k = 0; i < blocks; i++) {
    const block = data.slice(k, k + shortLength - eccLength + (i < shortBlocks ? 0 : 1))
    k += block.length
    const check = ecc(block, eccLength)
    if (i < shortBlocks) block.push(0) // a place holder, skipped below
    all.push(block.concat(check))
  }
  const out: number[] = []
  for (let i = 0; i < all[0].length; i++) {
    all.forEach((block, j) => {
      if (i !== shortLength - eccLength || j >= shortBlocks) out.push(block[i])
    })
  }
  return out
}

const MASKS: ((x: number, y: number) => boolean)[] = [
  (x, y) => (x + y) % 2 === 0,
  (_, y) => y % 2 === 0,
  (x) => x % 3 === 0,
  (x, y) => (x + y) % 3 === 0,
  (x, y) => (Math.floor(x / 3) + Math.floor(y / 2)) % 2 === 0,
  (x, y) => ((x * y) % 2) + ((x * y) % 3) === 0,
  (x, y) => (((x * y) % 2) + ((x * y) % 3)) % 2 === 0,
  (x, y) => (((x + y) % 2) + ((x * y) % 3)) % 2 === 0,
]

const FINDER_LIKE = ['10111010000', '00001011101']

/** The penalty of a finished symbol (the four rules of the standard); the lowest mask wins. */
function penalty(dark: boolean[][]): number {
  const size = dark.length
  let score = 0
  let darkCount = 0
  for (let a = 0; a < size; a++) {
    let row = ''
    let column = ''
    for (let b = 0; b < size; b++) {
      row += dark[a][b] ? '1' : '0'
      column += dark[b][a] ? '1' : '0'
      if (dark[a][b]) darkCount++
      if (a < size - 1 && b < size - 1 && dark[a][b] === dark[a][b + 1] && dark[a][b] === dark[a + 1][b] && dark[a][b] === dark[a + 1][b + 1]) score += 3
    }
    for (const line of [row, column]) {
      for (const run of line.match(/0{5,}|1{5,}/g) ?? []) score += run.length - 2
      for (const pattern of FINDER_LIKE) for (let i = line.indexOf(pattern); i >= 0; i = line.indexOf(pattern, i + 1)) score += 40
    }
  }
  const total = size * size
  return score + (Math.ceil(Math.abs(darkCount * 20 - total * 10) / total) - 1) * 10
}

/** The symbol for `text`: rows of modules, `true` for dark. Throws when the text does not fit version 40. */
export function encodeQr(text: string): boolean[][] {
  const bytes = utf8(text)
  let ver = 1
  while (4 + (ver < 10 ? 8 : 16) + bytes.length * 8 > dataCodewords(ver) * 8) {
    if (++ver > 40) throw new Error('二维码内容过长')
  }
  const size = ver * 4 + 17
  const dark: boolean[][] = Array.from({ length: size }, () => new Array<boolean>(size).fill(false))
  const fixed: boolean[][] = Array.from({ length: size }, () => new Array<boolean>(size).fill(false))
  const set = (x: number, y: number, on: boolean) => {
    dark[y][x] = on
    fixed[y][x] = true
  }

  for (let i = 0; i < size; i++) {
    set(6, i, i % 2 === 0)
    set(i, 6, i % 2 === 0)
  }
  for (const [cx, cy] of [[3, 3], [size - 4, 3], [3, size - 4]]) {
    for (let dy = -4; dy <= 4; dy++) {
      for (let dx = -4; dx <= 4; dx++) {
        const d = Math.max(Math.abs(dx), Math.abs(dy))
        const x = cx + dx
        const y = cy + dy
        if (x >= 0 && x < size && y >= 0 && y < size) set(x, y, d !== 2 && d !== 4)
      }
    }
  }
  if (ver > 1) {
    const count = Math.floor(ver / 7) + 2
    const step = ver === 32 ? 26 : Math.ceil((ver * 4 + 4) / (count * 2 - 2)) * 2
    const at = [6]
    for (let p = size - 7; at.length < count; p -= step) at.splice(1, 0, p)
    at.forEach((ax, i) =>
      at.forEach((ay, j) => {
        if ((i === 0 && j === 0) || (i === 0 && j === count - 1) || (i === count - 1 && j === 0)) return
        for (let dy = -2; dy <= 2; dy++) for (let dx = -2; dx <= 2; dx++) set(ax + dx, ay + dy, Math.max(Math.abs(dx), Math.abs(dy)) !== 1)
      }),
    )
  }
  const drawFormat = (mask: number) => {
    // Level M is 00 in the format bits.
    let rem = mask
    for (let i = 0; i < 10; i++) rem = (rem << 1) ^ ((rem >>> 9) * 0x537)
    const bits = ((mask << 10) | rem) ^ 0x5412
    const bit = (i: number) => ((bits >>> i) & 1) === 1
    for (let i = 0; i <= 5; i++) set(8, i, bit(i))
    set(8, 7, bit(6))
    set(8, 8, bit(7))
    set(7, 8, bit(8))
    for (let i = 9; i < 15; i++) set(14 - i, 8, bit(i))
    for (let i = 0; i < 8; i++) set(size - 1 - i, 8, bit(i))
    for (let i = 8; i < 15; i++) set(8, size - 15 + i, bit(i))
    set(8, size - 8, true)
  }
  drawFormat(0) // reserves the format areas before the data is placed
  if (ver >= 7) {
    let rem = ver
    for (let i = 0; i < 12; i++) rem = (rem << 1) ^ ((rem >>> 11) * 0x1f25)
    const bits = (ver << 12) | rem
    for (let i = 0; i < 18; i++) {
      const on = ((bits >>> i) & 1) === 1
      const a = size - 11 + (i % 3)
      const b = Math.floor(i / 3)
      set(a, b, on)
      set(b, a, on)
    }
  }

  const data = codewords(bytes, ver)
  let i = 0
  for (let right = size - 1; right >= 1; right -= 2) {
    if (right === 6) right = 5
    for (let vert = 0; vert < size; vert++) {
      for (let j = 0; j < 2; j++) {
        const x = right - j
        const y = ((right + 1) & 2) === 0 ? size - 1 - vert : vert
        if (!fixed[y][x] && i < data.length * 8) {
          dark[y][x] = ((data[i >>> 3] >>> (7 - (i & 7))) & 1) === 1
          i++
        }
      }
    }
  }

  const applyMask = (mask: number) => {
    for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) if (!fixed[y][x] && MASKS[mask](x, y)) dark[y][x] = !dark[y][x]
  }
  let best = 0
  let bestScore = Infinity
  for (let mask = 0; mask < 8; mask++) {
    applyMask(mask)
    drawFormat(mask)
    const score = penalty(dark)
    if (score < bestScore) {
      best = mask
      bestScore = score
    }
    applyMask(mask) // undo
  }
  applyMask(best)
  drawFormat(best)
  return dark
}
