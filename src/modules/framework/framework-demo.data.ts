// The demo's two frameworks, in the project's own words. Keys are stable tag keys: the network's
// principles are '1'…'10' and its benchmarks' keys are the ones the demo's events and engagements
// tag (`DEMO_BENCHMARK_TAGS`), so the demo's tagged sessions resolve to these records.

export interface DemoItem {
  key: string;
  name: string;
  description: string;
}

export interface DemoBenchmark extends DemoItem {
  group: string;
  principles: string[];
  /** One descriptor per level key. */
  descriptors: Record<string, string>;
}

export interface DemoVersion {
  notes: string;
  principles: DemoItem[];
  groups: DemoItem[];
  benchmarks: DemoBenchmark[];
  levels: DemoItem[];
}

export interface DemoFramework {
  slug: string;
  name: string;
  description: string;
  primary: boolean;
  /** Published in order; every one but the last ends up retired. */
  versions: DemoVersion[];
}

const PRINCIPLES: DemoItem[] = [
  ['1', "Learning to use one's mind well", 'The school helps every student think carefully: weigh evidence, take other views into account, and ask what matters.'],
  ['2', 'Less is more, depth over coverage', 'Fewer topics, understood deeply, serve students better than a long list raced through.'],
  ['3', 'Goals apply to all students', 'One set of high goals for every student, reached by different paths and at different speeds.'],
  ['4', 'Personalization', 'Teachers carry loads small enough to know each student well, and decide close to the students.'],
  ['5', 'Student-as-worker, teacher-as-coach', 'Students do the work of learning; teachers coach them towards teaching themselves.'],
  ['6', 'Demonstration of mastery', 'Students show what they know through real work shared with the community, not seat time.'],
  ['7', 'A tone of decency and trust', 'High expectations without fear, trust and decency, lived every day with families as partners.'],
  ['8', 'Commitment to the entire school', 'Adults see themselves as educators of the whole student and share responsibility for the whole school.'],
  ['9', 'Resources dedicated to teaching and learning', 'Budgets, time and staff are arranged to serve teaching and learning first.'],
  ['10', 'Democracy and equity', 'The school involves the people it serves in its decisions and confronts inequity on purpose.'],
].map(([key, name, description]) => ({ key: key!, name: name!, description: description! }));

const CLASSROOM = 'classroom';
const ORGANIZATION = 'organization';

type Row = [key: string, group: string, name: string, principles: string[], description: string, early: string, developing: string, sustaining: string];

