import { ProtocolInputError } from './errors.ts';
import type { Preset } from './model.ts';
import { layerOverlay } from './overlay.ts';
import { overlayById } from './overlays.ts';
import { presetById } from './presets.ts';

/**
 * The protocol an outbreak runs under: a national preset by id, with the named local overlay layered on
 * top. Unknown ids are reported by field (`presetId`, `overlay`).
 */
export function resolveProtocol(presetId: string, overlayId?: string | null): Preset {
  const preset = presetById(presetId);
  if (!preset) {
    throw new ProtocolInputError('presetId', 'unknown_preset', { id: presetId });
  }
  if (overlayId === undefined || overlayId === null) {
    return preset;
  }
  const overlay = overlayById(overlayId);
  if (!overlay) {
    throw new ProtocolInputError('overlay', 'unknown_overlay', { id: overlayId });
  }
  return layerOverlay(preset, overlay);
}
