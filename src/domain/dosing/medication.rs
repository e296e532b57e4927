//! The medication catalogue: named drugs and drug classes a patient may take,
//! each with its class and the sources behind its interaction (evidence file
//! section 3.3 and 7.2). Cards refer to these ids; unknown ids are refused.

choice_enum! {
    /// A co-medication (a named drug, or a class when no single drug matters).
    /// The id is what share links (`medications=opioid,diazepam`) and card
    /// conditions use.
    pub enum Medication {
        Benzodiazepine = "benzodiazepine" => "a benzodiazepine (other than those listed)",
        Diazepam = "diazepam" => "diazepam",
        Lorazepam = "lorazepam" => "lorazepam",
        Midazolam = "midazolam" => "midazolam",
        Opioid = "opioid" => "an opioid",
        OtherCnsDepressant = "other_cns_depressant" => "another CNS depressant",
        Lamotrigine = "lamotrigine" => "lamotrigine",
        Maoi = "maoi" => "a monoamine oxidase inhibitor (MAOI)",
        Tricyclic = "tricyclic" => "a tricyclic antidepressant",
        OtherAntidepressant = "other_antidepressant" => "another antidepressant (e.g. SSRI, SNRI)",
        Theophylline = "theophylline" => "theophylline",
        Aminophylline = "aminophylline" => "aminophylline",
        Clarithromycin = "clarithromycin" => "clarithromycin",
        Ketoconazole = "ketoconazole" => "ketoconazole",
        Ritonavir = "ritonavir" => "ritonavir",
        Itraconazole = "itraconazole" => "itraconazole",
        Ticlopidine = "ticlopidine" => "ticlopidine",
        Rifampicin = "rifampicin" => "rifampicin (rifampin)",
        LongTermBarbiturate = "long_term_barbiturate" => "a barbiturate taken long term",
        Carbamazepine = "carbamazepine" => "carbamazepine",
        Phenytoin = "phenytoin" => "phenytoin",
        StJohnsWort = "st_johns_wort" => "St John's wort",
        Levothyroxine = "levothyroxine" => "levothyroxine",
        Memantine = "memantine" => "memantine",
        Sympathomimetic = "sympathomimetic" => "a sympathomimetic",
        Vasopressin = "vasopressin" => "vasopressin",
        Antihypertensive = "antihypertensive" => "an antihypertensive",
    }
}

choice_enum! {
    /// The pharmacological group a catalogue entry belongs to.
    pub enum MedicationClass {
        Benzodiazepine = "benzodiazepine" => "benzodiazepines",
        Opioid = "opioid" => "opioids",
        CnsDepressant = "cns_depressant" => "other CNS depressants",
        Anticonvulsant = "anticonvulsant" => "anticonvulsants",
        Antidepressant = "antidepressant" => "antidepressants",
        Methylxanthine = "methylxanthine" => "theophylline and aminophylline",
        Cyp3a4Inhibitor = "cyp3a4_inhibitor" => "CYP3A4 inhibitors",
        Cyp2b6Inhibitor = "cyp2b6_inhibitor" => "CYP2B6 inhibitors",
        CypInducer = "cyp_inducer" => "enzyme inducers",
        Thyroid = "thyroid" => "thyroid hormones",
        NmdaAntagonist = "nmda_antagonist" => "other NMDA antagonists",
        Vasoactive = "vasoactive" => "sympathomimetics and vasopressors",
        Antihypertensive = "antihypertensive" => "antihypertensives",
    }
}

/// One catalogue row: what the drug is and where its interaction is described.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MedicationInfo {
    /// The medication.
    pub medication: Medication,
    /// Its pharmacological group.
    pub class: MedicationClass,
    /// Source ids (evidence file section 8) for the interaction with ketamine;
    /// empty when only a class-based expectation exists.
    pub sources: &'static [&'static str],
    /// One line on the expected interaction, in plain words.
    pub interaction: &'static str,
}

