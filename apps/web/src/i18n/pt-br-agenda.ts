import type { agendaEn } from "./en-agenda";
import type { TranslationOf } from "./translate";

export const agendaPtBr: TranslationOf<typeof agendaEn> = {
  "nav.activities": "Atividades",
  "agenda.title": "Atividades",
  "agenda.description": "Tarefas, ligações e reuniões com prazo nos seus negócios.",
  "agenda.filter.owner": "De quem",
  "agenda.filter.mine": "Meus negócios",
  "agenda.filter.everyone": "Negócios de todos",
  "agenda.filter.type": "Tipo",
  "agenda.filter.anyType": "Qualquer tipo",
  "agenda.group.overdue": "Atrasadas",
  "agenda.group.today": "Hoje",
  "agenda.group.upcoming": "Próximas",
  "agenda.group.empty.overdue": "Nada atrasado.",
  "agenda.group.empty.today": "Nada mais para hoje.",
  "agenda.group.empty.upcoming": "Nada agendado depois de hoje.",
  "agenda.item.deal": "Negócio: {title}",
  "agenda.item.closedDeal": "O negócio está encerrado: a atividade ficou pendente, não atrasada.",
  "agenda.card.overdue": "Atividade atrasada",
  "agenda.card.overdueHint": "Uma tarefa, ligação ou reunião venceu em {date}",
  "agenda.card.next": "Próxima atividade {date}",
};