const BENCHMARKS: Row[] = [
  ['intellectual-focus', CLASSROOM, 'Intellectual focus and rigor', ['1', '2'], 'Units are built around a few essential questions that ask students to think hard.',
    'Lessons follow the textbook; few tasks ask students to reason or justify.',
    'Some units start from essential questions; rigorous tasks appear in some classes.',
    'Every course is organized around essential questions, and most tasks ask students to reason, justify and revise.'],
  ['personalised-learning', CLASSROOM, 'Personalized learning', ['3', '4'], 'Teachers know each student well enough to shape the work to them.',
    'Teachers know students mostly through grades; loads are too large to do more.',
    'Teams share what they know about students and adjust some work for them.',
    'Each student has goals they helped set, and teachers adjust work and pacing from what they know of them.'],
  ['student-as-worker', CLASSROOM, 'Active, student-centred learning', ['5'], 'Students do the questioning, building and revising; teachers coach.',
    'Teachers talk most of the period; students listen and take notes.',
    'Projects and discussion happen regularly, with the teacher still directing most steps.',
    'Students lead most of the work in class, and the teacher circulates, questions and gives feedback.'],
  ['demonstration-of-mastery', CLASSROOM, 'Exhibitions and performance assessment', ['6', '3'], 'Students show mastery through exhibitions, portfolios and real tasks judged against shared criteria.',
    'Grades come mostly from tests and homework completion.',
    'Some courses end with a project or exhibition, with rubrics that vary by teacher.',
    'Graduation rests on exhibitions judged by outside panels with common rubrics, and students revise until they meet the standard.'],
  ['culture-of-inquiry', CLASSROOM, 'A culture of inquiry', ['1', '5'], 'Questions drive classrooms, and students investigate rather than receive answers.',
    'Questions are mostly the teacher checking for recall.',
    'Students pose some of their own questions in a few courses.',
    'Students routinely frame questions, gather evidence and defend conclusions in every subject.'],
  ['literacy-across-subjects', CLASSROOM, 'Literacy across subjects', ['1', '8'], 'Every teacher teaches students to read, write and speak in their subject.',
    'Reading and writing are left to English classes.',
    'Some departments use shared reading and writing strategies.',
    'All teachers use common literacy practices and look at student writing together across subjects.'],
  ['differentiated-instruction', CLASSROOM, 'Differentiated instruction', ['3', '4', '10'], 'One high goal, many ways in: tasks, support and grouping fit the learners.',
    'The same lesson and task for everyone; students who struggle fall behind.',
    'Teachers offer choices or extra support in some lessons.',
    'Teachers plan entry points, scaffolds and extensions for every unit, and grouping changes with the task.'],
  ['advisory', ORGANIZATION, 'Advisory and personal attention', ['4', '7'], 'Every student belongs to a small advisory with an adult who knows them and speaks for them.',
    'There is no advisory, or it is used for announcements.',
    'Advisories meet regularly, with a curriculum some advisors follow.',
    'Every student has an advisor who meets them weekly, knows their progress and family, and leads their student-led conference.'],
  ['shared-leadership', ORGANIZATION, 'Shared, democratic leadership', ['8', '10'], 'Teachers, students and families take part in the decisions that shape the school.',
    'Decisions are made by the principal and announced.',
    'A leadership team advises the principal on some decisions.',
    'Teams with teachers, students and families decide on schedule, budget and program, and report back to everyone.'],
  ['family-and-community', ORGANIZATION, 'Family and community partnership', ['7', '10'], 'Families and local partners are part of the school\'s work, not visitors to it.',
    'Families hear from the school mainly when something is wrong.',
    'The school holds regular family events and has a few community partners.',
    'Families sit on exhibition panels and school teams, and partners work with students on real projects every year.'],
  ['professional-collaboration', ORGANIZATION, "Teachers' collaborative work", ['8', '9'], 'Teachers plan together, look at student work with protocols, and visit each other\'s classes.',
    'Teachers work alone; meetings are for logistics.',
    'Some teams meet to plan and occasionally look at student work.',
    'Every teacher is in a team that meets weekly, uses protocols to look at student work, and visits classrooms.'],
  ['equity-and-access', ORGANIZATION, 'Equity and access', ['3', '10'], 'The school examines results by student group and removes barriers to its best courses and supports.',
    'Results are not looked at by student group; tracking decides who takes which courses.',
    'The school reviews some data by group and has opened a few courses to all.',
    'The school reviews achievement and experience by group each term, changes practice where gaps appear, and every course is open to every student.'],
  ['tone-of-decency-and-trust', ORGANIZATION, 'A safe and respectful school culture', ['7'], 'Students and adults treat each other with decency, and everyone feels known and safe.',
    'Rules are enforced mostly through punishment; many students say they feel unsafe or unknown.',
    'Shared values are posted and taught; restorative practices are tried in some cases.',
    'Students and adults name the same values and live them, conflicts are repaired restoratively, and surveys show students feel safe and known.'],
  ['time-and-resources', ORGANIZATION, 'Time and resources for teaching', ['9', '2'], 'The schedule, budget and staffing put teaching and learning first.',
    'The schedule gives short periods and no common planning time.',
    'Some teams have common planning time or longer blocks.',
    'Long blocks, common planning time and manageable student loads are built into the schedule and budget each year.'],
];

