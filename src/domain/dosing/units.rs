//! Units as types, and every unit conversion of the app in one place.
//!
//! Each newtype holds an unrounded `f64`; `.display()` delegates to the single
//! formatting function [`format_dose`]. Conversion factors:
//! - 1 lb = 0.45359237 kg exactly (international avoirdupois pound);
//! - 1 in = 2.54 cm exactly (international inch);
//! - 1 mg/kg/h = 1000/60 mcg/kg/min (1,000 mcg per mg, 60 min per h);
//! - mL/h = (mg/h) ÷ (mg/mL) (evidence file section 0, pump-rate formula).

use super::format::{format_beside, format_dose, format_dose_with, DoseUnit};
use super::limits::SMALL_PUMP_RATE_ML_PER_H;

/// Kilograms per pound, exact by definition of the international pound.
pub const KG_PER_LB: f64 = 0.453_592_37;
/// Centimetres per inch, exact by definition of the international inch.
pub const CM_PER_IN: f64 = 2.54;
/// mcg/kg/min per mg/kg/h: 1,000 mcg per mg over 60 min per h.
pub const MCG_PER_MIN_PER_MG_PER_H: f64 = 1000.0 / 60.0;

macro_rules! unit_newtype {
    ($(#[$meta:meta])* $name:ident, $unit:expr) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, PartialOrd, Default)]
        pub struct $name(pub f64);

        impl $name {
            /// The raw, unrounded value.
            pub fn value(self) -> f64 {
                self.0
            }

            /// The value in medication-safety notation with its unit.
            pub fn display(self) -> String {
                format_dose(self.0, $unit)
            }

            /// A measure as it was read (typed, or converted to the
            /// precision typed), with every decimal it has, up to
            /// [`MAX_TYPED_DECIMALS`]: 49.99 kg shows "49.99 kg", not
            /// "50 kg" beside a card's 50 kg threshold that it is below;
            /// 200.05 cm shows "200.05 cm". Values with no more decimals
            /// than the unit's show as [`Self::display`] shows them.
            pub fn display_as_read(self) -> String {
                format_dose_with(self.0, $unit, self.decimals_as_read())
            }

            /// The decimals [`Self::display_as_read`] shows: the fewest that
            /// hold the value exactly, at most [`MAX_TYPED_DECIMALS`].
            pub fn decimals_as_read(self) -> u32 {
                (0..MAX_TYPED_DECIMALS)
                    .find(|&d| round_to(self.0, d) == self.0)
                    .unwrap_or(MAX_TYPED_DECIMALS)
            }

            /// The display unit of this type.
            pub const UNIT: DoseUnit = $unit;
        }
    };
}

unit_newtype!(
    /// Body weight in kilograms (actual, ideal, adjusted or dosing weight).
    Kg,
    DoseUnit::Kg
);
unit_newtype!(
    /// Body weight in pounds, as typed; converted to [`Kg`] before any use.
    Lb,
    DoseUnit::Lb
);
unit_newtype!(
    /// Height in centimetres.
    Cm,
    DoseUnit::Cm
);
unit_newtype!(
    /// Height in inches (as typed, or for the Devine ideal-weight formula).
    Inches,
    DoseUnit::Inches
);
unit_newtype!(
    /// Duration in hours.
    Hours,
    DoseUnit::Hours
);
unit_newtype!(
    /// An amount of ketamine (as base) in mg.
    Mg,
    DoseUnit::Mg
);
unit_newtype!(
    /// An amount per kg of dosing weight, in mg/kg (bolus).
    MgPerKg,
    DoseUnit::MgPerKg
);
unit_newtype!(
    /// An infusion rate in mg/h.
    MgPerHour,
    DoseUnit::MgPerHour
);
unit_newtype!(
    /// A weight-based infusion rate in mg/kg/h (per kg of dosing weight).
    MgPerKgPerHour,
    DoseUnit::MgPerKgPerHour
);
unit_newtype!(
    /// A weight-based infusion rate in mcg/kg/min.
    McgPerKgPerMin,
    DoseUnit::McgPerKgPerMin
);
unit_newtype!(
    /// A bag or syringe concentration in mg/mL.
    MgPerMl,
    DoseUnit::MgPerMl
);
unit_newtype!(
    /// A pump rate in mL/h.
    MlPerHour,
    DoseUnit::MlPerHour
);

impl Lb {
    /// Pounds to kilograms (× 0.45359237, exact).
    pub fn to_kg(self) -> Kg {
        Kg(self.0 * KG_PER_LB)
    }

    /// The weight the engine uses for a weight typed in lb with `typed`
    /// decimals: converted, then rounded to as many decimals of a kg as
    /// were typed, and at least to 0.1 kg, the precision weights are shown
    /// at (half away from zero). Without the rounding a unit switch could
    /// move a weight across a card's threshold: 50 kg becomes "110.2 lb",
    /// which is 49.986 kg, below 50 kg; with it, 110.2 lb is 50 kg. A weight
    /// typed to 0.01 kg (49.99) takes two decimals of a pound (110.21 lb,
    /// 49.9904 kg, used as 49.99) to come back exactly.
    pub fn to_kg_as_typed(self, typed: u32) -> Kg {
        Kg(round_to(self.to_kg().0, typed.max(1)))
    }
}

impl Kg {
    /// Kilograms to pounds (÷ 0.45359237), for showing an entered limit in lb.
    pub fn to_lb(self) -> Lb {
        Lb(self.0 / KG_PER_LB)
    }
}

impl Inches {
    /// Inches to centimetres (× 2.54, exact).
    pub fn to_cm(self) -> Cm {
        Cm(self.0 * CM_PER_IN)
    }

    /// The height the engine uses for a height typed in inches with `typed`
    /// decimals: converted, then rounded to one decimal of a cm fewer than
    /// were typed (an inch is 2.54 cm), and at least to 0.1 cm, the
    /// precision heights are shown at, as [`Lb::to_kg_as_typed`] does for
    /// weights: 68.94 in is 175.1076 cm, used as 175.1.
    pub fn to_cm_as_typed(self, typed: u32) -> Cm {
        Cm(round_to(self.to_cm().0, Inches::cm_decimals(typed)))
    }

    /// The decimals of a cm a height typed in inches with `typed` decimals
    /// is read to (see [`Inches::to_cm_as_typed`]).
    pub fn cm_decimals(typed: u32) -> u32 {
        typed.saturating_sub(1).max(1)
    }
}

/// Rounds to `decimals` decimals, half away from zero.
fn round_to(value: f64, decimals: u32) -> f64 {
    let scale = 10f64.powi(decimals.min(MAX_TYPED_DECIMALS) as i32);
    (value * scale).round() / scale
}

/// The most decimals a typed number may have: no scale or measure is more
/// exact, and beyond it a number typed just below a threshold
/// (49.99999999999999999 kg) would be read as the threshold itself.
pub const MAX_TYPED_DECIMALS: u32 = 6;

impl Cm {
    /// Centimetres to inches (÷ 2.54), for the Devine formula.
    pub fn to_inches(self) -> Inches {
        Inches(self.0 / CM_PER_IN)
    }
}

impl MgPerKgPerHour {
    /// The hourly rate for a dosing weight: mg/kg/h × kg = mg/h.
    pub fn for_weight(self, weight: Kg) -> MgPerHour {
        MgPerHour(self.0 * weight.0)
    }

    /// mg/kg/h × 1000/60 = mcg/kg/min.
    pub fn to_mcg_per_kg_per_min(self) -> McgPerKgPerMin {
        McgPerKgPerMin(self.0 * MCG_PER_MIN_PER_MG_PER_H)
    }
}

impl MgPerKg {
    /// The amount for a dosing weight: mg/kg × kg = mg.
    pub fn for_weight(self, weight: Kg) -> Mg {
        Mg(self.0 * weight.0)
    }
}

impl MgPerHour {
    /// The weight-based rate: mg/h ÷ kg. A non-positive weight (never produced
    /// by validated input) gives 0 rather than a division by zero.
    pub fn per_kg(self, weight: Kg) -> MgPerKgPerHour {
        if weight.0 > 0.0 {
            MgPerKgPerHour(self.0 / weight.0)
        } else {
            MgPerKgPerHour(0.0)
        }
    }

    /// The amount given at this rate over a duration: mg/h × h = mg.
    pub fn over(self, duration: Hours) -> Mg {
        Mg(self.0 * duration.0)
    }

    /// The pump rate for a bag concentration: mg/h ÷ mg/mL = mL/h. A
    /// non-positive concentration (never produced by validated input) gives 0.
    pub fn pump_rate(self, concentration: MgPerMl) -> MlPerHour {
        if concentration.0 > 0.0 {
            MlPerHour(self.0 / concentration.0)
        } else {
            MlPerHour(0.0)
        }
    }
}

impl MlPerHour {
    /// The pump rate as shown: as [`Self::display`], except that a rate
    /// under [`SMALL_PUMP_RATE_ML_PER_H`] never reads as that threshold
    /// (0.996 mL/h shows "0.996 mL/h", not "1 mL/h" beside a notice that
    /// the rate is under 1 mL/h).
    pub fn pump_text(self) -> String {
        if self.0 < SMALL_PUMP_RATE_ML_PER_H {
            format_beside(self.0, SMALL_PUMP_RATE_ML_PER_H, DoseUnit::MlPerHour)
        } else {
            self.display()
        }
    }
}

impl Mg {
    /// The hourly rate that spreads this amount over a duration: mg ÷ h. A
    /// non-positive duration (never produced by a valid card) gives 0.
    pub fn per_hours(self, duration: Hours) -> MgPerHour {
        if duration.0 > 0.0 {
            MgPerHour(self.0 / duration.0)
        } else {
            MgPerHour(0.0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conversions_use_the_exact_factors() {
        assert_eq!(Lb(100.0).to_kg(), Kg(45.359237));
        // Used at 0.1 kg: 45.359237 -> 45.4, 69.989 -> 70, 49.986 -> 50, 49.940 -> 49.9.
        assert_eq!(Lb(100.0).to_kg_as_typed(0), Kg(45.4));
        assert_eq!(Lb(154.3).to_kg_as_typed(1), Kg(70.0));
        assert_eq!(Lb(110.2).to_kg_as_typed(1), Kg(50.0));
        assert_eq!(Lb(110.1).to_kg_as_typed(1), Kg(49.9));
        assert_eq!(Lb(661.4).to_kg_as_typed(1), Kg(300.0));
        // Typed to 0.01 lb, used at 0.01 kg: 49.990422 -> 49.99; to 0.001 lb, at 0.001 kg: 49.995858 -> 49.996.
        assert_eq!(Lb(110.21).to_kg_as_typed(2), Kg(49.99));
        assert_eq!(Lb(110.222).to_kg_as_typed(3), Kg(49.996));
        // Never finer than six decimals.
        assert_eq!(Lb(110.231_129_8).to_kg_as_typed(7), Kg(49.999_999));
        assert_eq!(Inches(10.0).to_cm(), Cm(25.4));
        // 69 in is 175.26 cm, used as 175.3; 68.94 in is 175.1076 cm, used as 175.1;
        // 47.228 in is 119.95912 cm, used as 119.96.
        assert_eq!(Inches(69.0).to_cm_as_typed(0), Cm(175.3));
        assert_eq!(Inches(69.0).to_cm_as_typed(1), Cm(175.3));
        assert_eq!(Inches(68.94).to_cm_as_typed(2), Cm(175.1));
        assert_eq!(Inches(47.228).to_cm_as_typed(3), Cm(119.96));
        assert_eq!(Inches(60.0).to_cm_as_typed(0), Cm(152.4));
        assert_eq!(Cm(152.4).to_inches(), Inches(60.0));
        assert!(
            (MgPerKgPerHour(1.0).to_mcg_per_kg_per_min().0 - 16.666_666_666_666_668).abs() < 1e-12
        );
        assert_eq!(MgPerKgPerHour(0.35).for_weight(Kg(80.0)), MgPerHour(28.0));
        assert_eq!(MgPerHour(25.0).per_kg(Kg(80.0)), MgPerKgPerHour(0.3125));
        assert_eq!(MgPerHour(25.0).over(Hours(4.0)), Mg(100.0));
        assert_eq!(Mg(200.0).per_hours(Hours(4.0)), MgPerHour(50.0));
        assert_eq!(MgPerHour(50.0).pump_rate(MgPerMl(2.0)), MlPerHour(25.0));
        assert_eq!(MgPerKg(0.35).for_weight(Kg(100.0)), Mg(35.0));
    }

    #[test]
    fn divisions_never_produce_nan_or_infinity() {
        assert_eq!(MgPerHour(10.0).per_kg(Kg(0.0)), MgPerKgPerHour(0.0));
        assert_eq!(MgPerHour(10.0).pump_rate(MgPerMl(0.0)), MlPerHour(0.0));
        assert_eq!(Mg(10.0).per_hours(Hours(0.0)), MgPerHour(0.0));
    }

    #[test]
    fn a_weight_as_read_keeps_every_decimal_it_has() {
        for (kg, shown) in [
            (70.0, "70 kg"),
            (72.5, "72.5 kg"),
            (49.99, "49.99 kg"),
            (49.999, "49.999 kg"),
            (49.123456, "49.123456 kg"),
            (29.96, "29.96 kg"),
            (300.0, "300 kg"),
            (0.5, "0.5 kg"),
        ] {
            assert_eq!(Kg(kg).display_as_read(), shown, "{kg}");
        }
        // A computed weight with more decimals than a typed one can have is
        // cut at six (never shown longer than a weight could be typed).
        assert_eq!(Kg(102.27874123).display_as_read(), "102.278741 kg");
        for (cm, shown) in [
            (175.0, "175 cm"),
            (200.05, "200.05 cm"),
            (152.4, "152.4 cm"),
        ] {
            assert_eq!(Cm(cm).display_as_read(), shown, "{cm}");
        }
        // Every weight typed to 0.001 kg from 29 to 301 kg reads back as typed.
        for thousandths in 29_000..=301_000_u32 {
            let typed = format!("{}.{:03}", thousandths / 1000, thousandths % 1000);
            let kg: f64 = typed.parse().unwrap();
            let shown = Kg(kg).display_as_read();
            let number = shown.strip_suffix(" kg").unwrap().replace(',', "");
            assert_eq!(number.parse::<f64>().unwrap(), kg, "{typed}");
        }
    }

    #[test]
    fn display_delegates_to_the_one_formatter() {
        assert_eq!(Kg(102.27874).display(), "102.3 kg");
        assert_eq!(MgPerHour(24.499999999999996).display(), "24.5 mg/h");
        assert_eq!(McgPerKgPerMin(5.833333).display(), "5.8 mcg/kg/min");
        assert_eq!(Lb(154.32358).display(), "154.3 lb");
    }
}
