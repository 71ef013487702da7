// Writes the library's starter material into content/library/: real PDFs (pdfkit, standard
// fonts, so their text is searchable) and PNG images, each in Bahasa Indonesia and English.
// Run `npx tsx scripts/make-library-content.ts` after editing the texts below; commit the output.
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import PDFDocument from 'pdfkit'

const OUT = path.resolve('content/library')
const TEAL = '#0f766e'

function pdf(file: string, title: string, draw: (doc: PDFKit.PDFDocument) => void, layout: 'portrait' | 'landscape' = 'portrait') {
  const doc = new PDFDocument({ size: 'A4', layout, margin: 56, compress: true, info: { Title: title, Author: 'PT Nusantara Teknologi', Producer: 'Mitra' } })
  const chunks: Buffer[] = []
  doc.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise<void>((resolve) => doc.on('end', () => {
    fs.writeFileSync(path.join(OUT, file), Buffer.concat(chunks))
    resolve()
  }))
  draw(doc)
  doc.end()
  return done
}

function header(doc: PDFKit.PDFDocument, title: string, subtitle: string) {
  doc.rect(0, 0, doc.page.width, 90).fill(TEAL)
  doc.fillColor('#ffffff').font('Helvetica-Bold').fontSize(22).text(title, 56, 28, { width: doc.page.width - 112 })
  doc.font('Helvetica').fontSize(11).text(subtitle, 56, 60)
  doc.fillColor('#111827').moveDown(3)
  doc.y = 120
}

function section(doc: PDFKit.PDFDocument, heading: string, body: string | string[]) {
  doc.font('Helvetica-Bold').fontSize(14).fillColor(TEAL).text(heading).moveDown(0.3)
  doc.font('Helvetica').fontSize(11).fillColor('#111827')
  for (const p of Array.isArray(body) ? body : [body]) doc.text(p, { align: 'left' }).moveDown(0.4)
  doc.moveDown(0.5)
}

function priceTable(doc: PDFKit.PDFDocument, headers: string[], rows: string[][]) {
  const x0 = 56
  const widths = [200, 150, 130]
  let y = doc.y
  doc.font('Helvetica-Bold').fontSize(10)
  headers.forEach((h, i) => doc.text(h, x0 + widths.slice(0, i).reduce((a, b) => a + b, 0), y, { width: widths[i] }))
  y += 20
  doc.font('Helvetica').fontSize(10)
  for (const r of rows) {
    doc.moveTo(x0, y - 4).lineTo(x0 + 480, y - 4).strokeColor('#d1d5db').stroke()
    r.forEach((c, i) => doc.text(c, x0 + widths.slice(0, i).reduce((a, b) => a + b, 0), y, { width: widths[i] }))
    y += 20
  }
  doc.y = y + 10
  doc.x = x0
}

