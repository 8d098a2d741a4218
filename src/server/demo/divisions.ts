/**
 * The demo's administrative divisions: 山西省 › 吕梁市 › 离石区 with its streets and towns, and the villages
 * the seed page names. Province, city and district codes are GB/T 2260; the street, town and village codes
 * below the district are the demo's own 12-digit statistical-style codes.
 */
export const demoDivisions: ReadonlyArray<readonly [code: string, name: string]> = [
  ['140000', '山西省'],
  ['141100', '吕梁市'],
  ['141102', '离石区'],
  ['141102001000', '莲花池街道'],
  ['141102002000', '城北街道'],
  ['141102003000', '凤山街道'],
  ['141102004000', '滨河街道'],
  ['141102005000', '西属巴街道'],
  ['141102006000', '田家会街道'],
  ['141102100000', '信义镇'],
  ['141102101000', '吴城镇'],
  ['141102102000', '红眼川镇'],
  ['141102103000', '枣林乡'],
  ['141102104000', '坪头乡'],
  ['141102006001', '韩家坡村'],
  ['141102006002', '龙马坡村'],
  ['141102006003', '安家山村'],
  ['141102006004', '马家沟村'],
  ['141102006005', '李家山村'],
  ['141102006006', '界峁村'],
  ['141102101001', '吴城村'],
  ['141102101002', '王家池村'],
  ['141102001001', '龙凤社区'],
  ['141102002001', '北川社区'],
];

export const DEMO_DISTRICT = '141102';
