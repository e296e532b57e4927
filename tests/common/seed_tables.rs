//! The three tables of seed 000, cell for cell as the seed prints them.
//! Shared by the data tests (every cell is in the content files) and the
//! render tests (every cell is on the rendered pages).

/// Seed 000, Table 1: factor, why it matters, example adjustment.
pub const SEED_TABLE_1: [[&str; 3]; 5] = [
    [
        "Body weight & metabolism",
        "Determines initial milligram per kilogram calculation",
        "Higher weight may mean higher baseline dose",
    ],
    [
        "Pain type",
        "Neuropathic vs musculoskeletal pain respond differently",
        "Neuropathic pain may need longer infusions",
    ],
    [
        "Medical conditions",
        "Liver, heart, or blood pressure conditions alter safety",
        "Patients with hypertension may receive lower doses",
    ],
    [
        "Concurrent medications",
        "Drug interactions may change ketamine metabolism",
        "Antidepressants may require slower titration",
    ],
    [
        "Genetics & age",
        "Enzyme activity and age affect drug breakdown",
        "Older adults may require lower doses",
    ],
];

/// Seed 000, Table 2: stage, typical frequency, purpose.
pub const SEED_TABLE_2: [[&str; 3]; 3] = [
    [
        "Initial/loading",
        "4–6 infusions over 2 weeks",
        "Establish response and determine effective dose",
    ],
    [
        "Adjustment/titration",
        "1–2 infusions as needed",
        "Fine-tune balance between relief and side effects",
    ],
    [
        "Maintenance",
        "Every 4–8 weeks",
        "Sustain benefits over time",
    ],
];

/// Seed 000, Table 3: side effect, frequency, duration.
pub const SEED_TABLE_3: [[&str; 3]; 7] = [
    [
        "Dizziness/lightheadedness",
        "Common",
        "Resolves within 1–2 hours",
    ],
    [
        "Blurred or double vision",
        "Common",
        "Resolves within 1–2 hours",
    ],
    ["Nausea or vomiting", "Common", "Resolves same day"],
    [
        "Elevated blood pressure",
        "Less common",
        "During infusion only",
    ],
    [
        "Anxiety or confusion",
        "Less common",
        "Can last several hours",
    ],
    [
        "Bladder irritation (with long-term misuse)",
        "Rare",
        "Develops over months to years",
    ],
    [
        "Heart rhythm changes",
        "Rare",
        "Immediate, requires monitoring",
    ],
];
