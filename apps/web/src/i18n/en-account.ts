/** English for the user's own account page; spread into the source dictionary. */
export const accountEn = {
  "userMenu.account": "My account",

  "account.title": "My account",
  "account.description": "Your name, language, password and sessions.",

  "account.profile.title": "Profile",
  "account.profile.description": "How your team sees you.",
  "account.profile.name": "Your name",
  "account.profile.email": "Email",
  "account.profile.emailHint": "Your email cannot be changed here.",
  "account.profile.saved": "Name saved.",

  "account.language.title": "Language",
  "account.language.description": "The language of the app in this browser.",

  "account.password.title": "Change password",
  "account.password.description":
    "Your other sessions are signed out when you change it; this one stays. We email you that it changed.",
  "account.password.current": "Current password",
  "account.password.new": "New password",
  "account.password.submit": "Change password",
  "account.password.changed": "Password changed. Your other sessions were signed out.",
  "account.password.unavailable":
    "We cannot send the email confirming a password change right now, so your password was not changed. Try again in a few minutes.",

  "account.sessions.title": "Sessions",
  "account.sessions.description": "Where you are signed in. Sign out everywhere else if you lost a device.",
  "account.sessions.current": "This session",
  "account.sessions.since": "Signed in {date}",
  "account.sessions.unknownDevice": "Unknown browser",
  "account.sessions.signOutOthers": "Sign out other sessions",
  "account.sessions.signedOut": "Your other sessions were signed out.",
  "account.sessions.noneOther": "You have no other sessions.",

  "errors.field.currentPassword": "The current password is incorrect.",

  "auth.sessionEnded.password_changed":
    "Your password was changed in another session, which signed you out here. Log in with the new password.",
  "auth.sessionEnded.signed_out_elsewhere":
    "You signed out this session from another one. Log in again to continue.",
} as const;
