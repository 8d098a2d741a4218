import type { InvestigationForm } from '../investigations/investigation-form.ts';

/** The case form of the demo's first case, as the team filled it through the night of 2020-01-25. */
export const firstCaseForm: InvestigationForm = {
  basicInfo: {
    occupation: '商贸公司职员',
    livingWith: '与妻子、女儿同住',
    notes: '患者神志清楚，能配合调查；部分时间点由家属补充。',
  },
  underlyingDiseases: {
    conditions: ['hypertension'],
    pregnant: null,
    vaccinationDoses: 0,
    notes: '高血压病史 6 年，规律服药。',
  },
  travelHistory: {
    rows: [
      {
        from: '2020-01-15',
        to: '2020-01-19',
        place: '湖北省武汉市',
        purpose: '出差',
        transport: '1 月 19 日乘火车返回吕梁',
      },
    ],
    notes: '发病前 14 天内有武汉旅居史。',
  },
  exposure: {
    rows: [
      {
        kind: 'risk_area_stay',
        from: '2020-01-15',
        to: '2020-01-19',
        place: '武汉市',
        description: '出差期间多次前往客户公司及餐馆，未佩戴口罩。',
        suspectedSource: '武汉旅居期间感染',
      },
    ],
    notes: '可疑暴露来源为武汉旅居，依据本人陈述与火车票记录。',
  },
  contactHistory: {
    text: '返吕后与家人共同生活；1 月 22 日上午在离石区某大药房购药，1 月 23 日下午在离石区某购物中心购物，均经电子支付记录与监控视频核实。',
  },
  medicalVisits: {
    rows: [
      {
        at: '2020-01-24T11:50:00.000Z',
        institution: '吕梁市人民医院',
        department: '发热门诊',
        diagnosis: '新型冠状病毒肺炎疑似病例',
        sampled: true,
      },
    ],
  },
  onset: {
    symptoms: [
      { symptom: 'fever', since: '2020-01-22', maxTemperature: 38.6 },
      { symptom: 'cough', since: '2020-01-23' },
      { symptom: 'fatigue', since: '2020-01-22' },
    ],
  },
  measures: {
    text: '患者已于吕梁市人民医院隔离治疗；家庭成员 2 人居家医学观察并采样；对药店、购物中心开展终末消毒。',
  },
  riskAssessment: {
    text: '患者发病后到过药店与购物中心等人员密集场所，存在社区传播风险，需尽快追踪同时段到访人员。',
  },
  recommendations: {
    text: '暂停该药店营业并消毒；发布购物中心同时段到访人员健康提示；继续排查密切接触者。',
  },
};
