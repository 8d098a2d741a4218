/** The protocol presets and the computations over them (domain/PROTOCOLS.md §3–§6). */
export { addDays, calendarDayIn, daysBetween, isIsoDate, isIsoInstant } from './calendar.ts';
export { dischargePlan, type DischargeEvent, type DischargePlan } from './discharge.ts';
export { ProtocolInputError } from './errors.ts';
export { isPresetId, presetIds, type PresetId } from './ids.ts';
export {
  lookBackStart,
  type CaseClassification,
  type LookBackInput,
  type LookBackStart,
} from './look-back.ts';
export * from './model.ts';
export { layerOverlay, overlaySchema, parseOverlay, type Overlay, type OverlayInput } from './overlay.ts';
export { lishi2020, overlayById, overlays } from './overlays.ts';
export {
  observationEnd,
  planFor,
  planFromExposureDay,
  restartPlan,
  testDateGivenPlacement,
  testRuleOf,
  testsAfterPlacement,
  type PlacedTest,
  type Plan,
  type PlanPhase,
  type PlanTest,
  type RestartedPlan,
} from './plan.ts';
export { certaintyNotes, presetById, presets, type CertaintyNote } from './presets.ts';
export { resolveProtocol } from './resolve.ts';
export {
  secondaryContactDecision,
  type SecondaryDecision,
  type SecondaryDecisionInput,
  type TestOutcome,
} from './secondary.ts';
