import type { OrganisationKind, RoleKind } from '../schema.ts';

// The demo network: a national office, five affiliate centers in different regions, the schools
// they coach, community partners, and the people who work in them. Names of schools and people
// are invented; cities, states and ZIP codes are real. Phone numbers use the 555-01xx range kept
// for fiction, email addresses the reserved .invalid and example.org domains, and NCES IDs have
// the real 12-digit shape (state FIPS, district, school) with made-up district numbers.

export const DEMO_PASSWORD = 'demo-password-2026';
export const DEMO_DOMAIN = 'demo.coalition.invalid';

/** The accounts the docs and the `serve --demo` log point people to. All share DEMO_PASSWORD. */
export const DEMO_ACCOUNTS = [
  { email: `admin@${DEMO_DOMAIN}`, what: 'network admin at the national office' },
  { email: `director@${DEMO_DOMAIN}`, what: 'center director, Bay Area Coalition of Essential Small Schools' },
  { email: `coach@${DEMO_DOMAIN}`, what: 'center coach, Bay Area Coalition of Essential Small Schools' },
  { email: `leader@${DEMO_DOMAIN}`, what: 'school leader, Mission Hill Academy' },
  { email: `staff@${DEMO_DOMAIN}`, what: 'school staff, Mission Hill Academy' },
  { email: `partner@${DEMO_DOMAIN}`, what: 'partner staff, Alliance for Community Schools' },
] as const;

export interface DemoOrganisation {
  slug: string;
  name: string;
  kind: OrganisationKind;
  description: string;
  address: string;
  city: string;
  state: string;
  zip: string;
  region: string;
  phone: string;
  lat: number;
  lon: number;
  /** Slug of the affiliate center a school belongs to. */
  center?: string;
  grades?: [string, string];
  enrolment?: number;
  nces?: string;
  contactPublic?: boolean;
  /** Common Principles the school focuses on, "1,3,7" (applied by the directory's demo seed). */
  principlesFocus?: string;
}

export interface DemoPerson {
  name: string;
  /** Local part of the email; defaults to first.last. */
  email?: string;
  locale?: 'en' | 'es';
  roles: [RoleKind, string, string][];
}

const NATIONAL: DemoOrganisation = {
  slug: 'national-office',
  name: 'Coalition of Essential Schools — National Office',
  kind: 'national_office',
  description:
    'The national office connects the network: it affiliates schools, centers, partners and individuals, convenes the annual Fall Forum, keeps the Common Principles and Benchmarks, and speaks for personalized, equitable and intellectually vibrant public schools.',
  address: '1330 Broadway, Suite 600',
  city: 'Oakland',
  state: 'CA',
  zip: '94612',
  region: 'National',
  phone: '510-555-0100',
  lat: 37.8044,
  lon: -122.2712,
  contactPublic: true,
};

const CENTERS: DemoOrganisation[] = [
  {
    slug: 'bay-area-coalition-of-essential-small-schools',
    name: 'Bay Area Coalition of Essential Small Schools',
    kind: 'affiliate_center',
    description:
      'An affiliate center serving new and existing small schools in San Francisco and the East Bay with coaching, technical assistance and professional development focused on equity, inquiry and achievement. We define educational equity by results: equal and excellent outcomes for every student, measured on authentic data.',
    address: '1663 Mission Street, Suite 310',
    city: 'San Francisco',
    state: 'CA',
    zip: '94103',
    region: 'West',
    phone: '415-555-0121',
    lat: 37.7712,
    lon: -122.4197,
    contactPublic: true,
  },
  {
    slug: 'northeast-center-for-essential-schools',
    name: 'Northeast Center for Essential Schools',
    kind: 'affiliate_center',
    description:
      'Supports essential schools across Rhode Island, Massachusetts and Connecticut with leadership coaching, critical friends groups and help designing exhibitions and portfolios.',
    address: '75 Westminster Street, 4th Floor',
    city: 'Providence',
    state: 'RI',
    zip: '02903',
    region: 'Northeast',
    phone: '401-555-0132',
    lat: 41.8240,
    lon: -71.4128,
    contactPublic: true,
  },
  {
    slug: 'chicago-essential-schools-collaborative',
    name: 'Chicago Essential Schools Collaborative',
    kind: 'affiliate_center',
    description:
      'Works with small and converting high schools in Chicago and its suburbs on advisory, personalization and teacher teams that share responsibility for a group of students.',
    address: '220 South State Street, Suite 1400',
    city: 'Chicago',
    state: 'IL',
    zip: '60604',
    region: 'Midwest',
    phone: '312-555-0143',
    lat: 41.8789,
    lon: -87.6275,
    contactPublic: true,
  },
  {
    slug: 'southwest-center-for-personalized-learning',
    name: 'Southwest Center for Personalized Learning',
    kind: 'affiliate_center',
    description:
      'Coaches bilingual and rural schools in New Mexico and Arizona; its institutes help teachers plan for student-as-worker classrooms and demonstrations of mastery in two languages.',
    address: '500 Marquette Avenue NW, Suite 900',
    city: 'Albuquerque',
    state: 'NM',
    zip: '87102',
    region: 'Southwest',
    phone: '505-555-0154',
    lat: 35.0870,
    lon: -106.6510,
  },
  {
    slug: 'capital-region-community-schools-center',
    name: 'Capital Region Community Schools Center',
    kind: 'affiliate_center',
    description:
      'Helps schools in Washington, D.C. and Maryland become community schools: partners share resources and accountability for results agreed with families, and each school is a hub for its neighborhood.',
    address: '1100 New Jersey Avenue SE, Suite 500',
    city: 'Washington',
    state: 'DC',
    zip: '20003',
    region: 'Mid-Atlantic',
    phone: '202-555-0165',
    lat: 38.8769,
    lon: -77.0037,
    contactPublic: true,
  },
];

