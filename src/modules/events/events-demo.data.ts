import type { EventKind, ProposalFormat, TicketAudience } from '../../db/schema.ts';

// The demo's convenings, written in the network's own words. Dates are days from the day the demo
// is seeded, so a newcomer always finds a Fall Forum ahead, workshops around it and a few past
// events with attendance. Times are local to the event's time zone.

export interface DemoTicketType {
  name: string;
  description?: string;
  audience?: TicketAudience;
  priceDollars: number;
  memberDiscount?: boolean;
  seatsPerUnit?: number;
  /** An add-on with its own pool of this many seats. */
  addOnSeats?: number;
  maxPerOrder?: number;
}

export interface DemoSession {
  title: string;
  description: string;
  day: number;
  start: string;
  minutes: number;
  room: string;
  presenters: [name: string, affiliation: string][];
  tags: string[];
  capacity?: number;
}

export interface DemoProposal {
  title: string;
  abstract: string;
  format: ProposalFormat;
  presenters: string;
  tags: string[];
  minutes: number;
  status: 'submitted' | 'accepted' | 'declined';
}

export interface DemoEvent {
  slug: string;
  title: string;
  summary: string;
  description: string;
  kind: EventKind;
  /** The national office, or a center by slug. */
  organiser: 'national' | string;
  status?: 'published' | 'cancelled' | 'draft';
  online?: boolean;
  venueName?: string;
  venueAddress?: string;
  timezone: string;
  /** Days from today; `days` long (1 = one day). */
  inDays: number;
  days?: number;
  allDay?: boolean;
  start?: string;
  end?: string;
  capacity: number;
  tickets: DemoTicketType[];
  tags: string[];
  refundCutoffDays?: number | null;
  refundPolicy?: string;
  proposalsOpen?: boolean;
  sessions?: DemoSession[];
  proposals?: DemoProposal[];
  promo?: { code: string; percentOff: number; maxUses: number };
}

const FORUM_TAGS = ['principle:1', 'principle:3', 'principle:6', 'principle:10', 'benchmark:demonstration-of-mastery', 'benchmark:equity-and-access'];

