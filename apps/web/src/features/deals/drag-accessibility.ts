import type { Announcements, ScreenReaderInstructions } from "@dnd-kit/core";

/** What a drag tells a screen reader, in the user's words; each function gets dnd-kit's item ids. */
export interface DragWording {
  /** How to move an item without dragging (our draggables take no keyboard: a menu or buttons do that). */
  instructions: string;
  picked: (id: string) => string;
  over: (id: string, overId: string) => string;
  dropped: (id: string, overId: string) => string;
  cancelled: (id: string) => string;
}

/**
 * dnd-kit's `accessibility` prop from our wording. Without it the library announces its own English sentences
 * naming items by their ids ("Picked up draggable item 3f2c…"), whatever the user's language.
 */
export function dragAccessibility(wording: DragWording): {
  announcements: Announcements;
  screenReaderInstructions: ScreenReaderInstructions;
} {
  return {
    screenReaderInstructions: { draggable: wording.instructions },
    announcements: {
      onDragStart: ({ active }) => wording.picked(String(active.id)),
      // a sortable item starts over its own place: saying so would replace "picked up" before it is read
      onDragOver: ({ active, over }) =>
        over && over.id !== active.id ? wording.over(String(active.id), String(over.id)) : undefined,
      onDragEnd: ({ active, over }) =>
        over ? wording.dropped(String(active.id), String(over.id)) : undefined,
      onDragCancel: ({ active }) => wording.cancelled(String(active.id)),
    },
  };
}

/**
 * For a drag whose outcome is only known later (a move the server may refuse): dnd-kit says nothing, and the
 * caller speaks in a live region of its own that can go on once the answer comes.
 */
export const silentAnnouncements: Announcements = {
  onDragStart: () => undefined,
  onDragOver: () => undefined,
  onDragEnd: () => undefined,
  onDragCancel: () => undefined,
};
