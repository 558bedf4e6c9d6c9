/** The sync window as the contracts carry it: ISO timestamps, already checked by the input's schema. */
export interface UpdatedRangeInput {
  updatedFrom?: string | undefined;
  updatedTo?: string | undefined;
}

export const toUpdatedRange = (
  input: UpdatedRangeInput,
): { updatedFrom: Date | undefined; updatedTo: Date | undefined } => ({
  updatedFrom: input.updatedFrom === undefined ? undefined : new Date(input.updatedFrom),
  updatedTo: input.updatedTo === undefined ? undefined : new Date(input.updatedTo),
});