const BAY = CENTERS[0]!.slug;
const NE = CENTERS[1]!.slug;
const CHI = CENTERS[2]!.slug;
const SW = CENTERS[3]!.slug;
const CAP = CENTERS[4]!.slug;

type SchoolRow = [name: string, center: string, address: string, city: string, state: string, zip: string, grades: [string, string], enrolment: number, nces: string | null, lat: number, lon: number, phone: string, description: string, contactPublic?: boolean];

const SCHOOL_ROWS: SchoolRow[] = [
  ['Mission Hill Academy', BAY, '3125 Folsom Street', 'San Francisco', 'CA', '94110', ['9', '12'], 384, '069990100101', 37.7470, -122.4140, '415-555-0101', 'A small high school where every student has an advisor for four years and graduates by presenting a portfolio to a panel of teachers and community members.', true],
  ['Bayview Community High School', BAY, '1601 Oakdale Avenue', 'San Francisco', 'CA', '94124', ['9', '12'], 312, '069990100102', 37.7327, -122.3886, '415-555-0102', 'Project-based learning rooted in the Bayview–Hunters Point community, with internships at local businesses and health clinics.', true],
  ['Excelsior Middle School of Inquiry', BAY, '450 Ocean Avenue', 'San Francisco', 'CA', '94112', ['6', '8'], 421, '069990100103', 37.7235, -122.4420, '415-555-0103', 'Teams of four teachers share 80 students each, and every unit begins with an essential question students help to write.'],
  ['Fruitvale Essential High School', BAY, '3301 East 12th Street', 'Oakland', 'CA', '94601', ['9', '12'], 289, '069990200104', 37.7765, -122.2240, '510-555-0104', 'A bilingual small school in the Fruitvale district; students defend senior exhibitions in English or Spanish.', true],
  ['Lake Merritt International Academy', BAY, '1250 East 18th Street', 'Oakland', 'CA', '94606', ['9', '12'], 356, null, 37.7990, -122.2490, '510-555-0105', 'Serves recently arrived immigrant students with language-rich, interdisciplinary teams and a strong advisory program.'],
  ['Richmond Harbor School', BAY, '1000 Harbour Way South', 'Richmond', 'CA', '94804', ['6', '12'], 468, '069990300106', 37.9140, -122.3530, '510-555-0106', 'A 6–12 school that keeps students with the same advisor for three years and uses the bay shoreline as a science lab.'],
  ['Federal Hill Essential School', NE, '90 Atwells Avenue', 'Providence', 'RI', '02903', ['9', '12'], 298, '449990100201', 41.8217, -71.4262, '401-555-0111', 'Students learn to use their minds well through fewer, deeper courses and graduate by exhibition.', true],
  ['Fox Point Middle School', NE, '455 Wickenden Street', 'Providence', 'RI', '02906', ['6', '8'], 340, '449990100202', 41.8203, -71.3999, '401-555-0112', 'Looping teams keep students and teachers together for grades six through eight.'],
  ['Pawtucket Learning Collaborative', NE, '175 Main Street', 'Pawtucket', 'RI', '02860', ['9', '12'], 265, null, 41.8787, -71.3826, '401-555-0113', 'A public high school of choice built around internships and student-led conferences with families.'],
  ['Main South Academy', NE, '900 Main Street', 'Worcester', 'MA', '01610', ['7', '12'], 402, '259990100204', 42.2506, -71.8230, '508-555-0114', 'Partners with a neighboring university so every student takes a college course before graduating.'],
  ['Dorchester Community High School', NE, '1 Columbia Road', 'Boston', 'MA', '02124', ['9', '12'], 377, '259990200205', 42.3016, -71.0676, '617-555-0115', 'Advisory, exhibitions and a school-based health center run with community partners.', true],
  ['New Haven Inquiry School', NE, '130 Orchard Street', 'New Haven', 'CT', '06511', ['K', '8'], 512, '099990100206', 41.3103, -72.9390, '203-555-0116', 'A K–8 school where students keep portfolios from kindergarten on and present them each spring.'],
  ['Pilsen Community Academy', CHI, '1850 South Blue Island Avenue', 'Chicago', 'IL', '60608', ['9', '12'], 333, '179990100301', 41.8565, -87.6569, '312-555-0121', 'A neighborhood small school with advisory in English and Spanish and an arts partnership with local muralists.', true],
  ['Logan Square Essential High School', CHI, '2601 North Milwaukee Avenue', 'Chicago', 'IL', '60647', ['9', '12'], 410, '179990100302', 41.9283, -87.7070, '773-555-0122', 'Converted from a large comprehensive high school into three small learning communities sharing one building.'],
  ['Bronzeville Scholars Academy', CHI, '4300 South Cottage Grove Avenue', 'Chicago', 'IL', '60653', ['6', '12'], 455, '179990100303', 41.8160, -87.6065, '773-555-0123', 'Students research the history of their neighborhood and present their findings to community elders.'],
  ['Humboldt Park Small School', CHI, '1345 North California Avenue', 'Chicago', 'IL', '60622', ['K', '8'], 389, null, 41.9060, -87.6969, '773-555-0124', 'A K–8 school whose teachers meet weekly in critical friends groups to look at student work together.'],
  ['Evanston Lakeshore School', CHI, '1500 Chicago Avenue', 'Evanston', 'IL', '60201', ['6', '8'], 298, '179990200305', 42.0450, -87.6810, '847-555-0125', 'A middle school that replaced letter grades with standards-based reporting and student-led conferences.'],
  ['Barelas Community School', SW, '1001 Fourth Street SW', 'Albuquerque', 'NM', '87102', ['K', '8'], 344, '359990100401', 35.0730, -106.6530, '505-555-0131', 'A dual-language community school with a family center, a garden and an after-school program run with partners.', true],
  ['Nob Hill Essential High School', SW, '3500 Central Avenue SE', 'Albuquerque', 'NM', '87106', ['9', '12'], 367, '359990100402', 35.0800, -106.6040, '505-555-0132', 'Every senior completes a year-long project with a community mentor and defends it publicly.'],
  ['Santa Fe River Academy', SW, '1300 Agua Fria Street', 'Santa Fe', 'NM', '87505', ['6', '12'], 281, '359990200403', 35.6800, -105.9580, '505-555-0133', 'Small classes, a land-based science program along the Santa Fe River, and advisories that stay together for six years.'],
  ['Barrio Viejo High School', SW, '450 South Meyer Avenue', 'Tucson', 'AZ', '85701', ['9', '12'], 226, null, 32.2160, -110.9720, '520-555-0134', 'A small charter high school whose students graduate by exhibitions in both English and Spanish.'],
  ['Mesilla Valley Academy', SW, '1755 El Paseo Road', 'Las Cruces', 'NM', '88001', ['9', '12'], 318, '359990300405', 32.2940, -106.7650, '575-555-0135', 'An early-college high school where students earn up to two years of college credit.'],
  ['Columbia Heights Community School', CAP, '3101 Sixteenth Street NW', 'Washington', 'DC', '20010', ['PK', '5'], 436, '119990100501', 38.9300, -77.0370, '202-555-0141', 'An elementary community school with a health suite, adult English classes and a family resource center.', true],
  ['Anacostia Community High School', CAP, '1601 Sixteenth Street SE', 'Washington', 'DC', '20020', ['9', '12'], 392, '119990100502', 38.8660, -76.9830, '202-555-0142', 'Partners with a local university and a workforce program so every student graduates with a plan and a mentor.'],
  ['Takoma Park Community Middle School', CAP, '7611 Piney Branch Road', 'Takoma Park', 'MD', '20912', ['6', '8'], 515, '249990100503', 38.9780, -77.0080, '301-555-0143', 'A community middle school whose after-school clubs are run by parents and neighborhood organisations.'],
  ['Highlandtown Community School', CAP, '3223 East Pratt Street', 'Baltimore', 'MD', '21224', ['PK', '8'], 478, '249990200504', 39.2920, -76.5720, '410-555-0144', 'A pre-K–8 community school with a coordinator who brings partners, families and teachers to the same table.'],
];

