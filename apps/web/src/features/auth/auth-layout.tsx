import { Outlet } from "@tanstack/react-router";
import { Brand } from "../../components/brand";
import { LanguageSelect } from "../../components/language-select";

export function AuthLayout() {
  return (
    <div className="flex min-h-dvh flex-col bg-gradient-to-b from-slate-50 to-slate-100">
      <header className="flex items-center justify-between px-6 py-5 sm:px-10">
        <Brand />
        <LanguageSelect />
      </header>
      <main className="flex flex-1 items-start justify-center px-4 pt-6 pb-16 sm:pt-14">
        <div className="w-full max-w-md">
          <Outlet />
        </div>
      </main>
    </div>
  );
}