type Lang = 'id' | 'en'
const T = {
  brochure: {
    id: { title: 'Brosur Produk: Nusantara SecureEdge', sub: 'Keamanan jaringan terkelola untuk kantor cabang', sections: [
      ['Ringkasan', 'SecureEdge adalah perangkat firewall dan SD-WAN terkelola untuk perusahaan dengan banyak kantor cabang. Satu konsol untuk seluruh lokasi, pembaruan otomatis, dan dukungan 24/7 dalam Bahasa Indonesia.'],
      ['Manfaat utama', ['Pemasangan di cabang dalam satu hari, tanpa teknisi di lokasi.', 'Koneksi cadangan 4G otomatis saat jalur utama terputus.', 'Laporan kepatuhan untuk regulasi OJK dan UU PDP.']],
      ['Spesifikasi', ['Throughput firewall hingga 5 Gbps', 'VPN site-to-site tanpa batas', 'Garansi perangkat 3 tahun']],
      ['Cocok untuk', 'Perbankan, ritel, logistik, dan jaringan klinik dengan 10 hingga 500 lokasi.'],
    ] },
    en: { title: 'Product Brochure: Nusantara SecureEdge', sub: 'Managed network security for branch offices', sections: [
      ['Overview', 'SecureEdge is a managed firewall and SD-WAN appliance for companies with many branch offices. One console for every site, automatic updates and 24/7 support in English and Bahasa Indonesia.'],
      ['Key benefits', ['Branch installation in one day, no engineer on site.', 'Automatic 4G failover when the main line goes down.', 'Compliance reports for OJK regulations and the PDP law.']],
      ['Specifications', ['Firewall throughput up to 5 Gbps', 'Unlimited site-to-site VPN', '3-year hardware warranty']],
      ['Built for', 'Banking, retail, logistics and clinic networks with 10 to 500 sites.'],
    ] },
  },
  priceList: {
    id: { title: 'Templat Daftar Harga Mitra', sub: 'Isi harga jual Anda; harga dalam Rupiah, belum termasuk PPN 11%', headers: ['Produk', 'Harga dasar', 'Harga jual Anda'], rows: [['SecureEdge S (10 cabang)', 'Rp 45.000.000', '....................'], ['SecureEdge M (50 cabang)', 'Rp 180.000.000', '....................'], ['SecureEdge L (200 cabang)', 'Rp 620.000.000', '....................'], ['Dukungan Premium / tahun', 'Rp 24.000.000', '....................'], ['Instalasi per cabang', 'Rp 1.500.000', '....................']], note: 'Harga berlaku untuk kuartal berjalan. Diskon proyek di atas 15% memerlukan registrasi deal yang disetujui.' },
    en: { title: 'Partner Price List Template', sub: 'Fill in your selling prices; prices in IDR, excluding 11% VAT', headers: ['Product', 'Base price', 'Your price'], rows: [['SecureEdge S (10 branches)', 'IDR 45,000,000', '....................'], ['SecureEdge M (50 branches)', 'IDR 180,000,000', '....................'], ['SecureEdge L (200 branches)', 'IDR 620,000,000', '....................'], ['Premium support / year', 'IDR 24,000,000', '....................'], ['Installation per branch', 'IDR 1,500,000', '....................']], note: 'Prices apply to the current quarter. Project discounts above 15% need an approved deal registration.' },
  },
  cobrand: {
    id: { title: 'Panduan Co-Branding', sub: 'Cara menampilkan logo Anda bersama logo Nusantara Teknologi', sections: [
      ['Penempatan logo', ['Logo mitra di kiri, logo Nusantara Teknologi di kanan, dipisahkan garis vertikal.', 'Ruang kosong di sekitar logo minimal setinggi huruf N pada logo kami.']],
      ['Warna', ['Hijau toska utama: #0F766E', 'Abu-abu gelap untuk teks: #111827', 'Jangan mengubah warna logo atau menambahkan efek bayangan.']],
      ['Kalimat yang disetujui', ['"Mitra Resmi Nusantara Teknologi"', '"Didukung oleh Nusantara SecureEdge"']],
      ['Persetujuan', 'Materi cetak dan iklan berbayar yang memakai logo kami perlu persetujuan manajer mitra sebelum diterbitkan.'],
    ] },
    en: { title: 'Co-Branding Guide', sub: 'How to show your logo next to the Nusantara Teknologi logo', sections: [
      ['Logo placement', ['Partner logo on the left, Nusantara Teknologi logo on the right, separated by a vertical rule.', 'Clear space around each logo at least the height of the N in our logo.']],
      ['Colours', ['Primary teal: #0F766E', 'Dark grey for text: #111827', 'Do not recolour the logo or add drop shadows.']],
      ['Approved wording', ['"Authorised Nusantara Teknologi Partner"', '"Powered by Nusantara SecureEdge"']],
      ['Approval', 'Printed material and paid advertising that uses our logo needs your partner manager\'s approval before it is published.'],
    ] },
  },
  pitch: {
    id: { title: 'Kerangka Presentasi Penjualan', sub: 'Sepuluh slide untuk pertemuan pertama dengan pelanggan', slides: ['Masalah pelanggan: cabang yang sulit diamankan', 'Biaya insiden keamanan di Indonesia', 'Memperkenalkan Nusantara SecureEdge', 'Cara kerja: satu konsol, semua cabang', 'Studi kasus: bank daerah dengan 120 cabang', 'Kepatuhan OJK dan UU PDP', 'Model harga dan paket dukungan', 'Rencana implementasi 30 hari', 'Mengapa bekerja sama dengan kami sebagai mitra', 'Langkah berikutnya dan kontak'] },
    en: { title: 'Pitch Deck Outline', sub: 'Ten slides for a first customer meeting', slides: ['The customer problem: branches that are hard to secure', 'What security incidents cost in Indonesia', 'Introducing Nusantara SecureEdge', 'How it works: one console, every branch', 'Case study: a regional bank with 120 branches', 'OJK and PDP law compliance', 'Pricing model and support packages', 'A 30-day rollout plan', 'Why work with us as your partner', 'Next steps and contacts'] },
  },
  margin: {
    id: { title: 'Model Margin Mitra (Internal)', sub: 'Hanya untuk staf Nusantara Teknologi', sections: [['Margin per tingkat', ['Registered: 10%', 'Silver: 18%', 'Gold: 25%', 'Platinum: 32%']], ['Catatan', 'Margin tambahan 5% untuk deal yang diregistrasi dan disetujui lebih dari 60 hari sebelum penutupan.']] },
    en: { title: 'Partner Margin Model (Internal)', sub: 'For Nusantara Teknologi staff only', sections: [['Margin per tier', ['Registered: 10%', 'Silver: 18%', 'Gold: 25%', 'Platinum: 32%']], ['Note', 'An extra 5% margin on deals registered and approved more than 60 days before close.']] },
  },
  goldPrices: {
    id: { title: 'Daftar Harga Khusus Mitra Gold', sub: 'Rahasia: hanya untuk mitra Gold dan Platinum', headers: ['Produk', 'Harga mitra Gold', 'Harga ritel'], rows: [['SecureEdge S (10 cabang)', 'Rp 33.750.000', 'Rp 45.000.000'], ['SecureEdge M (50 cabang)', 'Rp 135.000.000', 'Rp 180.000.000'], ['SecureEdge L (200 cabang)', 'Rp 465.000.000', 'Rp 620.000.000']], note: 'Harga khusus Gold berlaku sampai akhir kuartal. Sertakan kode GOLD-Q4 pada pesanan.' },
    en: { title: 'Gold Partner Special Price List', sub: 'Confidential: for Gold and Platinum partners only', headers: ['Product', 'Gold partner price', 'Retail price'], rows: [['SecureEdge S (10 branches)', 'IDR 33,750,000', 'IDR 45,000,000'], ['SecureEdge M (50 branches)', 'IDR 135,000,000', 'IDR 180,000,000'], ['SecureEdge L (200 branches)', 'IDR 465,000,000', 'IDR 620,000,000']], note: 'Gold special prices apply until the end of the quarter. Quote code GOLD-Q4 on orders.' },
  },
} as const

