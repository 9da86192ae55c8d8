/**
 * Brazilian geography for the Olist-shaped generator: the 27 UFs with the real Olist
 * customer and seller counts per state (used as weights), and a few cities per state with
 * the 5-digit CEP prefix range each one owns and an approximate centre. Ranges never
 * overlap, so a zip prefix determines its city and state.
 */

export interface City {
  readonly name: string;
  /** Inclusive range of 5-digit zip prefixes owned by the city. */
  readonly zipLo: number;
  readonly zipHi: number;
  readonly lat: number;
  readonly lng: number;
  /** Relative weight inside the state (roughly population, in thousands). */
  readonly weight: number;
}

export interface State {
  readonly uf: string;
  readonly name: string;
  /** Customers per state in the real data (99,441 in all). */
  readonly customers: number;
  /** Sellers per state in the real data (3,095 in all). */
  readonly sellers: number;
  readonly cities: readonly City[];
}

type CityRow = readonly [name: string, zipLo: number, zipHi: number, lat: number, lng: number, weight: number];

function state(uf: string, name: string, customers: number, sellers: number, rows: readonly CityRow[]): State {
  return {
    uf,
    name,
    customers,
    sellers,
    cities: rows.map(([cityName, zipLo, zipHi, lat, lng, weight]) => ({ name: cityName, zipLo, zipHi, lat, lng, weight })),
  };
}

