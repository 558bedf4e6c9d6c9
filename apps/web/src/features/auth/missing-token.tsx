import { Link } from "@tanstack/react-router";
import { Alert } from "../../components/ui/alert";
import { buttonClasses } from "../../components/ui/button";

/** A link from an email that lost its token (copied in part, or opened by hand). */
export function MissingToken({
  message,
  action,
  to,
}: {
  message: string;
  action: string;
  to: "/forgot-password" | "/login";
}) {
  return (
    <div className="space-y-6">
      <Alert tone="error">{message}</Alert>
      <Link to={to} className={buttonClasses("secondary", "md", "w-full")}>
        {action}
      </Link>
    </div>
  );
}
