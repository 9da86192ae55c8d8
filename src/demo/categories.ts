/**
 * Olist product categories: the 71 rows of Kaggle's product_category_name_translation.csv
 * (in the file's order) plus the two Portuguese names that products use but the
 * translation table lacks. The third value is how many of the 32,951 real products carry
 * the category, used as a sampling weight.
 */

export interface Category {
  /** Portuguese name as it appears in olist_products_dataset.csv. */
  readonly name: string;
  /** English name from the translation table (or our own for the two missing ones). */
  readonly english: string;
  /** Number of real products in the category (sampling weight). */
  readonly products: number;
  /** False for the two categories absent from the translation file. */
  readonly inTranslationTable: boolean;
}

const TRANSLATED: ReadonlyArray<readonly [string, string, number]> = [
  ['beleza_saude', 'health_beauty', 2444],
  ['informatica_acessorios', 'computers_accessories', 1639],
  ['automotivo', 'auto', 1900],
  ['cama_mesa_banho', 'bed_bath_table', 3029],
  ['moveis_decoracao', 'furniture_decor', 2657],
  ['esporte_lazer', 'sports_leisure', 2867],
  ['perfumaria', 'perfumery', 868],
  ['utilidades_domesticas', 'housewares', 2335],
  ['telefonia', 'telephony', 1134],
  ['relogios_presentes', 'watches_gifts', 1329],
  ['alimentos_bebidas', 'food_drink', 104],
  ['bebes', 'baby', 919],
  ['papelaria', 'stationery', 849],
  ['tablets_impressao_imagem', 'tablets_printing_image', 9],
  ['brinquedos', 'toys', 1411],
  ['telefonia_fixa', 'fixed_telephony', 116],
  ['ferramentas_jardim', 'garden_tools', 753],
  ['fashion_bolsas_e_acessorios', 'fashion_bags_accessories', 849],
  ['eletroportateis', 'small_appliances', 231],
  ['consoles_games', 'consoles_games', 317],
  ['audio', 'audio', 58],
  ['fashion_calcados', 'fashion_shoes', 173],
  ['cool_stuff', 'cool_stuff', 789],
  ['malas_acessorios', 'luggage_accessories', 349],
  ['climatizacao', 'air_conditioning', 124],
  ['construcao_ferramentas_construcao', 'construction_tools_construction', 400],
  ['moveis_cozinha_area_de_servico_jantar_e_jardim', 'kitchen_dining_laundry_garden_furniture', 94],
  ['construcao_ferramentas_jardim', 'costruction_tools_garden', 88],
  ['fashion_roupa_masculina', 'fashion_male_clothing', 95],
  ['pet_shop', 'pet_shop', 719],
  ['moveis_escritorio', 'office_furniture', 309],
  ['market_place', 'market_place', 104],
  ['eletronicos', 'electronics', 517],
  ['eletrodomesticos', 'home_appliances', 370],
  ['artigos_de_festas', 'party_supplies', 26],
  ['casa_conforto', 'home_confort', 111],
  ['construcao_ferramentas_ferramentas', 'costruction_tools_tools', 39],
  ['agro_industria_e_comercio', 'agro_industry_and_commerce', 74],
  ['moveis_colchao_e_estofado', 'furniture_mattress_and_upholstery', 10],
  ['livros_tecnicos', 'books_technical', 123],
  ['casa_construcao', 'home_construction', 225],
  ['instrumentos_musicais', 'musical_instruments', 289],
  ['moveis_sala', 'furniture_living_room', 156],
  ['construcao_ferramentas_iluminacao', 'construction_tools_lights', 78],
  ['industria_comercio_e_negocios', 'industry_commerce_and_business', 68],
  ['alimentos', 'food', 82],
  ['artes', 'art', 55],
  ['moveis_quarto', 'furniture_bedroom', 45],
  ['livros_interesse_geral', 'books_general_interest', 216],
  ['construcao_ferramentas_seguranca', 'construction_tools_safety', 91],
  ['fashion_underwear_e_moda_praia', 'fashion_underwear_beach', 53],
  ['fashion_esporte', 'fashion_sport', 19],
  ['sinalizacao_e_seguranca', 'signaling_and_security', 93],
  ['pcs', 'computers', 30],
  ['artigos_de_natal', 'christmas_supplies', 65],
  ['fashion_roupa_feminina', 'fashio_female_clothing', 27],
  ['eletrodomesticos_2', 'home_appliances_2', 90],
  ['livros_importados', 'books_imported', 31],
  ['bebidas', 'drinks', 81],
  ['cine_foto', 'cine_photo', 28],
  ['la_cuisine', 'la_cuisine', 10],
  ['musica', 'music', 27],
  ['casa_conforto_2', 'home_comfort_2', 5],
  ['portateis_casa_forno_e_cafe', 'small_appliances_home_oven_and_coffee', 31],
  ['cds_dvds_musicais', 'cds_dvds_musicals', 1],
  ['dvds_blu_ray', 'dvds_blu_ray', 48],
  ['flores', 'flowers', 14],
  ['artes_e_artesanato', 'arts_and_craftmanship', 19],
  ['fraldas_higiene', 'diapers_and_hygiene', 12],
  ['fashion_roupa_infanto_juvenil', 'fashion_childrens_clothes', 5],
  ['seguros_e_servicos', 'security_and_services', 2],
];

const UNTRANSLATED: ReadonlyArray<readonly [string, string, number]> = [
  ['pc_gamer', 'pc_gamer', 3],
  ['portateis_cozinha_e_preparadores_de_alimentos', 'kitchen_portables_and_food_preparers', 10],
];

export const CATEGORIES: readonly Category[] = [
  ...TRANSLATED.map(([name, english, products]) => ({ name, english, products, inTranslationTable: true })),
  ...UNTRANSLATED.map(([name, english, products]) => ({ name, english, products, inTranslationTable: false })),
];

/** The categories that products use but product_category_name_translation.csv lacks. */
export const UNTRANSLATED_CATEGORIES: readonly string[] = UNTRANSLATED.map(([name]) => name);

/** Real number of products with an empty category (out of 32,951). */
export const REAL_PRODUCTS_WITHOUT_CATEGORY = 610;