impl Medication {
    /// The catalogue row for this medication.
    pub fn info(self) -> MedicationInfo {
        use Medication as M;
        use MedicationClass as C;
        let (class, sources, interaction): (C, &'static [&'static str], &'static str) = match self {
            M::Benzodiazepine | M::Lorazepam | M::Midazolam => (
                C::Benzodiazepine,
                &["R32", "R49"],
                "adds sedation and breathing depression; eases distress; no known change in ketamine levels",
            ),
            M::Diazepam => (
                C::Benzodiazepine,
                &["R32", "R34", "R33"],
                "adds sedation; reported to raise ketamine levels; not mixed in the same container",
            ),
            M::Opioid => (
                C::Opioid,
                &["R32"],
                "deep sedation, breathing depression and slower recovery possible",
            ),
            M::OtherCnsDepressant => (
                C::CnsDepressant,
                &["R32"],
                "deep sedation and breathing depression possible",
            ),
            M::Lamotrigine => (
                C::Anticonvulsant,
                &["R26"],
                "may lessen ketamine's unwanted effects",
            ),
            M::Maoi => (
                C::Antidepressant,
                &["R27"],
                "in anaesthesia practice stopped two weeks before surgery",
            ),
            M::Tricyclic => (
                C::Antidepressant,
                &["R27"],
                "more risk of arrhythmia and low blood pressure",
            ),
            M::OtherAntidepressant => (
                C::Antidepressant,
                &["R26", "seed-dosing"],
                "most can probably be combined; titrate more slowly",
            ),
            M::Theophylline | M::Aminophylline => (
                C::Methylxanthine,
                &["R32", "R34"],
                "not given together: lowers the seizure threshold",
            ),
            M::Clarithromycin => (
                C::Cyp3a4Inhibitor,
                &["R44"],
                "strong CYP3A4 inhibitor: raised oral S-ketamine exposure (AUC × 2.6)",
            ),
            M::Ketoconazole | M::Ritonavir => (
                C::Cyp3a4Inhibitor,
                &["R46"],
                "strong CYP3A4 inhibitor: higher exposure expected (no ketamine-specific figure)",
            ),
            M::Itraconazole => (
                C::Cyp3a4Inhibitor,
                &["R45"],
                "no change in oral S-ketamine exposure in a volunteer study",
            ),
            M::Ticlopidine => (
                C::Cyp2b6Inhibitor,
                &["R45"],
                "CYP2B6 inhibitor: raised oral S-ketamine exposure (AUC × 2.4)",
            ),
            M::Rifampicin => (
                C::CypInducer,
                &["R47", "R48"],
                "inducer: IV S-ketamine exposure only 10–14% lower (much more by mouth)",
            ),
            M::LongTermBarbiturate => (
                C::CypInducer,
                &["R35"],
                "inducer: lower steady-state levels in long-term sedation",
            ),
            M::Carbamazepine | M::Phenytoin | M::StJohnsWort => (
                C::CypInducer,
                &[],
                "inducer: lower levels expected by class (no ketamine-specific data)",
            ),
            M::Levothyroxine => (
                C::Thyroid,
                &["R34"],
                "low blood pressure and fast heart rate reported",
            ),
            M::Memantine => (C::NmdaAntagonist, &["R27"], "more CNS toxicity"),
            M::Sympathomimetic | M::Vasopressin => (
                C::Vasoactive,
                &["R32"],
                "watch vital signs; individualise the dose",
            ),
            M::Antihypertensive => (
                C::Antihypertensive,
                &["seed-dosing"],
                "the first source article names blood pressure medicines among those that may interact, without details, and no study was found; ketamine can raise blood pressure, which is watched throughout the infusion",
            ),
        };
        MedicationInfo {
            medication: self,
            class,
            sources,
            interaction,
        }
    }
}

/// The whole catalogue, in declaration order.
pub fn catalogue() -> Vec<MedicationInfo> {
    Medication::ALL.iter().map(|m| m.info()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_are_unique() {
        let mut seen = std::collections::BTreeSet::new();
        for m in Medication::ALL {
            assert_eq!(Medication::from_id(m.id()), Some(*m));
            assert!(seen.insert(m.id()), "duplicate id {}", m.id());
        }
        assert_eq!(seen.len(), 27);
    }

    #[test]
    fn lenient_parsing_accepts_typed_variants() {
        assert_eq!(
            Medication::parse_lenient(" St-Johns-Wort "),
            Some(Medication::StJohnsWort)
        );
        assert_eq!(Medication::parse_lenient("MAOI"), Some(Medication::Maoi));
        assert_eq!(Medication::parse_lenient("aspirin"), None);
    }

    #[test]
    fn catalogue_classes_match_the_evidence_file() {
        assert_eq!(
            Medication::Clarithromycin.info().class,
            MedicationClass::Cyp3a4Inhibitor
        );
        assert_eq!(
            Medication::Ticlopidine.info().class,
            MedicationClass::Cyp2b6Inhibitor
        );
        assert_eq!(
            Medication::Aminophylline.info().class,
            MedicationClass::Methylxanthine
        );
        assert_eq!(Medication::Rifampicin.info().sources, &["R47", "R48"]);
        assert_eq!(catalogue().len(), Medication::ALL.len());
    }
}