const LEVELS: DemoItem[] = [
  { key: 'early', name: 'Early', description: 'The practice is new or occasional; a few people are trying it.' },
  { key: 'developing', name: 'Developing', description: 'The practice is spreading and some structures support it, but it is not yet schoolwide.' },
  { key: 'sustaining', name: 'Sustaining', description: 'The practice is schoolwide, built into structures, and would survive a change of staff.' },
];

const GROUPS: DemoItem[] = [
  { key: CLASSROOM, name: 'Classroom practices', description: 'What teaching and learning look like in classes.' },
  { key: ORGANIZATION, name: 'Organizational practices', description: 'How the school is organized to support that teaching and learning.' },
];

function benchmarks(revised: Record<string, Partial<Record<string, string>>> = {}, renamed: Record<string, string> = {}): DemoBenchmark[] {
  return BENCHMARKS.map(([key, group, name, principles, description, early, developing, sustaining]) => ({
    key,
    group,
    name: renamed[key] ?? name,
    principles,
    description,
    descriptors: { early, developing, sustaining, ...revised[key] },
  }));
}

/**
 * Version 1 called two benchmarks by shorter names; version 2 renamed them (same keys, so tags and
 * past cycles keep pointing at them) and clarified two rubrics: the advisory and the data (equity
 * and access) descriptors. A school's history across the two versions shows both changes.
 */
const FIRST_NAMES: Record<string, string> = { advisory: 'Advisory', 'professional-collaboration': 'Teacher collaboration' };

const CLARIFIED: Record<string, Partial<Record<string, string>>> = {
  advisory: {
    developing: 'Advisories meet at least weekly with a shared curriculum, but not every advisor follows it or knows each advisee\'s progress.',
  },
  'equity-and-access': {
    developing: 'The school reviews attendance and course results by student group at least once a year and has opened some tracked courses to all.',
  },
};

export const NETWORK_FRAMEWORK: DemoFramework = {
  slug: 'common-principles',
  name: 'Common Principles and Benchmarks',
  description: 'The network\'s framework: the ten Common Principles and fourteen Benchmarks of classroom and organizational practice, each with a three-level rubric schools use to assess themselves with their coaches.',
  primary: true,
  versions: [
    { notes: '', principles: PRINCIPLES, groups: GROUPS, benchmarks: benchmarks({}, FIRST_NAMES), levels: LEVELS },
    { notes: 'Renamed two benchmarks and clarified the advisory and data descriptors.', principles: PRINCIPLES, groups: GROUPS, benchmarks: benchmarks(CLARIFIED), levels: LEVELS },
  ],
};

// The community-schools framework: seed 003's core values as principles, standards grouped as
// benchmarks, and four stages of development.

const STAGES: DemoItem[] = [
  { key: 'emerging', name: 'Emerging', description: 'Partners have agreed to work together and are taking first steps.' },
  { key: 'exploring', name: 'Exploring', description: 'Structures are being tried and adjusted; the work depends on a few people.' },
  { key: 'excelling', name: 'Excelling', description: 'The practice works across the school and shows results.' },
  { key: 'sustaining', name: 'Sustaining', description: 'The practice is funded, shared and built into how the school and its partners operate.' },
];

const VALUES: DemoItem[] = [
  { key: 'strong-partnerships', name: 'Foster strong partnerships', description: 'Partners pool their resources and expertise to design the community school and make it work.' },
  { key: 'shared-accountability', name: 'Share accountability for results', description: 'Agreed results drive the work, data show progress, and partners hold each other to their commitments.' },
  { key: 'high-expectations', name: 'Set high expectations for all', description: 'Children, youth and adults are all expected to learn at high standards and contribute to their community.' },
  { key: 'community-strengths', name: "Build on the community's strengths", description: 'The school draws on the people, organizations and assets of the whole community.' },
  { key: 'embrace-diversity', name: 'Embrace diversity', description: 'The school knows its community and builds respect and a positive identity for people of every background.' },
];