const REGION_OF: Record<string, string> = Object.fromEntries(CENTERS.map((c) => [c.slug, c.region]));

const SCHOOLS: DemoOrganisation[] = SCHOOL_ROWS.map(([name, center, address, city, state, zip, grades, enrolment, nces, lat, lon, phone, description, contactPublic]) => ({
  slug: slugify(name),
  name,
  kind: 'school',
  description,
  address,
  city,
  state,
  zip,
  region: REGION_OF[center]!,
  phone,
  lat,
  lon,
  center,
  grades,
  enrolment,
  ...(nces && { nces }),
  contactPublic: !!contactPublic,
}));

const PARTNERS: DemoOrganisation[] = [
  {
    slug: 'alliance-for-community-schools',
    name: 'Alliance for Community Schools',
    kind: 'partner',
    description:
      'A national alliance of education, youth development, family support and health organisations promoting community schools, where partners share resources and hold one another accountable for results agreed with the community.',
    address: '1200 Eighteenth Street NW, Suite 700',
    city: 'Washington',
    state: 'DC',
    zip: '20036',
    region: 'National',
    phone: '202-555-0171',
    lat: 38.9060,
    lon: -77.0420,
    contactPublic: true,
  },
  {
    slug: 'bay-area-youth-arts-collaborative',
    name: 'Bay Area Youth Arts Collaborative',
    kind: 'partner',
    description: 'Teaching artists who co-plan units with teachers and run after-school studios in Oakland and San Francisco schools.',
    address: '1515 Webster Street',
    city: 'Oakland',
    state: 'CA',
    zip: '94612',
    region: 'West',
    phone: '510-555-0172',
    lat: 37.8060,
    lon: -122.2680,
    contactPublic: true,
  },
  {
    slug: 'lower-west-side-family-health-center',
    name: 'Lower West Side Family Health Center',
    kind: 'partner',
    description: 'Runs school-based health clinics and family counseling in partnership with Pilsen and Little Village schools.',
    address: '1640 West 18th Street',
    city: 'Chicago',
    state: 'IL',
    zip: '60608',
    region: 'Midwest',
    phone: '312-555-0173',
    lat: 41.8580,
    lon: -87.6690,
  },
  {
    slug: 'rio-grande-literacy-project',
    name: 'Rio Grande Literacy Project',
    kind: 'partner',
    description: 'Family literacy nights, bilingual book libraries and volunteer reading partners for schools along the Rio Grande.',
    address: '400 Gold Avenue SW',
    city: 'Albuquerque',
    state: 'NM',
    zip: '87102',
    region: 'Southwest',
    phone: '505-555-0174',
    lat: 35.0830,
    lon: -106.6520,
    contactPublic: true,
  },
  {
    slug: 'narragansett-bay-teacher-residency',
    name: 'Narragansett Bay Teacher Residency',
    kind: 'partner',
    description: 'Places teacher residents for a full year in Providence essential schools, alongside mentor teachers.',
    address: '600 Mount Pleasant Avenue',
    city: 'Providence',
    state: 'RI',
    zip: '02908',
    region: 'Northeast',
    phone: '401-555-0175',
    lat: 41.8430,
    lon: -71.4600,
  },
  {
    slug: 'open-doors-education-fund',
    name: 'Open Doors Education Fund',
    kind: 'other',
    description: 'A family foundation that funds the principles video project and Fall Forum scholarships for teachers and students.',
    address: '200 Clarendon Street',
    city: 'Boston',
    state: 'MA',
    zip: '02116',
    region: 'Northeast',
    phone: '617-555-0176',
    lat: 42.3490,
    lon: -71.0750,
  },
];

