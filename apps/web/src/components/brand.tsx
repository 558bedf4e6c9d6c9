import { MessagesSquare } from "lucide-react";
import { productName } from "../lib/use-document-title";

export function Brand() {
  return (
    <span className="flex items-center gap-2.5">
      <span className="flex size-8 items-center justify-center rounded-lg bg-indigo-600 text-white shadow-sm">
        <MessagesSquare aria-hidden="true" className="size-4.5" />
      </span>
      <span className="text-base font-semibold tracking-tight text-slate-900">{productName}</span>
    </span>
  );
}
