import { offsetMinutes } from '../../core/time/zone.ts';

/**
 * The columns a spreadsheet of contacts may carry, shared by the .xlsx import and the web grid's paste: the
 * headers a district's own sheets use (Chinese or English) and the words they write in enum cells. No I/O,
 * so that the browser reads a pasted header row exactly as the server reads a workbook.
 */
export const importFields = [
  'name',
  'documentType',
  'documentNumber',
  'sex',
  'birthDate',
  'phone',
  'currentAddress',
  'divisionCode',
  'workplace',
  'classification',
  'kind',
  'setting',
  'firstExposureAt',
  'lastExposureAt',
  'proximity',
  'durationMinutes',
  'place',
  'vehicle',
  'seat',
] as const;
export type ImportField = (typeof importFields)[number];

/** Fields without which no row can become a contact; the import refuses a mapping that lacks one. */
export const requiredImportFields = ['name', 'kind', 'firstExposureAt', 'lastExposureAt'] as const;

const headerAliases: Record<ImportField, readonly string[]> = {
  name: ['姓名', '名字', 'name', 'fullname'],
  documentType: ['证件类型', 'documenttype', 'idtype'],
  documentNumber: ['证件号码', '身份证号', '身份证号码', '证件号', 'documentnumber', 'idnumber', 'id'],
  sex: ['性别', 'sex', 'gender'],
  birthDate: ['出生日期', '生日', 'birthdate', 'dateofbirth', 'birthday'],
  phone: ['联系电话', '电话', '手机', '手机号', '手机号码', 'phone', 'mobile', 'tel'],
  currentAddress: ['现住址', '住址', '地址', '居住地址', 'currentaddress', 'address'],
  divisionCode: ['区划代码', '行政区划', '行政区划代码', '村居代码', 'divisioncode', 'division'],
  workplace: ['工作单位', '单位', 'workplace', 'employer'],
  classification: ['类别', '接触者类别', '密接类别', 'classification', 'category'],
  kind: ['接触类型', '暴露类型', '接触方式', 'kind', 'exposurekind', 'contactkind'],
  setting: ['接触场景', '场景', 'setting'],
  firstExposureAt: [
    '首次暴露时间',
    '首次接触时间',
    '首次接触',
    'firstexposureat',
    'firstexposure',
    'firstcontact',
  ],
  lastExposureAt: [
    '末次暴露时间',
    '末次接触时间',
    '最后接触时间',
    '末次接触',
    'lastexposureat',
    'lastexposure',
    'lastcontact',
  ],
  proximity: ['接触距离', '距离', 'proximity', 'distance'],
  durationMinutes: [
    '接触时长',
    '接触时长（分钟）',
    '时长（分钟）',
    '时长',
    'durationminutes',
    'duration',
    'minutes',
  ],
  place: ['接触地点', '地点', '场所', 'place', 'location'],
  vehicle: ['交通工具', '车次航班', '车次', 'vehicle', 'flight', 'train'],
  seat: ['座位号', '座位', 'seat'],
};

const normaliseHeader = (header: string) =>
  header
    .toLowerCase()
    .replace(/[\s_\-:：*（）()]/g, '')
    .replace(/分钟$/, '');

const aliasIndex = new Map<string, ImportField>(
  importFields.flatMap((field) =>
    headerAliases[field].map((alias) => [normaliseHeader(alias), field] as const),
  ),
);

/** The field a header names, if it names one (`末次暴露时间`, `Last exposure`, `last_exposure_at`). */
export function fieldOfHeader(header: string): ImportField | undefined {
  return aliasIndex.get(normaliseHeader(header));
}

/** Guesses field → header from a header row; a field takes the first header that names it. */
export function guessMapping(headers: readonly string[]): Partial<Record<ImportField, string>> {
  const mapping: Partial<Record<ImportField, string>> = {};
  for (const header of headers) {
    const field = fieldOfHeader(header);
    if (field !== undefined && mapping[field] === undefined) {
      mapping[field] = header;
    }
  }
  return mapping;
}

/** The words a sheet writes for each enum value (the code itself is always accepted too). */
const enumWords: Partial<Record<ImportField, Record<string, readonly string[]>>> = {
  documentType: {
    resident_id: ['居民身份证', '身份证'],
    passport: ['护照'],
    hk_macao_permit: ['港澳居民来往内地通行证', '港澳通行证'],
    taiwan_permit: ['台湾居民来往大陆通行证', '台胞证'],
    residence_permit: ['居住证', '港澳台居民居住证'],
    foreign_permanent_id: ['外国人永久居留身份证', '永久居留证'],
    other: ['其他'],
  },
  sex: { male: ['男', 'm'], female: ['女', 'f'], unknown: ['未知', '不详'] },
  classification: {
    close: ['密接', '密切接触者', '密切接触'],
    general: ['一般接触', '一般接触者'],
  },
  kind: {
    household: ['同住', '共同居住', '家庭', '共同生活'],
    care: ['护理', '照护', '陪护', '诊疗护理'],
    aerosol_procedure: ['气溶胶操作', '产生气溶胶的操作'],
    same_space: ['同一空间', '同一房间', '同办公室', '共同工作', '共同学习'],
    shared_meal_or_entertainment: ['共餐', '聚餐', '娱乐', '共同就餐'],
    visitor: ['探视', '来访', '探访'],
    same_vehicle: ['同乘', '同一交通工具', '同车', '同机'],
    contaminated_environment: ['污染环境', '环境暴露'],
    other_judged: ['其他', '现场判定', '其他经评估'],
  },
  proximity: {
    within_1m: ['1米内', '1米以内', '<1m', '1m'],
    within_2m: ['2米内', '2米以内', '<2m', '2m'],
    same_room: ['同一房间', '同屋', '同室'],
    same_vehicle: ['同一交通工具', '同车'],
    unknown: ['不详', '未知'],
  },
};

