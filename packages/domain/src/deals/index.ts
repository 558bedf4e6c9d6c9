export * from "./activities";
export * from "./agenda";
export * from "./board";
export { type CreateDealInput, createDeal } from "./create-deal";
export * from "./deal-filter";
export {
  type DealValueInput,
  dealValueIntegerDigits,
  maxDealTitleLength,
  parseDealValue,
  storedDealValue,
} from "./deal-input";
export * from "./deal-queries";
export * from "./default-pipeline";
export * from "./delete-deal";
export * from "./events";
export * from "./list-agenda";
export * from "./lost-reasons";
export * from "./model";
export * from "./pipelines";
export * from "./ports";
export { isRotting, type RottingCutoff, rottingCutoffs } from "./rotting";
export { applyStageEdits, maxStages, type StageEdits, type StageInput, stagePalette } from "./stage";
export {
  changeDealStatus,
  type DealStatusChange,
  maxLostReasonLength,
  type PickedLostReason,
} from "./status";
export * from "./update-deal";
export { type ZonedDay, zonedDay } from "./zoned-day";
