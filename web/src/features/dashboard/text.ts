import { useI18n } from '../../i18n/I18nProvider.tsx';

/** The dashboard's and the chains view's own words, in both languages. */
const text = {
  title: { 'zh-CN': '疫情指挥看板', en: 'Command dashboard' },
  date: { 'zh-CN': '日期', en: 'Date' },
  newToday: { 'zh-CN': '今日新增', en: 'New today' },
  newYesterday: { 'zh-CN': '昨日新增', en: 'New yesterday' },
  streak: { 'zh-CN': '零新增天数', en: 'Days without a new confirmed case' },
  streakNone: { 'zh-CN': '无确诊', en: 'none confirmed' },
  days: { 'zh-CN': '天', en: 'days' },
  observation: { 'zh-CN': '在观察人数', en: 'Under observation' },
  releasesDue: { 'zh-CN': '今日应解除', en: 'Releases due today' },
  releasesOverdue: { 'zh-CN': '逾期未解除', en: 'Releases overdue' },
  testsDue: { 'zh-CN': '今日应检测', en: 'Tests due today' },
  testsDone: { 'zh-CN': '今日已检测', en: 'Tests done today' },
  testsOverdue: { 'zh-CN': '逾期未检测', en: 'Tests overdue' },
  positive: { 'zh-CN': '累计阳性', en: 'Positive results' },
  testsNote: {
    'zh-CN': '采样检测数来自密接检测计划；样本与实验室结果模块上线后改由样本记录统计。',
    en: 'Test counts come from the contacts’ planned tests until specimens and lab results are recorded.',
  },
  overdueInvestigations: { 'zh-CN': '超时流调', en: 'Overdue investigations' },
  overdueTasks: { 'zh-CN': '超时任务', en: 'Overdue tasks' },
  contactsPerCase: { 'zh-CN': '每例密接（均数/中位数）', en: 'Contacts per case (mean / median)' },
  becameCases: { 'zh-CN': '密接转为病例', en: 'Contacts who became cases' },
  epiCurve: { 'zh-CN': '流行曲线', en: 'Epidemic curve' },
  byOnset: { 'zh-CN': '按发病日期', en: 'By onset' },
  byReport: { 'zh-CN': '按报告日期', en: 'By report date' },
  bySite: { 'zh-CN': '按隔离点与方式', en: 'By site and regime' },
  home: { 'zh-CN': '居家', en: 'Home' },
  chains: { 'zh-CN': '传播链', en: 'Transmission chains' },
  colourBy: { 'zh-CN': '着色', en: 'Colour by' },
  byClassification: { 'zh-CN': '按分类', en: 'Classification' },
  byCluster: { 'zh-CN': '按聚集', en: 'Cluster' },
  cluster: { 'zh-CN': '聚集', en: 'Cluster' },
  allClusters: { 'zh-CN': '全部聚集', en: 'All clusters' },
  exportPng: { 'zh-CN': '导出 PNG', en: 'Export PNG' },
  nodes: { 'zh-CN': '节点', en: 'nodes' },
  edges: { 'zh-CN': '连线', en: 'edges' },
  serialInterval: { 'zh-CN': '代间距', en: 'Serial interval' },
  checks: { 'zh-CN': '核查提示', en: 'Checks' },
  onsetBeforeSource: { 'zh-CN': '续发病例早于传染源发病', en: 'Secondary case onset before its source' },
  longGaps: { 'zh-CN': '发病间隔过长', en: 'Long gaps between onsets' },
  tree: { 'zh-CN': '聚集传播树', en: 'Cluster tree' },
  openRecord: { 'zh-CN': '打开病例', en: 'Open the case' },
  generation: { 'zh-CN': '代', en: 'Generation' },
  onset: { 'zh-CN': '发病日期', en: 'Onset' },
  status: { 'zh-CN': '状态', en: 'Status' },
  classification: { 'zh-CN': '分类', en: 'Classification' },
  name: { 'zh-CN': '名称', en: 'Name' },
  save: { 'zh-CN': '保存', en: 'Save' },
} satisfies Record<string, Record<'zh-CN' | 'en', string>>;

export type TextKey = keyof typeof text;

export function useText(): (key: TextKey) => string {
  const { language } = useI18n();
  return (key) => text[key][language];
}

export const classificationColours: Record<string, string> = {
  confirmed: '#cf1322',
  asymptomatic: '#fa8c16',
  suspected: '#fadb14',
  excluded: '#8c8c8c',
  close: '#1677ff',
  secondary: '#69b1ff',
  general: '#bfbfbf',
};

export const classificationNames: Record<string, Record<'zh-CN' | 'en', string>> = {
  confirmed: { 'zh-CN': '确诊', en: 'Confirmed' },
  asymptomatic: { 'zh-CN': '无症状', en: 'Asymptomatic' },
  suspected: { 'zh-CN': '疑似', en: 'Suspected' },
  excluded: { 'zh-CN': '排除', en: 'Excluded' },
  close: { 'zh-CN': '密接', en: 'Close contact' },
  secondary: { 'zh-CN': '次密接', en: 'Secondary contact' },
  general: { 'zh-CN': '一般接触', en: 'General contact' },
};