export const STATES: readonly State[] = [
  state('SP', 'sao paulo', 41746, 1849, [
    ['sao paulo', 1000, 5899, -23.55, -46.63, 6000],
    ['osasco', 6000, 6299, -23.53, -46.79, 400],
    ['carapicuiba', 6300, 6399, -23.52, -46.84, 200],
    ['barueri', 6400, 6499, -23.51, -46.88, 250],
    ['cotia', 6700, 6729, -23.6, -46.92, 120],
    ['taboao da serra', 6750, 6799, -23.61, -46.76, 150],
    ['guarulhos', 7000, 7399, -23.46, -46.53, 700],
    ['itaquaquecetuba', 8570, 8599, -23.48, -46.35, 150],
    ['suzano', 8600, 8699, -23.54, -46.31, 150],
    ['mogi das cruzes', 8700, 8899, -23.52, -46.19, 250],
    ['santo andre', 9000, 9299, -23.66, -46.53, 450],
    ['maua', 9300, 9399, -23.67, -46.46, 200],
    ['sao caetano do sul', 9500, 9599, -23.62, -46.55, 160],
    ['sao bernardo do campo', 9600, 9899, -23.69, -46.56, 450],
    ['diadema', 9900, 9999, -23.69, -46.62, 200],
    ['santos', 11000, 11099, -23.96, -46.33, 350],
    ['sao vicente', 11300, 11399, -23.96, -46.39, 150],
    ['guaruja', 11400, 11499, -23.99, -46.26, 120],
    ['praia grande', 11700, 11729, -24.01, -46.41, 150],
    ['taubate', 12000, 12099, -23.03, -45.56, 160],
    ['sao jose dos campos', 12200, 12248, -23.18, -45.88, 400],
    ['braganca paulista', 12900, 12929, -22.95, -46.54, 90],
    ['atibaia', 12940, 12954, -23.12, -46.55, 80],
    ['campinas', 13000, 13139, -22.91, -47.06, 600],
    ['jundiai', 13200, 13219, -23.19, -46.88, 250],
    ['indaiatuba', 13330, 13349, -23.09, -47.22, 120],
    ['piracicaba', 13400, 13427, -22.73, -47.65, 200],
    ['americana', 13465, 13479, -22.74, -47.33, 120],
    ['limeira', 13480, 13489, -22.56, -47.4, 150],
    ['rio claro', 13500, 13509, -22.41, -47.56, 100],
    ['sao carlos', 13560, 13579, -22.01, -47.89, 120],
    ['mogi guacu', 13840, 13849, -22.37, -46.94, 70],
    ['ribeirao preto', 14000, 14114, -21.18, -47.81, 350],
    ['franca', 14400, 14414, -20.54, -47.4, 180],
    ['araraquara', 14800, 14811, -21.79, -48.18, 120],
    ['ibitinga', 14940, 14949, -21.76, -48.83, 25],
    ['sao jose do rio preto', 15000, 15099, -20.82, -49.38, 250],
    ['bauru', 17000, 17099, -22.32, -49.07, 200],
    ['marilia', 17500, 17539, -22.21, -49.95, 120],
    ['sorocaba', 18000, 18109, -23.5, -47.46, 350],
    ['presidente prudente', 19000, 19099, -22.12, -51.39, 120],
  ]),
  state('RJ', 'rio de janeiro', 12852, 171, [
    ['rio de janeiro', 20000, 23799, -22.91, -43.2, 6000],
    ['niteroi', 24000, 24399, -22.88, -43.1, 500],
    ['sao goncalo', 24400, 24799, -22.83, -43.05, 450],
    ['duque de caxias', 25000, 25299, -22.79, -43.31, 400],
    ['petropolis', 25600, 25799, -22.51, -43.18, 180],
    ['nova iguacu', 26000, 26099, -22.76, -43.45, 400],
    ['volta redonda', 27200, 27299, -22.52, -44.1, 150],
    ['macae', 27900, 27999, -22.37, -41.78, 120],
    ['campos dos goytacazes', 28000, 28099, -21.75, -41.32, 200],
  ]),
  state('MG', 'minas gerais', 11635, 244, [
    ['belo horizonte', 30000, 31999, -19.92, -43.94, 2500],
    ['contagem', 32000, 32399, -19.93, -44.05, 450],
    ['betim', 32600, 32699, -19.97, -44.2, 300],
    ['governador valadares', 35000, 35099, -18.85, -41.95, 200],
    ['ipatinga', 35160, 35164, -19.47, -42.54, 200],
    ['divinopolis', 35500, 35509, -20.14, -44.89, 180],
    ['juiz de fora', 36000, 36099, -21.76, -43.35, 450],
    ['pocos de caldas', 37700, 37719, -21.79, -46.56, 130],
    ['uberaba', 38000, 38099, -19.75, -47.93, 250],
    ['uberlandia', 38400, 38419, -18.92, -48.28, 500],
    ['montes claros', 39400, 39409, -16.73, -43.86, 300],
  ]),
  state('ES', 'espirito santo', 2033, 23, [
    ['vitoria', 29000, 29099, -20.32, -40.34, 300],
    ['vila velha', 29100, 29129, -20.33, -40.29, 400],
    ['cariacica', 29140, 29159, -20.26, -40.42, 300],
    ['serra', 29160, 29179, -20.13, -40.31, 350],
    ['cachoeiro de itapemirim', 29300, 29319, -20.85, -41.11, 150],
  ]),
  state('BA', 'bahia', 3380, 19, [
    ['salvador', 40000, 42499, -12.97, -38.5, 2500],
    ['lauro de freitas', 42700, 42749, -12.89, -38.33, 150],
    ['camacari', 42800, 42849, -12.7, -38.32, 250],
    ['feira de santana', 44000, 44099, -12.27, -38.97, 550],
    ['vitoria da conquista', 45000, 45099, -14.86, -40.84, 300],
    ['itabuna', 45600, 45609, -14.79, -39.28, 200],
    ['ilheus', 45650, 45669, -14.79, -39.05, 160],
  ]),
  state('SE', 'sergipe', 350, 2, [
    ['aracaju', 49000, 49099, -10.91, -37.07, 600],
    ['nossa senhora do socorro', 49160, 49169, -10.86, -37.12, 150],
    ['lagarto', 49400, 49409, -10.92, -37.65, 100],
  ]),
  state('PE', 'pernambuco', 1652, 9, [
    ['recife', 50000, 52999, -8.05, -34.88, 1600],
    ['olinda', 53000, 53399, -8.01, -34.85, 380],
    ['paulista', 53400, 53499, -7.94, -34.87, 320],
    ['jaboatao dos guararapes', 54000, 54499, -8.11, -35.01, 680],
    ['caruaru', 55000, 55099, -8.28, -35.97, 350],
    ['petrolina', 56300, 56339, -9.39, -40.5, 340],
  ]),
  state('AL', 'alagoas', 413, 0, [
    ['maceio', 57000, 57099, -9.67, -35.74, 1000],
    ['arapiraca', 57300, 57319, -9.75, -36.66, 230],
  ]),
  state('PB', 'paraiba', 536, 6, [
    ['joao pessoa', 58000, 58099, -7.12, -34.86, 800],
    ['campina grande', 58400, 58449, -7.23, -35.88, 400],
  ]),
  state('RN', 'rio grande do norte', 485, 5, [
    ['natal', 59000, 59139, -5.79, -35.21, 890],
    ['parnamirim', 59140, 59159, -5.92, -35.26, 260],
    ['mossoro', 59600, 59649, -5.19, -37.34, 300],
  ]),
  state('CE', 'ceara', 1336, 13, [
    ['fortaleza', 60000, 61599, -3.73, -38.53, 2600],
    ['caucaia', 61600, 61699, -3.74, -38.66, 360],
    ['sobral', 62000, 62099, -3.69, -40.35, 200],
    ['juazeiro do norte', 63000, 63099, -7.21, -39.32, 270],
  ]),
  state('PI', 'piaui', 495, 1, [
    ['teresina', 64000, 64099, -5.09, -42.8, 860],
    ['parnaiba', 64200, 64219, -2.9, -41.78, 150],
  ]),
  state('MA', 'maranhao', 747, 1, [
    ['sao luis', 65000, 65109, -2.53, -44.3, 1100],
    ['imperatriz', 65900, 65919, -5.52, -47.49, 250],
  ]),
  state('PA', 'para', 975, 1, [
    ['belem', 66000, 66999, -1.46, -48.49, 1500],
    ['ananindeua', 67000, 67199, -1.37, -48.37, 500],
    ['santarem', 68000, 68099, -2.44, -54.71, 300],
    ['maraba', 68500, 68509, -5.37, -49.12, 280],
  ]),
  state('AP', 'amapa', 68, 0, [
    ['macapa', 68900, 68924, 0.03, -51.07, 500],
    ['santana', 68925, 68929, -0.06, -51.17, 120],
  ]),
  state('AM', 'amazonas', 148, 1, [
    ['manaus', 69000, 69099, -3.12, -60.02, 2100],
    ['parintins', 69150, 69159, -2.63, -56.74, 110],
  ]),
  state('RR', 'roraima', 46, 0, [['boa vista', 69300, 69339, 2.82, -60.67, 400]]),
  state('AC', 'acre', 81, 1, [
    ['rio branco', 69900, 69924, -9.97, -67.81, 400],
    ['cruzeiro do sul', 69980, 69984, -7.63, -72.67, 90],
  ]),
  state('DF', 'distrito federal', 2140, 30, [['brasilia', 70000, 72799, -15.79, -47.88, 3000]]),
  state('GO', 'goias', 2020, 40, [
    ['luziania', 72800, 72899, -16.25, -47.95, 200],
    ['goiania', 74000, 74899, -16.68, -49.25, 1500],
    ['aparecida de goiania', 74900, 74999, -16.82, -49.24, 550],
    ['anapolis', 75000, 75149, -16.33, -48.95, 380],
    ['rio verde', 75900, 75909, -17.79, -50.92, 230],
  ]),
  state('TO', 'tocantins', 280, 0, [
    ['palmas', 77000, 77299, -10.18, -48.33, 300],
    ['araguaina', 77800, 77829, -7.19, -48.21, 180],
  ]),
  state('RO', 'rondonia', 253, 2, [
    ['porto velho', 76800, 76849, -8.76, -63.9, 520],
    ['ariquemes', 76870, 76879, -9.91, -63.04, 110],
    ['ji-parana', 76900, 76919, -10.88, -61.95, 130],
  ]),
  state('MT', 'mato grosso', 907, 4, [
    ['cuiaba', 78000, 78099, -15.6, -56.1, 600],
    ['varzea grande', 78110, 78159, -15.65, -56.13, 280],
    ['sinop', 78550, 78559, -11.86, -55.5, 140],
    ['rondonopolis', 78700, 78799, -16.47, -54.64, 230],
  ]),
  state('MS', 'mato grosso do sul', 715, 5, [
    ['campo grande', 79000, 79129, -20.47, -54.62, 900],
    ['tres lagoas', 79600, 79649, -20.79, -51.7, 120],
    ['dourados', 79800, 79849, -22.22, -54.81, 220],
  ]),
  state('PR', 'parana', 5045, 349, [
    ['curitiba', 80000, 82999, -25.43, -49.27, 1900],
    ['sao jose dos pinhais', 83000, 83099, -25.53, -49.21, 320],
    ['ponta grossa', 84000, 84099, -25.09, -50.16, 350],
    ['cascavel', 85800, 85819, -24.96, -53.46, 320],
    ['foz do iguacu', 85850, 85869, -25.55, -54.59, 260],
    ['londrina', 86000, 86099, -23.31, -51.16, 560],
    ['maringa', 87000, 87099, -23.42, -51.94, 420],
  ]),
  state('SC', 'santa catarina', 3637, 190, [
    ['florianopolis', 88000, 88099, -27.6, -48.55, 500],
    ['sao jose', 88100, 88124, -27.61, -48.63, 240],
    ['itajai', 88300, 88319, -26.91, -48.66, 220],
    ['balneario camboriu', 88330, 88339, -26.99, -48.63, 140],
    ['criciuma', 88800, 88819, -28.68, -49.37, 210],
    ['blumenau', 89000, 89099, -26.92, -49.07, 360],
    ['joinville', 89200, 89239, -26.3, -48.85, 590],
    ['jaragua do sul', 89250, 89269, -26.49, -49.07, 180],
    ['chapeco', 89800, 89819, -27.1, -52.62, 220],
  ]),
  state('RS', 'rio grande do sul', 5466, 129, [
    ['porto alegre', 90000, 91999, -30.03, -51.23, 1500],
    ['canoas', 92000, 92479, -29.92, -51.18, 340],
    ['novo hamburgo', 93300, 93599, -29.68, -51.13, 250],
    ['gravatai', 94000, 94199, -29.94, -50.99, 280],
    ['caxias do sul', 95000, 95099, -29.17, -51.18, 500],
    ['pelotas', 96000, 96099, -31.77, -52.34, 340],
    ['santa maria', 97000, 97119, -29.68, -53.81, 280],
    ['passo fundo', 99000, 99099, -28.26, -52.41, 200],
  ]),
];