const normaliseWord = (word: string) => word.toLowerCase().replace(/[\s_\-（）()]/g, '');

/** The enum code a cell means (`同住` → household, `Female` → female), or the text unchanged. */
export function enumCode(field: ImportField, text: string): string {
  const words = enumWords[field];
  if (!words) {
    return text;
  }
  const wanted = normaliseWord(text);
  for (const [code, aliases] of Object.entries(words)) {
    if (normaliseWord(code) === wanted || aliases.some((alias) => normaliseWord(alias) === wanted)) {
      return code;
    }
  }
  return text;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A wall-clock time in the deployment zone as an ISO instant: sheets write `2020-01-24 18:30` or
 * `2020/1/24 18:30` and mean local time. Text that already carries an offset passes unchanged; anything
 * else is returned as it is for the schema to refuse with its message.
 */
export function localTimeToInstant(text: string, timeZone: string): string {
  const trimmed = text.trim();
  if (/[zZ]$|[+-]\d{2}:?\d{2}$/.test(trimmed) && trimmed.includes('T')) {
    return trimmed;
  }
  const match =
    /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]+(\d{1,2})[:：时](\d{1,2})(?:[:：分](\d{1,2}))?)?$/.exec(
      trimmed,
    );
  if (!match) {
    return trimmed;
  }
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = match;
  return wallTimeToInstant(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s), timeZone);
}

/** The instant at which the clocks of `timeZone` show this wall time (ISO UTC). */
export function wallTimeToInstant(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  timeZone: string,
): string {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  const probe = new Date(asUtc);
  // A calendar date that does not exist (02-30) must not roll over into the next month.
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day || hour > 23 || minute > 59) {
    return `${year}-${pad(month)}-${pad(day)} ${pad(hour)}:${pad(minute)}`;
  }
  const guess = asUtc - offsetMinutes(probe, timeZone) * 60_000;
  const settled = asUtc - offsetMinutes(new Date(guess), timeZone) * 60_000;
  return new Date(settled).toISOString();
}

/** `2020/1/5`, `2020年1月5日` or `20200105` as `2020-01-05`; other text unchanged. */
export function normaliseDate(text: string): string {
  const trimmed = text.trim();
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(trimmed);
  if (compact) {
    return `${compact[1]}-${compact[2]}-${compact[3]}`;
  }
  const match = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(trimmed);
  if (!match) {
    return trimmed;
  }
  return `${match[1]}-${pad(Number(match[2]))}-${pad(Number(match[3]))}`;
}

/** One spreadsheet cell's text as the value a bulk row's field takes. */
export function fieldValue(field: ImportField, text: string, timeZone: string): string | number {
  const trimmed = text.trim();
  switch (field) {
    case 'firstExposureAt':
    case 'lastExposureAt':
      return localTimeToInstant(trimmed, timeZone);
    case 'birthDate':
      return normaliseDate(trimmed);
    case 'durationMinutes': {
      const minutes = Number(trimmed.replace(/分钟?$|min(utes)?$/i, '').trim());
      return Number.isFinite(minutes) && trimmed !== '' ? minutes : trimmed;
    }
    case 'documentNumber':
      return trimmed.replace(/\s+/g, '').toUpperCase();
    default:
      return enumCode(field, trimmed);
  }
}

/** A row of cell texts under a mapping as a bulk row: empty cells are left out, not sent as ''. */
export function rowOf(
  cells: Partial<Record<ImportField, string>>,
  timeZone: string,
): Record<string, string | number> {
  const row: Record<string, string | number> = {};
  for (const field of importFields) {
    const text = cells[field];
    if (text !== undefined && text.trim() !== '') {
      row[field] = fieldValue(field, text, timeZone);
    }
  }
  if (row.documentNumber !== undefined && row.documentType === undefined) {
    // Sheets rarely carry a document-type column; an 18- or 15-character number is a resident ID.
    row.documentType = /^(\d{17}[\dX]|\d{15})$/.test(String(row.documentNumber)) ? 'resident_id' : 'other';
  }
  return row;
}
