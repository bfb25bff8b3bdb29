// Word lists for the benchmark generator: real US cities (with a ZIP code and coordinates in each)
// grouped into ten regions, and common first and last names. Combined deterministically they give
// a national network that reads like a real one at any size.

export interface City {
  city: string;
  state: string;
  zip: string;
  lat: number;
  lon: number;
}

type Row = [city: string, state: string, zip: string, lat: number, lon: number];
const cities = (rows: Row[]): City[] => rows.map(([city, state, zip, lat, lon]) => ({ city, state, zip, lat, lon }));

/** Ten regions of the network, each with the cities its schools and centers are in. */
export const REGIONS: { name: string; cities: City[] }[] = [
  { name: 'New England', cities: cities([['Boston', 'MA', '02118', 42.3601, -71.0589], ['Worcester', 'MA', '01608', 42.2626, -71.8023], ['Springfield', 'MA', '01103', 42.1015, -72.5898], ['Providence', 'RI', '02903', 41.824, -71.4128], ['Hartford', 'CT', '06103', 41.7658, -72.6734], ['New Haven', 'CT', '06510', 41.3083, -72.9279], ['Portland', 'ME', '04101', 43.6591, -70.2568], ['Burlington', 'VT', '05401', 44.4759, -73.2121], ['Manchester', 'NH', '03101', 42.9956, -71.4548]]) },
  { name: 'Mid-Atlantic', cities: cities([['New York', 'NY', '10027', 40.8116, -73.9465], ['Brooklyn', 'NY', '11216', 40.6782, -73.9442], ['Bronx', 'NY', '10451', 40.8448, -73.8648], ['Newark', 'NJ', '07102', 40.7357, -74.1724], ['Philadelphia', 'PA', '19104', 39.9526, -75.1652], ['Pittsburgh', 'PA', '15213', 40.4406, -79.9959], ['Baltimore', 'MD', '21218', 39.2904, -76.6122], ['Washington', 'DC', '20001', 38.9072, -77.0369], ['Wilmington', 'DE', '19801', 39.7391, -75.5398]]) },
  { name: 'Southeast', cities: cities([['Atlanta', 'GA', '30303', 33.749, -84.388], ['Savannah', 'GA', '31401', 32.0809, -81.0912], ['Charlotte', 'NC', '28202', 35.2271, -80.8431], ['Durham', 'NC', '27701', 35.994, -78.8986], ['Richmond', 'VA', '23219', 37.5407, -77.436], ['Charleston', 'SC', '29401', 32.7765, -79.9311], ['Nashville', 'TN', '37203', 36.1627, -86.7816], ['Memphis', 'TN', '38103', 35.1495, -90.049], ['Louisville', 'KY', '40202', 38.2527, -85.7585]]) },
  { name: 'Gulf Coast', cities: cities([['Miami', 'FL', '33125', 25.7617, -80.1918], ['Tampa', 'FL', '33602', 27.9506, -82.4572], ['Orlando', 'FL', '32801', 28.5383, -81.3792], ['Jacksonville', 'FL', '32202', 30.3322, -81.6557], ['New Orleans', 'LA', '70112', 29.9511, -90.0715], ['Baton Rouge', 'LA', '70802', 30.4515, -91.1871], ['Mobile', 'AL', '36602', 30.6954, -88.0399], ['Birmingham', 'AL', '35203', 33.5186, -86.8104], ['Jackson', 'MS', '39201', 32.2988, -90.1848]]) },
  { name: 'Great Lakes', cities: cities([['Chicago', 'IL', '60608', 41.8781, -87.6298], ['Detroit', 'MI', '48201', 42.3314, -83.0458], ['Grand Rapids', 'MI', '49503', 42.9634, -85.6681], ['Cleveland', 'OH', '44113', 41.4993, -81.6944], ['Columbus', 'OH', '43215', 39.9612, -82.9988], ['Cincinnati', 'OH', '45202', 39.1031, -84.512], ['Indianapolis', 'IN', '46204', 39.7684, -86.1581], ['Milwaukee', 'WI', '53204', 43.0389, -87.9065], ['Madison', 'WI', '53703', 43.0731, -89.4012]]) },
  { name: 'Plains', cities: cities([['Minneapolis', 'MN', '55407', 44.9778, -93.265], ['Saint Paul', 'MN', '55101', 44.9537, -93.09], ['Des Moines', 'IA', '50309', 41.5868, -93.625], ['Omaha', 'NE', '68102', 41.2565, -95.9345], ['Kansas City', 'MO', '64108', 39.0997, -94.5786], ['St. Louis', 'MO', '63103', 38.627, -90.1994], ['Wichita', 'KS', '67202', 37.6872, -97.3301], ['Sioux Falls', 'SD', '57104', 43.5446, -96.7311], ['Fargo', 'ND', '58102', 46.8772, -96.7898]]) },
  { name: 'South Central', cities: cities([['Houston', 'TX', '77004', 29.7604, -95.3698], ['Dallas', 'TX', '75215', 32.7767, -96.797], ['San Antonio', 'TX', '78207', 29.4241, -98.4936], ['Austin', 'TX', '78702', 30.2672, -97.7431], ['El Paso', 'TX', '79901', 31.7619, -106.485], ['Oklahoma City', 'OK', '73102', 35.4676, -97.5164], ['Tulsa', 'OK', '74103', 36.154, -95.9928], ['Little Rock', 'AR', '72201', 34.7465, -92.2896], ['Fort Worth', 'TX', '76104', 32.7555, -97.3308]]) },
  { name: 'Southwest', cities: cities([['Albuquerque', 'NM', '87102', 35.0844, -106.6504], ['Santa Fe', 'NM', '87501', 35.687, -105.9378], ['Las Cruces', 'NM', '88001', 32.3199, -106.7637], ['Phoenix', 'AZ', '85004', 33.4484, -112.074], ['Tucson', 'AZ', '85701', 32.2226, -110.9747], ['Mesa', 'AZ', '85201', 33.4152, -111.8315], ['Flagstaff', 'AZ', '86001', 35.1983, -111.6513], ['Las Vegas', 'NV', '89101', 36.1699, -115.1398], ['Gallup', 'NM', '87301', 35.5281, -108.7426]]) },
  { name: 'Mountain', cities: cities([['Denver', 'CO', '80205', 39.7392, -104.9903], ['Aurora', 'CO', '80010', 39.7294, -104.8319], ['Colorado Springs', 'CO', '80903', 38.8339, -104.8214], ['Salt Lake City', 'UT', '84101', 40.7608, -111.891], ['Boise', 'ID', '83702', 43.615, -116.2023], ['Billings', 'MT', '59101', 45.7833, -108.5007], ['Cheyenne', 'WY', '82001', 41.14, -104.8202], ['Pueblo', 'CO', '81003', 38.2544, -104.6091], ['Missoula', 'MT', '59802', 46.8721, -113.994]]) },
  { name: 'Pacific', cities: cities([['Oakland', 'CA', '94601', 37.8044, -122.2712], ['San Francisco', 'CA', '94110', 37.7749, -122.4194], ['Los Angeles', 'CA', '90011', 34.0522, -118.2437], ['San Diego', 'CA', '92113', 32.7157, -117.1611], ['Sacramento', 'CA', '95814', 38.5816, -121.4944], ['Fresno', 'CA', '93721', 36.7378, -119.7871], ['Seattle', 'WA', '98118', 47.6062, -122.3321], ['Tacoma', 'WA', '98402', 47.2529, -122.4443], ['Portland', 'OR', '97211', 45.5152, -122.6784]]) },
];

