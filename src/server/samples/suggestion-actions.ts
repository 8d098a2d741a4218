import { can } from '../access/roles.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Evidence } from '../../core/cases/classification.ts';
import { dateIn } from '../../core/time/zone.ts';
import type { CaseSettings } from '../cases/cases.service.ts';
import { changeClassification } from '../cases/classification.service.ts';
import { convertToCase } from '../contacts/contact-actions.ts';
import type { LabSuggestionRow } from '../db/schema.ts';
import { now, type Executor } from '../db/transaction.ts';
import { AppError, fieldError } from '../errors/app-error.ts';
import type { Locale } from '../errors/messages.ts';
import { auditOf, type RecordActor } from '../persons/record-actor.ts';
import { recordDischarge } from './discharge.service.ts';
import { labResultColumns, toLabResult } from './lab-results.service.ts';
import { subjectsOf } from './suggestion-subjects.ts';
import type { DecideInput, SuggestionView, suggestionKinds } from './samples.schema.ts';

type Kind = (typeof suggestionKinds)[number];
const isKind = (v: string): v is Kind =>
  v === 'convert' || v === 'exclude' || v === 'discharge' || v === 'repositive';

const texts: Record<Kind, { message: Record<Locale, string>; action: Record<Locale, string> }> = {
  convert: {
    message: { 'zh-CN': '密切接触者核酸检测阳性', en: 'A contact tested NAT-positive' },
    action: { 'zh-CN': '转为病例', en: 'Convert to a case' },
  },
  exclude: {
    message: {
      'zh-CN': '疑似病例连续两次核酸阴性（间隔至少 24 小时）',
      en: 'Suspected case: two consecutive negative NATs at least 24 h apart',
    },
    action: { 'zh-CN': '排除', en: 'Exclude' },
  },
  discharge: {
    message: {
      'zh-CN': '符合出院标准（两次核酸阴性，间隔至少 24 小时）',
      en: 'Meets the discharge criteria (two negative NATs ≥ 24 h apart)',
    },
    action: { 'zh-CN': '登记出院', en: 'Record the discharge' },
  },
  repositive: {
    message: {
      'zh-CN': '出院后核酸复阳：有症状或影像学进展者重新按确诊病例管理，无症状者作为恢复期病例继续隔离',
      en: 'Re-positive after discharge: with symptoms or worse imaging the case is confirmed again; without, it stays isolated as a recovering case',
    },
    action: { 'zh-CN': '已处置', en: 'Handled' },
  },
};

export async function presentSuggestions(
  trx: Executor,
  actor: RecordActor,
  rows: readonly LabSuggestionRow[],
  locale: Locale,
): Promise<SuggestionView[]> {
  const subjects = await subjectsOf(trx, actor, rows);
  const ids = [...new Set(rows.flatMap((r) => parseIds(r.rests_on)))];
  const results =
    ids.length === 0
      ? []
      : await trx.selectFrom('lab_results').select(labResultColumns).where('id', 'in', ids).execute();
  return rows.flatMap((row) => {
    if (!isKind(row.kind)) {
      return [];
    }
    const own = parseIds(row.rests_on);
    const status = row.status === 'accepted' || row.status === 'dismissed' ? row.status : 'open';
    return [
      {
        id: Number(row.id),
        kind: row.kind,
        subjectType: row.subject_type,
        subjectId: Number(row.subject_id),
        subject: subjects.get(`${row.subject_type}:${Number(row.subject_id)}`) ?? null,
        divisionCode: row.division_code,
        restsOn: results.filter((r) => own.includes(Number(r.id))).map(toLabResult),
        reason: row.reason,
        message: texts[row.kind].message[locale],
        status,
        createdAt: row.created_at,
        decidedAt: row.decided_at,
        decidedBy: row.decided_by,
        note: row.note,
        version: row.version,
        action: texts[row.kind].action[locale],
      },
    ];
  });
}

function parseIds(text: string): number[] {
  const parsed: unknown = JSON.parse(text);
  return Array.isArray(parsed) ? parsed.filter((x): x is number => typeof x === 'number') : [];
}

const suggestionColumns = [
  'id',
  'kind',
  'subject_type',
  'subject_id',
  'division_code',
  'rests_on',
  'reason',
  'status',
  'created_at',
  'decided_at',
  'decided_by',
  'note',
  'version',
] as const;

export async function listSuggestions(
  trx: Executor,
  actor: RecordActor,
  filter: {
    status?: string | undefined;
    kind?: string | undefined;
    subjectType?: string | undefined;
    subjectId?: number | undefined;
  },
  locale: Locale,
): Promise<SuggestionView[]> {
  let query = trx
    .selectFrom('lab_suggestions')
    .select(suggestionColumns)
    .where('division_code', 'like', `${actor.scope}%`)
    .orderBy('id', 'desc')
    .limit(500);
  if (filter.status !== undefined) {
    query = query.where('status', '=', filter.status);
  }
  if (filter.kind !== undefined) {
    query = query.where('kind', '=', filter.kind);
  }
  if (filter.subjectType !== undefined) {
    query = query.where('subject_type', '=', filter.subjectType);
  }
  if (filter.subjectId !== undefined) {
    query = query.where('subject_id', '=', filter.subjectId);
  }
  return presentSuggestions(trx, actor, await query.execute(), locale);
}

/**
 * A person decides on a suggestion. Accepting does the one action it offers — convert the contact (through
 * the contacts service), exclude the suspected case or record the discharge (through the cases service, the
 * results as evidence) — in the same transaction; dismissing records why.
 */