export const FALL_FORUM: DemoEvent = {
  slug: 'fall-forum',
  title: 'Fall Forum',
  summary: 'Three days with teachers, school leaders, parents, students and thinkers from across the network: sessions by principle and Benchmark, school visits and student exhibitions.',
  description:
    'The Fall Forum is the network’s annual gathering. Teachers, administrators, parents, students and researchers come together to learn from each other’s practice: how schools personalize learning, how students show what they know through exhibitions, and how whole schools commit to equity.\n\nEach day opens with a keynote conversation and continues with workshops, roundtables and student exhibitions organized by principle and Benchmark, so a school team can follow the threads that fit its goals. Members of the network register at a discount.',
  kind: 'conference',
  organiser: 'national',
  venueName: 'Downtown Convention Center',
  venueAddress: '700 14th Street, Denver, CO 80202',
  timezone: 'America/Denver',
  inDays: 75,
  days: 3,
  start: '08:30',
  end: '16:30',
  capacity: 900,
  tags: FORUM_TAGS,
  refundCutoffDays: 21,
  refundPolicy: 'Full refund for cancellations until three weeks before the Forum; after that, transfer your ticket to a colleague instead.',
  proposalsOpen: true,
  promo: { code: 'FIRSTFORUM', percentOff: 15, maxUses: 50 },
  tickets: [
    { name: 'Full Forum', description: 'All three days, lunches included.', priceDollars: 395, memberDiscount: true },
    { name: 'Member day pass', description: 'One day of your choice, for members of the network.', audience: 'members', priceDollars: 150 },
    { name: 'Student', description: 'For students presenting or attending with their school. Bring your student ID.', audience: 'students', priceDollars: 40 },
    { name: 'Presenter', description: 'For presenters of an accepted session.', audience: 'presenters', priceDollars: 0 },
    { name: 'School team of five', description: 'Five full-Forum registrations for one school team.', priceDollars: 1650, memberDiscount: true, seatsPerUnit: 5, maxPerOrder: 2 },
    { name: 'Pre-Forum workshop: designing exhibitions', description: 'A half-day workshop the afternoon before the Forum.', priceDollars: 65, addOnSeats: 40, maxPerOrder: 5 },
  ],
  sessions: [
    { title: 'Opening conversation: what is school for?', description: 'Students, a principal and a parent talk about what intellectual purpose looks like in a school day.', day: 0, start: '09:00', minutes: 75, room: 'Ballroom A', presenters: [['Rosa Delgado', 'National office'], ['Marcus Hill', 'Student, Mission Hill Academy']], tags: ['principle:1', 'grades:high'] },
    { title: 'Exhibitions that show what students can do', description: 'How three schools designed graduation portfolios and public exhibitions, with student work and the rubrics teachers use.', day: 0, start: '11:00', minutes: 90, room: 'Room 201', presenters: [['Nadia Okafor', 'Northeast Center for Essential Schools']], tags: ['principle:6', 'benchmark:demonstration-of-mastery', 'grades:high'], capacity: 60 },
    { title: 'Advisory that works', description: 'Designing an advisory program where every student is known well by at least one adult.', day: 0, start: '11:00', minutes: 90, room: 'Room 202', presenters: [['Jamal Reed', 'Bay Area Coalition of Essential Small Schools']], tags: ['principle:4', 'benchmark:advisory', 'grades:middle'], capacity: 40 },
    { title: 'Less is more in the mathematics classroom', description: 'Choosing fewer topics and going deeper: a teacher team shares a year of redesigned units.', day: 0, start: '14:00', minutes: 60, room: 'Room 201', presenters: [['Lena Park', 'Chicago Essential Schools Collaborative']], tags: ['principle:2', 'discipline:mathematics', 'benchmark:intellectual-focus'] },
    { title: 'Student-led conferences, step by step', description: 'Students lead the conversation with their families about their learning. Templates and a video of a conference.', day: 0, start: '14:00', minutes: 60, room: 'Room 202', presenters: [['Elena Ruiz', 'Southwest Center for Personalized Learning']], tags: ['principle:5', 'benchmark:family-and-community', 'grades:elementary'] },
    { title: 'Reading our data for equity', description: 'A protocol for looking at course-passing and attendance data by student group without exposing any student.', day: 1, start: '09:00', minutes: 90, room: 'Room 201', presenters: [['Priya Natarajan', 'Capital Region Community Schools Center']], tags: ['principle:10', 'benchmark:equity-and-access'], capacity: 50 },
    { title: 'Critical friends: looking at student work together', description: 'Learn the tuning protocol and practise it on real student work.', day: 1, start: '09:00', minutes: 90, room: 'Room 202', presenters: [['Tom Becker', 'Northeast Center for Essential Schools']], tags: ['benchmark:professional-collaboration', 'discipline:all-subjects'], capacity: 30 },
    { title: 'Student exhibitions gallery', description: 'Students from twelve schools present their exhibitions. Come ask them hard questions.', day: 1, start: '13:00', minutes: 120, room: 'Hall B', presenters: [['Students of the network', 'Twelve schools']], tags: ['principle:6', 'benchmark:demonstration-of-mastery'] },
    { title: 'Shared leadership in small schools', description: 'How teacher leaders, students and families share decisions in three small schools.', day: 1, start: '15:30', minutes: 60, room: 'Room 201', presenters: [['Grace Kim', 'Bay Area Coalition of Essential Small Schools']], tags: ['principle:8', 'benchmark:shared-leadership'] },
    { title: 'Science through inquiry', description: 'Students as workers in the lab: investigations designed around essential questions.', day: 2, start: '09:00', minutes: 60, room: 'Room 201', presenters: [['Owen Price', 'Mission Hill Academy']], tags: ['principle:5', 'discipline:science', 'benchmark:culture-of-inquiry'] },
    { title: 'Closing circle: commitments for the year', description: 'School teams name one change they will make and who will hold them to it.', day: 2, start: '14:30', minutes: 60, room: 'Ballroom A', presenters: [['Rosa Delgado', 'National office']], tags: ['principle:8'] },
  ],
  proposals: [
    { title: 'Portfolios in the primary grades', abstract: 'Young children can defend their learning too. We share how our K–5 school runs portfolio conferences.', format: 'workshop', presenters: 'Ana Torres, Harbor Elementary', tags: ['principle:6', 'grades:elementary'], minutes: 60, status: 'submitted' },
    { title: 'Restorative circles and a tone of decency', abstract: 'How circles changed discipline and trust in our middle school, with students co-presenting.', format: 'roundtable', presenters: 'Ben Asante\nStudents of Eastside Middle', tags: ['principle:7', 'benchmark:tone-of-decency-and-trust', 'grades:middle'], minutes: 60, status: 'submitted' },
    { title: 'Scheduling for depth: the block schedule debate', abstract: 'A panel of principals who adopted, adapted and abandoned block schedules.', format: 'panel', presenters: 'Three principals of the network', tags: ['principle:9', 'benchmark:time-and-resources'], minutes: 90, status: 'submitted' },
    { title: 'Writing across every subject', abstract: 'A school-wide writing rubric used in mathematics, science and history alike.', format: 'workshop', presenters: 'Maya Singh, Riverside High', tags: ['benchmark:literacy-across-subjects', 'discipline:english'], minutes: 90, status: 'accepted' },
    { title: 'A motivational assembly program', abstract: 'Our assembly speakers motivate students to do better on tests.', format: 'presentation', presenters: 'Outside vendor', tags: ['grades:high'], minutes: 30, status: 'declined' },
  ],
};

