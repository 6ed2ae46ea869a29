// Word lists for fake identities. Synthea draws names from Faker-style lists and appends
// digits ("Maynard46 Mosciski958"); so do we, so the output can never be a real person's name.

export const FIRST_NAMES_F = [
  'Mary', 'Patricia', 'Jennifer', 'Linda', 'Elizabeth', 'Barbara', 'Susan', 'Jessica', 'Sarah', 'Karen',
  'Lisa', 'Nancy', 'Betty', 'Margaret', 'Sandra', 'Ashley', 'Kimberly', 'Emily', 'Donna', 'Michelle',
  'Carol', 'Amanda', 'Dorothy', 'Melissa', 'Deborah', 'Stephanie', 'Rebecca', 'Sharon', 'Laura', 'Cynthia',
  'Kathleen', 'Amy', 'Angela', 'Shirley', 'Anna', 'Brenda', 'Pamela', 'Emma', 'Nicole', 'Helen',
  'Samantha', 'Katherine', 'Christine', 'Debra', 'Rachel', 'Carolyn', 'Janet', 'Catherine', 'Maria', 'Heather',
  'Olivia', 'Sophia', 'Ava', 'Isabella', 'Mia', 'Abigail', 'Madison', 'Chloe', 'Grace', 'Ella',
  'Lucia', 'Camila', 'Valentina', 'Ximena', 'Guadalupe', 'Rosa', 'Mei', 'Ying', 'Priya', 'Aaliyah',
];

export const FIRST_NAMES_M = [
  'James', 'Robert', 'John', 'Michael', 'David', 'William', 'Richard', 'Joseph', 'Thomas', 'Charles',
  'Christopher', 'Daniel', 'Matthew', 'Anthony', 'Mark', 'Donald', 'Steven', 'Paul', 'Andrew', 'Joshua',
  'Kenneth', 'Kevin', 'Brian', 'George', 'Timothy', 'Ronald', 'Edward', 'Jason', 'Jeffrey', 'Ryan',
  'Jacob', 'Gary', 'Nicholas', 'Eric', 'Jonathan', 'Stephen', 'Larry', 'Justin', 'Scott', 'Brandon',
  'Benjamin', 'Samuel', 'Gregory', 'Alexander', 'Frank', 'Patrick', 'Raymond', 'Jack', 'Dennis', 'Jerry',
  'Liam', 'Noah', 'Oliver', 'Elijah', 'Lucas', 'Mason', 'Logan', 'Ethan', 'Aiden', 'Owen',
  'José', 'Luis', 'Carlos', 'Juan', 'Miguel', 'Jorge', 'Wei', 'Jun', 'Arjun', 'Malik',
];

export const LAST_NAMES = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis', 'Wilson', 'Anderson', 'Taylor',
  'Thomas', 'Moore', 'Jackson', 'Martin', 'Lee', 'Thompson', 'White', 'Harris', 'Clark', 'Lewis',
  'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Hill', 'Green', 'Adams',
  'Baker', 'Nelson', 'Carter', 'Mitchell', 'Roberts', 'Turner', 'Phillips', 'Campbell', 'Parker', 'Evans',
  'Edwards', 'Collins', 'Stewart', 'Morris', 'Murphy', 'Cook', 'Rogers', 'Morgan', 'Cooper', 'Peterson',
  "O'Brien", 'Sullivan', 'Kelly', 'McCarthy', 'Walsh', 'Doherty', 'Ryan', 'Fitzgerald', 'Gallagher', 'Quinn',
  'Stamm', 'Kemmer', 'Mosciski', 'Schmidt', 'Steuber', 'Kuhn', 'Rempel', 'Bernier', 'Ortiz', 'Hickle',
];

export const LAST_NAMES_HISPANIC = [
  'Garcia', 'Rodriguez', 'Martinez', 'Hernandez', 'Lopez', 'Gonzalez', 'Perez', 'Sanchez', 'Ramirez', 'Torres',
  'Rivera', 'Flores', 'Gomez', 'Diaz', 'Cruz', 'Reyes', 'Morales', 'Ortiz', 'Vargas', 'Castillo',
  'Noriega', 'Santiago', 'Colón', 'Medina', 'Figueroa',
];

export const LAST_NAMES_ASIAN = [
  'Nguyen', 'Chen', 'Wang', 'Li', 'Zhang', 'Liu', 'Tran', 'Kim', 'Park', 'Patel',
  'Shah', 'Le', 'Huang', 'Wu', 'Lin', 'Singh', 'Yang', 'Pham', 'Choi', 'Chan',
];

export const STREET_SUFFIXES = [
  'Street', 'Avenue', 'Road', 'Lane', 'Way', 'Court', 'Drive', 'Terrace', 'Place', 'Lock',
  'Neck', 'Mill', 'Gateway', 'Trail', 'Parade', 'Crossing', 'Row', 'Green', 'Hollow', 'Light',
];

export const OTHER_BIRTHPLACES = [
  'New York, New York, US', 'Providence, Rhode Island, US', 'Hartford, Connecticut, US',
  'Philadelphia, Pennsylvania, US', 'San Juan, Puerto Rico, PR', 'Santo Domingo, National District, DO',
  'Praia, Santiago, CV', 'Port-au-Prince, Ouest, HT', 'Beijing, Beijing Municipality, CN',
  'Ho Chi Minh City, Ho Chi Minh, VN', 'Manchester, New Hampshire, US', 'Portland, Maine, US',
];
