export const textLinkClasses = "font-medium text-indigo-600 hover:text-indigo-500 hover:underline";
