/**
 * Okabe & Ito's palette (2008), chosen because its colours stay apart for the common
 * colour-vision deficiencies, unlike tableau10 or category10 whose red/green and
 * orange/brown pairs merge. Selection is never shown by colour alone: a dimmed bar also
 * loses contrast and the selected one gets an outline.
 */
export const OKABE_ITO = {
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  green: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  purple: '#CC79A7',
  grey: '#999999',
} as const;

/** The outline of the selected mark: the page's text colour. */
export const SELECTED_STROKE = '#1d2733';
