import { makeIin } from '../shared/iin.ts';
import type { Rng } from './random.ts';

// Invented people for the demo: the citizens who raised problems. Names are common Kazakh names put
// together at random; any match with a real person is chance. Akims are never named: a real post
// ("akim of Almaty") must not carry an invented name, so demo meetings show the post only.

const MALE = [
  'Айдос',
  'Нұрлан',
  'Ерлан',
  'Бауыржан',
  'Дәурен',
  'Асқар',
  'Ержан',
  'Қайрат',
  'Мұрат',
  'Серік',
  'Талғат',
  'Ғалым',
  'Дархан',
  'Арман',
  'Берік',
  'Жандос',
  'Нұржан',
  'Айбек',
  'Олжас',
  'Ренат',
  'Мейірхан',
  'Әділет',
  'Ермек',
  'Азамат',
  'Төлеген',
  'Сағындық',
  'Бекзат',
  'Ілияс',
  'Жасұлан',
  'Санжар',
];
const FEMALE = [
  'Айгерім',
  'Гүлнар',
  'Әсел',
  'Жанар',
  'Динара',
  'Мақпал',
  'Сәуле',
  'Айжан',
  'Гүлмира',
  'Назерке',
  'Ақмарал',
  'Салтанат',
  'Бибігүл',
  'Жібек',
  'Ләззат',
  'Меруерт',
  'Айнұр',
  'Дана',
  'Шынар',
  'Райхан',
  'Күләш',
  'Баян',
  'Зәуре',
  'Гүлжан',
  'Перизат',
  'Аружан',
  'Самал',
  'Мөлдір',
];
const FATHERS = [
  'Серік',
  'Болат',
  'Қайрат',
  'Нұрлан',
  'Ерлан',
  'Марат',
  'Бақыт',
  'Жақсылық',
  'Омар',
  'Әмір',
  'Сапар',
  'Қуаныш',
  'Мұхтар',
  'Бейбіт',
  'Ғани',
  'Талап',
  'Есен',
  'Рахым',
];
/** Masculine surnames; the feminine form adds "а". */
const SURNAMES = [
  'Ахметов',
  'Сейтқалиев',
  'Жұмабеков',
  'Омаров',
  'Тоқтаров',
  'Бекмұханов',
  'Әбдірахманов',
  'Нұрпейісов',
  'Сәрсенбаев',
  'Қасымов',
  'Иманғалиев',
  'Мұхамеджанов',
  'Төлеуов',
  'Байжанов',
  'Оспанов',
  'Есенов',
  'Құдайбергенов',
  'Әлімжанов',
  'Серікбаев',
  'Жақсылықов',
  'Дүйсенов',
  'Рахымов',
  'Ысқақов',
  'Мамыров',
  'Шәкенов',
  'Тұрсынов',
  'Бейсенов',
  'Қалиев',
  'Ержанов',
  'Әбенов',
  'Исмаилов',
  'Жарылқасынов',
  'Керімбеков',
  'Мырзахметов',
  'Сыздықов',
  'Тілеубердин',
  'Ақылбеков',
  'Бердібеков',
];

export interface Person {
  fullName: string;
  male: boolean;
  birthDate: string;
}

function surname(rng: Rng, male: boolean): string {
  const base = rng.pick(SURNAMES);
  return male ? base : `${base}а`;
}

function patronymic(rng: Rng, male: boolean): string {
  return `${rng.pick(FATHERS)}${male ? 'ұлы' : 'қызы'}`;
}

/** A citizen: "Ахметова Гүлнар Серікқызы" or, as often written on a sign-up sheet, "Гүлнар Ахметова". */
export function fakePerson(rng: Rng): Person {
  const male = rng.chance(0.5);
  const first = rng.pick(male ? MALE : FEMALE);
  const last = surname(rng, male);
  const fullName = rng.chance(0.6) ? `${last} ${first} ${patronymic(rng, male)}` : `${first} ${last}`;
  const year = rng.between(1948, 2003);
  const month = String(rng.between(1, 12)).padStart(2, '0');
  const day = String(rng.between(1, 28)).padStart(2, '0');
  return { fullName, male, birthDate: `${year}-${month}-${day}` };
}

const MOBILE_PREFIXES = ['700', '701', '702', '705', '707', '708'];

/** A Kazakhstan mobile number in E.164: +7 70x xxx xx xx. */
export function fakePhone(rng: Rng): string {
  return `+7${rng.pick(MOBILE_PREFIXES)}${String(rng.int(10_000_000)).padStart(7, '0')}`;
}

export function fakeIin(rng: Rng, person: Person): string {
  return makeIin(person.birthDate, person.male, rng.int);
}