// Seven more centers, so the directory shows a national network: [slug-name, city, state, zip,
// region, street, lat, lon, area code], and for each, five cities its schools are in.
type CenterSeed = [string, string, string, string, string, string, number, number, string, [string, string, number, number][]];
const MORE_CENTER_ROWS: CenterSeed[] = [
  ['Pacific Northwest Center for Essential Schools', 'Seattle', 'WA', '98104', 'Northwest', '810 Third Avenue', 47.6040, -122.3340, '206',
    [['Seattle', '98118', 47.54, -122.28], ['Tacoma', '98402', 47.25, -122.44], ['Portland', '97214', 45.51, -122.64], ['Spokane', '99201', 47.66, -117.42], ['Olympia', '98501', 47.04, -122.90]]],
  ['Gulf Coast Small Schools Network', 'New Orleans', 'LA', '70112', 'Gulf Coast', '1010 Common Street', 29.9520, -90.0730, '504',
    [['New Orleans', '70117', 29.97, -90.03], ['Baton Rouge', '70802', 30.45, -91.18], ['Mobile', '36602', 30.69, -88.04], ['Biloxi', '39530', 30.40, -88.89], ['Lafayette', '70501', 30.22, -92.02]]],
  ['Rocky Mountain Coalition Center', 'Denver', 'CO', '80202', 'Mountain', '1600 Stout Street', 39.7480, -104.9920, '303',
    [['Denver', '80205', 39.76, -104.97], ['Aurora', '80010', 39.73, -104.86], ['Boulder', '80302', 40.02, -105.28], ['Salt Lake City', '84101', 40.76, -111.89], ['Cheyenne', '82001', 41.14, -104.82]]],
  ['Great Lakes Essential Schools Center', 'Detroit', 'MI', '48226', 'Great Lakes', '150 West Jefferson Avenue', 42.3290, -83.0460, '313',
    [['Detroit', '48208', 42.35, -83.09], ['Flint', '48502', 43.01, -83.69], ['Cleveland', '44113', 41.48, -81.70], ['Toledo', '43604', 41.65, -83.54], ['Milwaukee', '53204', 43.02, -87.93]]],
  ['Southeast Center for Equity and Inquiry', 'Atlanta', 'GA', '30303', 'Southeast', '55 Park Place NE', 33.7560, -84.3870, '404',
    [['Atlanta', '30310', 33.73, -84.42], ['Savannah', '31401', 32.08, -81.09], ['Birmingham', '35203', 33.52, -86.81], ['Durham', '27701', 35.99, -78.90], ['Charleston', '29403', 32.80, -79.95]]],
  ['Texas Essential Schools Collaborative', 'Austin', 'TX', '78701', 'South Central', '700 Lavaca Street', 30.2700, -97.7450, '512',
    [['Austin', '78702', 30.26, -97.72], ['San Antonio', '78207', 29.42, -98.52], ['Houston', '77003', 29.75, -95.35], ['El Paso', '79901', 31.76, -106.49], ['Dallas', '75215', 32.76, -96.77]]],
  ['Empire State Essential Schools Center', 'New York', 'NY', '10013', 'New York', '75 Varick Street', 40.7230, -74.0060, '212',
    [['New York', '10027', 40.81, -73.95], ['Bronx', '10451', 40.82, -73.92], ['Brooklyn', '11216', 40.68, -73.95], ['Buffalo', '14201', 42.89, -78.88], ['Rochester', '14605', 43.16, -77.61]]],
];

