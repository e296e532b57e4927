//! Labelled form controls with their error message tied to the field
//! (`aria-describedby`, `aria-invalid`), as the user types.

use yew::prelude::*;

/// The message element id for a field id.
fn error_id(id: &str) -> String {
    format!("{id}-error")
}

/// The message under a field (or group of fields), with the id that the
/// field's `aria-describedby` points at; nothing when there is no error.
/// `field` is the domain field id when it differs from the element id.
pub fn field_error(id: &str, field: Option<&AttrValue>, error: Option<&AttrValue>) -> Html {
    let Some(error) = error else {
        return Html::default();
    };
    let field = field.map_or_else(|| id.to_string(), ToString::to_string);
    html! {
        <span class="field-error" id={error_id(id)} data-testid="field-error" data-field={field}>
            <span class="field-error-mark" aria-hidden="true">{ "! " }</span>{ error.clone() }
        </span>
    }
}

#[derive(Properties, PartialEq)]
pub struct TextFieldProps {
    /// Element id (also used by the label and error).
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    /// The unit shown beside the field (`kg`), if any.
    #[prop_or_default]
    pub unit: Option<AttrValue>,
    /// A hint under the label (accepted range), if any.
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    /// The error message, shown next to the field.
    #[prop_or_default]
    pub error: Option<AttrValue>,
    /// `decimal` or `numeric`: the on-screen keyboard on phones.
    #[prop_or(AttrValue::Static("decimal"))]
    pub inputmode: AttrValue,
    pub on_input: Callback<String>,
    /// The domain field id, when it differs from the element id.
    #[prop_or_default]
    pub field: Option<AttrValue>,
    /// Extra content after the input (a unit switch).
    #[prop_or_default]
    pub children: Html,
}

/// A text field for numbers ("72,5" and "72.5" are both accepted by the
/// domain parser, so it is `type="text"` with a numeric keyboard).
#[component]
pub fn TextField(props: &TextFieldProps) -> Html {
    {
        // An error that appears under the field being typed in is brought
        // into view (on a phone it could open under the sticky rate line).
        let id = props.id.clone();
        use_effect_with(props.error.is_some(), move |shown| {
            if *shown {
                crate::platform::dom::reveal_error_of_focused(&id, &error_id(&id));
            }
        });
    }
    let on_input = {
        let cb = props.on_input.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            cb.emit(input.value());
        })
    };
    let hint_id = format!("{}-hint", props.id);
    let describedby = match (&props.hint, &props.error) {
        (Some(_), Some(_)) => Some(format!("{hint_id} {}", error_id(&props.id))),
        (Some(_), None) => Some(hint_id.clone()),
        (None, Some(_)) => Some(error_id(&props.id)),
        (None, None) => None,
    };
    let invalid = props.error.as_ref().map(|_| "true");
    html! {
        <div class={classes!("field", props.error.as_ref().map(|_| "field-invalid"))}>
            <label for={props.id.clone()}>{ props.label.clone() }</label>
            if let Some(hint) = &props.hint {
                <span class="field-hint" id={hint_id}>{ hint.clone() }</span>
            }
            <span class="field-control">
                <input
                    id={props.id.clone()}
                    name={props.id.clone()}
                    type="text"
                    inputmode={props.inputmode.clone()}
                    autocomplete="off"
                    spellcheck="false"
                    value={props.value.clone()}
                    aria-invalid={invalid}
                    aria-describedby={describedby}
                    oninput={on_input}
                />
                if let Some(unit) = &props.unit {
                    <span class="field-unit" aria-hidden="true">{ unit.clone() }</span>
                }
                { props.children.clone() }
            </span>
            { field_error(&props.id, props.field.as_ref(), props.error.as_ref()) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct ChoiceFieldProps {
    /// The domain field id, when it differs from the element id.
    #[prop_or_default]
    pub field: Option<AttrValue>,
    pub id: AttrValue,
    pub label: AttrValue,
    /// The selected id (may be a value that is not an option: then an extra
    /// "not a valid choice" option keeps it visible).
    pub value: AttrValue,
    /// `(id, label)` pairs.
    pub options: Vec<(&'static str, &'static str)>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    pub on_change: Callback<String>,
}

#[component]
pub fn ChoiceField(props: &ChoiceFieldProps) -> Html {
    let on_change = {
        let cb = props.on_change.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            cb.emit(select.value());
        })
    };
    let known = props
        .options
        .iter()
        .any(|(id, _)| *id == props.value.as_str());
    html! {
        <div class={classes!("field", props.error.as_ref().map(|_| "field-invalid"))}>
            <label for={props.id.clone()}>{ props.label.clone() }</label>
            <span class="field-control">
                <select
                    id={props.id.clone()}
                    name={props.id.clone()}
                    ~value={crate::platform::dom::live_value(&props.value)}
                    aria-invalid={props.error.as_ref().map(|_| "true")}
                    aria-describedby={props.error.as_ref().map(|_| error_id(&props.id))}
                    onchange={on_change}
                >
                    if !known {
                        <option value={props.value.clone()} selected=true>
                            { format!("\"{}\" (not a valid choice)", props.value) }
                        </option>
                    }
                    { for props.options.iter().map(|(id, label)| html! {
                        <option value={*id} selected={*id == props.value.as_str()}>{ *label }</option>
                    }) }
                </select>
            </span>
            { field_error(&props.id, props.field.as_ref(), props.error.as_ref()) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct CheckFieldProps {
    /// The domain field id, when it differs from the element id.
    #[prop_or_default]
    pub field: Option<AttrValue>,
    pub id: AttrValue,
    pub label: AttrValue,
    pub checked: bool,
    /// A short explanation after the label, if any.
    #[prop_or_default]
    pub detail: Option<AttrValue>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    pub on_change: Callback<bool>,
}

#[component]
pub fn CheckField(props: &CheckFieldProps) -> Html {
    let on_change = {
        let cb = props.on_change.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            cb.emit(input.checked());
        })
    };
    html! {
        <div class={classes!("check", props.error.as_ref().map(|_| "field-invalid"))}>
            <input
                id={props.id.clone()}
                name={props.id.clone()}
                type="checkbox"
                checked={props.checked}
                aria-invalid={props.error.as_ref().map(|_| "true")}
                aria-describedby={props.error.as_ref().map(|_| error_id(&props.id))}
                onchange={on_change}
            />
            <label for={props.id.clone()}>
                { props.label.clone() }
                if let Some(detail) = &props.detail {
                    <span class="check-detail">{ " — " }{ detail.clone() }</span>
                }
            </label>
            { field_error(&props.id, props.field.as_ref(), props.error.as_ref()) }
        </div>
    }
}