type Standard = [key: string, group: string, name: string, values: string[], description: string, emerging: string, exploring: string, excelling: string, sustaining: string];

const STANDARDS: Standard[] = [
  ['collaborative-leadership', 'partnership', 'Collaborative leadership', ['strong-partnerships', 'shared-accountability'], 'A site team of school staff, partners and families plans and steers the community school.',
    'The principal and one partner meet occasionally.', 'A site team meets, but partners and families rarely shape decisions.', 'The site team meets monthly and decides on priorities with partners and families.', 'Shared leadership is written into agreements and continues through changes of principal or partner staff.'],
  ['results-and-data', 'partnership', 'Shared results and data', ['shared-accountability'], 'Partners agree on results and use data together to see progress.',
    'Each partner tracks its own numbers.', 'Partners have agreed on a few results but share data irregularly.', 'Partners review shared data each term and change course together.', 'A results framework and data-sharing agreement guide every partner\'s work year after year.'],
  ['coordinated-resources', 'partnership', 'Coordinated resources', ['strong-partnerships', 'community-strengths'], 'A coordinator aligns partners\' services and funding with what students and families need.',
    'Services arrive one by one, without a plan.', 'A part-time coordinator maps services and gaps.', 'A full-time coordinator aligns services to a needs assessment.', 'Coordination is funded from several sources and planned across years.'],
  ['engaged-learning', 'learning', 'Learning beyond the school day', ['high-expectations', 'community-strengths'], 'Before- and after-school and summer learning extends and enriches the school day.',
    'A few activities run after school, unconnected to classes.', 'Programs after school connect to some class goals.', 'Extended learning is planned with teachers and open to every student.', 'Extended learning is part of the school\'s design and budget every year.'],
  ['family-engagement', 'learning', 'Family and community engagement', ['embrace-diversity', 'community-strengths'], 'Families are welcomed as partners, leaders and learners in the school.',
    'Families are invited to events.', 'Families are surveyed and some serve on committees.', 'Families lead programs and help decide on the school\'s priorities.', 'Family leadership is supported with training, time and budget each year.'],
  ['whole-child-supports', 'learning', 'Supports for the whole child', ['high-expectations', 'embrace-diversity'], 'Health, social and emotional supports help every student be ready to learn.',
    'Supports are referred outside the school case by case.', 'Some services (health, counseling) are on site part of the week.', 'Integrated supports are on site and coordinated with teachers.', 'Supports are planned with families and sustained through long-term partnerships.'],
];

export const COMMUNITY_SCHOOLS_FRAMEWORK: DemoFramework = {
  slug: 'community-schools-standards',
  name: 'Community Schools Standards',
  description: 'For community schools in the network: five core values, standards for partnership and for learning, and four stages of development that a school and its partners move through together.',
  primary: false,
  versions: [
    {
      notes: '',
      principles: VALUES,
      groups: [
        { key: 'partnership', name: 'Partnership and accountability', description: 'How the school and its partners lead and measure their work together.' },
        { key: 'learning', name: 'Learning and community', description: 'What students and families experience.' },
      ],
      benchmarks: STANDARDS.map(([key, group, name, values, description, emerging, exploring, excelling, sustaining]) => ({
        key,
        group,
        name,
        principles: values,
        description,
        descriptors: { emerging, exploring, excelling, sustaining },
      })),
      levels: STAGES,
    },
  ],
};

export const DEMO_FRAMEWORKS: readonly DemoFramework[] = [NETWORK_FRAMEWORK, COMMUNITY_SCHOOLS_FRAMEWORK];

/** The tags the network framework's current version gives the shared taxonomy, in order (for demo data and tests). */
export const DEMO_PRINCIPLE_TAGS: readonly string[] = PRINCIPLES.map((p) => `principle:${p.key}`);
export const DEMO_BENCHMARK_TAGS: readonly string[] = BENCHMARKS.map(([key]) => `benchmark:${key}`);
