//! Pieces shared by the reference pages: citations, status and grade badges,
//! claim lists, tables and the side-effect list.

pub mod candidate_card;
pub mod cite_list;
pub mod claim_list;
pub mod consensus_table;
pub mod grade_badge;
pub mod regimen_table;
pub mod seed_table;
pub mod side_effect_card;
pub mod side_effect_list;
pub mod status_badge;
