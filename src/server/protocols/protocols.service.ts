import { dischargePlan, type DischargePlan } from '../../core/protocols/discharge.ts';
import { ProtocolInputError } from '../../core/protocols/errors.ts';
import { presetIds } from '../../core/protocols/ids.ts';
import type { ContactKind, Preset } from '../../core/protocols/model.ts';
import { overlays } from '../../core/protocols/overlays.ts';
import { planFor, type Plan } from '../../core/protocols/plan.ts';
import { certaintyNotes, presets } from '../../core/protocols/presets.ts';
import { resolveProtocol } from '../../core/protocols/resolve.ts';
import type { z } from 'zod';
import { AppError, fieldError } from '../errors/app-error.ts';
import type { protocolListSchema } from './protocols.schema.ts';

/** The presets and overlays are code-reviewed data in src/core/protocols, so nothing here touches the database. */

export function listProtocols(): z.infer<typeof protocolListSchema> {
  return {
    items: presetIds.map((id) => {
      const preset = presets[id];
      return {
        id,
        name: preset.name,
        source: preset.source,
        effectiveDate: preset.effectiveDate,
        certaintyNotes: certaintyNotes(preset),
      };
    }),
    overlays: Object.values(overlays).map((overlay) => ({
      id: overlay.id,
      name: overlay.name,
      description: overlay.description,
      jurisdictionCode: overlay.jurisdictionCode,
      appliesTo: overlay.appliesTo ?? null,
      certainty: overlay.certainty,
    })),
  };
}

export function getProtocol(id: string, overlayId?: string): Preset {
  try {
    return resolveProtocol(id, overlayId);
  } catch (error) {
    throw toAppError(error);
  }
}

export function protocolPlan(
  id: string,
  query: { kind: ContactKind; lastExposure: string; overlay?: string | undefined },
  timeZone: string,
): Plan {
  const protocol = getProtocol(id, query.overlay);
  try {
    return planFor(protocol, query.kind, query.lastExposure, timeZone);
  } catch (error) {
    throw toAppError(error);
  }
}

export function protocolDischargePlan(
  id: string,
  query: { dischargeDate: string; overlay?: string | undefined },
): DischargePlan {
  const protocol = getProtocol(id, query.overlay);
  try {
    return dischargePlan(protocol, query.dischargeDate);
  } catch (error) {
    throw toAppError(error);
  }
}

function toAppError(error: unknown): unknown {
  if (!(error instanceof ProtocolInputError)) {
    return error;
  }
  if (error.code === 'unknown_preset') {
    return new AppError('NOT_FOUND', {
      params: { entity: error.params.id ?? '' },
      details: [{ field: 'id', code: 'unknown_preset' }],
    });
  }
  return fieldError(error.field, error.code, error.params);
}
