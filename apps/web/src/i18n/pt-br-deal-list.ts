import type { dealListEn } from "./en-deal-list";
import type { TranslationOf } from "./translate";

/** Português do Brasil para a lista de negócios e os filtros que ela divide com o quadro. */
export const dealListPtBr: TranslationOf<typeof dealListEn> = {
  "deals.view.label": "Visualização",
  "deals.view.board": "Quadro",
  "deals.view.list": "Lista",

  "deals.filter.pipeline": "Funil",
  "deals.filter.anyPipeline": "Todos os funis",
  "deals.filter.stage": "Etapa",
  "deals.filter.anyStage": "Todas as etapas",
  "deals.filter.status": "Situação",
  "deals.filter.anyStatus": "Todas as situações",
  "deals.filter.owner": "Responsável",
  "deals.filter.anyOwner": "Todos",
  "deals.filter.me": "Eu",
  "deals.filter.unassigned": "Sem responsável",
  "deals.filter.rotting": "Parado",
  "deals.filter.anyRotting": "Parados ou não",
  "deals.filter.rottingOnly": "Só parados",
  "deals.filter.notRotting": "Não parados",
  "deals.filter.clear": "Limpar filtros",

  "deals.list.caption": "Negócios",
  "deals.list.owner": "Responsável",
  "deals.list.status": "Situação",
  "deals.list.updatedAt": "Última alteração",
  "deals.list.lostReason": "Perdido: {reason}",
  "deals.list.noContact": "Sem contato",
  "deals.list.total": "Total dos negócios filtrados",
  "deals.list.count.one": "{count} negócio",
  "deals.list.count.other": "{count} negócios",
  "deals.noMatch.title": "Nenhum negócio com esses filtros",
  "deals.noMatch.description": "Tente outra situação, responsável ou etapa, ou limpe os filtros.",
  "deals.board.noMatch": "Nenhum negócio aberto deste funil corresponde ao filtro de responsável.",
  "deals.search.label": "Buscar negócios",
  "deals.search.placeholder": "Título, contato ou empresa",
  "deals.search.noMatch": "Nenhum negócio corresponde a “{search}”",
  "deals.search.noMatchHint": "Busque parte do título, do nome do contato ou do nome da empresa.",
  "deals.search.clear": "Limpar busca",
};