const MORE_CENTERS: DemoOrganisation[] = MORE_CENTER_ROWS.map(([name, city, state, zip, region, address, lat, lon, area], i) => ({
  slug: slugify(name),
  name,
  kind: 'affiliate_center',
  description: `An affiliate center coaching essential schools across the ${region} region: leadership coaching, critical friends groups, and institutes on exhibitions, advisory and equity.`,
  address,
  city,
  state,
  zip,
  region,
  phone: `${area}-555-01${String(80 + i).padStart(2, '0')}`,
  lat,
  lon,
  contactPublic: true,
}));

const STATE_FIPS: Record<string, string> = { CA: '06', RI: '44', MA: '25', CT: '09', IL: '17', NM: '35', AZ: '04', DC: '11', MD: '24', WA: '53', OR: '41', LA: '22', AL: '01', MS: '28', CO: '08', UT: '49', WY: '56', MI: '26', OH: '39', WI: '55', GA: '13', NC: '37', SC: '45', TX: '48', NY: '36' };
const NAMESAKES = ['Cesar Chavez', 'Harriet Tubman', 'Frederick Douglass', 'Sojourner Truth', 'Roberto Clemente', 'Dolores Huerta', 'Thurgood Marshall', 'Ida B. Wells', 'Mary McLeod Bethune', 'Grace Lee Boggs', 'Sylvia Mendez', 'Fred Korematsu', 'Wilma Mankiller', 'Langston Hughes', 'Rachel Carson', 'Jane Addams', 'John Dewey', 'Ella Baker', 'Patsy Mink', 'Octavia Butler'];
const SCHOOL_TYPES: [string, string, string, number][] = [
  ['Elementary School', 'K', '5', 300], ['Community School', 'PK', '8', 450], ['Middle School', '6', '8', 500], ['High School', '9', '12', 700],
  ['Academy', '6', '12', 400], ['Early College High School', '9', '12', 350], ['Learning Center', 'K', '8', 250], ['Small School', '9', '12', 220],
];
const FOCUS = ['1,2,5', '3,6,10', '1,4,9', '2,5,7', '4,8', '6,9,10', '1,3,5,7', '2,4'];