async function documents(lang: Lang) {
  const b = T.brochure[lang]
  await pdf(`product-brochure.${lang}.pdf`, b.title, (doc) => {
    header(doc, b.title, b.sub)
    for (const [h, body] of b.sections) section(doc, h, body as string | string[])
  })
  for (const key of ['priceList', 'goldPrices'] as const) {
    const p = T[key][lang]
    await pdf(`${key === 'priceList' ? 'price-list-template' : 'gold-price-list'}.${lang}.pdf`, p.title, (doc) => {
      header(doc, p.title, p.sub)
      priceTable(doc, [...p.headers], p.rows.map((r) => [...r]))
      doc.font('Helvetica-Oblique').fontSize(10).text(p.note)
    })
  }
  const c = T.cobrand[lang]
  await pdf(`co-branding-guide.${lang}.pdf`, c.title, (doc) => {
    header(doc, c.title, c.sub)
    for (const [h, body] of c.sections) section(doc, h, body as string | string[])
    const y = doc.y + 10
    doc.rect(56, y, 150, 60).fill('#e5e7eb')
    doc.fillColor('#111827').font('Helvetica-Bold').fontSize(12).text(lang === 'id' ? 'LOGO MITRA' : 'PARTNER LOGO', 70, y + 24)
    doc.moveTo(226, y).lineTo(226, y + 60).strokeColor('#111827').stroke()
    doc.rect(246, y, 150, 60).fill(TEAL)
    doc.fillColor('#ffffff').text('NUSANTARA', 270, y + 24)
  })
  const m = T.margin[lang]
  await pdf(`partner-margin-model.${lang}.pdf`, m.title, (doc) => {
    header(doc, m.title, m.sub)
    for (const [h, body] of m.sections) section(doc, h, body as string | string[])
  })
  const s = T.pitch[lang]
  await pdf(`pitch-deck-outline.${lang}.pdf`, s.title, (doc) => {
    header(doc, s.title, s.sub)
    s.slides.forEach((slide, i) => {
      if (i > 0 && i % 5 === 0) {
        doc.addPage()
        doc.y = 56
      }
      doc.rect(56, doc.y, doc.page.width - 112, 70).strokeColor(TEAL).stroke()
      const y = doc.y
      doc.font('Helvetica-Bold').fontSize(12).fillColor(TEAL).text(`${lang === 'id' ? 'Slide' : 'Slide'} ${i + 1}`, 70, y + 12)
      doc.font('Helvetica').fontSize(14).fillColor('#111827').text(slide, 70, y + 32, { width: doc.page.width - 140 })
      doc.y = y + 84
    })
  }, 'landscape')
}

