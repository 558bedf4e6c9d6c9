import type { companiesEn } from "./en-companies";
import type { TranslationOf } from "./translate";

export const companiesPtBr: TranslationOf<typeof companiesEn> = {
  "companies.title": "Empresas",
  "companies.description": "As empresas onde seus contatos trabalham, cada uma com as suas pessoas.",
  "companies.name": "Nome",
  "companies.contacts": "Contatos",
  "companies.createdAt": "Adicionada em",
  "companies.contactCount.zero": "Nenhum contato",
  "companies.contactCount.one": "{count} contato",
  "companies.contactCount.other": "{count} contatos",
  "companies.search": "Buscar empresas",
  "companies.searchPlaceholder": "Busque pelo nome",
  "companies.backToList": "Todas as empresas",
  "companies.taken": "Já existe uma empresa com este nome.",
  "companies.openExisting": "Abrir a empresa existente",

  "companies.empty.title": "Nenhuma empresa ainda",
  "companies.empty.description":
    "Adicione uma empresa aqui ou digite o nome dela no formulário de um contato: ela é criada com o contato.",
  "companies.empty.readOnly":
    "As empresas que sua equipe adicionar, ou informar no formulário de um contato, aparecem aqui.",
  "companies.noMatch.title": "Nenhuma empresa encontrada",
  "companies.noMatch.description": "Tente outro nome.",
  "companies.noMatch.clear": "Limpar busca",

  "companies.create.open": "Nova empresa",
  "companies.create.title": "Nova empresa",
  "companies.create.submit": "Criar empresa",
  "companies.rename.open": "Renomear",
  "companies.rename.label": "Renomear {name}",
  "companies.rename.title": "Renomear empresa",

  "companies.delete.label": "Excluir {name}",
  "companies.delete.title": "Excluir empresa?",
  "companies.delete.description":
    "{name} será excluída. Os contatos dela continuam, sem empresa. Não é possível desfazer.",
  "companies.delete.contacts.zero":
    "{name} será excluída. Nenhum contato trabalha nela. Não é possível desfazer.",
  "companies.delete.contacts.one":
    "{name} será excluída. O único contato dela continua, sem empresa. Não é possível desfazer.",
  "companies.delete.contacts.other":
    "{name} será excluída. Os {count} contatos dela continuam, sem empresa. Não é possível desfazer.",
  "companies.delete.confirm": "Excluir empresa",

  "companies.people.title": "Contatos",
  "companies.people.empty":
    "Nenhum contato trabalha aqui ainda. Escolha esta empresa no formulário de um contato para adicionar um.",
  "companies.people.openInContacts": "Abrir em contatos",
};