/** Brazil's bounding box; the geolocation file has a few dozen points outside it. */
export const BRAZIL_BOUNDS = { latMin: -34, latMax: 6, lngMin: -74, lngMax: -34 } as const;

/** A zip prefix as the files print it: five digits, leading zeros kept. */
export function formatZip(zip: number): string {
  return zip < 10000 ? String(zip).padStart(5, '0') : String(zip);
}

/** City spread (degrees) around its centre, for zip-prefix centres. */
export function citySpread(city: City): number {
  return Math.min(0.12, 0.015 + Math.sqrt(city.zipHi - city.zipLo + 1) * 0.0018);
}

/** Places far outside Brazil that real geolocation rows point to (bad geocodes). */
export const OUTSIDE_BRAZIL_POINTS: ReadonlyArray<readonly [lat: number, lng: number]> = [
  [41.15, -8.61], // Porto, Portugal
  [38.72, -9.14], // Lisbon, Portugal
  [42.88, -8.54], // Santiago de Compostela, Spain
  [28.0, -15.4], // Canary Islands
  [23.55, 46.63], // sign-flipped Sao Paulo
  [13.0, -60.0], // Caribbean
];

const ACCENTED_CITY_NAMES: Readonly<Record<string, string>> = {
  'sao paulo': 'são paulo',
  'sao jose dos campos': 'são josé dos campos',
  'sao bernardo do campo': 'são bernardo do campo',
  'ribeirao preto': 'ribeirão preto',
  'santo andre': 'santo andré',
  jundiai: 'jundiaí',
  niteroi: 'niterói',
  brasilia: 'brasília',
  goiania: 'goiânia',
  maringa: 'maringá',
  florianopolis: 'florianópolis',
  uberlandia: 'uberlândia',
  belem: 'belém',
  'sao luis': 'são luís',
  maceio: 'maceió',
  cuiaba: 'cuiabá',
  'joao pessoa': 'joão pessoa',
  vitoria: 'vitória',
};

/** The accented spelling some rows use instead of the plain ASCII one, if any. */
export function accentedCityName(name: string): string | undefined {
  return ACCENTED_CITY_NAMES[name];
}
