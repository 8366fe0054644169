// Texts of /kriteria around the program profiles (issue 19): who is eligible under DTSEN, and the
// labels of each program's facts. What a program is, gives and pays is the office's data, never
// written here.

export const kriteriaId = {
  'kriteria.intro':
    'Setiap program di bawah ini ditulis oleh Dinas Sosial: apa yang diberikan, seberapa sering, batas desil, cara penyaluran dan besarannya.',
  'kriteria.who.title': 'Siapa yang berhak?',
  'kriteria.who.dtsen':
    'Sejak 2025 penerima bantuan diambil dari Data Tunggal Sosial dan Ekonomi Nasional (DTSEN). Badan Pusat Statistik (BPS) mengurutkan setiap keluarga ke dalam desil 1 sampai 10: desil 1 adalah sepersepuluh keluarga dengan keadaan ekonomi terendah, desil 10 yang tertinggi.',
  'kriteria.who.ceiling':
    'Setiap program menerima keluarga sampai batas desilnya: program dengan batas desil 1–4 hanya untuk keluarga desil 1, 2, 3 dan 4. Kuota penerima terbatas, jadi tidak semua keluarga dalam batas itu menerima pada periode yang sama.',
  'kriteria.who.propose':
    'Keluarga yang belum masuk DTSEN, atau yang desilnya tidak sesuai keadaan, dapat diusulkan: lewat ketua RT/RW atau kantor kelurahan/desa → musyawarah kelurahan/desa → verifikasi lapangan → pemeriksaan Dinas Sosial dengan data Dukcapil → Kementerian Sosial dan BPS.',
  'kriteria.who.proposeLink': 'Ajukan usulan',
  'kriteria.who.dukcapil':
    'NIK, nama, tanggal lahir dan alamat harus sama dengan data Dukcapil. Data yang tidak sama adalah alasan paling sering bantuan ditangguhkan.',
  'kriteria.national': 'Program nasional',
  'kriteria.regional': 'Program {region}',
  'kriteria.none': 'Belum ada program yang dicatat.',
  'kriteria.benefit': 'Bentuk bantuan',
  'kriteria.period': 'Seberapa sering',
  'kriteria.ceiling': 'Batas desil',
  'kriteria.ceilingRange': 'Desil 1–{ceiling}',
  'kriteria.noCeiling': 'Tidak memakai batas desil',
  'kriteria.channel': 'Disalurkan lewat',
  'kriteria.excludes': 'Tidak dapat diterima bersamaan dengan',
  'kriteria.active': 'Masa berlaku',
  'kriteria.activeFrom': 'Sejak {from}',
  'kriteria.activeTo': 'Sampai {to}',
  'kriteria.activeBetween': '{from} sampai {to}',
  'kriteria.ended': 'Program ini sudah berakhir pada {to}.',
  'kriteria.notYet': 'Program ini mulai berlaku pada {from}.',
  'kriteria.amounts': 'Besaran bantuan {name}',
  'kriteria.amountLabel': 'Uraian',
  'kriteria.amount.month': 'Per bulan',
  'kriteria.amount.quarter': 'Per tiga bulan',
  'kriteria.amount.stage': 'Per tahap',
  'kriteria.amount.year': 'Per tahun',
  'kriteria.amount.once': 'Sekali',
} as const;

export const kriteriaEn: { [K in keyof typeof kriteriaId]: string } = {
  'kriteria.intro':
    'Each program below is written by the Social Affairs Office: what it gives, how often, its desil limit, how it is paid and how much.',
  'kriteria.who.title': 'Who is eligible?',
  'kriteria.who.dtsen':
    'Since 2025 recipients come from the national single social and economic register (DTSEN). Statistics Indonesia (BPS) ranks every household into desil 1 to 10: desil 1 is the tenth of households with the lowest economic conditions, desil 10 the highest.',
  'kriteria.who.ceiling':
    'Each program takes households up to its desil limit: a program with the limit desil 1–4 is only for households in desil 1, 2, 3 and 4. Places are limited, so not every household within the limit receives in the same period.',
  'kriteria.who.propose':
    'A household not yet in DTSEN, or whose desil does not match its situation, can be proposed: through the RT/RW head or the kelurahan/village office → village deliberation → field verification → check by the Social Affairs Office against the civil registry (Dukcapil) → Ministry of Social Affairs and BPS.',
  'kriteria.who.proposeLink': 'Make a proposal',
  'kriteria.who.dukcapil':
    'NIK, name, birth date and address must match the civil registry. Mismatched data is the most common reason for a suspension.',
  'kriteria.national': 'National programs',
  'kriteria.regional': 'Programs of {region}',
  'kriteria.none': 'No program has been recorded yet.',
  'kriteria.benefit': 'What it gives',
  'kriteria.period': 'How often',
  'kriteria.ceiling': 'Desil limit',
  'kriteria.ceilingRange': 'Desil 1–{ceiling}',
  'kriteria.noCeiling': 'Does not use a desil limit',
  'kriteria.channel': 'Paid through',
  'kriteria.excludes': 'Cannot be received together with',
  'kriteria.active': 'In force',
  'kriteria.activeFrom': 'From {from}',
  'kriteria.activeTo': 'Until {to}',
  'kriteria.activeBetween': '{from} to {to}',
  'kriteria.ended': 'This program ended on {to}.',
  'kriteria.notYet': 'This program starts on {from}.',
  'kriteria.amounts': 'Amounts of {name}',
  'kriteria.amountLabel': 'Item',
  'kriteria.amount.month': 'Per month',
  'kriteria.amount.quarter': 'Per three months',
  'kriteria.amount.stage': 'Per stage',
  'kriteria.amount.year': 'Per year',
  'kriteria.amount.once': 'Once',
};
