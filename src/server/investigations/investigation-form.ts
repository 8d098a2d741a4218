import { z } from 'zod';
import { divisionCodePattern } from '../../core/divisions/scope.ts';
import { isoDate, isoInstant } from '../http/schemas.ts';

/**
 * The case form (个案调查表): the sections of the 流调报告 (PROTOCOLS §10), structured where the report card
 * and the protocol give a structure, free text elsewhere. Every section is optional so that drafts save.
 */
export const formSectionTitles = {
  basicInfo: '基本情况',
  underlyingDiseases: '基础疾病史',
  travelHistory: '旅居史',
  exposure: '暴露情况',
  contactHistory: '接触史',
  medicalVisits: '就诊情况',
  onset: '发病时间',
  measures: '应对措施',
  riskAssessment: '风险评估',
  recommendations: '建议',
} as const;

export type FormSection = keyof typeof formSectionTitles;

export const underlyingConditions = [
  'hypertension',
  'diabetes',
  'cardiovascular',
  'cerebrovascular',
  'chronic_lung',
  'chronic_kidney',
  'chronic_liver',
  'immunodeficiency',
  'cancer',
  'other',
] as const;

export const symptoms = [
  'fever',
  'chills',
  'cough',
  'sputum',
  'sore_throat',
  'runny_nose',
  'fatigue',
  'muscle_ache',
  'headache',
  'shortness_of_breath',
  'diarrhea',
  'loss_of_smell_or_taste',
  'other',
] as const;

export const exposureKinds = [
  'case_contact',
  'risk_area_stay',
  'market',
  'gathering',
  'healthcare_setting',
  'cold_chain',
  'other',
] as const;

const notes = z.string().trim().max(10_000).optional();
const line = (max: number) => z.string().trim().min(1).max(max);

/** Adds an `end_before_start` issue on `to` when a row's end is before its start. */
function ordered<T extends { from?: string | undefined; to?: string | undefined }>(
  row: T,
  ctx: z.RefinementCtx,
) {
  if (row.from !== undefined && row.to !== undefined && row.to < row.from) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'end_before_start' });
  }
}

/**
 * The form's schema over a given instant type: requests normalise instants to UTC (a transform), responses
 * carry them as stored (a plain string, since response schemas must not transform).
 */
function buildFormSchema<I extends z.ZodType<string, string>>(instant: I) {
  const travelRow = z
    .strictObject({
      from: isoDate,
      to: isoDate.optional(),
      place: line(200),
      divisionCode: z.string().regex(divisionCodePattern, 'division_code').optional(),
      purpose: line(200).optional(),
      transport: line(200).optional(),
    })
    .superRefine(ordered);

  const exposureRow = z
    .strictObject({
      kind: z.enum(exposureKinds),
      from: isoDate.optional(),
      to: isoDate.optional(),
      place: line(200).optional(),
      description: line(2000),
      suspectedSource: line(200).optional(),
    })
    .superRefine(ordered);

  const medicalVisitRow = z.strictObject({
    at: instant,
    institution: line(200),
    department: line(100).optional(),
    diagnosis: line(500).optional(),
    treatment: line(500).optional(),
    sampled: z.boolean().optional(),
  });

  const symptomRow = z.strictObject({
    symptom: z.enum(symptoms),
    since: isoDate,
    detail: line(200).optional(),
    maxTemperature: z.number().min(34).max(43).optional(),
  });

  const freeText = z.strictObject({ text: notes });

  return z.strictObject({
    basicInfo: z
      .strictObject({ occupation: line(100).optional(), livingWith: line(500).optional(), notes })
      .optional(),
    underlyingDiseases: z
      .strictObject({
        conditions: z.array(z.enum(underlyingConditions)).max(underlyingConditions.length).optional(),
        otherCondition: line(200).optional(),
        pregnant: z.boolean().nullable().optional(),
        pregnancyWeeks: z.number().int().min(1).max(45).nullable().optional(),
        vaccinationDoses: z.number().int().min(0).max(10).nullable().optional(),
        lastVaccinationDate: isoDate.nullable().optional(),
        notes,
      })
      .optional(),
    travelHistory: z.strictObject({ rows: z.array(travelRow).max(100).optional(), notes }).optional(),
    exposure: z.strictObject({ rows: z.array(exposureRow).max(100).optional(), notes }).optional(),
    contactHistory: freeText.optional(),
    medicalVisits: z.strictObject({ rows: z.array(medicalVisitRow).max(100).optional(), notes }).optional(),
    onset: z.strictObject({ symptoms: z.array(symptomRow).max(50).optional(), notes }).optional(),
    measures: freeText.optional(),
    riskAssessment: freeText.optional(),
    recommendations: freeText.optional(),
  });
}

/** The form as a request carries it (instants normalised to UTC). */
export const investigationFormSchema = buildFormSchema(isoInstant);

/** The form as the server answers it. */
export const investigationFormOutput = buildFormSchema(z.string());

export type InvestigationForm = z.infer<typeof investigationFormSchema>;

/** Reads a stored form; a stored form that no longer parses is answered empty rather than failing the page. */
export function parseStoredForm(text: string): InvestigationForm {
  try {
    const parsed = investigationFormSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}