/** The state of each generated school's city (the seven new centers reach across state lines). */
const STATE_BY_CITY: [string, string][] = [
  ['Seattle', 'WA'], ['Tacoma', 'WA'], ['Portland', 'OR'], ['Spokane', 'WA'], ['Olympia', 'WA'], ['New Orleans', 'LA'], ['Baton Rouge', 'LA'], ['Mobile', 'AL'], ['Biloxi', 'MS'], ['Lafayette', 'LA'],
  ['Denver', 'CO'], ['Aurora', 'CO'], ['Boulder', 'CO'], ['Salt Lake City', 'UT'], ['Cheyenne', 'WY'], ['Detroit', 'MI'], ['Flint', 'MI'], ['Cleveland', 'OH'], ['Toledo', 'OH'], ['Milwaukee', 'WI'],
  ['Atlanta', 'GA'], ['Savannah', 'GA'], ['Birmingham', 'AL'], ['Durham', 'NC'], ['Charleston', 'SC'], ['Austin', 'TX'], ['San Antonio', 'TX'], ['Houston', 'TX'], ['El Paso', 'TX'], ['Dallas', 'TX'],
  ['New York', 'NY'], ['Bronx', 'NY'], ['Brooklyn', 'NY'], ['Buffalo', 'NY'], ['Rochester', 'NY'],
];

/** 25 schools for each of the twelve centers, generated deterministically from their places. */
const GENERATED_SCHOOLS: DemoOrganisation[] = [...CENTERS.map((c) => [c, [[c.city, c.zip, c.lat, c.lon]]] as const), ...MORE_CENTERS.map((c, i) => [c, MORE_CENTER_ROWS[i]![9]] as const)].flatMap(
  ([center, cities], ci) =>
    Array.from({ length: 25 }, (_, j): DemoOrganisation => {
      const [city, zip, lat, lon] = cities[j % cities.length]!;
      const state = ci < CENTERS.length ? center.state : [...STATE_BY_CITY].find(([c]) => c === city)?.[1] ?? center.state;
      const namesake = NAMESAKES[(ci * 7 + j * 3) % NAMESAKES.length]!;
      const [type, low, high, size] = SCHOOL_TYPES[(ci + j) % SCHOOL_TYPES.length]!;
      const name = `${city} ${namesake} ${type}`;
      return {
        slug: slugify(name),
        name,
        kind: 'school',
        description: `A ${type.toLowerCase()} in ${city} coached by ${center.name}, working on the Common Principles with advisory, exhibitions and teacher teams.`,
        address: `${100 + ((ci * 131 + j * 37) % 8900)} ${['Oak', 'Maple', 'Cedar', 'Pine', 'Elm', 'Walnut'][j % 6]} Street`,
        city,
        state,
        zip,
        region: center.region,
        phone: `${center.phone.slice(0, 3)}-555-01${String(j).padStart(2, '0')}`,
        lat: Math.round((lat + (((ci * 17 + j * 29) % 100) - 50) / 1000) * 10000) / 10000,
        lon: Math.round((lon + (((ci * 23 + j * 31) % 100) - 50) / 1000) * 10000) / 10000,
        center: center.slug,
        grades: [low, high],
        enrolment: Math.round(size * (0.6 + ((ci * 13 + j * 7) % 9) / 10)),
        ...(j % 5 !== 4 && { nces: `${STATE_FIPS[state] ?? '99'}98${String(ci).padStart(3, '0')}${String(j).padStart(5, '0')}` }),
        contactPublic: j % 3 === 0,
        principlesFocus: FOCUS[(ci + j) % FOCUS.length],
      };
    }),
);