export async function decideSuggestion(
  trx: Executor,
  actor: RecordActor,
  id: number,
  input: DecideInput,
  settings: CaseSettings,
  locale: Locale,
): Promise<{ suggestion: SuggestionView; caseId: number | null }> {
  const row = await trx
    .selectFrom('lab_suggestions')
    .select(suggestionColumns)
    .where('id', '=', id)
    .where('division_code', 'like', `${actor.scope}%`)
    .executeTakeFirst();
  if (!row || !isKind(row.kind)) {
    throw new AppError('NOT_FOUND', { params: { entity: '建议 / suggestion' } });
  }
  if (row.version !== input.version) {
    throw new AppError('VERSION_CONFLICT', { extra: { currentVersion: row.version } });
  }
  if (row.status !== 'open') {
    throw new AppError('CONFLICT', {
      params: { reason: row.status },
      details: [{ field: 'decision', code: 'suggestion_decided' }],
    });
  }
  let caseId: number | null = null;
  if (input.decision === 'accept') {
    caseId = await accept(trx, actor, row, row.kind, input, settings);
  }
  const at = now();
  const status = input.decision === 'accept' ? 'accepted' : 'dismissed';
  const updated = await trx
    .updateTable('lab_suggestions')
    .set({
      status,
      decided_at: at,
      decided_by: actor.username,
      note: input.note ?? null,
      version: row.version + 1,
    })
    .where('id', '=', id)
    .where('version', '=', row.version)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) {
    throw new AppError('VERSION_CONFLICT');
  }
  await recordAudit(trx, auditOf(actor), {
    action: `lab_suggestion.${status}`,
    entity: 'lab_suggestion',
    entityId: id,
    changes: {
      status: { before: 'open', after: status },
      kind: { after: row.kind },
      caseId: { after: caseId },
    },
  });
  const [view] = await presentSuggestions(
    trx,
    actor,
    [
      {
        ...row,
        status,
        decided_at: at,
        decided_by: actor.username,
        note: input.note ?? null,
        version: row.version + 1,
      },
    ],
    locale,
  );
  if (!view) {
    throw new AppError('NOT_FOUND', { params: { entity: '建议 / suggestion' } });
  }
  return { suggestion: view, caseId };
}

async function accept(
  trx: Executor,
  actor: RecordActor,
  row: LabSuggestionRow,
  kind: Kind,
  input: DecideInput,
  settings: CaseSettings,
): Promise<number | null> {
  const subjectId = Number(row.subject_id);
  if (kind === 'convert') {
    if (!can(actor.role, 'contacts:convert')) {
      throw new AppError('FORBIDDEN');
    }
    const contact = await trx
      .selectFrom('contacts')
      .select('version')
      .where('id', '=', subjectId)
      .executeTakeFirstOrThrow();
    const result = await convertToCase(
      trx,
      actor,
      subjectId,
      {
        version: contact.version,
        classification: input.classification ?? 'confirmed',
        receivedAt: now(),
        reportingInstitution: input.reportingInstitution ?? '区疾病预防控制中心',
        reason: input.note ?? '密切接触者核酸检测阳性',
      },
      settings,
    );
    return result.caseId;
  }
  if (kind === 'exclude') {
    await changeClassification(trx, actor, subjectId, {
      to: 'excluded',
      reason: input.note ?? '连续两次核酸检测阴性（间隔至少 24 小时）',
      evidence: await evidenceOf(trx, parseIds(row.rests_on)),
    });
    return subjectId;
  }
  if (kind === 'discharge') {
    await recordDischarge(
      trx,
      actor,
      subjectId,
      { dischargeDate: input.dischargeDate ?? dateIn(new Date(), settings.timeZone) },
      settings.timeZone,
    );
    return subjectId;
  }
  if (input.note === undefined) {
    throw fieldError('note', 'required');
  }
  return subjectId;
}

/** The results a suggestion rests on, as classification evidence: one NAT per sample, one antibody pair. */
async function evidenceOf(trx: Executor, ids: readonly number[]): Promise<Evidence[]> {
  if (ids.length === 0) {
    return [];
  }
  const rows = await trx
    .selectFrom('lab_results as r')
    .leftJoin('samples as s', 's.id', 'r.sample_id')
    .select([
      'r.sample_id',
      'r.pool_id',
      'r.target',
      'r.result',
      'r.tested_at',
      's.collected_at',
      's.specimen',
    ])
    .where('r.id', 'in', [...ids])
    .execute();
  const bySample = new Map<string, typeof rows>();
  for (const r of rows) {
    const key = `${r.sample_id ?? ''}/${r.pool_id ?? ''}`;
    bySample.set(key, [...(bySample.get(key) ?? []), r]);
  }
  const evidence: Evidence[] = [];
  for (const group of bySample.values()) {
    const first = group[0];
    if (!first) {
      continue;
    }
    const at = first.collected_at ?? first.tested_at;
    const nat = group.filter((r) => r.target === 'ORF1ab' || r.target === 'N');
    if (nat.length > 0) {
      evidence.push({
        kind: 'nat',
        at,
        result: nat.some((r) => r.result === 'positive') ? 'positive' : 'negative',
        specimen: first.specimen ?? undefined,
      });
    }
    const igm = group.find((r) => r.target === 'IgM');
    const igg = group.find((r) => r.target === 'IgG');
    if (igm && igg) {
      evidence.push({
        kind: 'antibody',
        at,
        igm: igm.result === 'positive' ? 'positive' : 'negative',
        igg: igg.result === 'positive' ? 'positive' : 'negative',
      });
    }
  }
  return evidence;
}
