// Problems follow people: each copied meeting lands in a region with a probability proportional
// to the region's population (thousands, 2024 estimates, rounded). Almaty, Turkistan region and
// Astana carry the most; Ulytau the fewest.
export const REGION_POPULATION: Record<string, number> = {
  'KZ-10': 603, // Abai
  'KZ-11': 785, // Akmola
  'KZ-15': 943, // Aktobe
  'KZ-19': 1530, // Almaty region
  'KZ-23': 700, // Atyrau
  'KZ-27': 695, // West Kazakhstan
  'KZ-31': 1220, // Zhambyl
  'KZ-33': 700, // Zhetisu
  'KZ-35': 1130, // Karaganda
  'KZ-39': 830, // Kostanay
  'KZ-43': 835, // Kyzylorda
  'KZ-47': 775, // Mangystau
  'KZ-55': 750, // Pavlodar
  'KZ-59': 535, // North Kazakhstan
  'KZ-61': 2120, // Turkistan
  'KZ-62': 222, // Ulytau
  'KZ-63': 725, // East Kazakhstan
  'KZ-71': 1420, // Astana
  'KZ-75': 2250, // Almaty city
  'KZ-79': 1230, // Shymkent
};