/** Every demo organisation, parents before children (centers before their schools). */
export const DEMO_ORGANISATIONS: DemoOrganisation[] = [NATIONAL, ...CENTERS, ...MORE_CENTERS, ...SCHOOLS, ...GENERATED_SCHOOLS, ...PARTNERS];

const school = (name: string) => slugify(name);

/** Everyone in the demo network with their roles as [role, organisation slug, title]. */
export const DEMO_PEOPLE: DemoPerson[] = [
  // National office
  { name: 'Jordan Ellis', email: 'admin', roles: [['network_admin', NATIONAL.slug, 'Director of Network Operations']] },
  { name: 'Maya Okafor', roles: [['network_admin', NATIONAL.slug, 'Executive Director']] },
  { name: 'Daniel Reyes', locale: 'es', roles: [['network_admin', NATIONAL.slug, 'Affiliation and Membership Manager']] },
  // Centers: a director and two coaches each
  { name: 'Lena Ortiz', email: 'director', roles: [['center_director', BAY, 'Executive Director']] },
  { name: 'Marcus Bell', email: 'coach', roles: [['center_coach', BAY, 'Leadership Coach']] },
  { name: 'Priya Natarajan', roles: [['center_coach', BAY, 'Equity and Inquiry Coach']] },
  { name: 'Eleanor Whitfield', roles: [['center_director', NE, 'Director']] },
  { name: 'Samuel Greene', roles: [['center_coach', NE, 'School Design Coach']] },
  { name: 'Ana Ferreira', roles: [['center_coach', NE, 'Critical Friends Facilitator']] },
  { name: 'Darnell Hughes', roles: [['center_director', CHI, 'Director']] },
  { name: 'Katarzyna Nowak', roles: [['center_coach', CHI, 'Advisory Coach']] },
  { name: 'Luis Echeverría', locale: 'es', roles: [['center_coach', CHI, 'Small Schools Coach']] },
  { name: 'Teresa Montoya', locale: 'es', roles: [['center_director', SW, 'Executive Director']] },
  { name: 'Joseph Begay', roles: [['center_coach', SW, 'Rural Schools Coach']] },
  { name: 'Rachel Kim', roles: [['center_coach', SW, 'Assessment Coach']] },
  { name: 'Alicia Brooks', roles: [['center_director', CAP, 'Director']] },
  { name: 'Omar Haddad', roles: [['center_coach', CAP, 'Community Schools Coach']] },
  { name: 'Grace Liu', roles: [['center_coach', CAP, 'Data and Results Coach']] },
  // School leaders
  { name: 'Sofia Ramirez', email: 'leader', roles: [['school_leader', school('Mission Hill Academy'), 'Principal']] },
  { name: 'Terrence Walker', roles: [['school_leader', school('Bayview Community High School'), 'Principal']] },
  { name: 'Helen Chu', roles: [['school_leader', school('Excelsior Middle School of Inquiry'), 'Principal']] },
  { name: 'Ricardo Flores', locale: 'es', roles: [['school_leader', school('Fruitvale Essential High School'), 'Co-Director']] },
  { name: 'Amina Yusuf', roles: [['school_leader', school('Lake Merritt International Academy'), 'Principal']] },
  { name: 'Kevin O’Brien', email: 'kevin.obrien', roles: [['school_leader', school('Richmond Harbor School'), 'Head of School']] },
  { name: 'Margaret Sullivan', roles: [['school_leader', school('Federal Hill Essential School'), 'Principal']] },
  { name: 'Thomas Nguyen', roles: [['school_leader', school('Fox Point Middle School'), 'Principal']] },
  { name: 'Carla Medeiros', roles: [['school_leader', school('Pawtucket Learning Collaborative'), 'Co-Director']] },
  { name: 'David Goldstein', roles: [['school_leader', school('Main South Academy'), 'Headmaster']] },
  { name: 'Keisha Robinson', roles: [['school_leader', school('Dorchester Community High School'), 'Principal']] },
  { name: 'Paul Ferraro', roles: [['school_leader', school('New Haven Inquiry School'), 'Principal']] },
  { name: 'Elena Vázquez', email: 'elena.vazquez', locale: 'es', roles: [['school_leader', school('Pilsen Community Academy'), 'Principal']] },
  { name: 'Michael Johnson', roles: [['school_leader', school('Logan Square Essential High School'), 'Principal']] },
  { name: 'Yvonne Carter', roles: [['school_leader', school('Bronzeville Scholars Academy'), 'Principal']] },
  { name: 'José Martínez', email: 'jose.martinez', locale: 'es', roles: [['school_leader', school('Humboldt Park Small School'), 'Principal']] },
  { name: 'Rebecca Stein', roles: [['school_leader', school('Evanston Lakeshore School'), 'Principal']] },
  { name: 'Gabriel Chávez', email: 'gabriel.chavez', locale: 'es', roles: [['school_leader', school('Barelas Community School'), 'Principal']] },
  { name: 'Linda Tsosie', roles: [['school_leader', school('Nob Hill Essential High School'), 'Principal']] },
  { name: 'Mark Abeyta', roles: [['school_leader', school('Santa Fe River Academy'), 'Head of School']] },
  { name: 'Isabel Romero', locale: 'es', roles: [['school_leader', school('Barrio Viejo High School'), 'Director']] },
  { name: 'Steven Park', roles: [['school_leader', school('Mesilla Valley Academy'), 'Principal']] },
  { name: 'Denise Jackson', roles: [['school_leader', school('Columbia Heights Community School'), 'Principal']] },
  { name: 'Andre Wilson', roles: [['school_leader', school('Anacostia Community High School'), 'Principal']] },
  { name: 'Fatima Bangura', roles: [['school_leader', school('Takoma Park Community Middle School'), 'Principal']] },
  { name: 'Brian Kowalski', roles: [['school_leader', school('Highlandtown Community School'), 'Principal']] },
  // School staff
  { name: 'Nora Castillo', email: 'staff', locale: 'es', roles: [['school_staff', school('Mission Hill Academy'), 'Humanities Teacher and Advisor']] },
  { name: 'Ethan Brooks', roles: [['school_staff', school('Mission Hill Academy'), 'Math and Science Teacher']] },
  { name: 'Jasmine Lee', roles: [['school_staff', school('Bayview Community High School'), 'Internship Coordinator']] },
  { name: 'Victor Alvarez', locale: 'es', roles: [['school_staff', school('Fruitvale Essential High School'), 'Spanish Language Arts Teacher']] },
  { name: 'Hannah Moore', roles: [['school_staff', school('Federal Hill Essential School'), 'Exhibitions Coordinator']] },
  { name: 'Owen Fitzgerald', roles: [['school_staff', school('Dorchester Community High School'), 'Advisory Lead']] },
  { name: 'Rosa Delgado', locale: 'es', roles: [['school_staff', school('Pilsen Community Academy'), 'Counselor']] },
  { name: 'Tyrone Mitchell', roles: [['school_staff', school('Bronzeville Scholars Academy'), 'History Teacher']] },
  { name: 'Aiyana Yazzie', roles: [['school_staff', school('Nob Hill Essential High School'), 'Senior Project Coordinator']] },
  { name: 'Carmen Ruiz', locale: 'es', roles: [['school_staff', school('Barelas Community School'), 'Community School Coordinator']] },
  { name: 'Lauren Price', roles: [['school_staff', school('Columbia Heights Community School'), 'Community School Coordinator']] },
  { name: 'Samuel Adeyemi', roles: [['school_staff', school('Highlandtown Community School'), 'Family Engagement Lead']] },
  { name: 'Megan Hart', roles: [['school_staff', school('New Haven Inquiry School'), 'Kindergarten Teacher']] },
  // Partner staff
  { name: 'Patricia Coleman', email: 'partner', roles: [['partner_staff', 'alliance-for-community-schools', 'Director of Network Partnerships']] },
  { name: 'Benjamin Ross', roles: [['partner_staff', 'alliance-for-community-schools', 'Policy Associate']] },
  { name: 'Chloe Tanaka', roles: [['partner_staff', 'bay-area-youth-arts-collaborative', 'Program Director']] },
  { name: 'Hector Morales', locale: 'es', roles: [['partner_staff', 'lower-west-side-family-health-center', 'School Health Manager']] },
  { name: 'Lucia Sandoval', locale: 'es', roles: [['partner_staff', 'rio-grande-literacy-project', 'Family Literacy Coordinator']] },
  { name: 'Nathan Price', roles: [['partner_staff', 'narragansett-bay-teacher-residency', 'Residency Director']] },
  { name: 'Diane Whitaker', roles: [['partner_staff', 'open-doors-education-fund', 'Program Officer']] },
];

/** The email of a demo person. */
export function demoEmail(person: DemoPerson): string {
  const local = person.email ?? person.name.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z]+/g, '.');
  return `${local}@${DEMO_DOMAIN}`;
}

/** A URL slug from a name: lower case ASCII words joined by hyphens. */
export function slugify(name: string): string {
  return name.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}
