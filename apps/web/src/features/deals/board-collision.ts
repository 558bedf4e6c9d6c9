import { type CollisionDetection, pointerWithin, rectIntersection } from "@dnd-kit/core";

/**
 * The column a dragged card is over is the one under the pointer, whatever the card's preview overlaps (it is
 * wider than the gap between columns and may be drawn off the pointer). Between two columns, or off the board,
 * it is over none, so letting go there moves nothing. A drag without a pointer (a keyboard sensor) falls back
 * to the column the card overlaps most.
 */
export const columnUnderPointer: CollisionDetection = (args) =>
  args.pointerCoordinates ? pointerWithin(args) : rectIntersection(args);
