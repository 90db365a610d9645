//! Generated people for the contact benchmarks: a CSV of `rows` contacts with names from many
//! languages, companies, tags and numbers written the many ways people write them (read with
//! region US), the same on every run. Shared by `callpad-core`'s contacts benchmark and the
//! window benchmarks in `tests/e2e/benches` (which include this file by path).

use super::Rng;

const FIRST: &[&str] = &[
    "Maria", "José", "Anna", "John", "Wei", "Fatima", "Olivia", "Liam", "Noah", "Emma", "Ahmed",
    "Sofia", "Lucas", "Chloé", "Mateo", "Yuki", "Priya", "Ivan", "Zoë", "Omar", "Elena", "Björn",
    "Aisha", "David", "Sarah", "Kenji", "Lena", "Pedro", "Grace", "Hugo", "Nina", "Tomás",
];
const LAST: &[&str] = &[
    "García",
    "Smith",
    "Müller",
    "Nguyen",
    "Kowalski",
    "O'Brien",
    "Rossi",
    "Dubois",
    "Tanaka",
    "Haddad",
    "Johansson",
    "Silva",
    "Novak",
    "Kim",
    "Patel",
    "Schmidt",
    "López",
    "Brown",
    "Martin",
    "Jensen",
    "Fischer",
    "Ivanova",
    "Costa",
    "Murphy",
    "Wong",
    "Andersen",
    "Moreau",
    "Khan",
    "Bauer",
    "Santos",
    "Yilmaz",
    "Clarke",
];
const COMPANIES: &[&str] = &[
    "Acme Corp",
    "Globex",
    "Initech",
    "Umbrella Health",
    "Stark Industries",
    "Wayne Enterprises",
    "Hooli",
    "Vandelay Industries",
    "Soylent",
    "Tyrell",
    "Cyberdyne Systems",
    "Wonka Foods",
];
const TAGS: &[&str] = &[
    "clients",
    "suppliers",
    "family",
    "golf",
    "vip",
    "board",
    "press",
];
const US_AREAS: &[u32] = &[201, 212, 312, 415, 617, 646, 718];

/// A number written the many ways people write them (read with region US).
fn number(i: usize, rng: &mut Rng) -> String {
    let area = US_AREAS[i % US_AREAS.len()];
    let exchange = 200 + (i / 10_000) % 800;
    let line = i % 10_000;
    match rng.below(6) {
        0 => format!("({area}) {exchange}-{line:04}"),
        1 => format!("{area}.{exchange}.{line:04}"),
        2 => format!("+1 {area} {exchange} {line:04}"),
        3 => format!("{area}-{exchange}-{line:04}"),
        4 => format!("+44 20 7{:03} {line:04}", (i / 10_000) % 1000),
        _ => format!(
            "+33 1 42 {:02} {:02} {:02}",
            (i / 10_000) % 100,
            (i / 100) % 100,
            i % 100
        ),
    }
}

pub fn generate_csv(rows: usize) -> String {
    let mut rng = Rng(0x5EED_CA11_9AD0_0001);
    let mut out = String::from("Name,Company,Mobile Phone,Business Phone,Tags,Notes\n");
    for i in 0..rows {
        let name = format!("{} {}", rng.pick(FIRST), rng.pick(LAST));
        let company = if rng.below(3) == 0 {
            rng.pick(COMPANIES)
        } else {
            ""
        };
        let mobile = number(i, &mut rng);
        // A second number for one in four, numbered far from the first ones so none collide.
        let work = if rng.below(4) == 0 {
            number(i + 5_000_000, &mut rng)
        } else {
            String::new()
        };
        let tag = if rng.below(5) == 0 {
            rng.pick(TAGS)
        } else {
            ""
        };
        out.push_str(&format!("\"{name}\",{company},{mobile},{work},{tag},\n"));
    }
    out
}
