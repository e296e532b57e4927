//! The patient inputs, grouped as a clinician reads a chart: body,
//! condition, organ function, medications, genetics, safety screen, session.
//! Every change is an [`Action`]; errors come from the domain parser.

use crate::domain::dosing::card::Drug;
use yew::prelude::*;

use crate::domain::calculator::{field_text, height_hint, weight_hint, Action, Evaluation};
use crate::domain::dosing::format_number;
use crate::domain::dosing::input::{
    medication_entries, parse_bool, Cardiovascular, Cyp2b6, Field, HeightUnit, Hepatic,
    PainCondition, Psychosis, RawPatientInput, Sex, SubstanceUse, WeightUnit,
    STANDARD_CONCENTRATIONS_MG_PER_ML,
};
use crate::domain::dosing::limits::{
    CONCENTRATION_MAX_MG_PER_ML, CONCENTRATION_MIN_MG_PER_ML, INFUSION_NUMBER_MAX,
};
use crate::domain::dosing::medication::{catalogue, MedicationClass};

use super::fields::{field_error, CheckField, ChoiceField, TextField};

#[derive(Properties, PartialEq)]
pub struct PatientFormProps {
    pub input: RawPatientInput,
    pub evaluation: std::rc::Rc<Evaluation>,
    pub on_action: Callback<Action>,
    /// The drug of the scenario's card: the bag holds it.
    #[prop_or(Drug::Ketamine)]
    pub drug: Drug,
}

fn options<T: Copy + 'static>(
    all: &'static [T],
    id: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<(&'static str, &'static str)> {
    all.iter().map(|&v| (id(v), label(v))).collect()
}

/// One callback per field and per medication, made once for a given
/// `on_action`: a field whose value and error did not change then has equal
/// props and is not rendered again after each keystroke elsewhere.
struct Handlers {
    text: Vec<(Field, Callback<String>)>,
    flag: Vec<(Field, Callback<bool>)>,
    medication: Vec<(&'static str, Callback<bool>)>,
    /// Removes a medication entry this app does not know (as typed), then
    /// focuses the element of the given id once the form is drawn again.
    remove_unknown: Callback<(String, String)>,
}

/// The id of the element to focus once the form has been drawn again.
type FocusAfter = std::rc::Rc<std::cell::RefCell<Option<String>>>;

impl Handlers {
    fn new(on_action: &Callback<Action>, focus_after: FocusAfter) -> Self {
        let text = Field::ALL
            .iter()
            .map(|&f| {
                let cb = on_action.clone();
                (
                    f,
                    Callback::from(move |v: String| cb.emit(Action::SetField(f, v))),
                )
            })
            .collect();
        let flag = Field::ALL
            .iter()
            .map(|&f| {
                let cb = on_action.clone();
                (
                    f,
                    Callback::from(move |on: bool| cb.emit(Action::SetField(f, on.to_string()))),
                )
            })
            .collect();
        let medication = catalogue()
            .iter()
            .map(|m| {
                let id = m.medication.id();
                let cb = on_action.clone();
                (
                    id,
                    Callback::from(move |on: bool| {
                        cb.emit(Action::SetMedication(id.to_string(), on))
                    }),
                )
            })
            .collect();
        let cb = on_action.clone();
        let remove_unknown = Callback::from(move |(entry, next): (String, String)| {
            // The pressed button may be gone once the form is drawn again:
            // focus moves when the drawing is done (see `PatientForm`), in
            // the same task, not on a timer that depends on the order in
            // which the browser runs tasks.
            *focus_after.borrow_mut() = Some(next);
            cb.emit(Action::SetMedication(entry, false));
        });
        Handlers {
            text,
            flag,
            medication,
            remove_unknown,
        }
    }

    fn text(&self, f: Field) -> Callback<String> {
        self.text
            .iter()
            .find(|(g, _)| *g == f)
            .map(|(_, cb)| cb.clone())
            .unwrap_or_default()
    }

    fn flag(&self, f: Field) -> Callback<bool> {
        self.flag
            .iter()
            .find(|(g, _)| *g == f)
            .map(|(_, cb)| cb.clone())
            .unwrap_or_default()
    }

