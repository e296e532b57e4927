//! The calculator's pieces: input fields, card picker, result, breakdown
//! table and chart, titration ladder, scenario tabs, share link, print sheet.

pub mod announcer;
pub mod breakdown_chart;
pub mod breakdown_table;
pub mod card_summary;
pub mod fields;
pub mod patient_form;
pub mod print_sheet;
pub mod result_panel;
pub mod share_link;
pub mod sources;
