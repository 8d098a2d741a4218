/**
 * The fields that identify a person or say where they went with whom, by kind of record, in one place
 * (DESIGN §6): masked for roles and jurisdictions that may not see them, and recorded in the audit log
 * only as changed, never with their values.
 */
export const personalFields = {
  /** A person's own record. */
  person: ['name', 'documentNumber', 'birthDate', 'phone', 'workplace', 'currentAddress', 'householdAddress'],
  /** A trajectory entry: where the case was, how they travelled, with whom. */
  trajectoryEntry: ['address', 'companions', 'vehicleNumber', 'seat'],
  /** A contact's exposure: the place and seat shared with the case. */
  exposure: ['place', 'seat'],
  /** The case form (个案调查表): free text about the case's household, travel and contacts. */
  investigation: ['form'],
} as const;