export const OTHER_EVENTS: DemoEvent[] = [
  {
    slug: 'national-forum-assessment',
    title: 'National forum: assessment that shows what students can do',
    summary: 'An online forum on performance assessment and how states can recognize it.',
    description: 'Researchers, teachers and a state policy maker discuss performance assessment systems and what it takes to make them count. Bring your questions; the last half hour is open discussion.',
    kind: 'forum',
    organiser: 'national',
    online: true,
    timezone: 'America/New_York',
    inDays: 20,
    start: '16:00',
    end: '17:30',
    capacity: 500,
    tags: ['principle:6', 'benchmark:demonstration-of-mastery'],
    tickets: [{ name: 'Free registration', priceDollars: 0 }],
    refundCutoffDays: null,
  },
  {
    slug: 'advisory-institute-bay-area',
    title: 'Advisory and personalization workshop',
    summary: 'A hands-on day for teacher teams building or renewing their advisory program.',
    description: 'Teams of three to six teachers design advisory curriculum for the year ahead, visit an advisory in action and leave with a plan. Lunch provided.',
    kind: 'workshop',
    organiser: 'bay-area-coalition-of-essential-small-schools',
    venueName: 'Bay Area Coalition Learning Center',
    venueAddress: '1814 Franklin Street, Oakland, CA 94612',
    timezone: 'America/Los_Angeles',
    inDays: 30,
    start: '09:00',
    end: '15:30',
    capacity: 60,
    tags: ['principle:4', 'benchmark:advisory', 'benchmark:personalised-learning'],
    tickets: [
      { name: 'Workshop seat', priceDollars: 120, memberDiscount: true },
      { name: 'Team of four', priceDollars: 420, memberDiscount: true, seatsPerUnit: 4, maxPerOrder: 2 },
    ],
    refundCutoffDays: 7,
    refundPolicy: 'Full refund until a week before the workshop.',
  },
  {
    slug: 'critical-friends-training-northeast',
    title: 'Critical Friends Group coach training',
    summary: 'Two days learning to facilitate protocols for looking at student and teacher work.',
    description: 'New coaches learn to facilitate Critical Friends Groups: the tuning protocol, consultancy, and looking at student work. Participants leave ready to start a group in their school.',
    kind: 'workshop',
    organiser: 'northeast-center-for-essential-schools',
    venueName: 'Northeast Center offices',
    venueAddress: '1 Davol Square, Providence, RI 02903',
    timezone: 'America/New_York',
    inDays: 40,
    days: 2,
    allDay: true,
    capacity: 24,
    tags: ['benchmark:professional-collaboration', 'discipline:all-subjects'],
    tickets: [{ name: 'Participant', priceDollars: 280, memberDiscount: true }],
    refundCutoffDays: 14,
  },
  {
    slug: 'data-inquiry-webinar-chicago',
    title: 'Webinar: data inquiry for school teams',
    summary: 'An hour on asking good questions of your school’s data, without exposing any student.',
    description: 'A coach walks through a data inquiry cycle with examples from two Chicago schools, including how to keep small groups of students private.',
    kind: 'webinar',
    organiser: 'chicago-essential-schools-collaborative',
    online: true,
    timezone: 'America/Chicago',
    inDays: 12,
    start: '15:30',
    end: '16:30',
    capacity: 300,
    tags: ['principle:10', 'benchmark:equity-and-access'],
    tickets: [{ name: 'Free registration', priceDollars: 0 }],
    refundCutoffDays: null,
  },
  {
    slug: 'movie-night-fundraiser',
    title: 'Movie night for the network',
    summary: 'A documentary screening about a small school, with popcorn, to raise money for student travel to the Fall Forum.',
    description: 'Join families, teachers and students for a screening and conversation with the filmmaker. Every ticket helps a student travel to present at the Fall Forum.',
    kind: 'fundraiser',
    organiser: 'southwest-center-for-personalized-learning',
    venueName: 'Guild Cinema',
    venueAddress: '3405 Central Ave NE, Albuquerque, NM 87106',
    timezone: 'America/Denver',
    inDays: 18,
    start: '19:00',
    end: '21:30',
    capacity: 8,
    tags: ['principle:10'],
    tickets: [{ name: 'Movie ticket', priceDollars: 15, maxPerOrder: 4 }],
    refundCutoffDays: 2,
  },
  {
    slug: 'directors-quarterly-meeting',
    title: 'Center directors’ quarterly meeting',
    summary: 'Center directors meet online to share plans and coordinate support for schools.',
    description: 'The regular meeting of center directors with the national office: updates, one center’s practice in depth, and planning for the Fall Forum.',
    kind: 'meeting',
    organiser: 'national',
    online: true,
    timezone: 'America/New_York',
    inDays: 9,
    start: '13:00',
    end: '14:30',
    capacity: 40,
    tags: [],
    tickets: [{ name: 'Attendance', priceDollars: 0 }],
    refundCutoffDays: null,
  },
  {
    slug: 'exhibitions-workshop-southwest',
    title: 'Designing exhibitions: a workshop for teachers',
    summary: 'Teachers designed exhibition tasks and rubrics together with students.',
    description: 'A past workshop in which teacher teams designed exhibition tasks and scoring guides, then tried them out with student panels.',
    kind: 'workshop',
    organiser: 'southwest-center-for-personalized-learning',
    venueName: 'Southwest Center',
    venueAddress: '200 Lomas Blvd NW, Albuquerque, NM 87102',
    timezone: 'America/Denver',
    inDays: -21,
    start: '09:00',
    end: '15:00',
    capacity: 40,
    tags: ['principle:6', 'benchmark:demonstration-of-mastery'],
    tickets: [{ name: 'Workshop seat', priceDollars: 90, memberDiscount: true }],
    refundCutoffDays: 7,
  },
  {
    slug: 'family-engagement-evening-capital',
    title: 'Family engagement evening',
    summary: 'Cancelled: this evening will be rescheduled in the spring.',
    description: 'An evening with families and community partners about how community schools welcome families. We are rescheduling it for the spring.',
    kind: 'meeting',
    organiser: 'capital-region-community-schools-center',
    status: 'cancelled',
    venueName: 'Capital Region Community Schools Center',
    venueAddress: '1250 H Street NW, Washington, DC 20005',
    timezone: 'America/New_York',
    inDays: 25,
    start: '18:00',
    end: '20:00',
    capacity: 80,
    tags: ['benchmark:family-and-community'],
    tickets: [{ name: 'Free registration', priceDollars: 0 }],
    refundCutoffDays: null,
  },
];