export const FIRST_NAMES = [
  'James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth', 'William', 'Barbara',
  'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen', 'Christopher', 'Lisa', 'Daniel', 'Nancy',
  'Matthew', 'Betty', 'Anthony', 'Sandra', 'Mark', 'Margaret', 'Donald', 'Ashley', 'Steven', 'Kimberly', 'Andrew', 'Emily',
  'Paul', 'Donna', 'Joshua', 'Michelle', 'Kenneth', 'Carol', 'Kevin', 'Amanda', 'Brian', 'Melissa', 'George', 'Deborah',
  'Timothy', 'Stephanie', 'Ronald', 'Rebecca', 'Jason', 'Sharon', 'Edward', 'Laura', 'Jeffrey', 'Cynthia', 'Ryan', 'Amy',
  'Jacob', 'Kathleen', 'Gary', 'Angela', 'Nicholas', 'Dorothy', 'Eric', 'Shirley', 'Jonathan', 'Emma', 'Stephen', 'Brenda',
  'Larry', 'Nicole', 'Justin', 'Pamela', 'Scott', 'Samantha', 'Brandon', 'Anna', 'Benjamin', 'Katherine', 'Samuel', 'Christine',
  'Gregory', 'Debra', 'Alexander', 'Rachel', 'Patrick', 'Olivia', 'Frank', 'Carolyn', 'Raymond', 'Maria', 'Jack', 'Janet',
  'Dennis', 'Heather', 'Jerry', 'Diane', 'Tyler', 'Julie', 'Aaron', 'Joyce', 'José', 'Victoria', 'Adam', 'Ruth', 'Nathan',
  'Virginia', 'Henry', 'Lauren', 'Zachary', 'Kelly', 'Douglas', 'Christina', 'Peter', 'Joan', 'Kyle', 'Evelyn', 'Noah',
  'Judith', 'Ethan', 'Andrea', 'Jeremy', 'Hannah', 'Walter', 'Megan', 'Christian', 'Cheryl', 'Keith', 'Jacqueline', 'Roger',
  'Martha', 'Terry', 'Madison', 'Austin', 'Teresa', 'Sean', 'Gloria', 'Gerald', 'Sara', 'Carl', 'Janice', 'Harold', 'Ann',
  'Dylan', 'Kathryn', 'Arthur', 'Abigail', 'Lawrence', 'Sophia', 'Jordan', 'Frances', 'Jesse', 'Jean', 'Bryan', 'Alice',
  'Billy', 'Judy', 'Bruce', 'Isabella', 'Gabriel', 'Julia', 'Joe', 'Grace', 'Logan', 'Amber', 'Alan', 'Denise', 'Juan',
  'Danielle', 'Albert', 'Marilyn', 'Willie', 'Beverly', 'Elijah', 'Charlotte', 'Wayne', 'Natalie', 'Randy', 'Theresa',
  'Vincent', 'Diana', 'Mason', 'Brittany', 'Roy', 'Doris', 'Ralph', 'Kayla', 'Bobby', 'Alexis', 'Russell', 'Lori', 'Luis',
  'Ximena', 'Carlos', 'Guadalupe', 'Miguel', 'Lucía', 'Mohammed', 'Fatima', 'Wei', 'Mei', 'Hiroshi', 'Yuki', 'Kwame', 'Amara',
  'Darnell', 'Keisha', 'Malik', 'Aaliyah', 'Andre', 'Imani', 'Dmitri', 'Olga', 'Tuan', 'Linh', 'Rajesh', 'Priya', 'Omar', 'Leila',
];

