/** English for the companies page, a company's page and its dialogs. */
export const companiesEn = {
  "companies.title": "Companies",
  "companies.description": "The businesses your contacts work for, each with its people.",
  "companies.name": "Name",
  "companies.contacts": "Contacts",
  "companies.createdAt": "Added",
  "companies.contactCount.zero": "No contacts",
  "companies.contactCount.one": "{count} contact",
  "companies.contactCount.other": "{count} contacts",
  "companies.search": "Search companies",
  "companies.searchPlaceholder": "Search by name",
  "companies.backToList": "All companies",
  "companies.taken": "A company with this name already exists.",
  "companies.openExisting": "Open the existing company",

  "companies.empty.title": "No companies yet",
  "companies.empty.description":
    "Add a company here, or type its name in a contact's form: it is created with the contact.",
  "companies.empty.readOnly": "The companies your team adds, or names in a contact's form, show up here.",
  "companies.noMatch.title": "No companies match",
  "companies.noMatch.description": "Try another name.",
  "companies.noMatch.clear": "Clear search",

  "companies.create.open": "New company",
  "companies.create.title": "New company",
  "companies.create.submit": "Create company",
  "companies.rename.open": "Rename",
  "companies.rename.label": "Rename {name}",
  "companies.rename.title": "Rename company",

  "companies.delete.label": "Delete {name}",
  "companies.delete.title": "Delete company?",
  "companies.delete.description":
    "{name} will be deleted. Its contacts stay, without a company. This cannot be undone.",
  "companies.delete.contacts.zero": "{name} will be deleted. No contact works there. This cannot be undone.",
  "companies.delete.contacts.one":
    "{name} will be deleted. Its one contact stays, without a company. This cannot be undone.",
  "companies.delete.contacts.other":
    "{name} will be deleted. Its {count} contacts stay, without a company. This cannot be undone.",
  "companies.delete.confirm": "Delete company",

  "companies.people.title": "Contacts",
  "companies.people.empty": "No contacts work here yet. Choose this company in a contact's form to add one.",
  "companies.people.openInContacts": "Open in contacts",
} as const;
