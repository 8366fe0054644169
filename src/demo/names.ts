// Synthetic Javanese, Madurese and Indonesian names, by generation: people born before the
// 1960s mostly carry one Javanese word, their grandchildren two or three modern words.
import type { Random } from './random.ts';

type Sex = 'L' | 'P';

/** Where the family lives shapes the names a little: Semampir (Surabaya) is largely Madurese. */
export type NameFlavour = 'jawa' | 'madura';

// biome-ignore format: a packed word list reads better than one name per line
const OLD: Record<Sex, readonly string[]> = {
  L: [
    'SUKIRMAN', 'SUPARDI', 'SLAMET', 'PAIMAN', 'SUTRISNO', 'KASIMAN', 'SUMARNO', 'TUKIMAN', 'SAMSUL',
    'SUWARNO', 'MARDI', 'SUGIONO', 'PONIRAN', 'KARMIN', 'SUPRIADI', 'WAGIMAN', 'SUDARSO', 'JUMAIN', 'SAMIDI',
    'TARMUJI', 'RASIMAN', 'SUYITNO', 'PARDI', 'KASMUNI', 'SUKARJI', 'SAKIP', 'MUSTAJAB',
  ],
  P: [
    'SUPARMI', 'PAINEM', 'TUMINAH', 'SUKINAH', 'WAGINAH', 'SUMIATI', 'KASIYEM', 'SARMI', 'JUMINAH',
    'SITI AMINAH', 'TUKINEM', 'SUWARTI', 'PONIYEM', 'MUNTINAH', 'KARSIH', 'SRI MULYANI', 'SUTINAH',
    'RUKMINI', 'SAMIRAH', 'SUPINAH', 'MARSINI', 'KATEMI', 'SITI ROMLAH', 'SULASTRI', 'SUMINAH',
  ],
};

// biome-ignore format: a packed word list reads better than one name per line
const MIDDLE_FIRST: Record<Sex, readonly string[]> = {
  L: [
    'AGUS', 'BAMBANG', 'BUDI', 'EKO', 'HADI', 'HERU', 'JOKO', 'SUGENG', 'WAHYU', 'YULI', 'DWI', 'ARIS',
    'MOCHAMAD', 'MUHAMMAD', 'AHMAD', 'ABDUL', 'IMAM', 'SLAMET', 'SUPRIYANTO', 'DIDIK', 'HARI', 'ANDIK',
    'NUR', 'SAIFUL', 'TEGUH', 'ROHMAD', 'SUGIANTO', 'PUJI', 'ARIF', 'SUHARTONO', 'MULYADI', 'ENDANG',
  ],
  P: [
    'SITI', 'SRI', 'ENDAH', 'DWI', 'YULI', 'NUR', 'RINI', 'TITIK', 'WIWIK', 'ANIK', 'LILIK', 'ERNA',
    'SUSANTI', 'KARTIKA', 'DEWI', 'IDA', 'UMI', 'EVI', 'NINIK', 'HARTATIK', 'MUJIATI', 'ROHMAH', 'ENI',
    'TRI', 'LUSI', 'YAYUK', 'SULIS', 'WATI', 'NANIK', 'ATIK',
  ],
};

// biome-ignore format: a packed word list reads better than one name per line
const MIDDLE_SECOND: Record<Sex, readonly string[]> = {
  L: [
    'SANTOSO', 'SETIAWAN', 'PRASETYO', 'WIBOWO', 'HARIYANTO', 'SUSANTO', 'PURNOMO', 'HIDAYAT', 'RIYADI',
    'KURNIAWAN', 'SUPRAPTO', 'WAHYUDI', 'SISWANTO', 'NUGROHO', 'HARTONO', 'IRAWAN', 'SUGIARTO', 'ROHMAN',
    'SYAIFUDIN', 'ARIFIN', 'MAKSUM', 'SUBEKTI', 'WIDODO', 'PRAYITNO', 'HERMANTO', 'FAUZI',
  ],
  P: [
    'WAHYUNINGSIH', 'LESTARI', 'RAHAYU', 'HANDAYANI', 'ASTUTIK', 'WULANDARI', 'PURWANTI', 'SUSILOWATI',
    'NINGSIH', 'MARTINI', 'SUPRAPTI', 'INDRAWATI', 'KHOIRIYAH', 'MUSLIKAH', 'ROHMAWATI', 'SULISTYOWATI',
    'YULIANI', 'FATIMAH', 'SETYOWATI', 'ANDAYANI', 'KUSUMAWATI', 'NURHAYATI', 'HARIYATI', 'MUAWANAH',
  ],
};