export const LAST_NAMES = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez', 'Lopez',
  'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Perez', 'Thompson', 'White',
  'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Torres',
  'Nguyen', 'Hill', 'Flores', 'Green', 'Adams', 'Nelson', 'Baker', 'Hall', 'Rivera', 'Campbell', 'Mitchell', 'Carter',
  'Roberts', 'Gomez', 'Phillips', 'Evans', 'Turner', 'Diaz', 'Parker', 'Cruz', 'Edwards', 'Collins', 'Reyes', 'Stewart',
  'Morris', 'Morales', 'Murphy', 'Cook', 'Rogers', 'Gutierrez', 'Ortiz', 'Morgan', 'Cooper', 'Peterson', 'Bailey', 'Reed',
  'Kelly', 'Howard', 'Ramos', 'Kim', 'Cox', 'Ward', 'Richardson', 'Watson', 'Brooks', 'Chavez', 'Wood', 'James', 'Bennett',
  'Gray', 'Mendoza', 'Ruiz', 'Hughes', 'Price', 'Alvarez', 'Castillo', 'Sanders', 'Patel', 'Myers', 'Long', 'Ross', 'Foster',
  'Jimenez', 'Powell', 'Jenkins', 'Perry', 'Russell', 'Sullivan', 'Bell', 'Coleman', 'Butler', 'Henderson', 'Barnes',
  'Gonzales', 'Fisher', 'Vasquez', 'Simmons', 'Romero', 'Jordan', 'Patterson', 'Alexander', 'Hamilton', 'Graham', 'Reynolds',
  'Griffin', 'Wallace', 'Moreno', 'West', 'Cole', 'Hayes', 'Bryant', 'Herrera', 'Gibson', 'Ellis', 'Tran', 'Medina', 'Aguilar',
  'Stevens', 'Murray', 'Ford', 'Castro', 'Marshall', 'Owens', 'Harrison', 'Fernandez', 'McDonald', 'Woods', 'Washington',
  'Kennedy', 'Wells', 'Vargas', 'Henry', 'Chen', 'Freeman', 'Webb', 'Tucker', 'Guzman', 'Burns', 'Crawford', 'Olson', 'Simpson',
  'Porter', 'Hunter', 'Gordon', 'Mendez', 'Silva', 'Shaw', 'Snyder', 'Mason', 'Dixon', 'Munoz', 'Hunt', 'Hicks', 'Holmes',
  'Palmer', 'Wagner', 'Black', 'Robertson', 'Boyd', 'Rose', 'Stone', 'Salazar', 'Fox', 'Warren', 'Mills', 'Meyer', 'Rice',
  'Schmidt', 'Garza', 'Daniels', 'Ferguson', 'Nichols', 'Stephens', 'Soto', 'Weaver', 'Ryan', 'Gardner', 'Payne', 'Grant',
  'Dunn', 'Kelley', 'Spencer', 'Hawkins', 'Arnold', 'Pierce', 'Vazquez', 'Hansen', 'Peters', 'Santos', 'Hart', 'Bradley',
  'Yazzie', 'Begay', 'Okafor', 'Mensah', 'Haddad', 'Khan', 'Wang', 'Liu', 'Yamamoto', 'Kowalski', 'Novak', 'Cohen', 'Levy',
];