// ---- PNG: a minimal encoder (RGB, no interlace), enough for banners and logo lockups ---------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
function crc32(buf: Buffer) {
  let c = 0xffffffff
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
function chunk(type: string, data: Buffer) {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(td))
  return Buffer.concat([len, td, crc])
}
function png(file: string, width: number, height: number, pixel: (x: number, y: number) => [number, number, number]) {
  const raw = Buffer.alloc((width * 3 + 1) * height)
  for (let y = 0; y < height; y++) {
    raw[y * (width * 3 + 1)] = 0
    for (let x = 0; x < width; x++) {
      const [r, g, b] = pixel(x, y)
      const o = y * (width * 3 + 1) + 1 + x * 3
      raw[o] = r
      raw[o + 1] = g
      raw[o + 2] = b
    }
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr[8] = 8
  ihdr[9] = 2
  fs.writeFileSync(path.join(OUT, file), Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]))
}

function images() {
  // co-branding lockup: partner area (grey), rule, vendor mark (teal with a white "N")
  const inN = (x: number, y: number, x0: number, y0: number, s: number) => {
    const u = x - x0
    const v = y - y0
    if (u < 0 || v < 0 || u >= s || v >= s) return false
    const w = s / 6
    return u < w || u >= s - w || Math.abs(u - (v * (s - w)) / s) < w / 1.2
  }
  png('co-branding-lockup.png', 640, 240, (x, y) => {
    if (x >= 318 && x < 322 && y > 40 && y < 200) return [17, 24, 39]
    if (x >= 40 && x < 280 && y >= 60 && y < 180) return [229, 231, 235]
    if (x >= 360 && x < 600 && y >= 60 && y < 180) return inN(x, y, 440, 80, 80) ? [255, 255, 255] : [15, 118, 110]
    return [255, 255, 255]
  })
  // a web banner for partner campaigns: teal gradient with a light band
  png('campaign-banner.png', 1200, 400, (x, y) => {
    const t = x / 1200
    if (y > 300 && y < 320) return [253, 230, 138]
    return [Math.round(15 + 30 * t), Math.round(118 + 60 * t), Math.round(110 + 70 * (1 - y / 400))]
  })
}

fs.mkdirSync(OUT, { recursive: true })
await documents('id')
await documents('en')
images()
console.log(`wrote ${fs.readdirSync(OUT).length} files to ${OUT}`)