// biome-ignore format: a packed word list reads better than one name per line
const YOUNG_FIRST: Record<Sex, readonly string[]> = {
  L: [
    'MUHAMMAD', 'MOCHAMAD', 'AHMAD', 'RIZKI', 'DIMAS', 'BAGUS', 'ADITYA', 'ANDRE', 'FAJAR', 'RANGGA',
    'DANIEL', 'FARHAN', 'RAFI', 'ILHAM', 'YOGA', 'BIMA', 'ALIF', 'NAUFAL', 'DAFFA', 'KEVIN', 'REZA',
    'HENDRA', 'GILANG', 'ARYA', 'SATRIA', 'ZIDAN', 'AKBAR', 'FIKRI',
  ],
  P: [
    'AULIA', 'DEWI', 'PUTRI', 'NABILA', 'SALSABILA', 'AYU', 'INTAN', 'ANISA', 'DINDA', 'FITRI', 'NADIA',
    'RATNA', 'ZAHRA', 'AZZAHRA', 'KEISHA', 'NAYLA', 'CITRA', 'DIAH', 'REGITA', 'SHINTA', 'ELOK', 'NUR',
    'SITI', 'VINA', 'LAILA', 'TIARA', 'AMELIA',
  ],
};

// biome-ignore format: a packed word list reads better than one name per line
const YOUNG_REST: Record<Sex, readonly string[]> = {
  L: [
    'PRATAMA', 'SAPUTRA', 'RAMADHAN', 'FIRMANSYAH', 'MAULANA', 'HIDAYATULLAH', 'NUGRAHA', 'ALFARIZI',
    'SYAHPUTRA', 'ADITYA', 'WIJAYA', 'SETIAWAN', 'KURNIAWAN', 'FIRDAUS', 'RIZKY', 'ARDIANSYAH', 'HAKIM',
    'PRASETYA', 'ALFATIH', 'ALFIAN', 'PUTRA', 'SANJAYA', 'ARDIANTO',
  ],
  P: [
    'PUTRI', 'RAHMADANI', 'KUSUMA', 'LESTARI', 'NURAINI', 'SAFITRI', 'ANGGRAINI', 'AMALIA', 'OKTAVIANI',
    'PERMATASARI', 'MAHARANI', 'RAMADHANI', 'NOVITASARI', 'FEBRIANTI', 'CAHYANI', 'HIDAYAH', 'ZAHROTUN',
    'KHOIRUNNISA', 'AGUSTINA', 'PRATIWI', 'WULANDARI', 'NINGTYAS', 'SALSABILA',
  ],
};

// biome-ignore format: a packed word list reads better than one name per line
/** Madurese and santri names common in Semampir, Ampel and Pegirian. */
const MADURA: Record<Sex, readonly string[]> = {
  L: [
    'MATRAWI', 'HOLIL', 'MOH. HASAN', 'ABDUL ROCHIM', 'SAMSUL ARIFIN', 'MUHAMMAD SHOLEH', 'SUNARTO',
    'MARZUKI', 'ACHMAD FAUZI', 'MOH. TOYYIB', 'SUHAIMI', 'NUR HOLIS', 'ABDUL GHOFUR', 'MOH. SUBAIRI',
    'FATHORRAHMAN', 'SAHRONI', 'ALI MUSTOFA', 'HASAN BASRI', 'MUSLIMIN', 'JUNAIDI', 'BADRUS SOLEH',
  ],
  P: [
    'SITI KHOLIFAH', 'MASRUROH', 'FATIMAH', 'SITI MAIMUNAH', 'HOLIFAH', 'SITI ZAINAB', 'MUSLIHAH',
    'NUR HASANAH', 'SITI HALIMAH', 'MARYAM', 'SUMIYATI', 'ZAITUN', 'SITI FATIMAH', 'KHODIJAH',
    'NURUL HIDAYAH', 'SAMSIYAH', 'HAMIDAH', 'SUNIAMAH', 'RUKAYAH', 'SITI ROBIAH',
  ],
};

/** A one-to-three word name in upper case, fitting the person's sex, birth year and region. */
export function personName(rng: Random, sex: Sex, birthYear: number, flavour: NameFlavour): string {
  if (flavour === 'madura' && birthYear < 1995 && rng.chance(0.5)) return rng.pick(MADURA[sex]);
  if (birthYear < 1960) {
    return rng.chance(0.8) ? rng.pick(OLD[sex]) : join(rng.pick(MIDDLE_FIRST[sex]), rng.pick(OLD[sex]));
  }
  if (birthYear < 1990) {
    const first = rng.pick(MIDDLE_FIRST[sex]);
    const roll = rng.float();
    if (roll < 0.25) return rng.pick(OLD[sex]);
    if (roll < 0.85) return join(first, rng.pick(MIDDLE_SECOND[sex]));
    return join(first, rng.pick(YOUNG_FIRST[sex]), rng.pick(MIDDLE_SECOND[sex]));
  }
  const first = rng.pick(YOUNG_FIRST[sex]);
  return rng.chance(0.5)
    ? join(first, rng.pick(YOUNG_REST[sex]))
    : join(first, rng.pick(YOUNG_FIRST[sex]), rng.pick(YOUNG_REST[sex]));
}

/** Joins words, dropping a repeated one ('NUR NUR') so no name stutters. */
function join(...words: string[]): string {
  const kept: string[] = [];
  for (const word of words.flatMap((w) => w.split(' '))) if (!kept.includes(word)) kept.push(word);
  return kept.join(' ');
}