/** People and places schools are named after, and the words for what a school is. */
export const NAMESAKES = [
  'Lincoln', 'Roosevelt', 'Washington', 'Jefferson', 'Franklin', 'King', 'Douglass', 'Tubman', 'Chavez', 'Dewey', 'Mann',
  'Addams', 'Du Bois', 'Bethune', 'Angelou', 'Hughes', 'Carver', 'Parks', 'Marshall', 'Kennedy', 'Clemente', 'Huerta',
  'Sotomayor', 'Earhart', 'Curie', 'Einstein', 'Morrison', 'Baldwin', 'Hurston', 'Muir', 'Carson', 'Thoreau', 'Emerson',
  'Whitman', 'Dickinson', 'Twain', 'Keller', 'Robinson', 'Ride', 'Jemison', 'Lewis', 'Obama', 'Sequoyah', 'Tecumseh',
  'Riverside', 'Lakeview', 'Hillcrest', 'Oak Grove', 'Cedar Ridge', 'Maple Park', 'Harbor View', 'Sunset', 'Eastside',
  'Westside', 'Northgate', 'Southpark', 'Mesa Verde', 'Prairie', 'Bayside', 'Pine Hill', 'Willow Creek', 'Meadowbrook',
  'Fairview', 'Highland', 'Valley', 'Summit', 'Crossroads', 'Union', 'Liberty', 'Unity', 'Horizon', 'Discovery', 'Pathways',
  'Compass', 'Bridges', 'New Vista', 'Open Doors', 'Common Ground', 'Cornerstone', 'Keystone', 'Lighthouse', 'Evergreen',
];

/** School types by grade span: [grade_low, grade_high, words, smallest enrolment, largest]. */
export const SCHOOL_TYPES: [string, string, string[], number, number][] = [
  ['K', '5', ['Elementary School', 'Community School', 'Primary School'], 180, 700],
  ['PK', '5', ['Elementary School', 'Early Learning Center', 'Community School'], 150, 650],
  ['K', '8', ['School', 'Community School', 'Academy', 'K-8 School'], 250, 900],
  ['6', '8', ['Middle School', 'Middle Academy', 'Middle School of Inquiry'], 250, 1000],
  ['6', '12', ['Academy', 'Secondary School', 'School of the Arts'], 300, 1100],
  ['9', '12', ['High School', 'Essential High School', 'Academy', 'Early College High School', 'International High School', 'Community High School'], 250, 1600],
  ['9', '12', ['High School', 'Small School', 'Learning Collaborative', 'School for Social Justice', 'Leadership Academy'], 120, 450],
];

export const CENTER_NAMES = ['Center for Essential Schools', 'Essential Schools Collaborative', 'Small Schools Network', 'School Design Center', 'Coalition of Essential Schools', 'Center for Personalized Learning', 'Community Schools Center'];
export const PARTNER_WORDS = ['Youth Arts', 'Family Health', 'Literacy', 'Mentoring', 'Teacher Residency', 'After-School', 'Science Learning', 'Food Security', 'Legal Aid', 'Workforce', 'Library', 'Youth Music', 'College Access', 'Youth Sports', 'Immigrant Family', 'Parent Leadership'];
export const PARTNER_SUFFIXES = ['Alliance', 'Project', 'Collaborative', 'Network', 'Partnership', 'Foundation', 'Coalition', 'Center'];
export const STREETS = ['Main Street', 'Oak Avenue', 'Park Avenue', 'Elm Street', 'Washington Boulevard', 'Lincoln Avenue', 'Maple Street', 'Cedar Street', 'Broadway', 'Market Street', 'Church Street', 'Central Avenue', 'Grand Avenue', 'Mill Road', 'School Street', 'College Avenue', 'Lake Street', 'Hill Street', 'River Road', 'Martin Luther King Jr. Way'];
export const STAFF_TITLES = ['Teacher', 'Teacher and Advisor', 'Humanities Teacher', 'Math Teacher', 'Science Teacher', 'Counselor', 'Special Education Teacher', 'Librarian', 'Community School Coordinator', 'Assistant Principal', 'Dean of Students', 'Office Manager', 'Arts Teacher', 'English Language Development Teacher'];
