import { z } from 'zod';
import { documentTypes } from '../../core/identity/documents.ts';
import { normalizePhone } from '../../core/identity/phone.ts';
import { divisionCodePattern } from '../../core/divisions/scope.ts';
import { errorResponses, errorSchema, isoDate, limitSchema } from '../http/schemas.ts';

/** The 18 population categories (人群分类) of the 2019 notifiable-disease report card. */
export const populationCategories = {
  nursery_child: '幼托儿童',
  scattered_child: '散居儿童',
  student: '学生',
  teacher: '教师',
  childcare_worker: '保育员及保姆',
  food_service: '餐饮食品业',
  commercial_service: '商业服务',
  medical_staff: '医务人员',
  worker: '工人',
  migrant_worker: '民工',
  farmer: '农民',
  herder: '牧民',
  fisher: '渔(船)民',
  cadre_staff: '干部职员',
  retired: '离退人员',
  homemaker_unemployed: '家务及待业',
  other: '其他',
  unknown: '不详',
} as const;

export type PopulationCategory = keyof typeof populationCategories;

const populationCategoryCodes = Object.keys(populationCategories) as [
  PopulationCategory,
  ...PopulationCategory[],
];

export const sexes = ['male', 'female', 'unknown'] as const;

/** A phone as typed; answers the normalised form (`13812345678`, `0358-8221234`). */
export const phoneSchema = z
  .string()
  .trim()
  .max(32)
  .transform((value, ctx) => {
    const phone = normalizePhone(value);
    if (!phone) {
      ctx.addIssue({ code: 'custom', message: 'phone_format' });
      return z.NEVER;
    }
    return phone.value;
  });

const text = (max: number) => z.string().trim().min(1).max(max);
const divisionCode = z.string().regex(divisionCodePattern, 'division_code');

export const personFields = {
  name: text(64),
  documentType: z.enum(documentTypes).optional(),
  documentNumber: z.string().trim().min(1).max(40).optional(),
  sex: z.enum(sexes).optional(),
  birthDate: isoDate.optional(),
  phone: phoneSchema.optional(),
  populationCategory: z.enum(populationCategoryCodes).optional(),
  workplace: text(200).optional(),
  currentAddress: text(300).optional(),
  divisionCode: divisionCode.optional(),
  householdAddress: text(300).optional(),
  ethnicity: text(32).optional(),
};

export const createPersonBody = z.strictObject(personFields);
export type CreatePersonInput = z.infer<typeof createPersonBody>;

export const updatePersonBody = z.strictObject({
  version: z.number().int().positive(),
  name: personFields.name.optional(),
  documentType: z.enum(documentTypes).nullable().optional(),
  documentNumber: z.string().trim().min(1).max(40).nullable().optional(),
  sex: z.enum(sexes).nullable().optional(),
  birthDate: isoDate.nullable().optional(),
  phone: phoneSchema.nullable().optional(),
  populationCategory: z.enum(populationCategoryCodes).nullable().optional(),
  workplace: text(200).nullable().optional(),
  currentAddress: text(300).nullable().optional(),
  divisionCode: divisionCode.nullable().optional(),
  householdAddress: text(300).nullable().optional(),
  ethnicity: text(32).nullable().optional(),
});
export type UpdatePersonInput = z.infer<typeof updatePersonBody>;

export const personSchema = z
  .object({
    id: z.number(),
    name: z.string(),
    documentType: z.enum(documentTypes).nullable(),
    documentNumber: z.string().nullable(),
    sex: z.enum(sexes).nullable(),
    birthDate: z.string().nullable(),
    phone: z.string().nullable(),
    populationCategory: z.enum(populationCategoryCodes).nullable(),
    workplace: z.string().nullable(),
    currentAddress: z.string().nullable(),
    divisionCode: z.string().nullable(),
    householdAddress: z.string().nullable(),
    ethnicity: z.string().nullable(),
    /** True when personal fields are masked for the caller (role or jurisdiction). */
    masked: z.boolean(),
    archived: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number(),
  })
  .meta({ id: 'Person' });
export type Person = z.infer<typeof personSchema>;

export const listPersonsQuery = z.strictObject({
  q: z.string().trim().max(64).optional(),
  limit: limitSchema,
  cursor: z.string().max(200).optional(),
});

export const duplicatesQuery = z.strictObject({
  name: text(64),
  phone: phoneSchema.optional(),
  birthDate: isoDate.optional(),
});

export const revealBody = z.strictObject({ reason: z.string().trim().min(4).max(500) });

/** A 409 that may name the record already on file (`error.existingId`), so the form can link to it. */
export const duplicateErrorSchema = z
  .object({ error: errorSchema.shape.error.extend({ existingId: z.number().optional() }) })
  .meta({ id: 'DuplicateError' });

export const personWriteErrors = { ...errorResponses, 409: duplicateErrorSchema };
