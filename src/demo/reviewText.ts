/**
 * Portuguese review snippets for the generated reviews (written for the generator, in the
 * style of the real comments: short, informal, sometimes over several lines, sometimes with
 * quotes; store names anonymised as Game of Thrones houses like the real data).
 */
import type { Random } from './random';

const TITLES_GOOD = [
  'recomendo', 'Super recomendo', 'Ótimo', 'Excelente', 'Muito bom', 'Produto ótimo', 'Adorei', 'Perfeito',
  'Recomendo!', 'Entrega rápida', 'Satisfeito', 'Nota dez', 'Top', 'Amei', 'Chegou antes do prazo',
];
const TITLES_MIDDLE = ['Bom', 'Razoável', 'Ok', 'Poderia ser melhor', 'Regular', 'Mais ou menos', 'Atendeu'];
const TITLES_BAD = [
  'Não recebi', 'Não chegou meu produto', 'Péssimo', 'Produto errado', 'Atraso na entrega', 'Decepcionado',
  'Não recomendo', 'Produto com defeito', 'Veio faltando', 'Horrível',
];
/** Titles that start with a digit (307 in the real file): quoted like ids. */
const TITLES_NUMERIC = ['10', '5', '100', '1000', '10/10', '5 estrelas', '100% satisfeito'];

const GOOD = [
  'Recebi bem antes do prazo estipulado.',
  'Produto de ótima qualidade, chegou antes do prazo.',
  'Parabéns lojas lannister adorei comprar pela Internet seguro e prático',
  'Entrega rápida e produto conforme o anunciado.',
  'Muito bom, recomendo!',
  'Gostei muito do produto, veio bem embalado.',
  'Chegou tudo certinho, obrigado.',
  'Excelente vendedor, super recomendo.',
  'Produto exatamente como na foto.',
  'Comprei para presente e a pessoa adorou.',
  'Ótimo custo benefício',
  'Loja stark sempre cumpre o prazo',
  'Tudo ok',
];
const MIDDLE = [
  'O produto é bom, mas a entrega demorou um pouco.',
  'Veio conforme a descrição, mas a embalagem estava amassada.',
  'Razoável pelo preço.',
  'Achei a qualidade mediana.',
  'Bom produto, porém menor do que eu esperava.',
  'A cor é um pouco diferente da foto',
  'Chegou no prazo, ainda não testei.',
];
const BAD = [
  'Ainda não recebi o produto e o prazo já passou.',
  'Comprei dois itens e só recebi um.',
  'Produto veio com defeito, quero a troca.',
  'Péssimo atendimento, não respondem as mensagens.',
  'Recebi um produto diferente do que comprei.',
  'A entrega atrasou muito, não compro mais na loja targaryen.',
  'Não recomendo, o produto quebrou na primeira semana.',
  'Estou aguardando o reembolso até hoje',
];
/** Snippets with embedded double quotes (escaped as "" in the file). */
const QUOTED = [
  'Veio escrito "original" na caixa, mas não parece original.',
  'O anúncio dizia "pronta entrega" e demorou vinte dias.',
  'Produto "top", chegou antes do prazo!',
  'Na nota fiscal aparece "produto de teste", não entendi.',
];

export type Mood = 'good' | 'middle' | 'bad';

export function moodOf(score: number): Mood {
  return score >= 4 ? 'good' : score === 3 ? 'middle' : 'bad';
}

export function reviewTitle(r: Random, mood: Mood): string {
  if (r.chance(0.027)) return r.pick(TITLES_NUMERIC);
  return r.pick(mood === 'good' ? TITLES_GOOD : mood === 'middle' ? TITLES_MIDDLE : TITLES_BAD);
}

function snippet(r: Random, mood: Mood): string {
  return r.pick(mood === 'good' ? GOOD : mood === 'middle' ? MIDDLE : BAD);
}

export interface MessageOptions {
  multiline?: boolean;
  quoted?: boolean;
}

/**
 * A review message. Multi-line messages join snippets with CRLF (mostly) or LF, as the
 * real comments do; quoted ones embed double quotes.
 */
export function reviewMessage(r: Random, mood: Mood, options: MessageOptions = {}): string {
  const multiline = options.multiline ?? r.chance(0.094);
  const quoted = options.quoted ?? r.chance(0.012);
  const parts = [quoted ? r.pick(QUOTED) : snippet(r, mood)];
  if (multiline) {
    const more = r.int(1, 2);
    for (let k = 0; k < more; k++) parts.push(snippet(r, mood));
    return parts.join(r.chance(0.7) ? '\r\n' : '\n');
  }
  if (r.chance(0.2)) parts.push(snippet(r, mood));
  return parts.join(' ');
}
