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
  "companies.searchPlaceholder": "Busque pelo nome, CNPJ ou site",
  "companies.backToList": "Todas as empresas",
  "companies.taken": "Já existe uma empresa com este nome.",
  "companies.taxIdTaken": "Já existe uma empresa com este CNPJ.",
  "companies.details": "Dados",
  "companies.taxId": "CNPJ",
  "companies.taxIdHint": "Com ou sem pontuação, ex.: 12.345.678/0001-95.",
  "companies.domain": "Site",
  "companies.domainHint": "O endereço do site, ex.: acme.com.br.",
  "companies.phone": "Telefone",
  "companies.address": "Endereço",
  "companies.address.street": "Logradouro",
  "companies.address.number": "Número",
  "companies.address.complement": "Complemento",
  "companies.address.district": "Bairro",
  "companies.address.city": "Cidade",
  "companies.address.state": "UF",
  "companies.address.postalCode": "CEP",
  "companies.field.taxId":
    "Informe um CNPJ válido: 14 caracteres com os dígitos verificadores certos, como 12.345.678/0001-95.",
  "companies.field.domain": "Informe o endereço de um site, como acme.com.br.",
  "companies.field.state": "Informe a sigla do estado com duas letras, como SP.",
  "companies.field.postalCode": "Informe um CEP de 8 dígitos, como 01310-200.",
  "companies.openExisting": "Abrir a empresa existente",

  "companies.empty.title": "Nenhuma empresa ainda",
  "companies.empty.description":
    "Adicione uma empresa aqui ou digite o nome dela no formulário de um contato: ela é criada com o contato.",
  "companies.empty.readOnly":
    "As empresas que sua equipe adicionar, ou informar no formulário de um contato, aparecem aqui.",
  "companies.noMatch.title": "Nenhuma empresa encontrada",
  "companies.noMatch.description": "Tente outro nome, CNPJ ou site.",
  "companies.noMatch.clear": "Limpar busca",

  "companies.create.open": "Nova empresa",
  "companies.create.title": "Nova empresa",
  "companies.create.submit": "Criar empresa",
  "companies.edit.open": "Editar",
  "companies.edit.label": "Editar {name}",
  "companies.edit.title": "Editar empresa",

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
