/** Below this the team's tables would scroll sideways, hiding their last columns (Tailwind's md): cards instead. */
export const wideEnoughForTable = "(min-width: 768px)";