    fn medication(&self, id: &str) -> Callback<bool> {
        self.medication
            .iter()
            .find(|(m, _)| *m == id)
            .map(|(_, cb)| cb.clone())
            .unwrap_or_default()
    }
}

#[component]
pub fn PatientForm(props: &PatientFormProps) -> Html {
    let input = &props.input;
    let eval = &props.evaluation;
    let focus_after: FocusAfter = use_mut_ref(|| None::<String>);
    {
        let focus_after = focus_after.clone();
        use_effect(move || {
            if let Some(id) = focus_after.borrow_mut().take() {
                crate::platform::dom::focus_element(&id);
            }
        });
    }
    let handlers = use_memo(props.on_action.clone(), move |on_action| {
        Handlers::new(on_action, focus_after)
    });
    // "custom…" chosen in the bag list: its own field shows, with the figure
    // unchanged, until a listed concentration is chosen again.
    let custom_concentration = use_state_eq(|| false);
    let error = |f: Field| eval.field_error(f).map(|e| AttrValue::from(e.to_string()));
    let set = |f: Field| handlers.text(f);
    let set_flag = |f: Field| handlers.flag(f);
    let flag = |f: Field| parse_bool(f, field_text(input, f)).unwrap_or(false);
    let value = |f: Field| AttrValue::from(field_text(input, f).to_string());

    let weight_unit_switch = {
        let cb = props.on_action.clone();
        let on_change = Callback::from(move |picked: String| {
            let unit = WeightUnit::from_id(&picked).unwrap_or(WeightUnit::Kg);
            cb.emit(Action::SetWeightUnit(unit));
        });
        unit_switch(
            "weight-unit",
            "Weight unit",
            "weight-hint",
            input.weight_unit.id(),
            WeightUnit::ALL.iter().map(|u| u.id()).collect(),
            on_change,
        )
    };
    let height_unit_switch = {
        let cb = props.on_action.clone();
        let on_change = Callback::from(move |picked: String| {
            let unit = HeightUnit::from_id(&picked).unwrap_or(HeightUnit::Cm);
            cb.emit(Action::SetHeightUnit(unit));
        });
        unit_switch(
            "height-unit",
            "Height unit",
            "height-hint",
            input.height_unit.id(),
            HeightUnit::ALL.iter().map(|u| u.id()).collect(),
            on_change,
        )
    };
    let weight_hint = weight_hint(input);
    let height_hint = height_hint(input);

    html! {
        <div class="patient-form">
            <fieldset>
                <legend>{ "Body" }</legend>
                <TextField id="weight" label="Weight" value={value(Field::Weight)} hint={weight_hint}
                    error={error(Field::Weight)} on_input={set(Field::Weight)}>
                    { weight_unit_switch }
                </TextField>
                <TextField id="height" label="Height (for ideal body weight)" value={value(Field::Height)} hint={height_hint}
                    error={error(Field::Height)} on_input={set(Field::Height)}>
                    { height_unit_switch }
                </TextField>
                <ChoiceField id="sex" label="Sex (for ideal body weight)" value={value(Field::Sex)}
                    options={options(Sex::ALL, Sex::id, Sex::label)} error={error(Field::Sex)} on_change={set(Field::Sex)} />
                <TextField id="age" label="Age" unit="years" inputmode="numeric" value={value(Field::Age)}
                    hint="whole years; under 18 needs specialist guidance" error={error(Field::Age)} on_input={set(Field::Age)} />
            </fieldset>
            <fieldset>
                <legend>{ "Condition" }</legend>
                <ChoiceField id="pain" label="Pain condition" value={value(Field::Pain)}
                    options={options(PainCondition::ALL, PainCondition::id, PainCondition::label)}
                    error={error(Field::Pain)} on_change={set(Field::Pain)} />
            </fieldset>
            <fieldset>
                <legend>{ "Organ function" }</legend>
                <ChoiceField id="hepatic" label="Liver function" value={value(Field::Hepatic)}
                    options={options(Hepatic::ALL, Hepatic::id, Hepatic::label)}
                    error={error(Field::Hepatic)} on_change={set(Field::Hepatic)} />
                <ChoiceField id="cardiovascular" label="Heart and blood pressure" value={value(Field::Cardiovascular)}
                    options={options(Cardiovascular::ALL, Cardiovascular::id, Cardiovascular::label)}
                    error={error(Field::Cardiovascular)} on_change={set(Field::Cardiovascular)} />
                <CheckField id="renal_impairment" label="Renal impairment or dialysis" checked={flag(Field::RenalImpairment)}
                    error={error(Field::RenalImpairment)} on_change={set_flag(Field::RenalImpairment)} />
            </fieldset>
            <fieldset class="medications"
                aria-describedby={error(Field::Medications).map(|_| "medications-error")}>
                <legend>{ "Medications" }</legend>
                { medication_groups(input, error(Field::Medications), &handlers) }
            </fieldset>
            <fieldset>
                <legend>{ "Genetics" }</legend>
                <ChoiceField id="cyp2b6" label="CYP2B6 metaboliser status" value={value(Field::Cyp2b6)}
                    options={options(Cyp2b6::ALL, Cyp2b6::id, Cyp2b6::label)}
                    error={error(Field::Cyp2b6)} on_change={set(Field::Cyp2b6)} />
            </fieldset>
            <fieldset>
                <legend>{ "Safety screen" }</legend>
                <CheckField id="pregnant_or_breastfeeding" label="Pregnant or breastfeeding" checked={flag(Field::PregnantOrBreastfeeding)}
                    error={error(Field::PregnantOrBreastfeeding)} on_change={set_flag(Field::PregnantOrBreastfeeding)} />
                <ChoiceField id="psychosis" label="Psychosis" value={value(Field::Psychosis)}
                    options={options(Psychosis::ALL, Psychosis::id, Psychosis::label)}
                    error={error(Field::Psychosis)} on_change={set(Field::Psychosis)} />
                <ChoiceField id="substance_use" label="Substance misuse" value={value(Field::SubstanceUse)}
                    options={options(SubstanceUse::ALL, SubstanceUse::id, SubstanceUse::label)}
                    error={error(Field::SubstanceUse)} on_change={set(Field::SubstanceUse)} />
                <CheckField id="raised_iop" label="Raised intraocular pressure (e.g. glaucoma)" checked={flag(Field::RaisedIop)}
                    error={error(Field::RaisedIop)} on_change={set_flag(Field::RaisedIop)} />
                <CheckField id="raised_icp" label="Raised intracranial pressure" checked={flag(Field::RaisedIcp)}
                    error={error(Field::RaisedIcp)} on_change={set_flag(Field::RaisedIcp)} />
                <CheckField id="hypersensitivity" label="Known hypersensitivity (allergy) to ketamine" checked={flag(Field::Hypersensitivity)}
                    error={error(Field::Hypersensitivity)} on_change={set_flag(Field::Hypersensitivity)} />
            </fieldset>
            <fieldset>
                <legend>{ "Session" }</legend>
                <TextField id="infusion_number" label="Infusion (or day) of the course" inputmode="numeric"
                    value={value(Field::InfusionNumber)} hint={format!("1–{INFUSION_NUMBER_MAX}; the card's titration sets what each one gives")}
                    error={error(Field::InfusionNumber)} on_input={set(Field::InfusionNumber)} />
                { concentration_field(input, error(Field::Concentration), &props.on_action, &custom_concentration, props.drug) }
            </fieldset>
        </div>
    }
}

/// A unit list. The unit picked is handed to `on_pick`, and the list shows
/// the current unit again until the state says the unit changed: a switch
/// the domain refuses (a height with no exact value in inches) leaves the
/// list on the unit the field is in, not on the one picked.
fn unit_switch(
    id: &'static str,
    label: &'static str,
    described_by: &'static str,
    current: &'static str,
    units: Vec<&'static str>,
    on_pick: Callback<String>,
) -> Html {
    let on_change = Callback::from(move |e: Event| {
        let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
        let picked = select.value();
        // Back to the current unit at once: Yew sets the list's value only
        // when it differs from its last render, so a switch the state
        // refuses would otherwise leave the unit picked on show.
        select.set_value(current);
        on_pick.emit(picked);
    });
    html! {
        <select id={id} class="unit-switch" aria-label={label} aria-describedby={described_by} ~value={crate::platform::dom::live_value(current)} onchange={on_change}>
            { for units.into_iter().map(|u| html! { <option value={u} selected={u == current}>{ u }</option> }) }
        </select>
    }
}

fn medication_groups(
    input: &RawPatientInput,
    error: Option<AttrValue>,
    handlers: &Handlers,
) -> Html {
    let (selected, unknown) = medication_entries(&input.medications);
    let selected: Vec<&str> = selected.into_iter().map(|m| m.id()).collect();
    let all = catalogue();
    // The first checkbox drawn (groups in their order).
    let first_medicine = MedicationClass::ALL
        .iter()
        .find_map(|class| all.iter().find(|m| m.class == *class))
        .map_or_else(String::new, |m| format!("med-{}", m.medication.id()));
    html! {
        <>
            <p class="field-hint">{ "Tick every medicine or class the patient takes." }</p>
            { field_error("medications", None, error.as_ref()) }
            if !unknown.is_empty() {
                <ul class="unknown-medications" aria-label="Entries this app does not know">
                    { for unknown.iter().enumerate().map(|(i, entry)| {
                        // Then focus the entry that takes this one's place,
                        // the one before it, or (none left) the first medicine.
                        let next = match (i + 1 < unknown.len(), i.checked_sub(1)) {
                            (true, _) => format!("remove-medication-{i}"),
                            (false, Some(before)) => format!("remove-medication-{before}"),
                            (false, None) => first_medicine.clone(),
                        };
                        let remove = handlers.remove_unknown.reform({
                            let entry = entry.clone();
                            move |_: MouseEvent| (entry.clone(), next.clone())
                        });
                        html! {
                            <li>
                                <button type="button" id={format!("remove-medication-{i}")} data-testid="remove-unknown-medication" onclick={remove}>
                                    { format!("Remove \u{201c}{entry}\u{201d}") }
                                </button>
                            </li>
                        }
                    }) }
                </ul>
            }
            <div class="medication-groups">
                { for MedicationClass::ALL.iter().filter_map(|class| {
                    let members: Vec<_> = all.iter().filter(|m| m.class == *class).collect();
                    if members.is_empty() {
                        return None;
                    }
                    Some(html! {
                        <div class="medication-group" role="group" aria-label={class.label()}>
                            <span class="medication-class">{ class.label() }</span>
                            { for members.into_iter().map(|m| {
                                let id = m.medication.id();
                                html! {
                                    <CheckField id={format!("med-{id}")} label={m.medication.label()}
                                        checked={selected.contains(&id)} on_change={handlers.medication(id)} />
                                }
                            }) }
                        </div>
                    })
                }) }
            </div>
        </>
    }
}

fn concentration_field(
    input: &RawPatientInput,
    error: Option<AttrValue>,
    on_action: &Callback<Action>,
    custom: &UseStateHandle<bool>,
    drug: Drug,
) -> Html {
    let text = input.concentration_mg_per_ml.trim();
    let standard = STANDARD_CONCENTRATIONS_MG_PER_ML
        .iter()
        .map(|c| format_number(*c, 1))
        .find(|c| c == text);
    let show_custom = **custom || standard.is_none();
    let choice = match standard {
        Some(v) if !**custom => v,
        _ => "custom".to_string(),
    };
    let on_choice = {
        let cb = on_action.clone();
        let custom = custom.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            let v = select.value();
            // "Custom" keeps the current figure as a starting point to edit:
            // no pump rate changes until a figure is typed.
            custom.set(v == "custom");
            if v != "custom" {
                cb.emit(Action::SetField(Field::Concentration, v));
            }
        })
    };
    let on_custom = {
        let cb = on_action.clone();
        Callback::from(move |v: String| cb.emit(Action::SetField(Field::Concentration, v)))
    };
    html! {
        <>
            <div class="field">
                <label for="concentration">{ format!("Bag concentration ({})", drug.as_base()) }</label>
                <span class="field-control">
                    <select id="concentration" ~value={crate::platform::dom::live_value(&choice)} onchange={on_choice}>
                        { for STANDARD_CONCENTRATIONS_MG_PER_ML.iter().map(|c| {
                            let v = format_number(*c, 1);
                            let selected = choice == v;
                            let label = format!("{v} mg/mL");
                            html! { <option value={v} selected={selected}>{ label }</option> }
                        }) }
                        <option value="custom" selected={choice == "custom"}>{ "custom…" }</option>
                    </select>
                </span>
            </div>
            if show_custom {
                <TextField id="concentration_custom" field="concentration" label="Custom bag concentration" unit="mg/mL"
                    value={AttrValue::from(input.concentration_mg_per_ml.clone())}
                    hint={format!("{}–{} mg/mL", format_number(CONCENTRATION_MIN_MG_PER_ML, 1), format_number(CONCENTRATION_MAX_MG_PER_ML, 1))}
                    error={error} on_input={on_custom} />
            }
        </>
    }
}
